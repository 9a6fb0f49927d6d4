"""QGIS and Qt version differences (3.22 … 4.x, Qt5 and Qt6) kept in one place."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QT_VERSION_STR, QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT
QT_MAJOR = int(QT_VERSION_STR.split(".")[0])

try:  # QGIS >= 3.38 wants QMetaType.Type for QgsField; Qt6 has no QVariant.Type at all
    from qgis.PyQt.QtCore import QMetaType

    _METATYPE = QGIS_VERSION_INT >= 33800
except ImportError:  # pragma: no cover - very old PyQt
    QMetaType = None
    _METATYPE = False


def field_type(kind: str):
    """Type of a ``QgsField`` by name: string, int, double, datetime, bool."""
    if _METATYPE:
        return {
            "string": QMetaType.Type.QString,
            "int": QMetaType.Type.Int,
            "double": QMetaType.Type.Double,
            "datetime": QMetaType.Type.QDateTime,
            "bool": QMetaType.Type.Bool,
        }[kind]
    return {
        "string": QVariant.String,
        "int": QVariant.Int,
        "double": QVariant.Double,
        "datetime": QVariant.DateTime,
        "bool": QVariant.Bool,
    }[kind]


def geometry_type(kind: str):
    """Geometry type by name (point, line, polygon): ``Qgis.GeometryType`` from QGIS 3.30,
    ``QgsWkbTypes.GeometryType`` before (its aliases are gone in QGIS 4)."""
    if hasattr(Qgis, "GeometryType"):
        return {
            "point": Qgis.GeometryType.Point,
            "line": Qgis.GeometryType.Line,
            "polygon": Qgis.GeometryType.Polygon,
        }[kind]
    from qgis.core import QgsWkbTypes

    return {
        "point": QgsWkbTypes.GeometryType.PointGeometry,
        "line": QgsWkbTypes.GeometryType.LineGeometry,
        "polygon": QgsWkbTypes.GeometryType.PolygonGeometry,
    }[kind]


def layer_filter(*kinds: str):
    """Filters of a ``QgsMapLayerComboBox`` by name (raster, point, line, polygon, vector),
    OR-ed: ``Qgis.LayerFilter`` from QGIS 3.34, ``QgsMapLayerProxyModel.Filter`` before."""
    names = {
        "raster": "RasterLayer",
        "point": "PointLayer",
        "line": "LineLayer",
        "polygon": "PolygonLayer",
        "vector": "VectorLayer",
    }
    enum = getattr(Qgis, "LayerFilter", None)
    if enum is None:
        from qgis.core import QgsMapLayerProxyModel

        enum = getattr(QgsMapLayerProxyModel, "Filter", QgsMapLayerProxyModel)
    value = None
    for kind in kinds:
        member = getattr(enum, names[kind])
        value = member if value is None else value | member
    return value
