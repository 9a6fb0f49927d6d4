"""A picture's annotations drawn over the flat and the 360° views, and hit tested.

Per picture (:meth:`AnnotationLayer.set_annotations`) each annotation's outline is turned
into directions (360°) once, its label text and its culling cone computed, and every
outline's unit vectors put in one array; per frame the annotations near the view are
projected in one numpy pass (:mod:`.annotation_projection`: the operations of
:func:`~..core.view_geometry.view_points`, same pixels) and their segments stroked with one
``drawLines`` call per pen. Labels are cached sprites (as :mod:`.overlay_painter` does).
Human annotations: solid amber outline; detections: dashed cyan outline, their confidence
in the label ("FR:B14 · 87 %"). Every outline on a dark shadow, except in the frames of a
drag (see :meth:`AnnotationLayer.paint`).

Text from the server is drawn as plain text (``drawText``), never as markup; the tooltip
escapes it.
"""

from __future__ import annotations

import html
import math
from typing import NamedTuple, Optional

import numpy as np
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QPainter, QPen

from ..core import annotation_geometry as ag
from ..core.camera import Camera
from ..core.view_geometry import equirect_direction
from . import annotation_projection as ap
from .overlay import FlatPose, PanoPose, _unit, _view_cone_cos
from .overlay_painter import OverlayPainter, _ratio

