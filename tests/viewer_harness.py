"""One way to make the viewer (dock + controller) in tests, and a logger that remembers."""

from __future__ import annotations

from contextlib import contextmanager

from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt

from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings


class RecordingLogger(PluginLogger):
    """The plugin's logger (message bar and log panel), remembering what it said."""

    def __init__(self, iface):
        super().__init__(iface)
        self.said = []

    def log(self, message, level=Qgis.MessageLevel.Info, push=False, title=None, duration=None):
        self.said.append((level, message))
        super().log(message, level, push, title, duration)


@contextmanager
def open_viewer(desktop, api=None, timeout_s=30.0, dock_size=None, window_size=None, show=False):
    """A ``ViewerController`` on a dock of ``desktop`` (a ``DesktopStub``), following ``api``.

    The controller records what it did: ``shown`` (pictures), ``images`` ((id, level) of
    each file shown) and ``said`` ((level, message) of the logger). Unloaded at the end.
    """
    from panoramax_plugin.viewer.controller import ViewerController
    from panoramax_plugin.viewer.dock import ViewerDock

    dock = ViewerDock(desktop.window)
    desktop.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if window_size:
        desktop.window.resize(*window_size)
    if dock_size:
        dock.resize(*dock_size)
    if show:
        desktop.window.show()
    logger = RecordingLogger(desktop)
    settings = PluginSettings(timeout_s=timeout_s)
    controller = ViewerController(dock, desktop.canvas, logger, settings)
    if api:
        controller.set_instance(api)
    shown, images = [], []
    controller.picture_shown.connect(shown.append)
    controller.image_shown.connect(lambda pid, level: images.append((pid, level)))
    controller.shown, controller.images, controller.said = shown, images, logger.said
    try:
        yield controller
    finally:
        controller.unload()
        dock.deleteLater()
