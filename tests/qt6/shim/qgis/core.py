"""The bits of ``qgis.core`` the viewer widgets touch, faked for the PyQt6 smoke test.

* ``Qgis.MessageLevel``: QGIS's scoped enum (same names and values);
* ``QgsMessageLog.logMessage``: records ``(message, tag, level)`` in ``QgsMessageLog.messages``
  (QGIS shows them in its log panel) so the smoke test can check that nothing was logged.

Nothing else: importing a name the shim lacks fails, which tells what the widgets need.
"""

from __future__ import annotations

import enum


class Qgis:
    class MessageLevel(enum.IntEnum):
        Info = 0
        Warning = 1
        Critical = 2
        Success = 3
        NoLevel = 4


class QgsMessageLog:
    messages: list[tuple[str, str, Qgis.MessageLevel]] = []

    @staticmethod
    def logMessage(message, tag="", level=Qgis.MessageLevel.Warning, notifyUser=True) -> None:
        QgsMessageLog.messages.append((message, tag, Qgis.MessageLevel(level)))
