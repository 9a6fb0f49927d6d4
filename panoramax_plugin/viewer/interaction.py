"""What the flat and the 360° views share: drag with the left button, pinch to zoom.

:class:`PictureWidget` turns mouse drags into :meth:`PictureWidget._drag_by` calls
(widget pixels moved since the last event) and pinches into
:meth:`PictureWidget._pinch_by` calls (scale factor since the last event, > 1 when
the fingers move apart, and the widget point between the fingers). Pinches come as

* ``QPinchGesture`` (touch screens; the widget grabs ``Qt.GestureType.PinchGesture``),
* ``QNativeGestureEvent`` of type ``ZoomNativeGesture`` (macOS trackpads), whose
  ``value`` is the change of magnification (factor ``1 + value``).

Overlays (:mod:`.overlay`): a widget given one with :meth:`PictureWidget.set_overlay` paints
it over the picture (the subclass calls :meth:`PictureWidget._paint_overlay`) and hit tests
it: a left press on a marker emits :attr:`PictureWidget.marker_clicked` instead of starting
a drag, a double-click on one emits :attr:`PictureWidget.marker_activated`.

Nothing raised while handling an event leaves :meth:`PictureWidget.event` (an exception
escaping a Qt virtual method aborts QGIS): it is logged.
"""

from __future__ import annotations

import math
from typing import Optional

from qgis.core import Qgis
from qgis.PyQt.QtCore import QEvent, QPointF, QRectF, Qt, pyqtSignal
from qgis.PyQt.QtGui import QNativeGestureEvent
from qgis.PyQt.QtWidgets import QToolTip, QWidget

from ..log import PluginLogger

CLICK_SLOP_PX = 4.0
"""A press and release this close (widget pixels) is a click, not a drag."""
MIN_PINCH_STEP, MAX_PINCH_STEP = 0.5, 2.0
"""Bounds of the scale factor applied for one pinch event (a glitch cannot jump far)."""


def event_position(event) -> QPointF:
    """Widget position of a mouse, wheel or gesture event (Qt 6 ``position``, Qt 5 ``localPos``)."""
    position = getattr(event, "position", None)
    if position is not None:
        return QPointF(position())
    local = getattr(event, "localPos", None)
    if local is not None:
        return QPointF(local())
    return QPointF(event.posF())