HUMAN_COLOR = QColor(255, 196, 0)
DETECTION_COLOR = QColor(0, 220, 255)
SELECTED_COLOR = QColor(255, 64, 160)
SHADOW = QColor(16, 16, 16)  # opaque: no blending, cheaper per frame
DRAFT_COLOR = QColor(255, 255, 255)
SHADOW_PEN = QPen(SHADOW, 4.0)
HUMAN_PEN = QPen(HUMAN_COLOR, 2.0)
DETECTION_PEN = QPen(DETECTION_COLOR, 2.0)
DETECTION_DASHED_PEN = QPen(DETECTION_COLOR, 2.0, Qt.PenStyle.DashLine)
SELECTED_PEN = QPen(SELECTED_COLOR, 2.5)
HUMAN, DETECTION, SELECTED = 0, 1, 2  # how an outline is stroked
DASH_ON, DASH_OFF = 4.0, 2.0
"""A detection's dashes, in pen widths: Qt's ``DashLine`` (with square caps, each dash
grows by half a width at both ends)."""


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
        self._frame_key = None
        self._frame: Optional[_Frame] = None  # what paint strokes for the last pose
        self._arrays: Optional[_Arrays] = None  # 360°: every outline in one array
        self._label_sprites: dict = {}  # (prepared index, font key, ratio) -> sprite
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
        self._placed_key = self._frame_key = None
        prepared = []
        size = self.source_size
        for annotation in self.annotations:
            try:
                prepared.append(self._prepare_one(annotation, size))
            except (ArithmeticError, ValueError, TypeError):
                continue  # a hostile shape loses only itself
        self._prepared = prepared
        self._label_sprites.clear()
        self._arrays = _arrays(prepared) if self.is_360 and size is not None else None

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
        """``[(prepared, polylines, label point)]`` of the annotations showing for
        ``pose``, in the annotations' order: each polyline an N×2 array of widget pixels,
        the label point None when behind the camera. Cached for the last pose."""
        key = (self.revision, pose)
        if key == self._placed_key:
            return self._placed
        frame = self._frame_for(pose)
        prepared = self._prepared
        placed = []
        if frame is not None:
            lines: dict = {}
            ends = frame.first.nonzero()[0].tolist()[1:] + [len(frame.first)]
            begin = 0
            for end in ends:  # a polyline: a run of joined segments
                segments = frame.pairs[begin:end]
                line = np.concatenate((segments[:, 0], segments[-1:, 1]))
                lines.setdefault(int(frame.owners[begin]), []).append(line)
                begin = end
            placed = [
                (prepared[index], lines[index], label_at)
                for index, label_at in sorted(zip(frame.indices, frame.labels))
            ]
        self._placed, self._placed_key = placed, key
        return placed

    def _frame_for(self, pose) -> Optional[_Frame]:
        """The segments and labels to paint for ``pose`` (cached for the last pose)."""
        key = (self.revision, pose)
        if key != self._frame_key:
            frame = None
            if isinstance(pose, PanoPose) and self.is_360 and self.source_size is not None:
                if self._arrays is not None:
                    frame = _frame_360(self._arrays, pose)
            elif isinstance(pose, FlatPose) and not self.is_360:
                frame = self._frame_flat(pose)
            self._frame, self._frame_key = frame, key
        return self._frame

    def _frame_flat(self, pose: FlatPose) -> Optional[_Frame]:
        size = self.source_size or (pose.image_width, pose.image_height)
        scale = pose.image_width / max(size[0], 1)
        rings, labels, kinds = [], [], []
        for item in self._prepared:
            ring = ag.flat_view_points(
                item.annotation.polygon, scale, pose.zoom, pose.offset_x, pose.offset_y
            )
            minx, miny = item.annotation.box[0], item.annotation.box[1]
            labels.append(
                ag.flat_view_points(
                    ((minx, miny),), scale, pose.zoom, pose.offset_x, pose.offset_y
                )[0]
            )
            rings.append(ring)
            kinds.append(item.annotation.is_detection)
        # humans' outlines first: each kind is one run of segments
        order = sorted(range(len(rings)), key=lambda index: (kinds[index], index))
        order = [index for index in order if len(rings[index]) > 1]
        if not order:
            return None
        pairs, owners, first = [], [], []
        for index in order:
            ring = rings[index]
            pairs += [(a, b) for a, b in zip(ring, ring[1:])]
            owners += [index] * (len(ring) - 1)
            first += [True] + [False] * (len(ring) - 2)
        humans = sum(1 for index in order if not kinds[index])
        return _Frame(
            np.array(pairs, dtype=float).reshape(-1, 2, 2),
            np.array(owners, dtype=np.intp),
            np.array(first, dtype=bool),
            order,
            [labels[index] for index in order],
            sum(len(rings[index]) - 1 for index in order[:humans]),
        )

    # --- painting -----------------------------------------------------------------------

    def paint(self, painter, pose, moving: bool = False) -> None:
        """Draw the annotations for ``pose``. ``moving``: a frame of a drag, which the
        view shows as a preview; the outlines go without their shadow and a detection's
        dashes are left to Qt's dashed pen, which starts its pattern afresh at each
        segment of the outline (slightly uneven dashes, for about a third of the cost of
        cutting them evenly). The still frame that ends a drag has both."""
        if self.visible and self._prepared:
            frame = self._frame_for(pose)
            if frame is not None:
                self._paint(painter, frame, moving)
        if self.draft is not None:
            painter.save()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for pen in (QPen(SHADOW, 4.0), QPen(DRAFT_COLOR, 1.5, Qt.PenStyle.DashLine)):
                painter.setPen(pen)
                painter.drawRect(self.draft.normalized())
            painter.restore()

    def _paint(self, painter, frame: _Frame, moving: bool = False) -> None:
        """Outlines as straight segments (``drawLines``: Qt's fast path for wide pens;
        square caps close the corners), every one on its shadow; a detection's dashes
        cut here along each polyline (as a dashed pen would) and drawn solid."""
        painter.save()
        try:
            painter.setRenderHint(painter.RenderHint.Antialiasing, False)
            pairs, split = frame.pairs, frame.humans
            if not moving:
                painter.setPen(SHADOW_PEN)
                _draw_lines(painter, pairs)
            selected = self._selected_index(frame)
            human, detection = slice(0, split), slice(split, None)
            if selected is not None:  # drawn last, in its own colour
                others = frame.owners != selected
                human, detection = others & (np.arange(len(pairs)) < split), others
                detection[:split] = False
            if split:
                painter.setPen(HUMAN_PEN)
                _draw_lines(painter, pairs[human])
            if split < len(pairs):
                if moving:
                    painter.setPen(DETECTION_DASHED_PEN)
                    _draw_lines(painter, pairs[detection])
                else:
                    dashes = _dashes(pairs[detection], frame.first[detection], 2.0)
                    painter.setPen(DETECTION_PEN)
                    _draw_lines(painter, dashes)
            if selected is not None:
                painter.setPen(SELECTED_PEN)
                _draw_lines(painter, pairs[frame.owners == selected])
            self._paint_labels(painter, frame)
        finally:
            painter.restore()

    def _selected_index(self, frame: _Frame) -> Optional[int]:
        if self.selected_id is None:
            return None
        for index in frame.indices:
            if self._prepared[index].annotation.id == self.selected_id:
                return index
        return None

    def _paint_labels(self, painter, frame: _Frame) -> None:
        """Each label a cached sprite (looked up once per annotation, font and ratio)."""
        ratio = _ratio(painter)
        font = painter.font()
        font_key = font.key()
        sprites = self._label_sprites
        if len(sprites) > 4 * len(self._prepared) + 64:
            sprites.clear()  # fonts or screens changed many times: start afresh
        width, height = frame.size or (math.inf, math.inf)
        for index, label_at in sorted(zip(frame.indices, frame.labels)):
            if label_at is None:
                continue
            key = (index, font_key, ratio)
            found = sprites.get(key)
            if found is None:
                item = self._prepared[index]
                color = (0, 220, 255) if item.annotation.is_detection else (255, 196, 0)
                sprite = self._sprites.label_sprite(item.label, font, ratio, color, 3)
                found = sprites[key] = (sprite, sprite.height() / ratio + 2, sprite.width() / ratio)
            sprite, lift, wide = found
            x, y = round(label_at[0]), round(label_at[1] - lift)
            if x < width and y < height and x + wide > 0 and y + lift > 0:  # else off the view
                painter.drawImage(QPointF(x, y), sprite)

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


