"""What the pre-flight learns from one picture file, before anything is sent.

The EXIF tags come from a reader passed in (QGIS's exiv2 through ``QgsExifTools``
on the QGIS side, ``exif_tiff.read_exif_tags`` elsewhere); the JPEG checks and the
GPano XMP (which ``QgsExifTools`` does not read) are done here from the file's
first and last bytes, so a 20 MB picture costs two small reads.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .exif_tiff import read_exif_tags
from .i18n import translate

HEAD_BYTES = 256 * 1024  # EXIF is under 64 KiB; XMP packets of 360 cameras sit right after
TAIL_BYTES = 1024

READY = "ready"
NOT_READY = "not_ready"

_GPANO_EQUIRECT = re.compile(rb"ProjectionType(?:>|=\"|='|\s*=\s*\")\s*equirectangular", re.I)
_GPANO_HEADING = re.compile(rb"PoseHeadingDegrees(?:>|=\"|=')\s*(-?[0-9.]+)")
_DIGITS = re.compile(r"[0-9]+")  # ASCII digits only: "12³".isdigit() is true
_OFFSET = re.compile(r"([+-])([0-9]{2}):?([0-9]{2})")
_MAX_TEXT = 256
YEARS = range(1900, 2101)  # capture years taken as real; others are clock errors


@dataclass
class PictureMeta:
    """One file as the pre-flight sees it; ``problem`` is None when it can be sent.

    ``notes`` says what was read but left out (an invalid heading, a damaged EXIF
    entry...): the file can still be sent, without that value.
    """

    path: str
    size: int = 0
    lat: float | None = None
    lon: float | None = None
    captured_at: datetime | None = None
    heading: float | None = None
    is_360: bool = False
    camera: str = ""
    problem: str | None = None
    notes: list = field(default_factory=list)

    @property
    def status(self) -> str:
        return READY if self.problem is None else NOT_READY


def read_picture(path: str, read_tags=None) -> PictureMeta:
    """Check one file and read its position, time, heading, camera and 360° flag.

    ``read_tags(path, head_bytes) -> dict`` returns exiv2-style EXIF keys; never raises
    for a bad file: the reason lands in ``problem``. The work is bounded by the file's
    first ``HEAD_BYTES`` and last ``TAIL_BYTES``, and each reader runs once per file.
    """
    try:
        return _read_picture(str(path), read_tags)
    except Exception as exc:  # a case no rule below foresaw: still this file's status only
        return unchecked_picture(path, exc)


def unchecked_picture(path, error: BaseException) -> PictureMeta:
    """The status of a file whose check failed unexpectedly: not sent, the others go on."""
    message = translate(
        "PanoramaxCore", "This file could not be checked ({error}); it is left out."
    ).format(error=type(error).__name__)
    return PictureMeta(path=str(path), problem=message)


def _read_picture(path: str, read_tags) -> PictureMeta:
    meta = PictureMeta(path=path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the read for ever
            meta.problem = translate("PanoramaxUpload", "Unreadable file: {error}").format(
                error=translate("PanoramaxCore", "not a regular file")
            )
            return meta
        meta.size = info.st_size
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            if meta.size > HEAD_BYTES:
                handle.seek(max(0, meta.size - TAIL_BYTES))
            tail = handle.read(TAIL_BYTES) if meta.size > HEAD_BYTES else head[-TAIL_BYTES:]
    except OSError as exc:
        meta.problem = translate("PanoramaxUpload", "Unreadable file: {error}").format(
            error=exc.strerror or exc
        )
        return meta
    meta.problem = jpeg_problem(head, tail, meta.size)
    if meta.problem:
        return meta
    tags = _exif_tags(path, head, read_tags, meta.notes)
    damage = list(getattr(tags, "issues", ()))
    rejected = fill_from_tags(meta, tags)
    is_360, pose_heading = gpano_from_xmp(head)
    meta.is_360 = is_360
    if meta.heading is None and pose_heading is not None:
        meta.heading = _heading(pose_heading, -360.0, "PoseHeadingDegrees", meta.notes)
    meta.problem = missing_metadata(meta, rejected, damage)
    if meta.problem is None:
        meta.notes.extend(damage)
    return meta


def _exif_tags(path: str, head: bytes, read_tags, notes: list) -> dict:
    """EXIF tags from ``read_tags`` (exiv2 in QGIS), else from the core's reader.

    When ``read_tags`` fails, the core's reader is used instead; it never raises, so
    no reader is ever run twice on one file.
    """
    if read_tags is None:
        return read_exif_tags(head)
    try:
        tags = read_tags(path, head)
    except Exception as exc:
        notes.append(
            translate(
                "PanoramaxCore",
                "the EXIF reader failed ({error}); the plugin's own reader was used",
            ).format(error=type(exc).__name__)
        )
        return read_exif_tags(head)
    return tags if isinstance(tags, dict) else {}


def jpeg_problem(head: bytes, tail: bytes, size: int) -> str | None:
    """Why these bytes are not a complete JPEG (None when they are)."""
    if size == 0:
        return translate("PanoramaxUpload", "Empty file (0 bytes).")
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return translate(
            "PanoramaxUpload", "This is a PNG picture, not a JPEG: Panoramax takes JPEG only."
        )
    if head[:3] != b"\xff\xd8\xff":
        return translate("PanoramaxUpload", "Not a JPEG picture.")
    if b"\xff\xd9" not in tail:
        return translate(
            "PanoramaxUpload", "The JPEG is truncated or corrupt (no end-of-image marker)."
        )
    return None


def gpano_from_xmp(head: bytes) -> tuple:
    """(is equirectangular 360°, PoseHeadingDegrees or None) from the XMP packet."""
    # plain finds first: a regex over 256 KiB of every picture was most of the check's time
    at = head.find(b"ProjectionType")
    is_360 = at >= 0 and bool(_GPANO_EQUIRECT.search(head, at, at + 200))
    at = head.find(b"PoseHeadingDegrees")
    match = _GPANO_HEADING.search(head, at, at + 100) if at >= 0 else None
    heading = None
    if match:
        try:
            heading = float(match.group(1))
        except ValueError:
            heading = None
    return is_360, heading


def fill_from_tags(meta: PictureMeta, tags: dict) -> dict:
    """Position, capture time, heading and camera from exiv2-style EXIF tags.

    Only valid values are kept; an invalid optional one (heading, sub-seconds, time
    offset) is left out with a note in ``meta.notes``. Returns the invalid required
    values, ``{"position": text, "time": text}``, for ``missing_metadata``.
    """
    rejected = {}
    lat = _number(tags.get("Exif.GPSInfo.GPSLatitude"))
    lon = _number(tags.get("Exif.GPSInfo.GPSLongitude"))
    if lat is not None or lon is not None:
        south = _text(tags.get("Exif.GPSInfo.GPSLatitudeRef")).upper().startswith("S")
        west = _text(tags.get("Exif.GPSInfo.GPSLongitudeRef")).upper().startswith("W")
        lat = -abs(lat) if south and lat is not None else lat
        lon = -abs(lon) if west and lon is not None else lon
        if _within(lat, -90, 90) and _within(lon, -180, 180):
            if (lat, lon) != (0.0, 0.0):  # 0, 0: a GPS without a fix
                meta.lat, meta.lon = lat, lon
        else:
            rejected["position"] = f"{_shown(lat)}, {_shown(lon)}"
    meta.captured_at = capture_time(tags, meta.notes, rejected)
    for key in ("Exif.GPSInfo.GPSImgDirection", "Exif.GPSInfo.GPSTrack"):
        heading = _number(tags.get(key))
        if heading is not None:
            meta.heading = _heading(heading, 0.0, key.rsplit(".", 1)[-1], meta.notes)
            if meta.heading is not None:
                break
    make = _text(tags.get("Exif.Image.Make"))
    model = _text(tags.get("Exif.Image.Model"))
    meta.camera = (
        model if make and model.lower().startswith(make.lower()) else f"{make} {model}".strip()
    )
    return rejected


def capture_time(tags: dict, notes: list | None = None, rejected: dict | None = None):
    """Camera time with sub-seconds and offset, else the GPS (UTC) date and time.

    A date out of ``YEARS`` or not a date at all is skipped (and, when no other source
    gives a time, named in ``rejected["time"]``); invalid sub-seconds or offsets are
    left out with a note.
    """
    notes = [] if notes is None else notes
    rejected = {} if rejected is None else rejected
    for key, sub_key, offset_key in (
        (
            "Exif.Photo.DateTimeOriginal",
            "Exif.Photo.SubSecTimeOriginal",
            "Exif.Photo.OffsetTimeOriginal",
        ),
        ("Exif.Image.DateTime", "Exif.Photo.SubSecTimeOriginal", "Exif.Photo.OffsetTime"),
    ):
        value = tags.get(key)
        if value is None:
            continue
        if not isinstance(value, datetime) or value.year not in YEARS:
            rejected.setdefault("time", str(value)[:40])
            continue
        sub = _text(tags.get(sub_key))
        if sub:
            if _DIGITS.fullmatch(sub):
                value = value.replace(microsecond=int((sub + "000000")[:6]))
            else:
                notes.append(
                    translate("PanoramaxCore", "sub-seconds {value} left out: not digits").format(
                        value=repr(sub[:20])
                    )
                )
        offset = _offset(tags.get(offset_key), notes)
        return value.replace(tzinfo=offset) if offset else value
    return _gps_time(tags, rejected)


def _gps_time(tags: dict, rejected: dict) -> datetime | None:
    """The GPS (UTC) date and time, when both are there and valid."""
    day, clock = tags.get("Exif.GPSInfo.GPSDateStamp"), tags.get("Exif.GPSInfo.GPSTimeStamp")
    if day is None or clock is None:
        return None
    if isinstance(day, str):
        text = day.strip()[:10].replace("-", ":")
        try:
            day = datetime.strptime(text, "%Y:%m:%d") if text.isascii() else None
        except ValueError:
            day = None
    parts = [_number(part) for part in clock] if isinstance(clock, (list, tuple)) else []
    valid_clock = (
        len(parts) == 3
        and _within(parts[0], 0, 24)
        and _within(parts[1], 0, 59)
        and _within(parts[2], 0, 60.999)
    )
    if not isinstance(day, datetime) or day.year not in YEARS or not valid_clock:
        rejected.setdefault("time", f"{str(day)[:20]} {str(clock)[:40]}")
        return None
    hours, minutes, seconds = parts
    base = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return base + timedelta(hours=hours, minutes=minutes, seconds=seconds)


def missing_metadata(meta: PictureMeta, rejected=None, damage=()) -> str | None:
    """Why the file cannot be sent for lack of position or time (None when it can)."""
    rejected = rejected or {}
    problem = None
    if meta.lat is None and "position" in rejected:
        problem = translate(
            "PanoramaxCore",
            "The GPS position in the picture is invalid ({value}): Panoramax needs a valid one.",
        ).format(value=rejected["position"])
    elif meta.lat is None:
        problem = translate(
            "PanoramaxUpload",
            "No GPS position in the picture: Panoramax needs one. Geotag it first "
            "(e.g. from a GPX track).",
        )
    elif meta.captured_at is None and "time" in rejected:
        problem = translate(
            "PanoramaxCore",
            "The capture date and time in the picture are invalid ({value}): Panoramax needs "
            "valid ones.",
        ).format(value=rejected["time"])
    elif meta.captured_at is None:
        problem = translate(
            "PanoramaxUpload", "No capture date and time in the picture: Panoramax needs one."
        )
    if problem and damage:
        problem += " " + translate("PanoramaxCore", "The EXIF metadata is damaged: {what}.").format(
            what="; ".join(damage)
        )
    return problem


def _number(value):
    """A float from an EXIF value; None when absent, NaN when present but not a number."""
    if isinstance(value, (list, tuple)):
        value = value[0] if len(value) == 1 else float("nan")
    if value is None:
        return None
    if isinstance(value, bool):
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return float("nan")


def _shown(value) -> str:
    return "?" if value is None else f"{value:.8g}"


def _within(value, low: float, high: float) -> bool:
    """``value`` is a finite number from ``low`` to ``high``."""
    return value is not None and math.isfinite(value) and low <= value <= high


def _heading(value: float, low: float, name: str, notes: list):
    """The heading in [0, 360) when ``value`` is a finite angle from ``low`` to 360."""
    if _within(value, low, 360.0):
        return value % 360
    notes.append(
        translate(
            "PanoramaxCore", "heading {value} ({tag}) left out: not an angle from 0 to 360°"
        ).format(value=value, tag=name)
    )
    return None


def _text(value) -> str:
    """A text tag as stripped text ('' for anything else)."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value.strip()[:_MAX_TEXT] if isinstance(value, str) else ""