class PictureWidget(QWidget):
    """Base of the picture views: left-button drag and pinch zoom.

    Subclasses implement :meth:`_interactive`, :meth:`_drag_by` and :meth:`_pinch_by`,
    and for overlays :meth:`overlay_pose`.
    """

    marker_clicked = pyqtSignal(object)
    """An overlay marker (:class:`~.overlay.OverlayMarker`) was clicked."""
    marker_activated = pyqtSignal(object)
    """An overlay marker was double-clicked."""
    picture_clicked = pyqtSignal(QPointF)
    """A left click (not a drag) on the picture, in widget pixels, while measuring."""
    annotation_clicked = pyqtSignal(object)
    """A left click (not a drag) on an annotation (:class:`~..core.semantics.Annotation`)."""
    annotation_rect_drawn = pyqtSignal(QRectF)
    """In draw mode, the rectangle the user dragged (widget pixels)."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._drag_last: Optional[QPointF] = None
        self._press_at: Optional[QPointF] = None
        self._measuring = False
        self._overlay = None
        self._annotations = None  # an AnnotationLayer, painted under the overlay
        self._drawing = False  # draw mode: a drag draws an annotation box
        self._draw_from: Optional[QPointF] = None
        self._hover_id = None
        self._logger = PluginLogger()
        self.setMouseTracking(True)  # annotation tooltips follow the pointer
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)

    # --- for subclasses ---------------------------------------------------------------

    def _interactive(self) -> bool:
        """True when there is a picture to move."""
        raise NotImplementedError

    def _drag_by(self, dx: float, dy: float) -> None:
        """The mouse moved by (dx, dy) widget pixels with the left button down."""
        raise NotImplementedError

    def _pinch_by(self, factor: float, anchor: QPointF) -> None:
        """Zoom in by ``factor`` (< 1: out) keeping ``anchor`` (widget point) in place."""
        raise NotImplementedError

    def overlay_pose(self):
        """The view state overlays are placed for (None: nothing shown)."""
        return None

    # --- public -----------------------------------------------------------------------

    @property
    def overlay(self):
        return self._overlay

    def set_overlay(self, overlay) -> None:
        """Draw ``overlay`` (``paint(painter, pose)``, ``marker_at(pose, x, y)``) over the
        picture; None removes it."""
        self._overlay = overlay
        self.update()

    def marker_at(self, pos: QPointF):
        """The overlay marker under widget point ``pos``, or None (never raises)."""
        if self._overlay is None:
            return None
        try:
            pose = self.overlay_pose()
            if pose is None:
                return None
            return self._overlay.marker_at(pose, pos.x(), pos.y())
        except Exception as exc:  # called from mouse events: nothing may escape
            self._logger.log(
                f"{type(self).__name__}: overlay hit test failed: {exc!r}",
                Qgis.MessageLevel.Warning,
            )
            return None

    # --- annotations ----------------------------------------------------------------

    @property
    def annotation_layer(self):
        return self._annotations

    def set_annotation_layer(self, layer) -> None:
        """Draw ``layer`` (an :class:`~.annotation_layer.AnnotationLayer`) over the picture,
        under the overlay's markers; None removes it."""
        self._annotations = layer
        self.update()

    @property
    def drawing(self) -> bool:
        return self._drawing

    def set_drawing(self, drawing: bool) -> None:
        """In draw mode a left drag draws a box (:attr:`annotation_rect_drawn` on release)
        instead of moving the view; the wheel still zooms."""
        self._drawing = bool(drawing)
        self._draw_from = None
        if self._annotations is not None:
            self._annotations.draft = None
        if self._drawing:
            self.setCursor(Qt.CursorShape.CrossCursor)
        elif not self._measuring:
            self.unsetCursor()
        self.update()

    def annotation_at(self, pos: QPointF):
        """The annotation under widget point ``pos``, or None (never raises)."""
        if self._annotations is None:
            return None
        try:
            return self._annotations.annotation_at(self.overlay_pose(), pos.x(), pos.y())
        except Exception as exc:  # called from mouse events: nothing may escape
            self._logger.log(
                f"{type(self).__name__}: annotation hit test failed: {exc!r}",
                Qgis.MessageLevel.Warning,
            )
            return None

    def _hover(self, position: QPointF) -> None:
        annotation = self.annotation_at(position)
        key = None if annotation is None else annotation.id
        if key == self._hover_id:
            return
        self._hover_id = key
        if annotation is None:
            QToolTip.hideText()
            self.setToolTip("")
            return
        from .annotation_layer import tooltip_html

        text = tooltip_html(annotation)
        self.setToolTip(text)
        QToolTip.showText(self.mapToGlobal(position.toPoint()), text, self)

    def _paint_overlay(self, painter) -> None:
        """Paint the annotations and the overlay over the picture just drawn (a failure
        leaves the picture)."""
        if self._annotations is not None:
            try:
                moving = bool(getattr(self, "is_moving", False))  # the 360° view's drags
                self._annotations.paint(painter, self.overlay_pose(), moving)
            except Exception as exc:  # called from paintEvent: nothing may escape
                self._logger.log(
                    f"{type(self).__name__}: annotation paint failed: {exc!r}",
                    Qgis.MessageLevel.Warning,
                )
        if self._overlay is None:
            return
        try:
            pose = self.overlay_pose()
            if pose is not None:
                self._overlay.paint(painter, pose)
        except Exception as exc:  # called from paintEvent: nothing may escape
            self._logger.log(
                f"{type(self).__name__}: overlay paint failed: {exc!r}", Qgis.MessageLevel.Warning
            )

    @property
    def measuring(self) -> bool:
        return self._measuring

    def set_measuring(self, measuring: bool) -> None:
        """In measure mode a click emits :attr:`picture_clicked` (markers do not take it)
        and the cursor is a cross; dragging still turns the view."""
        self._measuring = bool(measuring)
        if self._measuring:
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    @property
    def is_dragging(self) -> bool:
        return self._drag_last is not None

    def pinch(self, factor: float, anchor: Optional[QPointF] = None) -> bool:
        """Zoom as a pinch of scale ``factor`` would, around ``anchor`` (default: centre).

        Returns True when the factor was applied (a picture is shown, the factor is usable).
        """
        if not self._interactive() or not math.isfinite(factor) or factor <= 0.0:
            return False
        factor = min(max(factor, MIN_PINCH_STEP), MAX_PINCH_STEP)
        if factor == 1.0:
            return False
        if anchor is None:
            anchor = QPointF(self.width() / 2.0, self.height() / 2.0)
        self._pinch_by(factor, QPointF(anchor))
        return True

    # --- events -----------------------------------------------------------------------

    def _stop_drag(self) -> None:
        if self._drag_last is not None:
            self._drag_last = None
            if self._measuring or self._drawing:
                self.setCursor(Qt.CursorShape.CrossCursor)
            else:
                self.unsetCursor()

    def event(self, event) -> bool:
        try:
            if event.type() == QEvent.Type.Gesture:
                return self._gesture_event(event)
            if isinstance(event, QNativeGestureEvent):
                if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                    self.pinch(1.0 + event.value(), event_position(event))
                    event.accept()
                    return True
        except Exception as exc:  # an exception escaping a Qt override aborts QGIS
            self._logger.log(
                f"{type(self).__name__}: gesture failed: {exc!r}", Qgis.MessageLevel.Warning
            )
            return True
        return super().event(event)

    def _gesture_event(self, event) -> bool:
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if pinch is None:
            return super().event(event)
        centre = pinch.centerPoint()  # screen coordinates
        anchor = QPointF(self.mapFromGlobal(centre.toPoint())) if not centre.isNull() else None
        self.pinch(pinch.scaleFactor(), anchor)
        event.accept(pinch)
        return True

    def _marker_event(self, event, signal) -> bool:
        """Emit ``signal`` for a left-button event on an overlay marker; True when it was."""
        if event.button() != Qt.MouseButton.LeftButton or self._overlay is None:
            return False
        if self._measuring:  # a click measures, whatever is under it
            return False
        marker = self.marker_at(event_position(event))
        if marker is None:
            return False
        self._stop_drag()
        signal.emit(marker)
        event.accept()
        return True

    def mousePressEvent(self, event) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton and self._interactive():
            self._draw_from = event_position(event)
            event.accept()
            return
        if self._marker_event(event, self.marker_clicked):
            return
        if event.button() == Qt.MouseButton.LeftButton and self._interactive():
            self._drag_last = event_position(event)
            self._press_at = self._drag_last
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def _emit_click(self, position: QPointF) -> None:
        try:
            self.picture_clicked.emit(QPointF(position))
        except Exception as exc:  # a slot's error must not escape the Qt override
            self._logger.log(
                f"{type(self).__name__}: click failed: {exc!r}", Qgis.MessageLevel.Warning
            )

    def _draft_rect(self, position: QPointF) -> QRectF:
        return QRectF(self._draw_from, position).normalized()

    def _emit_annotation_click(self, position: QPointF) -> None:
        annotation = self.annotation_at(position)
        if annotation is None:
            return
        try:
            self.annotation_clicked.emit(annotation)
        except Exception as exc:  # a slot's error must not escape the Qt override
            self._logger.log(
                f"{type(self).__name__}: annotation click failed: {exc!r}",
                Qgis.MessageLevel.Warning,
            )

    def mouseMoveEvent(self, event) -> None:
        if self._draw_from is not None:
            if self._annotations is not None:
                self._annotations.draft = self._draft_rect(event_position(event))
            self.update()
            event.accept()
            return
        if self._drag_last is None:
            try:
                self._hover(event_position(event))
            except Exception as exc:  # a Qt override: nothing may escape
                self._logger.log(
                    f"{type(self).__name__}: hover failed: {exc!r}", Qgis.MessageLevel.Warning
                )
            super().mouseMoveEvent(event)
            return
        position = event_position(event)
        delta = position - self._drag_last
        self._drag_last = position
        self._drag_by(delta.x(), delta.y())
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        if self._marker_event(event, self.marker_activated):
            return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._draw_from is not None:
            rect = self._draft_rect(event_position(event))
            self._draw_from = None
            if self._annotations is not None:
                self._annotations.draft = None
            self.update()
            event.accept()
            try:
                self.annotation_rect_drawn.emit(rect)
            except Exception as exc:  # a slot's error must not escape the Qt override
                self._logger.log(
                    f"{type(self).__name__}: drawing failed: {exc!r}", Qgis.MessageLevel.Warning
                )
            return
        if event.button() == Qt.MouseButton.LeftButton and self._drag_last is not None:
            self._stop_drag()
            pressed, self._press_at = self._press_at, None
            if pressed is not None:
                position = event_position(event)
                moved = position - pressed
                if abs(moved.x()) <= CLICK_SLOP_PX and abs(moved.y()) <= CLICK_SLOP_PX:
                    if self._measuring:
                        self._emit_click(pressed)
                    else:
                        self._emit_annotation_click(pressed)
            event.accept()
            return
        super().mouseReleaseEvent(event)
