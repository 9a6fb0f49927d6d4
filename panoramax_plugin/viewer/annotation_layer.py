"""A picture's annotations drawn over the flat and the 360° views, and hit tested.

Per picture (:meth:`AnnotationLayer.set_annotations`) each annotation's outline is turned
into directions (360°) once, its label text and its culling cone computed; per frame only
the directions of annotations near the view are projected (:mod:`..core.annotation_geometry`
through :func:`~..core.view_geometry.view_point`) and stroked. Labels are cached sprites
(as :mod:`.overlay_painter` does). Human annotations: solid amber outline; detections:
dashed cyan outline, their confidence in the label ("FR:B14 · 87 %").

Text from the server is drawn as plain text (``drawText``), never as markup; the tooltip
escapes it.
"""

from __future__ import annotations

import html
import math
from typing import NamedTuple, Optional

from qgis.PyQt.QtCore import QCoreApplication, QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPen, QPolygonF

from ..core import annotation_geometry as ag
from ..core.camera import Camera
from ..core.view_geometry import equirect_direction, view_points
from .overlay import FlatPose, PanoPose, _unit, _view_cone_cos
from .overlay_painter import OverlayPainter, _ratio

HUMAN_COLOR = QColor(255, 196, 0)
DETECTION_COLOR = QColor(0, 220, 255)
SELECTED_COLOR = QColor(255, 64, 160)
SHADOW = QColor(16, 16, 16)  # opaque: no blending, cheaper per frame
DRAFT_COLOR = QColor(255, 255, 255)


def label_text(annotation) -> str:
    """What an annotation's label says: its main tag's value (or ``key=value`` when the
    key is not a well-known one), and a detection's confidence."""
    tag = annotation.main_tag
    if tag is None:
        text = QCoreApplication.translate("AnnotationLayer", "(no tag)")
    elif tag.key.startswith("osm|"):
        text = tag.value
    else:
        text = tag.text
    if annotation.is_detection:
        confidence = annotation.confidence
        if confidence is not None and math.isfinite(confidence):
            percent = confidence * 100.0 if confidence <= 1.0 else confidence
            text = f"{text} · {percent:.0f} %"
    return text


def tooltip_html(annotation) -> str:
    """Every tag of an annotation, one a line, escaped (a value's markup shows as text)."""
    if annotation.is_detection:
        head = QCoreApplication.translate("AnnotationLayer", "Detection")
    else:
        head = QCoreApplication.translate("AnnotationLayer", "Annotation")
    lines = [f"<b>{html.escape(head)}</b>"]
    lines += [html.escape(tag.text) for tag in annotation.tags]
    return "<p style='white-space:pre'>" + "<br>".join(lines) + "</p>"


class _Prepared(NamedTuple):
    annotation: object
    label: str
    units: list  # 360°: unit vectors of the outline's directions (direction_units)
    label_direction: tuple
    centre_unit: tuple  # 360°: unit vector of the box centre (culling)
    radius_deg: float  # 360°: angle from the centre to the farthest outline point
    label_unit: tuple = (0.0, 0.0, 1.0)


