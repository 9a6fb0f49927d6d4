"""Drawing the placed markers of :mod:`.overlay` with ``QPainter``: cheap per frame.

Nearer markers are bigger and drawn last (on top); a line's or polygon's markers are joined
by segments; labels have a dark backing so they read on sky and asphalt alike; the target is
a ring and a crosshair over everything. Markers and labels are drawn once into small
cached images ("sprites") and then only blitted: antialiased ellipses and text layout cost
10-20 µs each, a blit about 1 µs, and a drag repaints dozens of them every frame.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QPoint, QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPen

NEAR_RADIUS, FAR_RADIUS = 8, 4
"""Marker radius (pixels) at the camera's foot and at the overlay distance."""
FAR_M = 50.0
TARGET_COLOR = QColor(255, 0, 200)
LABEL_BACK = QColor(0, 0, 0, 150)
OUTLINE = QColor(255, 255, 255)
MAX_LABEL_CHARS = 40
MAX_SPRITES = 2000


def _ratio(painter: QPainter) -> float:
    """Device pixels per widget pixel of what ``painter`` paints on (sharp sprites on HiDPI)."""
    device = painter.device()
    getter = getattr(device, "devicePixelRatioF", None) or device.devicePixelRatio
    try:
        return max(1.0, float(getter()))
    except (TypeError, ValueError):
        return 1.0


def _sprite(width: float, height: float, ratio: float):
    image = QImage(
        max(1, round(width * ratio)),
        max(1, round(height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return image, painter


def _farthest_first(placed) -> float:
    return -placed.distance_m


class OverlayPainter:
    """Paints one scene's placed markers; keeps the sprites between frames."""

    def __init__(self) -> None:
        self._markers: dict[tuple, QImage] = {}  # (color, radius, ratio) -> sprite
        self._labels: dict[tuple, QImage] = {}  # (text, ratio) -> sprite
        self.far_m = FAR_M

    def radius(self, distance_m: float) -> int:
        share = min(max(distance_m / max(self.far_m, 1.0), 0.0), 1.0)
        return round(NEAR_RADIUS + (FAR_RADIUS - NEAR_RADIUS) * share)

    # --- sprites ----------------------------------------------------------------------

    def marker_sprite(self, color: tuple, radius: int, ratio: float) -> QImage:
        key = (color, radius, ratio)
        sprite = self._markers.get(key)
        if sprite is None:
            size = 2 * radius + 4
            sprite, painter = _sprite(size, size, ratio)
            painter.setPen(QPen(OUTLINE, 1.5))
            painter.setBrush(QBrush(QColor(*color)))
            painter.drawEllipse(QPointF(size / 2.0, size / 2.0), radius, radius)
            painter.end()
            if len(self._markers) > MAX_SPRITES:
                self._markers.clear()
            self._markers[key] = sprite
        return sprite

    def label_sprite(self, text: str, font, ratio: float, color=None, radius: int = 0):
        """The label's text on its dark backing; with ``color``, the marker drawn at its
        left too (one blit per labelled marker). The marker's centre is at
        ``(radius + 2, height / 2)``."""
        key = (text, font.key(), ratio, color, radius)
        sprite = self._labels.get(key)
        if sprite is None:
            shown = text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"
            metrics = QFontMetricsF(font)
            text_w = metrics.horizontalAdvance(shown) + 6
            text_h = metrics.height() + 2
            left = 2 * radius + 4 + 1 if color is not None else 0
            height = max(text_h, 2 * radius + 4)
            sprite, painter = _sprite(left + text_w, height, ratio)
            painter.setFont(font)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LABEL_BACK)
            top = (height - text_h) / 2.0
            painter.drawRoundedRect(QRectF(left, top, text_w, text_h), 3, 3)
            painter.setPen(OUTLINE)
            # plain text: a layer's values are never read as markup
            box = QRectF(left + 3, top + 1, text_w - 6, text_h - 2)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft, shown)
            if color is not None:
                painter.setPen(QPen(OUTLINE, 1.5))
                painter.setBrush(QBrush(QColor(*color)))
                painter.drawEllipse(QPointF(radius + 2.0, height / 2.0), radius, radius)
            painter.end()
            if len(self._labels) > MAX_SPRITES:
                self._labels.clear()
            self._labels[key] = sprite
        return sprite

    # --- frames -----------------------------------------------------------------------

    def paint(self, painter: QPainter, placed, target) -> None:
        painter.save()
        try:
            ratio = _ratio(painter)
            font = painter.font()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_chains(painter, placed)
            # sprites at whole pixels, no antialiasing: Qt's plain blend, the fastest path
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            ordered = sorted(placed, key=_farthest_first)
            labelled = set()
            draw = painter.drawImage
            for item in ordered:  # far to near: the nearer on top
                marker = item.marker
                r = self.radius(item.distance_m)
                key = (marker.layer_id, marker.feature_id)
                if marker.label and key not in labelled:  # a line's label once
                    labelled.add(key)
                    sprite = self.label_sprite(marker.label, font, ratio, marker.color, r)
                    draw(round(item.x) - r - 2, round(item.y - sprite.height() / ratio / 2), sprite)
                else:
                    sprite = self.marker_sprite(marker.color, r, ratio)
                    draw(round(item.x) - r - 2, round(item.y) - r - 2, sprite)
            if target is not None:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                self._paint_target(painter, target, font, ratio)
        finally:
            painter.restore()

    def _paint_chains(self, painter: QPainter, placed) -> None:
        previous = None
        for item in placed:  # in collection order: a chain's markers follow each other
            chain = item.marker.chain
            if chain is not None and previous is not None:
                same = (
                    previous.marker.chain == chain
                    and previous.marker.layer_id == item.marker.layer_id
                    and previous.marker.feature_id == item.marker.feature_id
                )
                if same:
                    painter.setPen(QPen(QColor(*item.marker.color), 2.0))
                    painter.drawLine(QPointF(previous.x, previous.y), QPointF(item.x, item.y))
            previous = item

    def _label(self, painter: QPainter, text: str, font, ratio: float, x: float, y: float):
        sprite = self.label_sprite(text, font, ratio)
        height = sprite.height() / ratio
        painter.drawImage(QPoint(round(x - 3), round(y - height / 2.0)), sprite)

    def _paint_target(self, painter: QPainter, target, font, ratio: float) -> None:
        x, y = target.x, target.y
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen in (QPen(QColor(0, 0, 0, 180), 5.0), QPen(TARGET_COLOR, 2.5)):
            painter.setPen(pen)
            painter.drawEllipse(QPointF(x, y), 14.0, 14.0)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                painter.drawLine(QPointF(x + 6 * dx, y + 6 * dy), QPointF(x + 22 * dx, y + 22 * dy))
        if target.marker.label:  # above right of the ring: markers near it stay visible
            self._label(painter, target.marker.label, font, ratio, x + 16, y - 24)


class SceneOverlay:
    """What a picture widget is given to draw over its picture and hit test: one
    :class:`~.overlay.OverlayScene` seen through one :class:`OverlayPainter`."""

    def __init__(self, scene, painter: OverlayPainter | None = None) -> None:
        self.scene = scene
        self.painter = painter or OverlayPainter()

    def paint(self, painter: QPainter, pose) -> None:
        if self.scene.is_empty():
            return
        placed, target = self.scene.place(pose)
        if placed or target is not None:
            self.painter.paint(painter, placed, target)

    def marker_at(self, pose, x: float, y: float):
        if self.scene.is_empty():
            return None
        return self.scene.marker_at(pose, x, y)
