"""The 360° picture widget: a perspective view of an equirectangular picture, pure Qt + numpy.

Interaction (as in Photo Sphere Viewer, the Panoramax web viewer):

* drag with the left button to look around, like grabbing the picture: dragging right
  turns the view left (yaw decreases by ``dx * hfov / width`` degrees), dragging down
  looks up (pitch increases by ``dy * hfov / width``);
* the wheel zooms (narrows the field of view, 30° to 110°), ``+`` / ``-`` and a pinch
  (touch screen or trackpad, see :mod:`.interaction`) too;
* the arrow keys turn by 5° (right arrow: yaw + 5°, up arrow: pitch + 5°).

Rendering (:mod:`.render360`): while the camera moves (or the widget is resized) each frame
is rendered nearest-pixel at half the widget resolution into a reused buffer and upscaled
by ``QPainter``; 150 ms after the last change one bilinear frame is rendered at full
resolution. Frames are rendered in ``paintEvent`` only, and only when the camera, the size,
the quality or the source changed since the cached frame.
"""

from __future__ import annotations

import time
from typing import Optional

import numpy as np
from qgis.core import Qgis
from qgis.PyQt.QtCore import QRectF, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QImage, QPainter
from qgis.PyQt.QtWidgets import QWidget

from ..core.camera import Camera
from .flat_view import BACKGROUND, draw_banner, draw_message, wheel_steps
from .interaction import PictureWidget
from .overlay import PanoPose
from .qimage_numpy import array_to_qimage
from .render360 import EquirectRenderer


def _key(key) -> int:
    """A ``Qt.Key`` as an int (PyQt 6 enums are not ints; ``event.key()`` is one)."""
    return int(getattr(key, "value", key))