# --- numpy helpers: per picture and per frame -------------------------------------------


class _Arrays(NamedTuple):
    """360° annotations in arrays (once per picture), humans' outlines first then the
    detections' (each kind one run of segments per frame)."""

    order: list  # prepared index of each annotation, in this order
    order_array: np.ndarray  # the same, as an array
    units: np.ndarray  # 3×N: unit vectors of every outline point, then of every label
    owners: np.ndarray  # index (in ``order``) of the annotation of each outline point
    same: np.ndarray  # whether outline point i and i + 1 belong to one annotation
    centres: np.ndarray  # culling cones: centre unit vectors and radii (degrees)
    radii: np.ndarray
    humans: int  # how many of ``order`` are humans' annotations
    limits: dict  # cone cosines below which an annotation is out, per view shape


class _Frame(NamedTuple):
    """What a pose shows: segments (S×2×2 widget pixels; humans' first, then the
    detections'), the prepared index of each segment's annotation, whether a segment
    begins a polyline; the annotations shown (prepared indices) and their label points
    (None: behind the camera); how many segments are humans'; the widget's size (None:
    unknown)."""

    pairs: np.ndarray
    owners: np.ndarray
    first: np.ndarray
    indices: list
    labels: list
    humans: int
    size: Optional[tuple] = None


def _arrays(prepared) -> Optional[_Arrays]:
    drawable = [i for i, item in enumerate(prepared) if len(item.units) > 1]
    order = [i for i in drawable if not prepared[i].annotation.is_detection]
    humans = len(order)
    order += [i for i in drawable if prepared[i].annotation.is_detection]
    if not order:
        return None
    items = [prepared[index] for index in order]
    outline = [unit for item in items for unit in item.units]
    owners = np.repeat(np.arange(len(items)), [len(item.units) for item in items])
    labels = [item.label_unit for item in items]
    return _Arrays(
        order,
        np.array(order, dtype=np.intp),
        np.array(outline + labels, dtype=float).reshape(-1, 3).T.copy(),
        owners.astype(np.intp),
        owners[1:] == owners[:-1],
        np.array([item.centre_unit for item in items], dtype=float),
        np.array([item.radius_deg for item in items], dtype=float),
        humans,
        {},
    )


