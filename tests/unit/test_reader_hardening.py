"""The picture reader on the odd EXIF the "Hardening" issue lists: every file gets a status.

Each test builds its file from one generated JPEG (``reader_fuzz.small_picture``) with one
EXIF change, reads it in this process, and checks the status, the values kept and the
note saying what was left out. The larger crashes (counts of gigabytes) are read in a
child process with a memory limit by ``test_reader_regressions.py``.
"""

from __future__ import annotations

import math
import os
import struct
import threading
import tracemalloc
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from panoramax_plugin.core import picture_file
from panoramax_plugin.core.exif_tiff import read_exif_tags
from panoramax_plugin.core.picture_file import (
    PictureMeta,
    capture_time,
    fill_from_tags,
    missing_metadata,
    read_picture,
)
from panoramax_plugin.core.preflight import DispatchRules, predict_dispatch
from tests.fixtures.pictures import XMP_HEADER, insert_app1
from tests.unit.reader_fuzz import (
    exif_structure,
    gps_time_only,
    patched,
    small_picture,
    text_value,
)

LOCAL = timezone(timedelta(hours=2))
TAKEN = datetime(2024, 6, 2, 12, 0, 0, tzinfo=LOCAL)


@pytest.fixture(scope="module")
def base() -> bytes:
    return small_picture()


def read(tmp_path, data: bytes, name="odd.jpg", read_tags=None) -> PictureMeta:
    path = tmp_path / name
    path.write_bytes(data)
    return read_picture(str(path), read_tags)


def text(meta: PictureMeta) -> str:
    return " ".join([meta.problem or "", *meta.notes])


def test_the_base_picture_is_ready(tmp_path, base):
    meta = read(tmp_path, base)
    assert meta.problem is None and meta.notes == []
    assert (round(meta.lat, 4), round(meta.lon, 4), meta.heading) == (45.764, 4.8358, 33.5)
    assert meta.captured_at == TAKEN


# --- counts claiming more than the file holds --------------------------------------------


@pytest.mark.parametrize("count", [0x00100000, 0x10000, 257])
def test_a_huge_count_is_capped_by_the_bytes_present(tmp_path, base, count):
    data = patched(base, [("Exif", 0xA002, {"kind": 4, "count": count})])
    tracemalloc.start()
    try:
        meta = read(tmp_path, data)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert meta.problem is None  # the size of the picture is not needed to send it
    assert f"PixelXDimension claims {count} values" in text(meta)
    assert peak < 2 * 1024 * 1024  # the file's first 256 KiB and a little parsing
    assert current < 512 * 1024  # nothing kept after return (the struct cache held ~70 B/count)


def test_a_huge_count_on_the_position_says_why_it_is_missing(tmp_path, base):
    meta = read(tmp_path, patched(base, [("GPS", 0x0002, {"count": 0x10000000})]))
    assert meta.status == "not_ready"
    assert meta.problem.startswith("The GPS position in the picture is invalid (?, 4.8358)")
    assert "GPSLatitude claims 268435456 values" in meta.problem


def test_an_ifd_entry_count_beyond_the_block_is_capped(tmp_path, base):
    exif = exif_structure(base)
    at = exif.ifds["GPS"]
    data = base[:at] + struct.pack(">H", 0xFFFF) + base[at + 2 :]
    meta = read(tmp_path, data)  # the GPS entries are still read, the rest is noted
    assert meta.problem is None and round(meta.lat, 4) == 45.764
    assert "the GPS directory claims 65535 entries" in text(meta)


# --- IFD pointers: wrong types, out of range, loops ----------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        text_value(b"abc"),
        text_value(b"12345678"),
        {"kind": 7, "count": 4},
        {"kind": 5, "count": 1, "payload": struct.pack(">II", 300, 1)},
        {"kind": 5, "count": 1, "payload": struct.pack(">II", 300, 0)},
        {"kind": 12, "count": 1, "payload": struct.pack(">d", math.nan)},
        {"kind": 3, "count": 2},
        {"kind": 4, "count": 2},
    ],
    ids=["text", "long-text", "undefined", "rational", "zero-denominator", "nan", "short2", "x2"],
)
def test_a_gps_pointer_of_the_wrong_type_leaves_the_file_without_position(tmp_path, base, change):
    meta = read(tmp_path, patched(base, [("0th", 0x8825, change)]))
    assert meta.status == "not_ready"
    assert meta.problem.startswith("No GPS position in the picture")
    assert "The EXIF metadata is damaged: Exif.Image.GPSTag" in meta.problem
    assert meta.camera == "SyntheticCam Flat-1"  # what was readable was read