class PanoView(PictureWidget):
    """Shows one equirectangular (360°) picture through a movable :class:`Camera`."""

    camera_changed = pyqtSignal(object)
    """The new :class:`Camera`, after every change (user or :meth:`set_camera`)."""

    KEY_STEP = 5.0
    """Degrees turned by one arrow key press."""
    ZOOM_STEP = 1.15
    """Field-of-view factor of one wheel notch or ``+`` / ``-`` press."""
    IDLE_MS = 150
    """Delay after the last change before the smooth full-resolution frame is rendered."""
    PREVIEW_DIVISOR = 2
    """The frames rendered while moving are this many times smaller in each direction."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._renderer: Optional[EquirectRenderer] = None
        self._source_id = 0
        self._camera = Camera()
        self._moving = False
        self._frame_key: Optional[tuple] = None
        self._frame = QImage()
        self._buffers: dict[bool, tuple[np.ndarray, QImage]] = {}  # smooth -> (array, image)
        self._message = self.tr("No picture")
        self._banner = False  # message set while a picture is shown: drawn over it
        self.render_count = 0
        """Frames rendered so far (for tests and measurements)."""
        self.last_frame_smooth = False
        """Whether the cached frame is the smooth full-resolution one."""
        self.last_render_ms = 0.0
        """Time spent in the renderer for the cached frame."""
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(self.IDLE_MS)
        self._idle.timeout.connect(self._on_idle)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- public API -------------------------------------------------------------------

    @property
    def camera(self) -> Camera:
        return self._camera

    @property
    def has_source(self) -> bool:
        return self._renderer is not None

    @property
    def picture_size(self) -> Optional[tuple]:
        """(width, height) of the equirectangular picture shown, None when none."""
        if self._renderer is None:
            return None
        return self._renderer.width, self._renderer.height

    @property
    def is_moving(self) -> bool:
        """True between a change and the smooth frame that follows it."""
        return self._moving

    @property
    def message(self) -> str:
        return self._message

    def set_source(self, array: Optional[np.ndarray], keep_camera: bool = False) -> bool:
        """Show the equirectangular picture ``array`` ((H, W) uint32 RGB32, copied).

        None clears the view (the message is shown). Without ``keep_camera`` the camera
        looks at the picture's heading again (yaw and pitch 0, the field of view is kept);
        keep it when ``array`` is another resolution of the picture shown. Returns False
        (and shows a message) when the array cannot be used.
        """
        renderer = None
        ok = True
        self._renderer = None  # frees the previous picture before the next one is copied
        if array is not None:
            try:
                renderer = EquirectRenderer(array)
            except (ValueError, MemoryError) as exc:
                self._logger.log(
                    f"PanoView: cannot show this picture: {exc}", Qgis.MessageLevel.Warning
                )
                self._message = self.tr("This picture cannot be shown.")
                ok = False
        self._renderer = renderer
        self._banner = False
        self._source_id += 1
        self._frame_key = None
        if renderer is None:
            self._frame = QImage()
            self._buffers.clear()
            self._stop_drag()
        if not keep_camera:
            self._change_camera(Camera(hfov=self._camera.hfov), moving=False)
        self.update()
        return ok

    def set_camera(self, camera: Camera) -> None:
        """Look through ``camera`` (emits :attr:`camera_changed` when it differs)."""
        self._change_camera(camera, moving=False)

    def set_message(self, text: str) -> None:
        """Plain text shown centred when there is no picture.

        Set while a picture is shown (e.g. "Loading…" before the next one arrives), it is
        drawn in a band over the picture until the next :meth:`set_source`.
        """
        self._message = text
        self._banner = self._renderer is not None
        self.update()

    def look(self, dyaw: float, dpitch: float = 0.0) -> None:
        """Turn right by ``dyaw`` and up by ``dpitch`` degrees, as a user interaction."""
        self._change_camera(self._camera.turned(dyaw, dpitch), moving=True)

    def zoom_by(self, factor: float) -> None:
        """Narrow the field of view by ``factor`` (< 1 widens it), as a user interaction."""
        if factor > 0.0:
            self._change_camera(self._camera.zoomed(factor), moving=True)

    # --- state ------------------------------------------------------------------------

    def _change_camera(self, camera: Camera, moving: bool) -> None:
        if camera == self._camera:
            return
        self._camera = camera
        if moving:
            self._start_moving()
        self.update()
        self.camera_changed.emit(camera)

    def _start_moving(self) -> None:
        self._moving = True
        self._idle.start()

    def _on_idle(self) -> None:
        self._moving = False
        self.update()

    # --- painting ---------------------------------------------------------------------

    def _buffer(self, smooth: bool, width: int, height: int) -> tuple[np.ndarray, QImage]:
        """The reused frame buffer of that quality and its QImage wrapper."""
        entry = self._buffers.get(smooth)
        if entry is None or entry[0].shape != (height, width):
            array = np.empty((height, width), dtype=np.uint32)
            entry = self._buffers[smooth] = (array, array_to_qimage(array))
        return entry

    def _ensure_frame(self) -> bool:
        """Render the frame for the current state unless cached; False when none."""
        if self._renderer is None:
            return False
        ratio = self.devicePixelRatioF()
        width, height = round(self.width() * ratio), round(self.height() * ratio)
        if width < 1 or height < 1:
            return False
        smooth = not self._moving
        if not smooth:
            width = max(1, -(-width // self.PREVIEW_DIVISOR))
            height = max(1, -(-height // self.PREVIEW_DIVISOR))
        key = (self._source_id, self._camera, width, height, smooth)
        if key == self._frame_key:
            return True
        array, image = self._buffer(smooth, width, height)
        start = time.perf_counter()
        self._renderer.render(self._camera, width, height, smooth=smooth, out=array)
        self.last_render_ms = (time.perf_counter() - start) * 1000.0
        self.render_count += 1
        self.last_frame_smooth = smooth
        self._frame, self._frame_key = image, key
        return True

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            if self._ensure_frame():
                # 1:1 blit for the full-resolution frame, smooth upscale for the preview
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(QRectF(self.rect()), self._frame, QRectF(self._frame.rect()))
                self._paint_overlay(painter)
                if self._banner:
                    draw_banner(painter, self, self._message)
            elif self._renderer is None:
                draw_message(painter, self, self._message)
            else:
                painter.fillRect(self.rect(), BACKGROUND)
        except Exception as exc:  # an exception escaping a Qt override aborts QGIS
            self._logger.log(f"PanoView paint failed: {exc!r}", Qgis.MessageLevel.Warning)
            self._frame_key = None
        finally:
            painter.end()

    # --- events -----------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._renderer is not None:
            self._start_moving()  # cheap frames while the dock is being resized

    # --- PictureWidget: drag and pinch -----------------------------------------------

    def _interactive(self) -> bool:
        return self._renderer is not None

    def overlay_pose(self) -> Optional[PanoPose]:
        if self._renderer is None or self.width() < 1 or self.height() < 1:
            return None
        return PanoPose(self._camera, self.width(), self.height())

    def _drag_by(self, dx: float, dy: float) -> None:
        degrees_per_pixel = self._camera.hfov / max(1, self.width())
        # grabbing the picture: dragging right brings what is on the left into view
        self.look(-dx * degrees_per_pixel, dy * degrees_per_pixel)

    def _pinch_by(self, factor: float, anchor) -> None:
        self.zoom_by(factor)  # the field of view narrows around the view's centre

    def wheelEvent(self, event) -> None:
        steps = wheel_steps(event)
        if self._renderer is None or steps == 0.0:
            event.ignore()
            return
        self.zoom_by(self.ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = int(event.key())
        step = self.KEY_STEP
        turns = {
            _key(Qt.Key.Key_Left): (-step, 0.0),
            _key(Qt.Key.Key_Right): (step, 0.0),
            _key(Qt.Key.Key_Up): (0.0, step),
            _key(Qt.Key.Key_Down): (0.0, -step),
        }
        if self._renderer is not None and key in turns:
            self.look(*turns[key])
        elif self._renderer is not None and key in (_key(Qt.Key.Key_Plus), _key(Qt.Key.Key_Equal)):
            self.zoom_by(self.ZOOM_STEP)
        elif self._renderer is not None and key == _key(Qt.Key.Key_Minus):
            self.zoom_by(1.0 / self.ZOOM_STEP)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
