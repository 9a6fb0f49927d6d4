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
    """Type of a ``QgsField`` by name: string, int, long (64 bits), double, datetime, bool."""
    if _METATYPE:
        return {
            "string": QMetaType.Type.QString,
            "int": QMetaType.Type.Int,
            "long": QMetaType.Type.LongLong,
            "double": QMetaType.Type.Double,
            "datetime": QMetaType.Type.QDateTime,
            "bool": QMetaType.Type.Bool,
        }[kind]
    return {
        "string": QVariant.String,
        "int": QVariant.Int,
        "long": QVariant.LongLong,
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


def field_kind(field) -> str:
    """What a ``QgsField`` holds, by name: string, int, double, datetime, date, bool or
    other (``QgsField.type()`` is a ``QVariant.Type`` before QGIS 3.38, a
    ``QMetaType.Type`` from then on)."""
    if _METATYPE:
        T = QMetaType.Type
        kinds = {
            "string": (T.QString,),
            "int": (T.Int, T.UInt, T.LongLong, T.ULongLong),
            "double": (T.Double,),
            "datetime": (T.QDateTime,),
            "date": (T.QDate,),
            "bool": (T.Bool,),
        }
    else:
        V = QVariant
        kinds = {
            "string": (V.String,),
            "int": (V.Int, V.UInt, V.LongLong, V.ULongLong),
            "double": (V.Double,),
            "datetime": (V.DateTime,),
            "date": (V.Date,),
            "bool": (V.Bool,),
        }
    kind = field.type()
    for name, types in kinds.items():
        if kind in types:
            return name
    return "other"


def provider_can(layer, name: str) -> bool:
    """Whether the data provider of a vector layer has the capability ``name`` (AddFeatures,
    AddAttributes…): ``Qgis.VectorProviderCapability`` from QGIS 3.40,
    ``QgsVectorDataProvider.Capability`` before."""
    provider = layer.dataProvider()
    if provider is None:
        return False
    enum = getattr(Qgis, "VectorProviderCapability", None)
    if enum is None:
        from qgis.core import QgsVectorDataProvider

        enum = QgsVectorDataProvider.Capability
    return bool(provider.capabilities() & getattr(enum, name))


def layer_filters(*kinds: str):
    """Filters of a ``QgsMapLayerComboBox`` by name (point, line, polygon, vector, raster,
    writable: not read-only):
    ``Qgis.LayerFilter`` from QGIS 3.34, ``QgsMapLayerProxyModel.Filter`` before."""
    enum = getattr(Qgis, "LayerFilter", None)
    if enum is None:
        from qgis.core import QgsMapLayerProxyModel

        enum = QgsMapLayerProxyModel.Filter
    names = {
        "point": "PointLayer",
        "line": "LineLayer",
        "polygon": "PolygonLayer",
        "vector": "VectorLayer",
        "raster": "RasterLayer",
        "writable": "WritableLayer",
    }
    result = getattr(enum, names[kinds[0]])
    for kind in kinds[1:]:
        result = result | getattr(enum, names[kind])
    return result


def tools_add_feature(tools, layer, values: dict, geometry, parent=None):
    """``QgsVectorLayerTools.addFeature`` (the desktop's feature form) on every QGIS:
    3.22 takes (layer, defaultValues, defaultGeometry); later versions add parentWidget,
    showModal and hideParent (QGIS 3.38 routes them to ``addFeatureV2``). Returns
    ``(accepted, feature or None)``; the form is modal, so this returns once the user
    accepted or canceled it."""
    try:
        result = tools.addFeature(layer, values, geometry, parent, True, False)
    except TypeError:  # QGIS < 3.26: no parent, always modal
        result = tools.addFeature(layer, values, geometry)
    if isinstance(result, tuple):
        return bool(result[0]), (result[1] if len(result) > 1 else None)
    return bool(result), None


def active_layer():
    """The layer selected in QGIS's Layers panel; None outside the desktop (qgis_process,
    tests) or when none is."""
    try:
        from qgis.utils import iface
    except ImportError:
        return None
    return iface.activeLayer() if iface is not None else None
