"""The viewer's "Capture view": the view as shown, recomputed at full resolution from the hd
file with its caption, saved as JPEG / PNG or copied to the clipboard.

The pixels are made by :mod:`.capture` (pure rendering) in a background task; this module
reads what the viewer shows, asks for the file, and reports. Main thread.
"""

from __future__ import annotations

import os

from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from ..background.core_task import CoreTask, start_task
from ..core.caption import caption_lines
from .capture import (
    CaptureSpec,
    FlatFrame,
    capture_format,
    capture_size,
    compose_capture,
    save_capture,
)


class ViewCapture(QObject):
    """Captures of one viewer (``ViewerController``)."""

    def __init__(self, viewer, parent=None):
        super().__init__(parent)
        self.viewer = viewer
        self.task = None

    def capture_view(self, target: str = "file", path: str | None = None):
        """Save the view as shown (``target`` "file": to ``path``, asked when None) or copy
        it to the clipboard ("clipboard"), recomputed from the hd file with its caption.

        Returns the started task (None when nothing was started); never raises: every
        problem is said through the logger (message bar and log panel).
        """
        try:
            return self._capture_view(target, path)
        except Exception as error:  # a slot: nothing may escape
            self.viewer.logger.error(
                self.tr("The view could not be captured: {error}").format(error=error)
            )
            return None

    def _capture_view(self, target: str, path: str | None):
        picture = self.viewer.current
        if picture is None:
            self.viewer.logger.warning(self.tr("No picture is shown: there is no view to capture."))
            return None
        cached = self.viewer.loader.cached(picture.id, "hd")
        url = picture.asset_url("hd")
        if cached is None and not url:
            self.viewer.logger.warning(
                self.tr("This picture has no HD file: its view cannot be captured in full.")
            )
            return None
        spec = self._capture_spec(picture)
        if spec is None:
            self.viewer.logger.warning(
                self.tr("The picture is not shown yet: capture the view once it appears.")
            )
            return None
        if target == "file":
            path = path or self._ask_capture_path(picture)
            if not path:
                return None
            if capture_format(path) is None:
                self.viewer.logger.warning(self.tr("Save the view as a .jpg or .png file."))
                return None
        account = self.viewer.own_account()

        def work(task):
            data = None
            if cached is None:  # the hd file was not decoded for the viewer: fetch it
                data = self.viewer.reads_http(account).get_bytes(url)
                task.check_canceled()
            task.setProgress(50)
            image = compose_capture(spec, cached, data)
            task.check_canceled()
            task.setProgress(90)
            if target == "file":
                save_capture(image, path)
            task.setProgress(100)
            return image

        task = CoreTask(
            self.tr("Capturing the Panoramax view"),
            work,
            on_done=lambda image: self._capture_done(image, target, path),
            on_error=lambda error: self.viewer.logger.error(
                self.tr("The view could not be captured: {error}").format(error=error)
            ),
        )
        self.task = task
        return start_task(task)

    def _capture_spec(self, picture) -> CaptureSpec | None:
        """What the viewer shows now, read from its widgets (None: nothing shown yet)."""
        instance_name = None
        if self.viewer.instance is not None and not picture.home_url:
            instance_name = self.viewer.instance.title
        lines = tuple(
            caption_lines(picture, instance_name, picture.home_url or picture.instance_url)
        )
        if picture.is_360:
            view = self.viewer.dock.pano_view
            size = capture_size(view.width(), view.height())
            return CaptureSpec(picture.id, lines, camera=view.camera, size=size)
        view = self.viewer.dock.flat_view
        if view.image.isNull():
            return None
        offset = view.offset
        frame = FlatFrame(
            view.width(),
            view.height(),
            view.zoom,
            offset.x(),
            offset.y(),
            view.image.width(),
            view.image.height(),
        )
        return CaptureSpec(picture.id, lines, flat=frame)

    def _ask_capture_path(self, picture) -> str | None:
        jpeg, png = self.tr("JPEG pictures (*.jpg *.jpeg)"), self.tr("PNG pictures (*.png)")
        path, chosen = QFileDialog.getSaveFileName(
            self.viewer.dock,
            self.tr("Save view as"),
            f"{picture.id}-view.jpg",
            f"{jpeg};;{png}",
        )
        if path and not os.path.splitext(path)[1]:
            path += ".png" if chosen == png else ".jpg"
        return path or None

    def _capture_done(self, image, target: str, path: str | None) -> None:
        if not self.viewer.alive:
            return
        if target == "clipboard":
            QApplication.clipboard().setImage(image)
            self.viewer.logger.success(self.tr("View copied to the clipboard"))
        else:
            self.viewer.logger.success(self.tr("View saved to {path}").format(path=path))
