"""A full-resolution capture of what the viewer shows, with its attribution burnt in.

The view the user framed is recomputed from the picture's hd file: a 360° picture through
the same camera (yaw, pitch, field of view) at a size keeping the widget's shape, a flat
picture cropped to the part visible in the widget, at the hd file's scale. The caption
(``core.caption``) goes into a band at the bottom, so the licence travels with the pixels.

Everything here works on ``QImage`` (never ``QPixmap``, widgets or the clipboard), so it
runs in a background task; the caller collects what it needs from the widgets first
(:class:`CaptureSpec`) on the main thread.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication, QRect, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from ..core.camera import Camera
from ..core.errors import PanoramaxError
from .image_loader import decode_image
from .qimage_numpy import array_to_qimage, qimage_to_array
from .render_once import SingleFrame

LONG_SIDE = 1920
"""Long side of a 360° capture, in pixels (1920 × 1080 for a 16:9 view)."""
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
JPEG_QUALITY = 92
BAND_COLOR = QColor(0, 0, 0, 160)
TEXT_COLOR = QColor(255, 255, 255)
FONT_SHARE = 0.026
"""Caption font size as a share of the capture's height (28 px for 1080)."""
MIN_FONT_PX = 9


class CaptureError(PanoramaxError):
    """The capture could not be made or written; the message says what to do."""


@dataclass(frozen=True)
class FlatFrame:
    """What a flat view shows: its size, scale and offset in the shown image's pixels."""

    view_w: int
    view_h: int
    zoom: float  # widget pixels per shown-image pixel
    offset_x: float  # widget position of the shown image's top-left corner
    offset_y: float
    shown_w: int  # size of the image shown (thumb, sd or hd)
    shown_h: int


@dataclass(frozen=True)
class CaptureSpec:
    """Everything a capture needs from the main thread (widgets and settings read once)."""

    picture_id: str
    lines: tuple
    camera: Optional[Camera] = None  # a 360° view
    size: Optional[tuple] = None  # its output size (width, height)
    flat: Optional[FlatFrame] = None  # a flat view


def capture_size(view_w: int, view_h: int, long_side: int = LONG_SIDE) -> tuple[int, int]:
    """Output size with the view's shape and ``long_side`` pixels on its long side
    (16:9 when the view has no size, e.g. a hidden dock)."""
    if view_w < 1 or view_h < 1:
        view_w, view_h = 16, 9
    if view_w >= view_h:
        return long_side, max(1, round(long_side * view_h / view_w))
    return max(1, round(long_side * view_w / view_h)), long_side


def flat_crop(frame: FlatFrame, hd_w: int, hd_h: int) -> Optional[QRect]:
    """The part of the hd picture the flat view shows (its margins left out), in hd pixels;
    None when nothing of the picture is visible."""
    if frame.zoom <= 0.0 or frame.shown_w < 1 or frame.shown_h < 1:
        return None
    scale_x, scale_y = hd_w / frame.shown_w, hd_h / frame.shown_h
    left = max(0.0, -frame.offset_x / frame.zoom) * scale_x
    top = max(0.0, -frame.offset_y / frame.zoom) * scale_y
    right = min(frame.shown_w, (frame.view_w - frame.offset_x) / frame.zoom) * scale_x
    bottom = min(frame.shown_h, (frame.view_h - frame.offset_y) / frame.zoom) * scale_y
    x0, y0 = round(left), round(top)  # nearest pixel edges: the size within one pixel
    x1, y1 = min(hd_w, round(right)), min(hd_h, round(bottom))
    if x1 <= x0 or y1 <= y0:
        return None
    return QRect(x0, y0, x1 - x0, y1 - y0)


