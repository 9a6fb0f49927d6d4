"""A small pure-Python EXIF reader for the tags an upload needs.

QGIS reads EXIF with exiv2 (``QgsExifTools``); this reader is the fallback where
QGIS is not there (the core's own tests, scripts) and returns the same key names
(``Exif.GPSInfo.GPSLatitude`` ...) with plain Python values, so one interpreter
(``picture_file.fill_from_tags``) serves both.

It never raises and its work is bounded by the bytes it is given: the TIFF block of
an APP1 segment is at most 64 KiB, every count is checked against the bytes actually
there before anything is unpacked, each tag must have the type and count the EXIF
standard gives it, and only the Exif and GPS IFDs of IFD0 are followed (once each).
An entry that breaks a rule is left out and the reason kept in ``ExifTags.issues``.
"""

from __future__ import annotations

import math
import struct
from datetime import datetime

from .i18n import translate

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INTEGER_FORMATS = {1: "B", 3: "H", 4: "I", 9: "i", 13: "I"}
_ASCII, _LONG, _IFD = 2, 4, 13
_RATIONALS = (5, 10)
_NUMBERS = (1, 3, 4, 5, 9, 10, 11, 12)
MAX_VALUE_BYTES = 4096  # the longest value kept (a camera model, a date: tens of bytes)
MAX_ISSUES = 5

# tag -> (key, accepted types, (min count, max count))
_IFD0 = {
    0x010F: ("Exif.Image.Make", (_ASCII,), (1, MAX_VALUE_BYTES)),
    0x0110: ("Exif.Image.Model", (_ASCII,), (1, MAX_VALUE_BYTES)),
    0x0132: ("Exif.Image.DateTime", (_ASCII,), (1, 64)),
    0x0112: ("Exif.Image.Orientation", (3,), (1, 1)),
}
_POINTERS = {0x8769: "Exif", 0x8825: "GPS"}
_POINTER_KEYS = {0x8769: "Exif.Image.ExifTag", 0x8825: "Exif.Image.GPSTag"}
_EXIF = {
    0x9003: ("Exif.Photo.DateTimeOriginal", (_ASCII,), (1, 64)),
    0x9291: ("Exif.Photo.SubSecTimeOriginal", (_ASCII,), (1, 64)),
    0x9010: ("Exif.Photo.OffsetTime", (_ASCII,), (1, 64)),
    0x9011: ("Exif.Photo.OffsetTimeOriginal", (_ASCII,), (1, 64)),
    0xA002: ("Exif.Photo.PixelXDimension", (3, 4), (1, 1)),
    0xA003: ("Exif.Photo.PixelYDimension", (3, 4), (1, 1)),
}
_GPS = {
    0x0001: ("Exif.GPSInfo.GPSLatitudeRef", (_ASCII,), (1, 64)),
    0x0002: ("Exif.GPSInfo.GPSLatitude", _RATIONALS, (3, 3)),
    0x0003: ("Exif.GPSInfo.GPSLongitudeRef", (_ASCII,), (1, 64)),
    0x0004: ("Exif.GPSInfo.GPSLongitude", _RATIONALS, (3, 3)),
    0x0007: ("Exif.GPSInfo.GPSTimeStamp", _RATIONALS, (3, 3)),
    0x000F: ("Exif.GPSInfo.GPSTrack", _NUMBERS, (1, 1)),
    0x0011: ("Exif.GPSInfo.GPSImgDirection", _NUMBERS, (1, 1)),
    0x001D: ("Exif.GPSInfo.GPSDateStamp", (_ASCII,), (1, 64)),
}
_DATETIME_KEYS = {"Exif.Image.DateTime", "Exif.Photo.DateTimeOriginal"}


