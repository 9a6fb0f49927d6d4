"""One logger for the plugin: the QGIS log panel, and the message bar when asked."""

from __future__ import annotations

import html

from qgis.core import Qgis, QgsMessageLog

from .__about__ import __title__

LOG_TAG = __title__


class PluginLogger:
    """Writes to the "Panoramax" tab of the log panel; ``push`` also shows the message bar.

    Never pass secrets here: the log panel is saved and shared in bug reports.
    """

    def __init__(self, iface=None):
        self.iface = iface

    def log(
        self,
        message: str,
        level=Qgis.MessageLevel.Info,
        push: bool = False,
        title: str | None = None,
        duration: int | None = None,
    ) -> None:
        QgsMessageLog.logMessage(message, LOG_TAG, level)
        if push and self.iface is not None:
            bar = self.iface.messageBar()
            if duration is None:
                duration = 0 if level == Qgis.MessageLevel.Critical else 8
            # the bar shows rich text and opens its links: messages quote servers (their
            # error text, tag values), so they are escaped to read as typed
            bar.pushMessage(title or LOG_TAG, html.escape(message, quote=False), level, duration)

    def info(self, message: str, push: bool = False) -> None:
        self.log(message, Qgis.MessageLevel.Info, push)

    def success(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Success, push)

    def warning(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Warning, push)

    def error(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Critical, push)
