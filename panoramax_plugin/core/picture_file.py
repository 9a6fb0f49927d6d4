"""What the pre-flight learns from one picture file, before anything is sent.

The EXIF tags come from a reader passed in (QGIS's exiv2 through ``QgsExifTools``
on the QGIS side, ``exif_tiff.read_exif_tags`` elsewhere); the JPEG checks and the
GPano XMP (which ``QgsExifTools`` does not read) are done here from the file's
first and last bytes, so a 20 MB picture costs two small reads.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .exif_tiff import read_exif_tags
from .i18n import translate

HEAD_BYTES = 256 * 1024  # EXIF is under 64 KiB; XMP packets of 360 cameras sit right after
TAIL_BYTES = 1024

READY = "ready"
NOT_READY = "not_ready"

_GPANO_EQUIRECT = re.compile(rb"ProjectionType(?:>|=\"|='|\s*=\s*\")\s*equirectangular", re.I)
_GPANO_HEADING = re.compile(rb"PoseHeadingDegrees(?:>|=\"|=')\s*(-?[0-9.]+)")


@dataclass
class PictureMeta:
    """One file as the pre-flight sees it; ``problem`` is None when it can be sent."""

    path: str
    size: int = 0
    lat: float | None = None
    lon: float | None = None
    captured_at: datetime | None = None
    heading: float | None = None
    is_360: bool = False
    camera: str = ""
    problem: str | None = None

    @property
    def status(self) -> str:
        return READY if self.problem is None else NOT_READY


def read_picture(path: str, read_tags=None) -> PictureMeta:
    """Check one file and read its position, time, heading, camera and 360° flag.

    ``read_tags(path, head_bytes) -> dict`` returns exiv2-style EXIF keys; never raises
    for a bad file: the reason lands in ``problem``.
    """
    meta = PictureMeta(path=str(path))
    try:
        meta.size = os.path.getsize(path)
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
    try:
        tags = read_tags(path, head) if read_tags else read_exif_tags(head)
    except Exception:  # a reader crash on odd metadata is a per-file problem, not ours
        tags = read_exif_tags(head)
    fill_from_tags(meta, tags or {})
    is_360, pose_heading = gpano_from_xmp(head)
    meta.is_360 = is_360
    if meta.heading is None and pose_heading is not None:
        meta.heading = pose_heading % 360
    meta.problem = missing_metadata(meta)
    return meta


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


def fill_from_tags(meta: PictureMeta, tags: dict) -> None:
    """Position, capture time, heading and camera from exiv2-style EXIF tags."""
    lat = _number(tags.get("Exif.GPSInfo.GPSLatitude"))
    lon = _number(tags.get("Exif.GPSInfo.GPSLongitude"))
    if lat is not None and lon is not None:
        if str(tags.get("Exif.GPSInfo.GPSLatitudeRef", "N")).upper().startswith("S"):
            lat = -abs(lat)
        if str(tags.get("Exif.GPSInfo.GPSLongitudeRef", "E")).upper().startswith("W"):
            lon = -abs(lon)
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            meta.lat, meta.lon = lat, lon
    meta.captured_at = capture_time(tags)
    for key in ("Exif.GPSInfo.GPSImgDirection", "Exif.GPSInfo.GPSTrack"):
        heading = _number(tags.get(key))
        if heading is not None:
            meta.heading = heading % 360
            break
    make = str(tags.get("Exif.Image.Make") or "").strip()
    model = str(tags.get("Exif.Image.Model") or "").strip()
    meta.camera = (
        model if make and model.lower().startswith(make.lower()) else f"{make} {model}".strip()
    )


def capture_time(tags: dict) -> datetime | None:
    """Camera time with sub-seconds and offset, else the GPS (UTC) date and time."""
    for key, sub_key, offset_key in (
        (
            "Exif.Photo.DateTimeOriginal",
            "Exif.Photo.SubSecTimeOriginal",
            "Exif.Photo.OffsetTimeOriginal",
        ),
        ("Exif.Image.DateTime", "Exif.Photo.SubSecTimeOriginal", "Exif.Photo.OffsetTime"),
    ):
        value = tags.get(key)
        if isinstance(value, datetime):
            sub = str(tags.get(sub_key) or "").strip()
            if sub.isdigit():
                value = value.replace(microsecond=int(float("0." + sub) * 1_000_000))
            offset = _offset(tags.get(offset_key))
            return value.replace(tzinfo=offset) if offset else value
    day, clock = tags.get("Exif.GPSInfo.GPSDateStamp"), tags.get("Exif.GPSInfo.GPSTimeStamp")
    if day is not None and clock is not None:
        try:
            if isinstance(day, str):
                day = datetime.strptime(day.strip()[:10].replace("-", ":"), "%Y:%m:%d")
            hours, minutes, seconds = clock
            base = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
            return base + timedelta(hours=hours, minutes=minutes, seconds=seconds)
        except (TypeError, ValueError):
            return None
    return None


def missing_metadata(meta: PictureMeta) -> str | None:
    if meta.lat is None:
        return translate(
            "PanoramaxUpload",
            "No GPS position in the picture: Panoramax needs one. Geotag it first "
            "(e.g. from a GPX track).",
        )
    if meta.captured_at is None:
        return translate(
            "PanoramaxUpload", "No capture date and time in the picture: Panoramax needs one."
        )
    return None


def _number(value):
    if isinstance(value, (list, tuple)):
        value = value[0] if len(value) == 1 else None
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _offset(text):
    match = re.fullmatch(r"\s*([+-])(\d{2}):?(\d{2})\s*", str(text or ""))
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
