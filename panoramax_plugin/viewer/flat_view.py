"""The flat (perspective) picture widget: fit, wheel zoom at the cursor, drag to pan.

The view is a scale factor ``zoom`` (widget pixels per image pixel) and the widget position
of the image's top-left corner (``offset``): ``widget = offset + image * zoom``.

* On load the picture is fitted to the widget (centred, upscaled too) and stays fitted
  while the widget is resized, until the user zooms or pans; a double-click fits again.
* The wheel zooms in keeping the image point under the cursor under the cursor. Zooming
  out may not go below the fitted view (or 1:1 for a picture smaller than the widget) and
  pulls the picture back so that it covers the widget, or is centred where it is smaller.
* A pinch (touch screen or trackpad, see :mod:`.interaction`) zooms like the wheel,
  around the point between the fingers.
* Dragging with the left button pans; a pan never opens a new empty margin (it may close
  one a zoom-in left).
* While the view moves the picture is drawn with the fast (nearest) transform; 150 ms
  after the last move it is redrawn smoothly. A zoomed-out picture is drawn from a chain
  of halved copies (built on first need) so it is not aliased.
"""

from __future__ import annotations

import math
from typing import Optional, Union

from qgis.core import Qgis
from qgis.PyQt.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor, QImage, QPainter, QTextOption
from qgis.PyQt.QtWidgets import QWidget

from .interaction import PictureWidget, event_position
from .overlay import FlatPose

BACKGROUND = QColor(48, 48, 48)
"""Neutral dark grey around the picture (a photo viewer's usual backdrop)."""
TEXT_COLOR = QColor(210, 210, 210)
BANNER_COLOR = QColor(0, 0, 0, 160)

Point = Union[QPoint, QPointF]


def wheel_steps(event) -> float:
    """Wheel notches of a wheel event (positive = away from the user), fractional for touchpads."""
    delta = event.angleDelta()
    value = delta.y() if delta.y() != 0 else delta.x()
    return value / 120.0


def draw_message(painter: QPainter, widget: QWidget, text: str) -> None:
    """Background plus ``text`` (plain, wrapped) centred in ``widget``."""
    painter.fillRect(widget.rect(), BACKGROUND)
    if not text:
        return
    painter.setPen(TEXT_COLOR)
    area = QRectF(widget.rect()).adjusted(12.0, 12.0, -12.0, -12.0)
    option = QTextOption(Qt.AlignmentFlag.AlignCenter)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    painter.drawText(area, text, option)


def draw_banner(painter: QPainter, widget: QWidget, text: str) -> None:
    """``text`` in a translucent band at the bottom of ``widget``, over the picture."""
    if not text:
        return
    metrics = painter.fontMetrics()
    height = metrics.height() + 12
    band = QRectF(0.0, widget.height() - height, widget.width(), height)
    painter.fillRect(band, BANNER_COLOR)
    painter.setPen(TEXT_COLOR)
    option = QTextOption(Qt.AlignmentFlag.AlignCenter)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    painter.drawText(band.adjusted(8.0, 0.0, -8.0, 0.0), text, option)


