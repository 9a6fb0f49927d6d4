"""A thin stand-in for QGIS's ``qgis`` package, for the PyQt6 smoke test only (tests/qt6).

``qgis.PyQt.*`` re-exports PyQt6 as QGIS 4 does; ``qgis.core`` fakes the two names the
viewer widgets use (``Qgis.MessageLevel`` and ``QgsMessageLog``). Never on the path of
the normal test run, where the real QGIS is imported.
"""
