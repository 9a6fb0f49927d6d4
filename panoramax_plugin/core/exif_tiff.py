"""A small pure-Python EXIF reader for the tags an upload needs.

QGIS reads EXIF with exiv2 (``QgsExifTools``); this reader is the fallback where
QGIS is not there (the core's own tests, scripts) and returns the same key names
(``Exif.GPSInfo.GPSLatitude`` ...) with plain Python values, so one interpreter
(``picture_file.metadata_from_tags``) serves both.
"""

from __future__ import annotations

import struct
from datetime import datetime

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 11: 4, 12: 8}

_IFD0 = {0x010F: "Exif.Image.Make", 0x0110: "Exif.Image.Model", 0x0132: "Exif.Image.DateTime"}
_EXIF = {
    0x9003: "Exif.Photo.DateTimeOriginal",
    0x9291: "Exif.Photo.SubSecTimeOriginal",
    0x9011: "Exif.Photo.OffsetTimeOriginal",
    0xA002: "Exif.Photo.PixelXDimension",
    0xA003: "Exif.Photo.PixelYDimension",
}
_GPS = {
    0x0001: "Exif.GPSInfo.GPSLatitudeRef",
    0x0002: "Exif.GPSInfo.GPSLatitude",
    0x0003: "Exif.GPSInfo.GPSLongitudeRef",
    0x0004: "Exif.GPSInfo.GPSLongitude",
    0x0007: "Exif.GPSInfo.GPSTimeStamp",
    0x000F: "Exif.GPSInfo.GPSTrack",
    0x0011: "Exif.GPSInfo.GPSImgDirection",
    0x001D: "Exif.GPSInfo.GPSDateStamp",
}
_DATETIME_KEYS = {"Exif.Image.DateTime", "Exif.Photo.DateTimeOriginal"}


def exif_payload(head: bytes) -> bytes | None:
    """The TIFF block of the first ``Exif`` APP1 segment in the JPEG's first bytes."""
    pos = 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return None
        marker = head[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image / start of scan: no more metadata
            return None
        length = struct.unpack(">H", head[pos + 2 : pos + 4])[0]
        if marker == 0xE1 and head[pos + 4 : pos + 10] == b"Exif\x00\x00":
            return head[pos + 10 : pos + 2 + length]
        pos += 2 + length
    return None


def read_exif_tags(head: bytes) -> dict:
    """EXIF tags of a JPEG from its first bytes (64 KiB is enough for EXIF)."""
    tiff = exif_payload(head)
    if not tiff or len(tiff) < 8:
        return {}
    endian = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if endian is None:
        return {}
    tags: dict = {}
    try:
        ifd0 = struct.unpack(endian + "I", tiff[4:8])[0]
        pointers = _read_ifd(tiff, endian, ifd0, _IFD0, tags, {0x8769, 0x8825})
        if 0x8769 in pointers:
            _read_ifd(tiff, endian, pointers[0x8769], _EXIF, tags, set())
        if 0x8825 in pointers:
            _read_ifd(tiff, endian, pointers[0x8825], _GPS, tags, set())
    except (struct.error, IndexError, ValueError):
        pass  # broken EXIF: keep what was read, the pre-flight says what is missing
    return _convert(tags)


def _read_ifd(tiff: bytes, endian: str, offset: int, names: dict, tags: dict, wanted: set):
    count = struct.unpack(endian + "H", tiff[offset : offset + 2])[0]
    pointers = {}
    for index in range(count):
        entry = offset + 2 + 12 * index
        tag, kind, number = struct.unpack(endian + "HHI", tiff[entry : entry + 8])
        if tag not in names and tag not in wanted:
            continue
        size = _TYPE_SIZES.get(kind, 1) * number
        data_at = (
            entry + 8 if size <= 4 else struct.unpack(endian + "I", tiff[entry + 8 : entry + 12])[0]
        )
        raw = tiff[data_at : data_at + size]
        value = _decode(raw, kind, number, endian)
        if tag in wanted:
            pointers[tag] = value[0] if isinstance(value, list) else value
        else:
            tags[names[tag]] = value
    return pointers


def _decode(raw: bytes, kind: int, number: int, endian: str):
    if kind == 2:
        return raw.split(b"\x00", 1)[0].decode("latin-1").strip()
    if kind in (3, 4, 9):
        fmt = {3: "H", 4: "I", 9: "i"}[kind]
        return list(struct.unpack(endian + fmt * number, raw))
    if kind in (5, 10):
        fmt = "I" if kind == 5 else "i"
        values = struct.unpack(endian + fmt * (2 * number), raw)
        return [
            values[i] / values[i + 1] if values[i + 1] else None for i in range(0, len(values), 2)
        ]
    return raw


def _convert(tags: dict) -> dict:
    """exiv2-like values: degrees as one float, dates as datetime, single numbers unboxed."""
    out = {}
    for key, value in tags.items():
        if key in ("Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLongitude"):
            if isinstance(value, list) and len(value) == 3 and None not in value:
                value = value[0] + value[1] / 60 + value[2] / 3600
            else:
                continue
        elif key in _DATETIME_KEYS:
            try:
                value = datetime.strptime(value[:19], "%Y:%m:%d %H:%M:%S")
            except (TypeError, ValueError):
                continue
        elif key == "Exif.GPSInfo.GPSTimeStamp":
            if not (isinstance(value, list) and len(value) == 3 and None not in value):
                continue
        elif isinstance(value, list):
            if len(value) != 1 or value[0] is None:
                continue
            value = value[0]
        out[key] = value
    return out
