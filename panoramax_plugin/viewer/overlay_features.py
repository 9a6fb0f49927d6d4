"""The user's features near a picture, as overlay markers: which layers, which features.

Read on the main thread: a spatial-index request for a small rectangle plus a few hundred
features costs a few milliseconds in a GeoPackage or memory layer (measured by
``tests/benchmarks/bench_viewer_overlay.py``), far less than a frame of the 360° view, and
label expressions must be evaluated with the layer's expression context anyway.

Distances are measured in a local azimuthal equidistant projection centred on the picture
(metres, exact to the millimetre at these ranges), so "within 50 m" is the same in any
layer CRS; kept points are then given in EPSG:4326.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import geometry_type
from .overlay import OverlayMarker

PALETTE = (
    (255, 140, 0),
    (0, 200, 255),
    (120, 230, 40),
    (255, 60, 60),
    (200, 120, 255),
    (255, 230, 0),
    (0, 220, 160),
    (255, 120, 200),
)
"""Marker colours, one per chosen layer in order: bright, told apart on photos."""
MAX_FEATURES_PER_LAYER = 500
"""Features read at most per layer and picture: the view stays legible and fast."""
MAX_VERTICES_PER_FEATURE = 200
ALL_ATTRIBUTES = getattr(QgsFeatureRequest, "ALL_ATTRIBUTES", "#!allattributes!#")
PROJECT_SCOPE = "PanoramaxWorkbench"
PROJECT_KEY = "overlay_layers"


@dataclass(frozen=True)
class LayerChoice:
    """One layer to overlay and the expression its labels come from ("" for none)."""

    layer_id: str
    label_expression: str = ""


# --- persistence (in the project: layer ids mean nothing elsewhere) --------------------------


def read_choices(project) -> list[LayerChoice]:
    """The overlay layers saved in ``project`` (an unreadable entry gives none)."""
    text, _ok = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    try:
        items = json.loads(text) if text else []
        return [
            LayerChoice(str(item["layer"]), str(item.get("label", "")))
            for item in items
            if isinstance(item, dict) and item.get("layer")
        ]
    except (ValueError, TypeError, KeyError):
        return []


def write_choices(project, choices) -> None:
    items = [{"layer": c.layer_id, "label": c.label_expression} for c in choices]
    project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, json.dumps(items))


# --- collection -------------------------------------------------------------------------------


def local_crs(lon: float, lat: float) -> QgsCoordinateReferenceSystem:
    """Metres around ``(lon, lat)``: an azimuthal equidistant projection centred there."""
    return QgsCoordinateReferenceSystem.fromProj(
        f"+proj=aeqd +lat_0={lat:.9f} +lon_0={lon:.9f} +x_0=0 +y_0=0 +ellps=WGS84 "
        "+units=m +no_defs +type=crs"
    )


class FeatureCollector:
    """Reads the chosen layers' features near a picture; never raises.

    ``problems`` after :meth:`collect`: one line per layer that could not be read (no CRS,
    removed, a failing transform...), for the status line.
    """

    def __init__(self, project) -> None:
        self.project = project
        self.problems: list[str] = []

    def collect(self, choices, lon: float, lat: float, distance_m: float) -> list[OverlayMarker]:
        self.problems = []
        markers: list[OverlayMarker] = []
        if not (math.isfinite(lon) and math.isfinite(lat) and distance_m > 0):
            return markers
        local = local_crs(lon, lat)
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if not local.isValid():
            self.problems.append(f"no local projection at {lon}, {lat}")
            return markers
        context = self.project.transformContext()
        to_wgs84 = QgsCoordinateTransform(local, wgs84, context)
        for index, choice in enumerate(choices):
            layer = self.project.mapLayer(choice.layer_id)
            if not isinstance(layer, QgsVectorLayer):
                continue  # removed from the project since it was chosen
            color = PALETTE[index % len(PALETTE)]
            try:
                markers.extend(
                    self._layer_markers(layer, choice, local, to_wgs84, distance_m, color)
                )
            except Exception as exc:  # one odd layer must not hide the others
                self.problems.append(f"{layer.name()}: {exc}")
        return markers

    def _layer_markers(self, layer, choice, local, to_wgs84, distance_m, color):
        if not layer.isValid():
            self.problems.append(f"{layer.name()}: layer not valid")
            return []
        crs = layer.crs()
        if not crs.isValid():
            self.problems.append(f"{layer.name()}: the layer has no coordinate reference system")
            return []
        if not layer.isSpatial():
            return []
        context = self.project.transformContext()
        to_local = QgsCoordinateTransform(crs, local, context)
        area = QgsRectangle(-distance_m, -distance_m, distance_m, distance_m)
        try:
            rect = QgsCoordinateTransform(local, crs, context).transformBoundingBox(area)
        except QgsCsException:
            self.problems.append(f"{layer.name()}: too far from this picture's position")
            return []
        request = QgsFeatureRequest().setFilterRect(rect)
        request.setLimit(MAX_FEATURES_PER_LAYER)
        expression, expression_context = self._expression(layer, choice.label_expression)
        if expression is None:
            request.setNoAttributes()
        else:
            columns = expression.referencedColumns()
            if ALL_ATTRIBUTES not in columns:
                request.setSubsetOfAttributes(columns, layer.fields())
        markers = []
        for feature in layer.getFeatures(request):
            points = self._near_points(feature.geometry(), to_local, distance_m)
            if not points:
                continue
            label = self._label(feature, expression, expression_context)
            for chain, x, y, z in points:
                try:
                    wgs = to_wgs84.transform(QgsPointXY(x, y))
                except QgsCsException:
                    continue
                markers.append(
                    OverlayMarker(
                        wgs.x(), wgs.y(), z, label, layer.id(), feature.id(), color, chain
                    )
                )
        return markers

    @staticmethod
    def _expression(layer, text: str):
        """The prepared label expression and its context, or (None, None) without one."""
        if not text or not text.strip():
            return None, None
        expression = QgsExpression(text)
        if expression.hasParserError():
            return None, None
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        expression.prepare(context)
        return expression, context

    @staticmethod
    def _label(feature, expression, context) -> str:
        if expression is None:
            return ""
        context.setFeature(feature)
        value = expression.evaluate(context)
        if expression.hasEvalError() or value is None:
            return ""
        text = str(value)
        return "" if text == "NULL" else text

    @staticmethod
    def _near_points(geometry, to_local, distance_m):
        """``(chain, x, y, height)`` in local metres of what of ``geometry`` is in range.

        Vertices within range (consecutive ones share a chain and are drawn joined); when no
        vertex is, the nearest point of the geometry (of a polygon's outline) if in range.
        """
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            return []
        geometry = QgsGeometry(geometry)
        if QgsWkbTypes.isCurvedType(geometry.wkbType()):
            geometry = QgsGeometry(geometry.constGet().segmentize())
        try:
            geometry.transform(to_local)
        except QgsCsException:
            return []
        limit = distance_m * distance_m
        kept = []
        chain = 0
        for part in geometry.constGet().coordinateSequence():
            for ring in part:
                previous_in = False
                for point in ring[: MAX_VERTICES_PER_FEATURE * 4]:
                    x, y = point.x(), point.y()
                    inside = math.isfinite(x) and math.isfinite(y) and x * x + y * y <= limit
                    if inside:
                        if not previous_in:
                            chain += 1
                        z = point.z() if point.is3D() else 0.0
                        kept.append((chain, x, y, z if math.isfinite(z) else 0.0))
                    previous_in = inside
                    if len(kept) >= MAX_VERTICES_PER_FEATURE:
                        return kept
        if kept:
            return kept
        if geometry.type() == geometry_type("point"):
            return []
        outline = geometry
        if geometry.type() == geometry_type("polygon"):
            outline = QgsGeometry(geometry.constGet().boundary())
        nearest = outline.nearestPoint(QgsGeometry.fromPointXY(QgsPointXY(0.0, 0.0)))
        if nearest.isNull() or nearest.isEmpty():
            return []
        point = nearest.asPoint()
        if point.x() ** 2 + point.y() ** 2 > limit:
            return []
        return [(None, point.x(), point.y(), 0.0)]