def test_an_exif_pointer_typed_as_text_keeps_the_other_date(tmp_path, base):
    meta = read(tmp_path, patched(base, [("0th", 0x8769, text_value(b"abc"))]))
    assert meta.problem is None  # IFD0's DateTime still gives the time (without offset)
    assert meta.captured_at == TAKEN.replace(tzinfo=None)
    assert "Exif.Image.ExifTag has the wrong type (2)" in meta.notes


@pytest.mark.parametrize("where", ["outside", "far", "ifd0", "itself", "exif"])
def test_a_gps_pointer_out_of_range_or_looping(tmp_path, base, where):
    exif = exif_structure(base)
    size = exif.end - exif.tiff
    offsets = {
        "outside": size,
        "far": 0xFFFFFFFF,
        "ifd0": exif.ifds["0th"] - exif.tiff,
        "itself": next(x.pos for x in exif.entries if x.tag == 0x8825) - exif.tiff,
        "exif": exif.ifds["Exif"] - exif.tiff,
    }
    value = struct.pack(">I", offsets[where])
    meta = read(tmp_path, patched(base, [("0th", 0x8825, {"payload": value})]))
    assert "the GPS directory" in text(meta)  # outside, read already, or too many entries
    if where != "itself":  # from its own entry on, it can meet the real GPS entries
        assert meta.status == "not_ready" and meta.lat is None


def test_a_tiff_header_pointing_nowhere(tmp_path, base):
    exif = exif_structure(base)
    for value in (0, 4, 0xFFFFFFFF, exif.end - exif.tiff):
        data = base[: exif.tiff + 4] + struct.pack(">I", value) + base[exif.tiff + 8 :]
        meta = read(tmp_path, data)
        assert meta.status == "not_ready"
        assert "IFD0 directory points outside the EXIF block" in meta.problem


# --- values: NaN, infinities, zero denominators, odd strings -------------------------------


def test_sub_seconds_must_be_ascii_digits(tmp_path, base):
    meta = read(tmp_path, patched(base, [("Exif", 0x9291, text_value("12³".encode("latin-1")))]))
    assert meta.problem is None and meta.captured_at == TAKEN  # no sub-seconds
    assert meta.notes == ["sub-seconds '12³' left out: not digits"]
    meta = read(tmp_path, patched(base, [("Exif", 0x9291, text_value(b"9" * 40))]))
    assert meta.captured_at == TAKEN.replace(microsecond=999_999)
    meta = read(tmp_path, patched(base, [("Exif", 0x9291, text_value(b"847"))]))
    assert meta.captured_at.microsecond == 847_000  # exact, not 846999 through a float


@pytest.mark.parametrize("offset", [b"+72:00", b"-24:00", b"+14:30", b"+05:99", "+0²:00"])
def test_time_offsets_beyond_14_hours_are_left_out(tmp_path, base, offset):
    raw = offset if isinstance(offset, bytes) else offset.encode("latin-1")
    meta = read(tmp_path, patched(base, [("Exif", 0x9011, text_value(raw))]))
    assert meta.problem is None
    assert meta.captured_at == TAKEN.replace(tzinfo=None)  # local time, offset unknown
    assert "left out: not between -14:00 and +14:00" in meta.notes[0]


@pytest.mark.parametrize("offset", ["+14:00", "-12:00", "+05:45", "-0930"])
def test_real_time_offsets_are_kept(offset):
    value = capture_time(
        {
            "Exif.Photo.DateTimeOriginal": datetime(2024, 6, 2),
            "Exif.Photo.OffsetTimeOriginal": offset,
        }
    )
    assert value.utcoffset() is not None and abs(value.utcoffset()) <= timedelta(hours=14)


@pytest.mark.parametrize(
    "change",
    [
        {"kind": 4, "count": 1, "payload": struct.pack(">I", 20240602)},
        {"kind": 5, "count": 1, "payload": struct.pack(">II", 20240602, 1)},
        text_value(b"2024:02:30"),
        text_value(b"0000:00:00"),
    ],
    ids=["long", "rational", "february-30", "zeros"],
)
def test_a_gps_date_that_is_no_date(tmp_path, base, change):
    meta = read(tmp_path, patched(base, gps_time_only([("GPS", 0x001D, change)])))
    assert meta.status == "not_ready" and meta.captured_at is None
    assert "capture date and time" in meta.problem


def test_the_gps_time_alone_gives_the_capture_time(tmp_path, base):
    meta = read(tmp_path, patched(base, gps_time_only([])))
    assert meta.problem is None and meta.captured_at == TAKEN