def capture_format(path: str) -> Optional[str]:
    """ "JPEG" or "PNG" from the file's extension; None for anything else."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


# --- the picture ----------------------------------------------------------------------


def render_pano(camera: Camera, size: tuple, image=None, data=None) -> QImage:
    """The 360° view at ``size`` from the decoded hd ``image``, or from its JPEG ``data``.

    The frame is rendered by two threads (row bands). Decoded from memory: a capture is a
    task the user asked for, and that decoder is the faster one here (see ``decode_image``).
    """
    if image is None:
        image = decode_image(data, from_memory=True)
    pixels, image = qimage_to_array(image)
    # made after the decode: made before, the 66 MB picture was allocated after the frame's
    # arrays and the capture took ~35 ms more (the allocator's order, measured)
    frame = SingleFrame(camera, *size)
    return array_to_qimage(frame.render(pixels, threads=2))


def crop_flat(frame: FlatFrame, image=None, data=None) -> QImage:
    """The visible part of the flat picture, from the hd ``image`` or its JPEG ``data``."""
    if image is None:
        image = decode_image(data, from_memory=True)
    rect = flat_crop(frame, image.width(), image.height())
    if rect is None:
        raise CaptureError(
            QCoreApplication.translate(
                "ViewCapture", "Nothing of the picture is visible in the viewer."
            )
        )
    return image.copy(rect)


def caption_font(lines, width: int, height: int) -> QFont:
    """A font scaled with the capture, shrunk until the longest line fits its width."""
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    pixels = max(MIN_FONT_PX, round(height * FONT_SHARE))
    font.setPixelSize(pixels)
    room = width * 0.96
    widest = max(QFontMetricsF(font).horizontalAdvance(line) for line in lines)
    if widest > room and pixels > MIN_FONT_PX:
        font.setPixelSize(max(MIN_FONT_PX, math.floor(pixels * room / widest)))
    return font


def burn_caption(image: QImage, lines) -> QImage:
    """``lines`` in white on a dark translucent band along the bottom of ``image``.

    Returns the image painted (RGB32: converted first when it is in another format); a
    line still too long at the smallest size is elided at its end.
    """
    lines = [line for line in lines if line]
    if image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    if not lines or image.isNull():
        return image
    width, height = image.width(), image.height()
    font = caption_font(lines, width, height)
    metrics = QFontMetricsF(font)
    pad = max(3.0, font.pixelSize() * 0.45)
    band_h = min(float(height), metrics.lineSpacing() * len(lines) + 2 * pad)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QRectF(0.0, height - band_h, width, band_h), BAND_COLOR)
        painter.setFont(font)
        painter.setPen(TEXT_COLOR)
        top = height - band_h + pad
        for index, line in enumerate(lines):
            text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width - 2 * pad)
            row = QRectF(pad, top + index * metrics.lineSpacing(), width - 2 * pad, 1e4)
            painter.drawText(row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)
    finally:
        painter.end()
    return image


def compose_capture(spec: CaptureSpec, image=None, data=None) -> QImage:
    """The captured view with its caption: from the decoded hd ``image`` when the viewer
    has it, else from the hd file's bytes ``data``."""
    if image is None and not data:
        raise CaptureError(
            QCoreApplication.translate("ViewCapture", "The HD file of the picture is empty.")
        )
    if spec.flat is not None:
        picture = crop_flat(spec.flat, image, data)
    else:
        picture = render_pano(spec.camera, spec.size, image, data)
    picture = burn_caption(picture, spec.lines)
    picture.setText("Description", "\n".join(spec.lines))
    return picture


def save_capture(image: QImage, path: str) -> str:
    """Write ``image`` as JPEG or PNG (by the extension); raises ``CaptureError``."""
    kind = capture_format(path)
    if kind is None:
        raise CaptureError(
            QCoreApplication.translate("ViewCapture", "Save the view as a .jpg or .png file.")
        )
    quality = JPEG_QUALITY if kind == "JPEG" else -1
    if not image.save(path, kind, quality):
        raise CaptureError(
            QCoreApplication.translate(
                "ViewCapture",
                "The view could not be written to {path}: check the folder and its rights.",
            ).format(path=path)
        )
    return path