class ExifTags(dict):
    """The tags read (exiv2-style keys), and ``issues``: why some entries were left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.issues: list = []

    def note(self, text: str) -> None:
        if len(self.issues) < MAX_ISSUES and text not in self.issues:
            self.issues.append(text)


def exif_payload(head: bytes) -> bytes | None:
    """The TIFF block of the first ``Exif`` APP1 segment in the JPEG's first bytes."""
    pos = 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return None
        marker = head[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in (0xD9, 0xDA):  # end of image / start of scan: no more metadata
            return None
        length = struct.unpack(">H", head[pos + 2 : pos + 4])[0]
        if length < 2:  # a segment shorter than its own length field: nothing sane follows
            return None
        if marker == 0xE1 and head[pos + 4 : pos + 10] == b"Exif\x00\x00":
            return head[pos + 10 : pos + 2 + length]
        pos += 2 + length
    return None


def read_exif_tags(head: bytes) -> ExifTags:
    """EXIF tags of a JPEG from its first bytes (64 KiB is enough for EXIF); never raises."""
    tags = ExifTags()
    try:
        _read(head, tags)
    except Exception as exc:  # a rule missed above: the file's issue, never the caller's
        tags.note(
            translate("PanoramaxCore", "unreadable EXIF block ({error})").format(
                error=type(exc).__name__
            )
        )
    return tags


def _read(head: bytes, tags: ExifTags) -> None:
    tiff = exif_payload(head)
    if not tiff:
        return
    endian = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if len(tiff) < 8 or endian is None or struct.unpack(endian + "H", tiff[2:4])[0] != 42:
        tags.note(translate("PanoramaxCore", "the EXIF block has no valid TIFF header"))
        return
    raw: dict = {}
    reader = _IfdReader(tiff, endian, tags)
    pointers = reader.read(struct.unpack(endian + "I", tiff[4:8])[0], "IFD0", _IFD0, raw)
    for tag, name in _POINTERS.items():
        if tag in pointers:
            reader.read(pointers[tag], name, _EXIF if tag == 0x8769 else _GPS, raw)
    _convert(raw, tags)


class _IfdReader:
    """Reads IFDs of one TIFF block; each IFD at most once, every size checked first."""

    def __init__(self, tiff: bytes, endian: str, tags: ExifTags):
        self.tiff, self.endian, self.tags = tiff, endian, tags
        self.seen: set = set()

    def read(self, offset: int, ifd: str, names: dict, raw: dict) -> dict:
        """Fill ``raw`` with the wanted entries of the IFD at ``offset``; its IFD pointers."""
        tiff, endian = self.tiff, self.endian
        if offset in self.seen:
            text = translate("PanoramaxCore", "the {ifd} directory points back to one already read")
            self.tags.note(text.format(ifd=ifd))
            return {}
        if offset < 8 or offset + 2 > len(tiff):
            text = translate("PanoramaxCore", "the {ifd} directory points outside the EXIF block")
            self.tags.note(text.format(ifd=ifd))
            return {}
        self.seen.add(offset)
        count = struct.unpack(endian + "H", tiff[offset : offset + 2])[0]
        room = (len(tiff) - offset - 2) // 12
        if count > room:
            self.tags.note(
                translate(
                    "PanoramaxCore",
                    "the {ifd} directory claims {count} entries, the EXIF block holds {room}",
                ).format(ifd=ifd, count=count, room=room)
            )
            count = room
        pointers = {}
        for index in range(count):
            entry = offset + 2 + 12 * index
            tag, kind, number = struct.unpack(endian + "HHI", tiff[entry : entry + 8])
            if ifd == "IFD0" and tag in _POINTERS:
                key = _POINTER_KEYS[tag]
                value = self._value(entry, key, kind, number, (_LONG, _IFD), (1, 1))
                if value is not None:
                    pointers[tag] = value[0]
                continue
            if tag not in names:
                continue
            key, kinds, counts = names[tag]
            value = self._value(entry, key, kind, number, kinds, counts)
            if value is not None:
                raw[key] = value
        return pointers

    def _value(self, entry: int, label: str, kind: int, number: int, kinds, counts):
        """The decoded value of one entry, or None (and an issue) when it breaks a rule."""
        if kind not in kinds:
            self.tags.note(
                translate("PanoramaxCore", "{tag} has the wrong type ({kind})").format(
                    tag=label, kind=kind
                )
            )
            return None
        if not counts[0] <= number <= counts[1]:
            self.tags.note(
                translate("PanoramaxCore", "{tag} claims {count} values").format(
                    tag=label, count=number
                )
            )
            return None
        size = _TYPE_SIZES[kind] * number
        if size <= 4:
            data_at = entry + 8
        else:
            data_at = struct.unpack(self.endian + "I", self.tiff[entry + 8 : entry + 12])[0]
        if data_at + size > len(self.tiff):
            self.tags.note(
                translate("PanoramaxCore", "{tag} points outside the EXIF block").format(tag=label)
            )
            return None
        return _decode(self.tiff[data_at : data_at + size], kind, number, self.endian)


def _decode(raw: bytes, kind: int, number: int, endian: str):
    """Values of ``number`` items of ``kind`` in ``raw`` (its size already checked)."""
    if kind == _ASCII:
        return raw.split(b"\x00", 1)[0].decode("latin-1").strip()
    if kind in _INTEGER_FORMATS:
        return list(struct.unpack(f"{endian}{number}{_INTEGER_FORMATS[kind]}", raw))
    if kind in _RATIONALS:
        values = struct.unpack(f"{endian}{2 * number}{'I' if kind == 5 else 'i'}", raw)
        return [
            values[i] / values[i + 1] if values[i + 1] else None for i in range(0, len(values), 2)
        ]
    if kind in (11, 12):
        floats = struct.unpack(f"{endian}{number}{'f' if kind == 11 else 'd'}", raw)
        return [value if math.isfinite(value) else None for value in floats]
    return None


def _convert(raw: dict, tags: ExifTags) -> None:
    """exiv2-like values: degrees as one float, dates as datetime, single numbers unboxed."""
    for key, value in raw.items():
        if value is None or (isinstance(value, list) and None in value):
            tags.note(translate("PanoramaxCore", "{tag} is not a number").format(tag=key))
            continue
        if key in ("Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLongitude"):
            value = value[0] + value[1] / 60 + value[2] / 3600
        elif key in _DATETIME_KEYS:
            value = _datetime(value)
            if value is None:
                tags.note(translate("PanoramaxCore", "{tag} is not a date").format(tag=key))
                continue
        elif isinstance(value, list) and key != "Exif.GPSInfo.GPSTimeStamp":
            value = value[0]
        tags[key] = value


def _datetime(text: str) -> datetime | None:
    """``YYYY:MM:DD HH:MM:SS`` (ASCII digits only) as a datetime, or None."""
    if len(text) < 19 or not text[:19].replace(":", "").replace(" ", "").isascii():
        return None
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