@pytest.mark.parametrize(
    "hms",
    [(10**9, 0, 0), (0xFFFFFFFF, 0, 0), (10, 10**9, 0), (25, 0, 0)],
    ids=["1e9-hours", "max-hours", "1e9-minutes", "25-hours"],
)
def test_gps_hours_out_of_range(tmp_path, base, hms):
    payload = struct.pack(">6I", hms[0], 1, hms[1], 1, hms[2], 1)
    meta = read(tmp_path, patched(base, gps_time_only([("GPS", 0x0007, {"payload": payload})])))
    assert meta.status == "not_ready"
    assert meta.problem.startswith("The capture date and time in the picture are invalid")


@pytest.mark.parametrize(
    "change",
    [
        text_value(b"nan"),
        text_value(b"inf"),
        {"kind": 12, "count": 1, "payload": struct.pack(">d", math.nan)},
        {"kind": 12, "count": 1, "payload": struct.pack(">d", math.inf)},
        {"kind": 11, "count": 1, "payload": struct.pack(">f", math.nan)},
        {"kind": 5, "count": 1, "payload": struct.pack(">II", 0, 0)},
        {"kind": 5, "count": 1, "payload": struct.pack(">II", 10**9, 1)},
        {"kind": 10, "count": 1, "payload": struct.pack(">ii", -90, 1)},
    ],
    ids=["text-nan", "text-inf", "double-nan", "double-inf", "float-nan", "0/0", "1e9", "-90"],
)
def test_a_heading_that_is_no_angle_is_left_out(tmp_path, base, change):
    meta = read(tmp_path, patched(base, [("GPS", 0x0011, change)]))
    assert meta.problem is None and meta.heading is None  # still sent, without heading
    assert "GPSImgDirection" in meta.notes[0]


@pytest.mark.parametrize(
    "change",
    [
        {"kind": 12, "count": 3, "payload": struct.pack(">3d", math.nan, 0, 0)},
        {"kind": 5, "count": 3, "payload": struct.pack(">6I", 91, 1, 0, 1, 0, 1)},
        {"kind": 5, "count": 3, "payload": struct.pack(">6I", 45, 1, 10**6, 1, 0, 1)},
        {"kind": 5, "count": 3, "payload": struct.pack(">6I", 45, 0, 0, 1, 0, 1)},
        text_value(b"45.5"),
    ],
    ids=["nan", "91", "1e6-minutes", "zero-denominator", "text"],
)
def test_a_latitude_that_is_no_latitude(tmp_path, base, change):
    meta = read(tmp_path, patched(base, [("GPS", 0x0002, change)]))
    assert meta.status == "not_ready" and meta.lat is None
    assert meta.problem.startswith("The GPS position in the picture is invalid")


def test_a_pose_heading_too_long_to_be_an_angle(tmp_path):
    data = small_picture(heading=None)
    xmp = XMP_HEADER + b'<x:xmpmeta GPano:PoseHeadingDegrees="' + b"9" * 80 + b'"/>'
    meta = read(tmp_path, insert_app1(data, xmp))
    assert meta.problem is None and meta.heading is None
    assert "PoseHeadingDegrees" in meta.notes[0]


# --- the same values as QGIS's reader (exiv2) gives them -----------------------------------

GOOD_TAGS = {
    "Exif.GPSInfo.GPSLatitude": 45.764,
    "Exif.GPSInfo.GPSLongitude": 4.8358,
    "Exif.Photo.DateTimeOriginal": datetime(2024, 6, 2, 12, 0, 0),
    "Exif.Photo.OffsetTimeOriginal": "+02:00",
}


