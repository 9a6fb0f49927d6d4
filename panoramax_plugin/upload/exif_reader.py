"""EXIF through QGIS's own reader (exiv2 via ``QgsExifTools``), as the core expects it.

The core's interpreter wants plain Python values: Qt dates and times become
``datetime`` and ``(h, m, s)``. XMP (GPano) is read by the core from the bytes.
"""

from __future__ import annotations

from datetime import datetime

from qgis.core import QgsExifTools
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from ..core.exif_tiff import read_exif_tags

WANTED_PREFIXES = ("Exif.GPSInfo.", "Exif.Image.", "Exif.Photo.")


def _plain(value):
    """A Qt value as a plain Python one; None when it is no valid value (never raises)."""
    try:
        return _converted(value)
    except (ValueError, TypeError, OverflowError):  # e.g. a QDate in year 0 or before
        return None


def _converted(value):
    if isinstance(value, QDateTime):
        if not value.isValid():
            return None
        day, clock = value.date(), value.time()
        return datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
        )
    if isinstance(value, QDate):
        return datetime(value.year(), value.month(), value.day()) if value.isValid() else None
    if isinstance(value, QTime):
        return (
            (value.hour(), value.minute(), value.second() + value.msec() / 1000)
            if value.isValid()
            else None
        )
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def read_tags_with_qgis(path: str, head: bytes) -> dict:
    """``QgsExifTools.readTags`` as plain values; the core's reader fills what it lacks.

    Never raises: when exiv2 fails or finds nothing, the core's reader (which never
    raises either) reads the EXIF once from ``head``.
    """
    try:
        found = QgsExifTools.readTags(str(path)) or {}
    except Exception:  # exiv2's errors: the core's reader gets its chance below
        found = {}
    tags = {}
    for key, value in found.items():
        if isinstance(key, str) and key.startswith(WANTED_PREFIXES):
            plain = _plain(value)
            if plain is not None:
                tags[key] = plain
    if not tags:  # exiv2 could not read it: give the small reader a chance
        return read_exif_tags(head)
    return tags
