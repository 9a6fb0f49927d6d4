"""The minimal reproducers in ``tests/fixtures/reader_regressions/``: each ends with a status.

They are read in a child process whose address space is capped (a count of 0xFFFFFFFF
made the old reader allocate gigabytes) and watched by a per-file timeout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.reader_fuzz import REGRESSIONS, REPRODUCERS, run_isolated

READY, NOT_READY = "ready", "not_ready"
# file -> (status, words in its problem or notes)
EXPECTED = {
    "huge_count_16m.jpg": (READY, "Exif.Photo.PixelXDimension claims 16777216 values"),
    "huge_count_4g.jpg": (READY, "Exif.Photo.PixelYDimension claims 4294967295 values"),
    "huge_count_gps_latitude.jpg": (NOT_READY, "GPSLatitude claims 268435456 values"),
    "exif_pointer_text.jpg": (READY, "Exif.Image.ExifTag has the wrong type (2)"),
    "gps_pointer_undefined.jpg": (NOT_READY, "Exif.Image.GPSTag has the wrong type (7)"),
    "gps_pointer_rational.jpg": (NOT_READY, "Exif.Image.GPSTag has the wrong type (5)"),
    "gps_pointer_zero_denominator.jpg": (NOT_READY, "Exif.Image.GPSTag has the wrong type (5)"),
    "subsec_superscript.jpg": (READY, "sub-seconds '12³' left out: not digits"),
    "subsec_too_long.jpg": (READY, ""),
    "offset_72h.jpg": (READY, "time offset '+72:00' left out"),
    "offset_14h30.jpg": (READY, "time offset '+14:30' left out"),
    "gps_datestamp_numeric.jpg": (NOT_READY, "GPSDateStamp has the wrong type (4)"),
    "gps_hours_1e9.jpg": (NOT_READY, "The capture date and time in the picture are invalid"),
    "heading_nan.jpg": (READY, "GPSImgDirection has the wrong type (2)"),
}


def reproducers() -> list:
    return sorted(REGRESSIONS.glob("*.jpg"))


def test_every_reproducer_is_known_and_described():
    names = [path.name for path in reproducers()]
    assert sorted(names) == sorted(EXPECTED) == sorted(REPRODUCERS)
    readme = (REGRESSIONS / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"- `{name}`: " in readme
        assert Path(REGRESSIONS / name).stat().st_size < 4096  # minimal


@pytest.fixture(scope="module")
def records() -> dict:
    files = reproducers()
    found = run_isolated(0, len(files), files=files, memory_mib=512, hang_s=5.0)
    return {files[record["i"]].name: record for record in found}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_reproducer_ends_with_its_status_in_bounded_time_and_memory(records, name):
    record = records[name]
    assert "raised" not in record and "hang" not in record and "died" not in record, record
    status, words = EXPECTED[name]
    assert record["status"] == status, record
    assert words in " ".join([record["problem"] or "", *record["notes"]])
    assert record["bad"] == [] and record["breaks_prediction"] is None
    assert record["parses"] == 1  # read once, never retried
    assert record["ms"] < 1000
    assert record["peak_kib"] < 4096 and record["held_kib"] < 1024
