"""A feature of the user's layer (any CRS, any geometry) as a core ``Target`` in WGS84.

Lines and polygons keep their vertices (curves segmentized) so that the core can pick,
for each picture, the point of the geometry it should look at.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProject,
    QgsWkbTypes,
)

from ..core.feature_pictures import Target, TargetError
from ..core.i18n import translate

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def feature_label(layer, feature) -> str:
    """What the user calls this feature: the layer's display expression, else its id."""
    try:
        from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

        expression = QgsExpression(layer.displayExpression())
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        context.setFeature(feature)
        value = expression.evaluate(context)
        if value not in (None, "") and not expression.hasEvalError():
            return str(value)
    except Exception:  # a broken display expression: fall back to the id
        pass
    return f"{layer.name()} #{feature.id()}"


def _paths(geometry: QgsGeometry) -> tuple[str, list]:
    """(kind, parts) of a WGS84 geometry: parts are lists of (lon, lat)."""
    kind = QgsWkbTypes.geometryType(geometry.wkbType())
    if kind == QgsWkbTypes.GeometryType.PointGeometry:
        points = [geometry.asPoint()] if not geometry.isMultipart() else geometry.asMultiPoint()
        return "point", [[(p.x(), p.y())] for p in points]
    if kind == QgsWkbTypes.GeometryType.LineGeometry:
        lines = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
        return "line", [[(p.x(), p.y()) for p in line] for line in lines if line]
    if kind == QgsWkbTypes.GeometryType.PolygonGeometry:
        polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
        return "polygon", [[(p.x(), p.y()) for p in poly[0]] for poly in polygons if poly]
    raise TargetError(
        translate("FeatureTargets", "This feature has no geometry Panoramax pictures could show.")
    )


def target_from_feature(layer, feature, context=None) -> Target:
    """The feature as a ``Target`` (WGS84); raises ``TargetError`` saying what is wrong."""
    geometry = QgsGeometry(feature.geometry())
    if geometry.isNull() or geometry.isEmpty():
        raise TargetError(
            translate(
                "FeatureTargets", "Feature {label} has no geometry: there is nothing to look for."
            ).format(label=feature_label(layer, feature))
        )
    crs = layer.crs()
    if not crs.isValid():
        raise TargetError(
            translate(
                "FeatureTargets",
                "Layer {layer} has no coordinate reference system: set one (Layer "
                "Properties > Source) so the plugin knows where its features are.",
            ).format(layer=layer.name())
        )
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    geometry = QgsGeometry(geometry)
    if crs != WGS84:
        context = context or QgsProject.instance().transformContext()
        try:
            geometry.transform(QgsCoordinateTransform(crs, WGS84, context))
        except QgsCsException as exc:
            raise TargetError(
                translate(
                    "FeatureTargets", "Feature {label} could not be placed on the globe: {error}"
                ).format(label=feature_label(layer, feature), error=str(exc))
            ) from exc
    kind, parts = _paths(geometry)
    parts = [part for part in parts if part]
    if not parts:
        raise TargetError(
            translate("FeatureTargets", "Feature {label} has an empty geometry.").format(
                label=feature_label(layer, feature)
            )
        )
    return Target(
        kind=kind,
        parts=tuple(tuple(part) for part in parts),
        feature_id=feature.id(),
        label=feature_label(layer, feature),
    )
