"""Preview a relative-heading fix before it is sent (issue #15 item 4).

The pictures of the chosen sequences (those loaded in the my-pictures layer) are drawn
as view cones turned by the new value, in a temporary rubber band on the canvas; the
viewer, if it shows one of them, turns its own cone too. ``clear`` puts everything back.

The instance computes each heading as the direction of travel (toward the next picture,
the last one keeping the previous direction) plus the relative heading: so does this.
"""

from __future__ import annotations

import math

from qgis.core import QgsDistanceArea, QgsPointXY
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtGui import QColor

from ..compat import geometry_type
from ..viewer.map_sync import CONE_PIXELS, cone_geometry

PREVIEW_FOV = 60.0
_ELLIPSOID = QgsDistanceArea()
_ELLIPSOID.setEllipsoid("WGS84")


def turned_headings(points, degrees: float) -> list:
    """Headings of ``points`` ((lon, lat) in travel order) with ``degrees`` relative to
    the direction of travel."""
    points = [QgsPointXY(x, y) for x, y in points]
    headings = []
    for n in range(len(points)):
        if len(points) < 2:
            travel = 0.0
        elif n + 1 < len(points):
            travel = math.degrees(_ELLIPSOID.bearing(points[n], points[n + 1]))
        else:
            travel = math.degrees(_ELLIPSOID.bearing(points[n - 1], points[n]))
        headings.append((travel + float(degrees)) % 360.0)
    return headings


class HeadingPreview:
    """Cones of the turned pictures on ``canvas``; ``viewer``: () -> the viewer's
    controller (``current`` picture, ``map_sync``) or None."""

    def __init__(self, canvas, pictures_layer, viewer=None):
        self.canvas = canvas
        self.pictures = pictures_layer
        self.viewer = viewer
        self.band = None
        self.headings: dict = {}  # picture id -> (lon, lat, heading)
        self.cones: dict = {}  # picture id -> cone geometry in the canvas CRS
        self._viewer_before = None

    def show(self, sequence_ids, degrees: float) -> int:
        """Draw the preview; the number of pictures shown turned."""
        self.clear()
        wanted = set(sequence_ids)
        by_sequence: dict = {}
        for feature in self.pictures.getFeatures():
            if feature["sequence_id"] in wanted and not feature.geometry().isNull():
                point = feature.geometry().asPoint()
                by_sequence.setdefault(feature["sequence_id"], []).append(
                    (feature["rank"] or 0, feature["id"], point.x(), point.y())
                )
        crs = self.canvas.mapSettings().destinationCrs()
        radius = CONE_PIXELS * self.canvas.mapUnitsPerPixel()
        self.band = QgsRubberBand(self.canvas, geometry_type("polygon"))
        self.band.setColor(QColor(25, 113, 194, 220))
        self.band.setFillColor(QColor(25, 113, 194, 60))
        self.band.setWidth(2)
        self.band.setZValue(999)
        for rows in by_sequence.values():
            rows.sort()
            headings = turned_headings([(x, y) for _r, _i, x, y in rows], degrees)
            for (_rank, picture_id, x, y), heading in zip(rows, headings):
                self.headings[picture_id] = (x, y, heading)
                cone = cone_geometry(crs, x, y, heading, PREVIEW_FOV, radius)
                self.cones[picture_id] = cone
                self.band.addGeometry(cone, None)
        self._turn_viewer()
        return len(self.headings)

    def _controller(self):
        try:
            return self.viewer() if self.viewer is not None else None
        except RuntimeError:  # the viewer was deleted
            return None

    def _turn_viewer(self) -> None:
        controller = self._controller()
        current = getattr(controller, "current", None)
        if current is None or current.id not in self.headings:
            return
        sync = controller.map_sync
        self._viewer_before = (controller, sync.last)
        lon, lat, heading = self.headings[current.id]
        fov = sync.last[3] if sync.last else None
        sync.show(lon, lat, heading, fov)

    def clear(self) -> None:
        if self.band is not None:
            self.canvas.scene().removeItem(self.band)
            self.band = None
        self.headings, self.cones = {}, {}
        if self._viewer_before is not None:
            controller, last = self._viewer_before
            self._viewer_before = None
            if last is not None:
                try:
                    controller.map_sync.show(*last)
                except RuntimeError:
                    pass
