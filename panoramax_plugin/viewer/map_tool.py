"""Click on the map to open a picture: nearest picture within a few pixels, else the
closest picture of the nearest sequence, else (no layers loaded) a search there."""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import pyqtSignal

PICTURE_PIXELS = 8
SEQUENCE_PIXELS = 15


def _nearest(layer, point, tolerance, request=None):
    """(feature, distance) of the feature nearest to ``point`` (within ``tolerance``,
    in layer units, unless None)."""
    request = request or QgsFeatureRequest()
    if tolerance is not None:
        request.setFilterRect(
            QgsRectangle(
                point.x() - tolerance,
                point.y() - tolerance,
                point.x() + tolerance,
                point.y() + tolerance,
            )
        )
    target = QgsGeometry.fromPointXY(point)
    best, best_distance = None, math.inf
    for feature in layer.getFeatures(request):
        distance = feature.geometry().distance(target)
        if tolerance is not None and distance > tolerance:
            continue
        if distance < best_distance:
            best, best_distance = feature, distance
    return best, best_distance


class PicturePickTool(QgsMapToolEmitPoint):
    """Emits ``picked(picture id, sequence id)``, or ``search_at(lon, lat, radius_deg)``."""

    picked = pyqtSignal(str, object)
    search_at = pyqtSignal(float, float, float)

    def __init__(self, canvas, layers_provider):
        super().__init__(canvas)
        self.canvas = canvas
        self.layers_provider = layers_provider  # () -> (pictures layer, sequences layer)

    def canvasReleaseEvent(self, event):
        self.pick(self.toMapCoordinates(event.pos()))

    def pick(self, map_point: QgsPointXY) -> None:
        pictures, sequences = self.layers_provider()
        crs = self.canvas.mapSettings().destinationCrs()
        units_per_pixel = self.canvas.mapUnitsPerPixel()
        if pictures is not None:
            to_layer = QgsCoordinateTransform(crs, pictures.crs(), QgsProject.instance())
            point = to_layer.transform(map_point)
            scale = self._layer_units_per_map_unit(to_layer, map_point)
            feature, _ = _nearest(pictures, point, PICTURE_PIXELS * units_per_pixel * scale)
            if feature is not None:
                self.picked.emit(feature["id"], feature["sequence_id"])
                return
            if sequences is not None:
                line, _ = _nearest(sequences, point, SEQUENCE_PIXELS * units_per_pixel * scale)
                if line is not None:
                    request = QgsFeatureRequest().setFilterExpression(
                        f"\"sequence_id\" = '{line['id']}'"
                    )
                    closest, _ = _nearest(pictures, point, None, request)
                    if closest is not None:
                        self.picked.emit(closest["id"], closest["sequence_id"])
                        return
        to_wgs84 = QgsCoordinateTransform(
            crs, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
        )
        point = to_wgs84.transform(map_point)
        scale = self._layer_units_per_map_unit(to_wgs84, map_point)
        self.search_at.emit(point.x(), point.y(), SEQUENCE_PIXELS * units_per_pixel * scale)

    @staticmethod
    def _layer_units_per_map_unit(transform, map_point) -> float:
        """How many target-CRS units one map unit is worth around ``map_point``."""
        a = transform.transform(map_point)
        b = transform.transform(QgsPointXY(map_point.x() + 1.0, map_point.y()))
        return max(1e-12, math.hypot(b.x() - a.x(), b.y() - a.y()))
