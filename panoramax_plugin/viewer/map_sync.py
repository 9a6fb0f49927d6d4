"""The picture on the map: a marker and a view cone that follows the camera live.

The cone is drawn in the canvas CRS. In a projected CRS grid north is not true
north (meridian convergence, up to several degrees in Lambert-93), so the view
direction is found by projecting a point a few metres along the true bearing.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtGui import QColor

from ..compat import geometry_type
from ..core.geometry import view_cone

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
CONE_PIXELS = 70  # cone length on screen, whatever the zoom
_ELLIPSOID = QgsDistanceArea()
_ELLIPSOID.setEllipsoid("WGS84")


def map_direction(
    transform: QgsCoordinateTransform, lon: float, lat: float, bearing: float
) -> float:
    """The true ``bearing`` at (lon, lat) as an angle clockwise from the map's up axis."""
    ahead_wgs84 = _ELLIPSOID.computeSpheroidProject(
        QgsPointXY(lon, lat), 5.0, math.radians(bearing)
    )  # 5 m along the true bearing, on the WGS84 ellipsoid
    apex = transform.transform(QgsPointXY(lon, lat))
    ahead = transform.transform(ahead_wgs84)
    return math.degrees(math.atan2(ahead.x() - apex.x(), ahead.y() - apex.y())) % 360.0


def cone_geometry(
    canvas_crs, lon: float, lat: float, bearing: float, fov: float, radius: float
) -> QgsGeometry:
    """The view cone polygon in ``canvas_crs`` (radius in that CRS's units)."""
    transform = QgsCoordinateTransform(WGS84, canvas_crs, QgsProject.instance())
    apex = transform.transform(QgsPointXY(lon, lat))
    direction = map_direction(transform, lon, lat, bearing)
    ring = [QgsPointXY(x, y) for x, y in view_cone(apex.x(), apex.y(), direction, fov, radius)]
    return QgsGeometry.fromPolygonXY([ring])


class MapSync:
    """Owns the canvas items of the viewer; ``clear`` removes them all."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.marker = None
        self.cone = None
        self.follow = False
        self.last = None  # (lon, lat, bearing, fov)
        self._cone = None

    def _ensure_items(self) -> None:
        if self.marker is None:
            self.marker = QgsVertexMarker(self.canvas)
            self.marker.setIconType(QgsVertexMarker.IconType.ICON_CIRCLE)
            self.marker.setColor(QColor("#e8590c"))
            self.marker.setFillColor(QColor("#e8590c"))
            self.marker.setIconSize(12)
            self.marker.setPenWidth(2)
            self.marker.setZValue(1001)
        if self.cone is None:
            self.cone = QgsRubberBand(self.canvas, geometry_type("polygon"))
            self.cone.setColor(QColor(232, 89, 12, 200))
            self.cone.setFillColor(QColor(232, 89, 12, 70))
            self.cone.setWidth(2)
            self.cone.setZValue(1000)

    def show(self, lon: float, lat: float, bearing: float | None, fov: float | None) -> None:
        """Put the marker at the picture and the cone along ``bearing`` (None: no cone)."""
        self._ensure_items()
        crs = self.canvas.mapSettings().destinationCrs()
        point = QgsCoordinateTransform(WGS84, crs, QgsProject.instance()).transform(
            QgsPointXY(lon, lat)
        )
        self.marker.setCenter(point)
        self.last = (lon, lat, bearing, fov)
        if bearing is None:
            self.cone.reset(geometry_type("polygon"))
            self._cone = None
        else:
            radius = CONE_PIXELS * self.canvas.mapUnitsPerPixel()
            self._cone = cone_geometry(crs, lon, lat, bearing, fov or 60.0, radius)
            self.cone.setToGeometry(self._cone, None)
        if self.follow and not self.canvas.extent().contains(point):
            self.canvas.setCenter(point)
            self.canvas.refresh()

    def cone_geometry(self) -> QgsGeometry | None:
        """The cone drawn now, in the canvas CRS (None without a heading)."""
        return self._cone

    def clear(self) -> None:
        for item in (self.marker, self.cone):
            if item is not None:
                self.canvas.scene().removeItem(item)
        self.marker = self.cone = self._cone = None
