"""``qgis.PyQt`` on PyQt6, as QGIS 4 builds it: each module re-exports PyQt6's."""