class FlatView(PictureWidget):
    """Shows one flat picture; zoom with the wheel or a pinch, pan by dragging,
    double-click to fit."""

    zoom_changed = pyqtSignal(float)
    """The scale factor (widget pixels per image pixel) after any change."""

    ZOOM_STEP = 1.25
    """Scale factor of one wheel notch."""
    MAX_ZOOM = 16.0
    """Largest magnification (widget pixels per image pixel), unless fitting needs more."""
    IDLE_MS = 150
    """Delay after the last move before the picture is redrawn smoothly."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._levels: dict[int, QImage] = {}  # k -> picture scaled by 2**-k (k >= 1)
        self._zoom = 1.0
        self._offset = QPointF()
        self._fitted = True
        self._fast = False
        self._message = self.tr("No picture")
        self._banner = False  # message set while a picture is shown: drawn over it
        self.last_frame_smooth = False
        """Whether the last paint used the smooth transform (for tests)."""
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(self.IDLE_MS)
        self._idle.timeout.connect(self._on_idle)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # --- public API -------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """Widget pixels per image pixel."""
        return self._zoom

    @property
    def offset(self) -> QPointF:
        """Widget position of the image's top-left corner."""
        return QPointF(self._offset)

    @property
    def image(self) -> QImage:
        """The picture shown (a null ``QImage`` when none)."""
        return self._image

    @property
    def is_fitted(self) -> bool:
        """True while the picture is fitted to the widget (it follows resizes)."""
        return self._fitted

    @property
    def message(self) -> str:
        return self._message

    def fit_zoom(self) -> float:
        """Scale factor that fits the whole picture in the widget (1.0 when unknown)."""
        if self._image.isNull() or self.width() < 1 or self.height() < 1:
            return 1.0
        return min(self.width() / self._image.width(), self.height() / self._image.height())

    def set_image(self, image: Optional[QImage], same_picture: bool = False) -> None:
        """Show ``image`` (None or a null image: no picture, the message is shown).

        ``same_picture``: ``image`` is another resolution of the picture shown (a higher
        resolution replacing a thumbnail): the user's zoom and pan are kept (the scale
        factor is converted so the same part of the picture stays in the same place).
        Otherwise the picture is fitted to the widget.
        """
        old = self._image
        if image is None or image.isNull():
            self._image = QImage()
        else:
            wanted = (
                QImage.Format.Format_ARGB32_Premultiplied
                if image.hasAlphaChannel()
                else QImage.Format.Format_RGB32
            )
            self._image = image if image.format() == wanted else image.convertToFormat(wanted)
        self._levels = {}
        self._banner = False
        same_picture = same_picture and not old.isNull() and not self._image.isNull()
        if not same_picture:
            self._stop_drag()  # a sharper copy arriving mid-drag does not end the drag
        if self._image.isNull():
            self.update()
            return
        if same_picture and not self._fitted:
            self._set_view(self._zoom * old.width() / self._image.width(), self._offset)
        else:
            self.fit()
        self.update()

    def set_message(self, text: str) -> None:
        """Plain text shown centred when there is no picture.

        Set while a picture is shown (e.g. "Loading…" before the next one arrives), it is
        drawn in a band over the picture until the next :meth:`set_image`.
        """
        self._message = text
        self._banner = not self._image.isNull()
        self.update()

    def fit(self) -> None:
        """Fit the whole picture in the widget, centred (follows later resizes)."""
        zoom = self.fit_zoom()
        if self._image.isNull():
            self._fitted = True
            return
        offset = QPointF(
            (self.width() - self._image.width() * zoom) / 2.0,
            (self.height() - self._image.height() * zoom) / 2.0,
        )
        self._set_view(zoom, offset)
        self._fitted = True

    def image_point_at(self, widget_pos: Point) -> QPointF:
        """Image coordinates (pixels, may lie outside the picture) under ``widget_pos``."""
        pos = QPointF(widget_pos)
        return QPointF(
            (pos.x() - self._offset.x()) / self._zoom, (pos.y() - self._offset.y()) / self._zoom
        )

    def widget_point_at(self, image_pos: Point) -> QPointF:
        """Widget coordinates of the image point ``image_pos``."""
        pos = QPointF(image_pos)
        return QPointF(
            self._offset.x() + pos.x() * self._zoom, self._offset.y() + pos.y() * self._zoom
        )

    def zoom_by(self, factor: float, anchor: Optional[Point] = None) -> None:
        """Multiply the scale by ``factor`` keeping the image point at ``anchor`` in place.

        ``anchor`` defaults to the widget centre. The scale stays within its limits; after a
        zoom-out the picture is pulled back to cover the widget (or centred).
        """
        if self._image.isNull() or not factor > 0.0:
            return
        if anchor is None:
            anchor = QPointF(self.width() / 2.0, self.height() / 2.0)
        anchor = QPointF(anchor)
        fit = self.fit_zoom()
        low, high = min(fit, 1.0), max(self.MAX_ZOOM, fit)
        zoom = min(max(self._zoom * factor, low), high)
        if zoom == self._zoom:
            return
        ratio = zoom / self._zoom
        offset = anchor - (anchor - self._offset) * ratio
        if ratio < 1.0:
            offset = self._clamped(zoom, offset, None)
        self._set_view(zoom, offset)
        self._fitted = math.isclose(zoom, fit, rel_tol=1e-9) and self._is_centred()
        self._moved()

    def look_at(self, image_pos: Point, factor: float = 2.0) -> None:
        """Zoom to ``factor`` times the fitted scale with the image point ``image_pos`` as
        near the widget centre as the picture's edges allow (a feature looked at)."""
        if self._image.isNull() or not factor > 0.0:
            return
        fit = self.fit_zoom()
        zoom = min(max(fit * factor, min(fit, 1.0)), max(self.MAX_ZOOM, fit))
        pos = QPointF(image_pos)
        centre = QPointF(self.width() / 2.0, self.height() / 2.0)
        wanted = QPointF(centre.x() - pos.x() * zoom, centre.y() - pos.y() * zoom)
        self._set_view(zoom, self._clamped(zoom, wanted, None))
        self._fitted = False
        self._moved()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the picture by ``(dx, dy)`` widget pixels (without opening a new margin)."""
        if self._image.isNull():
            return
        wanted = QPointF(self._offset.x() + dx, self._offset.y() + dy)
        offset = self._clamped(self._zoom, wanted, self._offset)
        if offset == self._offset:
            return
        self._set_view(self._zoom, offset)
        self._fitted = False
        self._moved()

    # --- view state -------------------------------------------------------------------

    def _set_view(self, zoom: float, offset: QPointF) -> None:
        changed = zoom != self._zoom
        self._zoom = zoom
        self._offset = QPointF(offset)
        self.update()
        if changed:
            self.zoom_changed.emit(zoom)

    def _axis_range(self, scaled: float, size: float) -> tuple[float, float]:
        """Allowed offsets on one axis: cover the widget, or centred when smaller."""
        if scaled >= size:
            return size - scaled, 0.0
        centre = (size - scaled) / 2.0
        return centre, centre

    def _clamped(self, zoom: float, offset: QPointF, current: Optional[QPointF]) -> QPointF:
        """``offset`` brought into the allowed range, widened to include ``current``."""
        values = []
        now_x = now_y = None
        if current is not None:  # not `if current`: QPointF(0, 0) is falsy
            now_x, now_y = current.x(), current.y()
        axes = (
            (offset.x(), now_x, self._image.width(), self.width()),
            (offset.y(), now_y, self._image.height(), self.height()),
        )
        for wanted, now, extent, size in axes:
            low, high = self._axis_range(extent * zoom, size)
            if now is not None:
                low, high = min(low, now), max(high, now)
            values.append(min(max(wanted, low), high))
        return QPointF(values[0], values[1])

    def _is_centred(self) -> bool:
        return self._clamped(self._zoom, self._offset, None) == self._offset

    def _moved(self) -> None:
        """The view moved under the user's hand: draw fast, smooth again once idle."""
        self._fast = True
        self._idle.start()

    def _on_idle(self) -> None:
        self._fast = False
        self.update()

    # --- PictureWidget: drag and pinch -----------------------------------------------

    def _interactive(self) -> bool:
        return not self._image.isNull()

    def overlay_pose(self) -> Optional[FlatPose]:
        if self._image.isNull():
            return None
        return FlatPose(
            self._image.width(),
            self._image.height(),
            self._zoom,
            self._offset.x(),
            self._offset.y(),
        )

    def _drag_by(self, dx: float, dy: float) -> None:
        self.pan_by(dx, dy)

    def _pinch_by(self, factor: float, anchor: QPointF) -> None:
        self.zoom_by(factor, anchor)

    # --- painting ---------------------------------------------------------------------

    def _level(self, scale: float, build: bool) -> QImage:
        """The copy of the picture to draw at ``scale`` device pixels per image pixel.

        Level ``k`` is the picture halved ``k`` times; the coarsest level still at least as
        detailed as the screen is wanted. Without ``build`` only copies already made are
        used (no pause while the view moves).
        """
        wanted = 0
        if scale < 1.0:
            wanted = int(math.floor(-math.log2(scale)))
        image = self._image
        for level in range(1, wanted + 1):
            smaller = self._levels.get(level)
            if smaller is None:
                if not build or image.width() < 2 or image.height() < 2:
                    break
                smaller = image.scaled(
                    image.width() // 2,
                    image.height() // 2,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self._levels[level] = smaller
            image = smaller
        return image

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        except Exception as exc:  # an exception escaping a Qt override aborts QGIS
            self._logger.log(f"FlatView paint failed: {exc!r}", Qgis.MessageLevel.Warning)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        if self._image.isNull():
            draw_message(painter, self, self._message)
            return
        painter.fillRect(self.rect(), BACKGROUND)
        smooth = not self._fast
        image = self._level(self._zoom * self.devicePixelRatioF(), build=smooth)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        target = QRectF(
            self._offset,
            QSizeF(self._image.width() * self._zoom, self._image.height() * self._zoom),
        )
        painter.drawImage(target, image, QRectF(image.rect()))
        self.last_frame_smooth = smooth
        self._paint_overlay(painter)
        if self._banner:
            draw_banner(painter, self, self._message)

    # --- events -----------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._image.isNull():
            return
        if self._fitted:
            self.fit()
            return
        old = event.oldSize()
        if old.width() > 0 and old.height() > 0:
            # the picture point at the old centre goes to the new centre
            dx = (self.width() - old.width()) / 2.0
            dy = (self.height() - old.height()) / 2.0
            moved = QPointF(self._offset.x() + dx, self._offset.y() + dy)
            self._set_view(self._zoom, self._clamped(self._zoom, moved, None))

    def wheelEvent(self, event) -> None:
        steps = wheel_steps(event)
        if self._image.isNull() or steps == 0.0:
            event.ignore()
            return
        self.zoom_by(self.ZOOM_STEP**steps, event_position(event))
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        if self._marker_event(event, self.marker_activated):
            return  # a double-click on an overlay marker opens its feature, not a fit
        if event.button() == Qt.MouseButton.LeftButton and not self._image.isNull():
            self._stop_drag()
            self.fit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