def _frame_360(arrays: _Arrays, pose: PanoPose) -> Optional[_Frame]:
    """All outlines near the view projected at once (:mod:`.annotation_projection`)."""
    camera: Camera = pose.camera
    shape = (camera.hfov, pose.width, pose.height)
    limits = arrays.limits.get(shape)
    if limits is None:
        if len(arrays.limits) > 8:
            arrays.limits.clear()
        cone = _view_cone_cos(camera, pose.width, pose.height, 0.0)
        view_angle = math.degrees(math.acos(max(-1.0, min(1.0, cone))))
        angles = view_angle + arrays.radii + 1.0
        limits = arrays.limits[shape] = np.where(angles < 180.0, np.cos(np.radians(angles)), -2.0)
    near = arrays.centres @ np.array(_unit(camera.yaw, camera.pitch)) >= limits
    if not near.any():
        return None
    points, in_front = ap.project_units(camera, arrays.units, pose.width, pose.height)
    count = len(arrays.owners)
    outline = points[:count]
    drawn = ap.drawable(outline, in_front[:count]) & near[arrays.owners]
    # a segment joins two consecutive drawn points of one outline
    starts = (drawn[:-1] & drawn[1:] & arrays.same).nonzero()[0]
    if not len(starts):
        return None
    first = np.empty(len(starts), dtype=bool)
    first[0] = True
    np.not_equal(starts[1:], starts[:-1] + 1, out=first[1:])
    owners = arrays.owners[starts]
    shown = np.bincount(owners, minlength=len(arrays.order)).nonzero()[0]
    pairs = outline[np.add.outer(starts, (0, 1))]
    label_xy = points[count + shown].tolist()
    label_front = in_front[count + shown].tolist()
    order = arrays.order
    return _Frame(
        pairs,
        arrays.order_array[owners],
        first,
        [order[i] for i in shown.tolist()],
        [tuple(xy) if front else None for xy, front in zip(label_xy, label_front)],
        int(np.searchsorted(owners, arrays.humans)),
        (pose.width, pose.height),
    )


def _dashes(pairs: np.ndarray, first: np.ndarray, width: float) -> np.ndarray:
    """The dashes of segments ``pairs`` (S×2×2) stroked with a ``width`` dashed pen."""
    delta = pairs[:, 1] - pairs[:, 0]
    lengths = np.hypot(delta[:, 0], delta[:, 1])
    offsets = ap.run_offsets(lengths, first)
    return ap.dash_pieces(pairs[:, 0], pairs[:, 1], offsets, DASH_ON * width, DASH_OFF * width)


_PAIRS_FROM_BUFFER: Optional[bool] = None  # whether sip arrays of QPointF can be filled


def _draw_lines(painter, pairs: np.ndarray) -> None:
    """``QPainter.drawLines`` of point pairs (S×2×2): given as a ``sip.array`` of QPointF
    filled straight from numpy when QPointF is two contiguous doubles (no Python object
    per point), else as QPointF arguments."""
    global _PAIRS_FROM_BUFFER
    count = 2 * len(pairs)
    if not count:
        return
    if _PAIRS_FROM_BUFFER is None:
        _PAIRS_FROM_BUFFER = _sip_arrays_work()
    if _PAIRS_FROM_BUFFER:
        array = sip.array(QPointF, count)
        buffer = sip.voidptr(sip.unwrapinstance(array[0]), count * 16, True)
        np.frombuffer(buffer, dtype=np.float64)[:] = pairs.reshape(-1)
        painter.drawLines(array)
    else:
        painter.drawLines(*[QPointF(x, y) for x, y in pairs.reshape(-1, 2).tolist()])


def _sip_arrays_work() -> bool:
    try:
        array = sip.array(QPointF, 2)
        start = sip.unwrapinstance(array[0])
        if sip.unwrapinstance(array[1]) - start != 16:
            return False  # qreal is not a double here
        buffer = sip.voidptr(start, 32, True)
        np.frombuffer(buffer, dtype=np.float64)[:] = (1.5, -2.0, 3.0, 4.25)
        if (array[0].x(), array[0].y(), array[1].x(), array[1].y()) != (1.5, -2.0, 3.0, 4.25):
            return False
        # QPainter.drawLines takes a sip.array only from PyQt5 5.15.7: try it once
        image = QImage(2, 2, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        try:
            painter.drawLines(array)
        finally:
            painter.end()
        return True
    except Exception:  # any binding without these: the slow, sure way
        return False
