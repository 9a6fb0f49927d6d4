"""RFC 3339 parsing that works on every Python QGIS ships (3.9 and later).

``datetime.fromisoformat`` only accepts ``Z`` and odd fraction lengths from 3.11 on,
and Windows builds of QGIS 3.22 still ship Python 3.9.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

_FRACTION = re.compile(r"\.(\d+)")


def parse_datetime(value) -> datetime | None:
    """Parse an RFC 3339 / ISO 8601 timestamp; naive values are taken as UTC.

    Returns None for empty or unparsable input: a picture with a strange date is
    still a picture.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def format_datetime(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, the form STAC ``datetime`` filters expect."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def datetime_interval(start: datetime | None, end: datetime | None) -> str | None:
    """STAC ``datetime`` parameter for an interval with optional open ends."""
    if start is None and end is None:
        return None
    left = format_datetime(start) if start else ".."
    right = format_datetime(end) if end else ".."
    return f"{left}/{right}"
