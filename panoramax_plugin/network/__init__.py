"""QGIS side of HTTP: the core's requests routed through QGIS networking."""
