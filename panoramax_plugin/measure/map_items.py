"""The measure on the map: each ray, the point found and its 95 % ellipse.

Canvas items (``QgsRubberBand``, ``QgsVertexMarker``) in the canvas CRS, redrawn from the
session's state after each click; main thread only. Rays are drawn along their true bearing
(points computed on the ellipsoid, then projected), so they stay right in any CRS.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtGui import QColor

from ..compat import geometry_type
from ..core.measure_session import LONE_RAY_M

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
RAY_COLOR = QColor(25, 113, 194, 230)
POINT_COLOR = QColor(224, 49, 49)
ELLIPSE_COLOR = QColor(224, 49, 49, 200)
ELLIPSE_FILL = QColor(224, 49, 49, 50)
RAY_BEYOND = 1.3
"""A ray is drawn this much longer than the distance to the point it found."""
RAY_SAMPLES = 16


def ray_length_m(state, index: int) -> float:
    """How long to draw ray ``index``: past the point found, else a fixed length."""
    for result in (state.triangulation,):
        if result is not None and index < len(result.solutions):
            return max(result.solutions[index].distance_m * RAY_BEYOND, 5.0)
    ground = state.ground
    if ground is not None and index == 0:
        return max(ground.distance_m * RAY_BEYOND, 5.0)
    return LONE_RAY_M


class MeasureMapItems:
    """Owns the measure's canvas items; ``clear`` removes them."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.rays: list = []
        self.ellipse = None
        self.point = None
        self.geometries: dict = {}
        """What is drawn, in the canvas CRS: ``rays`` (list), ``ellipse``, ``point``."""

    def _transform(self) -> QgsCoordinateTransform:
        crs = self.canvas.mapSettings().destinationCrs()
        return QgsCoordinateTransform(WGS84, crs, QgsProject.instance())

    def show(self, state) -> None:
        """Draw ``state`` (a ``MeasureState``): its rays, and its point and ellipse if any."""
        self.clear()
        transform = self._transform()
        self.geometries = {"rays": [], "ellipse": None, "point": None}
        for index, ray in enumerate(state.rays):
            length = ray_length_m(state, index)
            points = [(ray.lon, ray.lat)] + [
                ray.point_at(length * k / RAY_SAMPLES) for k in range(1, RAY_SAMPLES + 1)
            ]
            geometry = QgsGeometry.fromPolylineXY(
                [transform.transform(QgsPointXY(lon, lat)) for lon, lat in points]
            )
            band = QgsRubberBand(self.canvas, geometry_type("line"))
            band.setColor(RAY_COLOR)
            band.setWidth(2)
            band.setZValue(1002)
            band.setToGeometry(geometry, None)
            self.rays.append(band)
            self.geometries["rays"].append(geometry)
        place = None
        result = state.triangulation
        if result is not None:
            place = (result.lon, result.lat)
            ring = [transform.transform(QgsPointXY(lon, lat)) for lon, lat in result.ellipse()]
            geometry = QgsGeometry.fromPolygonXY([ring])
            self.ellipse = QgsRubberBand(self.canvas, geometry_type("polygon"))
            self.ellipse.setColor(ELLIPSE_COLOR)
            self.ellipse.setFillColor(ELLIPSE_FILL)
            self.ellipse.setWidth(1)
            self.ellipse.setZValue(1002)
            self.ellipse.setToGeometry(geometry, None)
            self.geometries["ellipse"] = geometry
        elif state.ground is not None:
            place = (state.ground.lon, state.ground.lat)
        if place is not None:
            center = transform.transform(QgsPointXY(*place))
            self.point = QgsVertexMarker(self.canvas)
            self.point.setIconType(QgsVertexMarker.IconType.ICON_CROSS)
            self.point.setColor(POINT_COLOR)
            self.point.setIconSize(16)
            self.point.setPenWidth(3)
            self.point.setZValue(1003)
            self.point.setCenter(center)
            self.geometries["point"] = QgsGeometry.fromPointXY(center)
        self.canvas.refresh()

    def clear(self) -> None:
        scene = self.canvas.scene()
        for item in [*self.rays, self.ellipse, self.point]:
            if item is not None:
                scene.removeItem(item)
        self.rays, self.ellipse, self.point = [], None, None
        self.geometries = {}