def _offset(text, notes: list):
    """A ``±HH:MM`` offset from UTC within ±14:00 as a timezone; None (with a note) else."""
    text = _text(text)
    if not text:
        return None
    match = _OFFSET.fullmatch(text)
    if match:
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        if int(match.group(3)) < 60 and minutes <= 14 * 60:
            sign = -1 if match.group(1) == "-" else 1
            return timezone(sign * timedelta(minutes=minutes))
    notes.append(
        translate(
            "PanoramaxCore", "time offset {value} left out: not between -14:00 and +14:00"
        ).format(value=repr(text[:20]))
    )
    return None


def file_heading(data: bytes) -> float | None:
    """The heading written in a downloaded picture file (EXIF ``GPSImgDirection``, else
    ``GPSTrack``), to the decimal the camera wrote; None when absent or unusable.

    Panoramax's API gives headings in whole degrees (36.6° comes back as 37): half a
    degree is 8 px at the view centre of a 1280 px wide, 60° view, enough to miss a road
    sign. The sd and hd files keep the EXIF heading the camera wrote.
    """
    return heading_from_tags(read_exif_tags(bytes(data[:HEAD_BYTES])))


def heading_from_tags(tags: dict) -> float | None:
    """``file_heading`` from EXIF tags already read (``exif_tiff.read_exif_tags``)."""
    for key in ("Exif.GPSInfo.GPSImgDirection", "Exif.GPSInfo.GPSTrack"):
        value = _number(tags.get(key))
        if _within(value, 0.0, 360.0):
            return value % 360
    return None


def refined_heading(api_heading: float | None, file_value: float | None) -> float | None:
    """The file's heading when it is the API's one before rounding (within 0.5°), else
    None: a heading the instance corrected (a sequence turned by its owner, a heading
    computed from the track) is the instance's to give."""
    if api_heading is None or file_value is None:
        return None
    difference = abs((file_value - api_heading + 180.0) % 360.0 - 180.0)
    return file_value if difference <= 0.5 + 1e-9 else None
