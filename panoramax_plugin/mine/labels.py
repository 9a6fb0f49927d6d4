"""Readable names of the server's codes in "My pictures": statuses, visibilities and
picture orders, in the user's language (the codes stay in the layers' attributes)."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..core.i18n import QT_TRANSLATE_NOOP

CONTEXT = "PanoramaxMine"

STATUS_LABELS = {
    "ready": QT_TRANSLATE_NOOP("PanoramaxMine", "Ready"),
    "waiting-for-process": QT_TRANSLATE_NOOP("PanoramaxMine", "Waiting to be processed"),
    "preparing": QT_TRANSLATE_NOOP("PanoramaxMine", "Being processed"),
    "broken": QT_TRANSLATE_NOOP("PanoramaxMine", "Broken"),
    "hidden": QT_TRANSLATE_NOOP("PanoramaxMine", "Hidden"),
}

VISIBILITY_LABELS = {
    "anyone": QT_TRANSLATE_NOOP("PanoramaxMine", "Anyone"),
    "owner-only": QT_TRANSLATE_NOOP("PanoramaxMine", "Only me"),
    "logged-only": QT_TRANSLATE_NOOP("PanoramaxMine", "Signed-in users"),
}

ORDER_LABELS = {
    "+gpsdate": QT_TRANSLATE_NOOP("PanoramaxMine", "GPS time, oldest first"),
    "-gpsdate": QT_TRANSLATE_NOOP("PanoramaxMine", "GPS time, newest first"),
    "+filedate": QT_TRANSLATE_NOOP("PanoramaxMine", "File time, oldest first"),
    "-filedate": QT_TRANSLATE_NOOP("PanoramaxMine", "File time, newest first"),
    "+filename": QT_TRANSLATE_NOOP("PanoramaxMine", "File name, A to Z"),
    "-filename": QT_TRANSLATE_NOOP("PanoramaxMine", "File name, Z to A"),
}


def label(labels: dict, code: str) -> str:
    """The translated name of ``code``, or the code itself when the server has a new one."""
    text = labels.get(code)
    return QCoreApplication.translate(CONTEXT, text) if text else str(code)


def labelled(labels: dict, codes) -> list:
    """(label, code) pairs for a choice list, in the order of ``codes``."""
    return [(label(labels, code), code) for code in codes]


def code_of(pairs, chosen: str) -> str:
    """The code behind a chosen label (a code given as is stays itself)."""
    for text, code in pairs:
        if chosen in (text, code):
            return code
    return chosen
