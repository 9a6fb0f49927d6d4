"""``qgis.PyQt`` on PyQt6, as QGIS 4 builds it: each module re-exports PyQt6's."""

from PyQt6 import sip  # noqa: F401  (``from qgis.PyQt import sip``, as QGIS 4 offers)
