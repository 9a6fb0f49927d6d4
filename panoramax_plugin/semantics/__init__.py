"""Tags, reports and "my reports" in QGIS (issue #14): dialogs, the viewer's tags section
and the wiring that sends them through ``core.semantics_api``."""