@pytest.mark.parametrize(
    "extra, kept, note",
    [
        ({"Exif.GPSInfo.GPSImgDirection": "nan"}, {"heading": None}, "heading nan"),
        ({"Exif.GPSInfo.GPSImgDirection": math.inf}, {"heading": None}, "heading inf"),
        ({"Exif.GPSInfo.GPSImgDirection": 10**400 // 10**399}, {"heading": 10.0}, None),
        ({"Exif.GPSInfo.GPSImgDirection": 360.0}, {"heading": 0.0}, None),
        ({"Exif.GPSInfo.GPSTrack": b"nan"}, {"heading": None}, "GPSTrack"),
        ({"Exif.Photo.SubSecTimeOriginal": "12³"}, {"captured_at": TAKEN}, "sub-seconds"),
        (
            {"Exif.Photo.OffsetTimeOriginal": "+72:00"},
            {"captured_at": TAKEN.replace(tzinfo=None)},
            "time offset",
        ),
        ({"Exif.Image.Make": 12, "Exif.Image.Model": ["x"]}, {"camera": ""}, None),
    ],
)
def test_exiv2_style_values_are_checked_too(extra, kept, note):
    meta = PictureMeta(path="x.jpg")
    rejected = fill_from_tags(meta, {**GOOD_TAGS, **extra})
    assert missing_metadata(meta, rejected) is None
    for name, value in kept.items():
        assert getattr(meta, name) == value
    assert (note in " ".join(meta.notes)) if note else meta.notes == []


@pytest.mark.parametrize(
    "tags, message",
    [
        ({"Exif.GPSInfo.GPSLatitude": math.nan}, "invalid (nan, 4.8358)"),
        ({"Exif.GPSInfo.GPSLatitude": "abc"}, "invalid (nan, 4.8358)"),
        ({"Exif.GPSInfo.GPSLongitude": 1e308}, "invalid (45.764, 1e+308)"),
        (
            {"Exif.Photo.DateTimeOriginal": datetime(1, 1, 1)},
            "date and time in the picture are invalid",
        ),
        ({"Exif.Photo.DateTimeOriginal": "2024:13:45"}, "date and time in the picture are invalid"),
    ],
)
def test_exiv2_style_required_values_that_are_invalid(tags, message):
    meta = PictureMeta(path="x.jpg")
    rejected = fill_from_tags(meta, {**GOOD_TAGS, **tags})
    assert message in missing_metadata(meta, rejected)


def test_an_exiv2_gps_time_that_is_invalid():
    tags = {k: v for k, v in GOOD_TAGS.items() if "Photo" not in k}
    for day, clock in [(20240602, (10, 0, 0)), ("2024:06:02", (1e9, 0, 0)), ("2024:06:02", "x")]:
        meta = PictureMeta(path="x.jpg")
        tags_now = {**tags, "Exif.GPSInfo.GPSDateStamp": day, "Exif.GPSInfo.GPSTimeStamp": clock}
        rejected = fill_from_tags(meta, tags_now)
        assert meta.captured_at is None
        assert "date and time in the picture are invalid" in missing_metadata(meta, rejected)


# --- one read per file, never an exception ---------------------------------------------------


@pytest.fixture()
def parses(monkeypatch):
    calls = []
    original = picture_file.read_exif_tags

    def counted(head):
        calls.append(1)
        return original(head)

    monkeypatch.setattr(picture_file, "read_exif_tags", counted)
    return calls


def test_a_damaged_file_is_parsed_once(tmp_path, base, parses):
    meta = read(tmp_path, patched(base, [("0th", 0x8769, text_value(b"abc"))]))
    assert meta.status == "ready" and len(parses) == 1


def test_a_failing_reader_falls_back_once_with_a_note(tmp_path, base, parses):
    def broken(path, head):
        raise RuntimeError("exiv2 said no")

    meta = read(tmp_path, base, read_tags=broken)
    assert meta.problem is None and round(meta.lat, 4) == 45.764
    assert len(parses) == 1
    assert "the EXIF reader failed (RuntimeError)" in meta.notes[0]


def test_read_picture_never_raises(tmp_path, base, monkeypatch):
    def boom(meta, tags):
        raise MemoryError()

    monkeypatch.setattr(picture_file, "fill_from_tags", boom)
    meta = read(tmp_path, base)
    assert meta.status == "not_ready"
    assert meta.problem == "This file could not be checked (MemoryError); it is left out."


def test_the_pure_reader_never_raises_on_any_prefix(base):
    for cut in range(0, 400):
        tags = read_exif_tags(base[:cut])
        assert isinstance(tags, dict)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_a_picture_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    result = []
    reader = threading.Thread(target=lambda: result.append(read_picture(str(fifo))), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the reader before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
    assert result and result[0].problem == "Unreadable file: not a regular file"


# --- the prediction never sees a NaN heading -----------------------------------------------


def placed(name, heading, lat=45.764, lon=4.8358) -> PictureMeta:
    return PictureMeta(path=name, lat=lat, lon=lon, captured_at=TAKEN, heading=heading)


@pytest.mark.parametrize("heading", [math.nan, math.inf, -math.inf])
def test_a_nan_heading_does_not_break_the_duplicate_prediction(heading):
    pictures = [placed("a.jpg", 10.0), placed("b.jpg", heading)]
    prediction = predict_dispatch(pictures, DispatchRules())
    assert prediction.sequences == [[0]]  # b is a duplicate of a: headings unknown = any
    assert [(d.index, d.of_index, d.angle) for d in prediction.duplicates] == [(1, 0, None)]


def test_a_ready_picture_without_a_finite_position_is_not_predicted():
    pictures = [placed("a.jpg", 10.0), placed("b.jpg", 10.0, lat=math.nan)]
    pictures.append(replace(pictures[0], path="c.jpg", captured_at=None))
    prediction = predict_dispatch(pictures, DispatchRules())
    assert prediction.sequences == [[0]]