class AnnotationLayer:
    """The annotations of the picture shown, for one view kind at a time."""

    def __init__(self) -> None:
        self.visible = True
        self.annotations: tuple = ()
        self.source_size: Optional[tuple] = None  # annotations' pixel frame
        self.is_360 = False
        self.selected_id: Optional[str] = None
        self.draft: Optional[QRectF] = None  # a box being dragged (widget pixels)
        self._prepared: list[_Prepared] = []
        self._sprites = OverlayPainter()  # its label sprites (cached text images)
        self._placed_key = None
        self._placed: list = []  # [(prepared, polylines, label point)]
        self.revision = 0

    # --- what to draw -----------------------------------------------------------------

    def set_annotations(self, annotations, source_size, is_360: bool) -> None:
        """The picture's annotations, in the pixels of a ``source_size`` (w, h) picture."""
        self.annotations = tuple(annotations or ())
        self.source_size = source_size
        self.is_360 = bool(is_360)
        self._prepare()

    def clear(self) -> None:
        self.set_annotations((), None, False)

    def _prepare(self) -> None:
        self.revision += 1
        self._placed_key = None
        prepared = []
        size = self.source_size
        for annotation in self.annotations:
            try:
                prepared.append(self._prepare_one(annotation, size))
            except (ArithmeticError, ValueError, TypeError):
                continue  # a hostile shape loses only itself
        self._prepared = prepared

    def _prepare_one(self, annotation, size) -> _Prepared:
        label = label_text(annotation)
        if not self.is_360 or size is None:
            return _Prepared(annotation, label, [], (0.0, 0.0), (0.0, 0.0, 1.0), 180.0)
        width, height = size
        directions = ag.pano_outline_directions(annotation.polygon, width, height)
        points = ag.unwrapped_columns(annotation.polygon, width)
        cx = (min(x for x, _ in points) + max(x for x, _ in points)) / 2.0
        cy = (min(y for _, y in points) + max(y for _, y in points)) / 2.0
        yaw, pitch = equirect_direction(cx, cy, width, height)
        centre = _unit(yaw, pitch)
        radius = 0.0
        for d_yaw, d_pitch in directions:
            ux, uy, uz = _unit(d_yaw, d_pitch)
            dot = max(-1.0, min(1.0, ux * centre[0] + uy * centre[1] + uz * centre[2]))
            radius = max(radius, math.degrees(math.acos(dot)))
        label_dir = ag.pano_label_direction(annotation.polygon, width, height)
        units = ag.direction_units(directions)
        label_unit = ag.direction_units([label_dir])[0]
        return _Prepared(annotation, label, units, label_dir, centre, radius, label_unit)

    # --- placing: per frame, cached for painting then hit testing ----------------------

    def place(self, pose) -> list:
        key = (self.revision, pose)
        if key == self._placed_key:
            return self._placed
        placed = []
        if isinstance(pose, PanoPose) and self.is_360 and self.source_size is not None:
            camera: Camera = pose.camera
            cx, cy, cz = _unit(camera.yaw, camera.pitch)
            cone = _view_cone_cos(camera, pose.width, pose.height, 0.0)
            view_angle = math.degrees(math.acos(max(-1.0, min(1.0, cone))))
            for item in self._prepared:
                ux, uy, uz = item.centre_unit
                limit = view_angle + item.radius_deg + 1.0
                if limit < 180.0 and ux * cx + uy * cy + uz * cz < math.cos(math.radians(limit)):
                    continue  # wholly outside the view
                lines = ag.view_polylines(item.units, camera, pose.width, pose.height)
                if not lines:
                    continue
                label_at = view_points(camera, (item.label_unit,), pose.width, pose.height)[0]
                placed.append((item, lines, label_at))
        elif isinstance(pose, FlatPose) and not self.is_360:
            size = self.source_size or (pose.image_width, pose.image_height)
            scale = pose.image_width / max(size[0], 1)
            for item in self._prepared:
                ring = ag.flat_view_points(
                    item.annotation.polygon, scale, pose.zoom, pose.offset_x, pose.offset_y
                )
                minx, miny = item.annotation.box[0], item.annotation.box[1]
                label_at = ag.flat_view_points(
                    ((minx, miny),), scale, pose.zoom, pose.offset_x, pose.offset_y
                )[0]
                placed.append((item, [ring], label_at))
        self._placed, self._placed_key = placed, key
        return placed

    # --- painting -----------------------------------------------------------------------

    def paint(self, painter, pose) -> None:
        if self.visible and self._prepared:
            placed = self.place(pose)
            if placed:
                self._paint(painter, placed)
        if self.draft is not None:
            painter.save()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for pen in (QPen(SHADOW, 4.0), QPen(DRAFT_COLOR, 1.5, Qt.PenStyle.DashLine)):
                painter.setPen(pen)
                painter.drawRect(self.draft.normalized())
            painter.restore()

    def _paint(self, painter, placed) -> None:
        painter.save()
        try:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setRenderHint(painter.RenderHint.Antialiasing, False)
            shadow = QPen(SHADOW, 4.0)
            human = QPen(HUMAN_COLOR, 2.0)
            detection = QPen(DETECTION_COLOR, 2.0, Qt.PenStyle.DashLine)
            selected = QPen(SELECTED_COLOR, 2.5)
            groups = {"human": [], "detection": [], "selected": []}
            for item, lines, _label in placed:
                annotation = item.annotation
                if annotation.id == self.selected_id:
                    kind = "selected"
                else:
                    kind = "detection" if annotation.is_detection else "human"
                groups[kind] += [QPolygonF([QPointF(x, y) for x, y in line]) for line in lines]
            painter.setPen(shadow)
            for polygons in groups.values():
                for polygon in polygons:
                    painter.drawPolyline(polygon)
            for kind, pen in (("human", human), ("detection", detection), ("selected", selected)):
                painter.setPen(pen)
                for polygon in groups[kind]:
                    painter.drawPolyline(polygon)
            ratio = _ratio(painter)
            font = painter.font()
            for item, _lines, label_at in placed:
                if label_at is None:
                    continue
                color = (0, 220, 255) if item.annotation.is_detection else (255, 196, 0)
                sprite = self._sprites.label_sprite(item.label, font, ratio, color, 3)
                height = sprite.height() / ratio
                painter.drawImage(
                    QPointF(round(label_at[0]), round(label_at[1] - height - 2)), sprite
                )
        finally:
            painter.restore()

    # --- hit testing --------------------------------------------------------------------

    def annotation_at(self, pose, x: float, y: float):
        """The smallest annotation whose outline holds widget point ``(x, y)``, or None."""
        if not self.visible or not self._prepared or pose is None:
            return None
        hits = []
        if isinstance(pose, PanoPose) and self.is_360 and self.source_size is not None:
            width, height = self.source_size
            col, row = ag.pano_source_point(
                pose.camera, x, y, pose.width, pose.height, width, height
            )
            for item in self._prepared:
                if ag.contains_wrapped(item.annotation.polygon, col, row, width):
                    hits.append(item.annotation)
        elif isinstance(pose, FlatPose) and not self.is_360:
            size = self.source_size or (pose.image_width, pose.image_height)
            scale = pose.image_width / max(size[0], 1)
            sx, sy = ag.flat_source_point(x, y, scale, pose.zoom, pose.offset_x, pose.offset_y)
            for item in self._prepared:
                if ag.contains(item.annotation.polygon, sx, sy):
                    hits.append(item.annotation)
        if not hits:
            return None
        return min(hits, key=lambda a: (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]))

    # --- the box a user drags -----------------------------------------------------------

    def source_box(self, pose, rect: QRectF) -> Optional[tuple]:
        """Source-pixel box of a widget rectangle dragged over the view (None: no picture)."""
        if pose is None or self.source_size is None and isinstance(pose, PanoPose):
            return None
        r = rect.normalized()
        corners = (r.left(), r.top(), r.right(), r.bottom())
        if isinstance(pose, PanoPose):
            width, height = self.source_size
            return ag.view_rect_to_equirect_box(
                pose.camera, corners, pose.width, pose.height, width, height
            )
        size = self.source_size or (pose.image_width, pose.image_height)
        scale = pose.image_width / max(size[0], 1)
        return ag.view_rect_to_flat_box(
            corners, scale, pose.zoom, pose.offset_x, pose.offset_y, size[0], size[1]
        )
