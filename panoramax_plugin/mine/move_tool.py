"""Move one of my pictures by dragging its point on the map (issue #15 item 4).

Press on a point of the my-pictures layer, drag (a marker follows), release: the new
position, in WGS84, goes to ``MineActions.move_picture`` (checked there: farther than
1 km asks first; sent in a task, read back). Escape cancels the drag; nothing is sent
before the release.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsProject,
)
from qgis.gui import QgsMapTool, QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtCore import QPoint, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..compat import geometry_type
from ..viewer.map_tool import _nearest

PICK_PIXELS = 10
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class MovePictureTool(QgsMapTool):
    """Drag a picture of ``actions.loader.pictures``; ``moved`` gives the task (or None)."""

    moved = pyqtSignal(object)

    def __init__(self, canvas, actions):
        super().__init__(canvas)
        self.canvas = canvas
        self.actions = actions
        self.dragged = None  # (sequence id, picture id, (lon, lat) before)
        self.marker = None
        self.line = None  # from where the picture was to where it goes
        self._origin = None

    # ------------------------------------------------------------------ helpers
    def _to_wgs84(self):
        crs = self.canvas.mapSettings().destinationCrs()
        return QgsCoordinateTransform(crs, WGS84, QgsProject.instance())

    def _picture_at(self, pixel):
        """The picture point under ``pixel`` (a canvas position), or None. Raises
        QgsCsException where the map's projection has no longitude/latitude."""
        layer = self.actions.loader.pictures.layer
        transform = self._to_wgs84()
        point = transform.transform(self.toMapCoordinates(pixel))
        # the tolerance in degrees: PICK_PIXELS measured beside the clicked point
        beside = QPoint(pixel.x() + PICK_PIXELS, pixel.y())
        aside = transform.transform(self.toMapCoordinates(beside))
        tolerance = max(abs(aside.x() - point.x()), abs(aside.y() - point.y()), 1e-7)
        feature, _distance = _nearest(layer, point, tolerance)
        return feature

    def _off_the_earth(self) -> None:
        """A press or release where the map's projection has no longitude/latitude (the
        corner of a polar or world map): the drag is dropped and nothing is sent."""
        self.cancel()
        self.actions.logger.warning(
            self.tr("That place of the map has no longitude/latitude: nothing was moved."),
            push=True,
        )

    def _show_marker(self, map_point) -> None:
        if self.marker is None:
            self.marker = QgsVertexMarker(self.canvas)
            self.marker.setIconType(QgsVertexMarker.IconType.ICON_CROSS)
            self.marker.setColor(QColor("#1971c2"))
            self.marker.setIconSize(16)
            self.marker.setPenWidth(3)
            self.marker.setZValue(1002)
        self.marker.setCenter(map_point)
        if self._origin is not None:
            if self.line is None:
                self.line = QgsRubberBand(self.canvas, geometry_type("line"))
                self.line.setColor(QColor(25, 113, 194, 200))
                self.line.setWidth(2)
                self.line.setZValue(1001)
            self.line.reset(geometry_type("line"))
            self.line.addPoint(self._origin, False)
            self.line.addPoint(map_point, True)

    def _drop_marker(self) -> None:
        for item in (self.marker, self.line):
            if item is not None:
                self.canvas.scene().removeItem(item)
        self.marker = self.line = self._origin = None
        self.line = None  # from where the picture was to where it goes
        self._origin = None

    # ------------------------------------------------------------------ events
    def canvasPressEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            self.cancel()  # a right click during a drag cancels it, as Escape does
            return
        map_point = self.toMapCoordinates(event.pos())
        try:
            feature = self._picture_at(event.pos())
            if feature is None:
                self.dragged = None
                return
            where = feature.geometry().asPoint()
            crs = self.canvas.mapSettings().destinationCrs()
            origin = QgsCoordinateTransform(WGS84, crs, QgsProject.instance()).transform(where)
        except QgsCsException:
            self._off_the_earth()
            return
        self.dragged = (feature["sequence_id"], feature["id"], (where.x(), where.y()))
        self._origin = origin
        self._show_marker(map_point)

    def canvasMoveEvent(self, event):
        if self.dragged is not None:
            self._show_marker(self.toMapCoordinates(event.pos()))

    def canvasReleaseEvent(self, event):
        if self.dragged is None or event.button() != Qt.MouseButton.LeftButton:
            return
        sequence_id, picture_id, before = self.dragged
        self.dragged = None
        self._drop_marker()
        try:
            point = self._to_wgs84().transform(self.toMapCoordinates(event.pos()))
        except QgsCsException:
            self._off_the_earth()
            return
        task = self.actions.move_picture(
            sequence_id, picture_id, (point.x(), point.y()), previous=before
        )
        self.moved.emit(task)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()

    def cancel(self) -> None:
        """Forget the drag under way: nothing is sent."""
        self.dragged = None
        self._drop_marker()

    def deactivate(self):
        self.cancel()
        super().deactivate()
