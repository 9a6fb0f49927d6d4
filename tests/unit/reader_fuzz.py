"""Seeded mutations of JPEG pictures, to fuzz the picture reader (``read_picture``).

Case ``i`` of a run with seed ``s`` is always the same file: its base picture and its
mutations come from ``random.Random(f"{s}:{i}")``, so a run can restart at any case
(after a hang killed the worker) and any case can be replayed alone.

Bases: the project's generated geotagged JPEGs (always, see :func:`generated_bases`) and,
when ``../shared/data/pictures`` is beside the checkout, the real pictures there (flat,
GoPro Max, Ricoh Theta, broken EXIF), read in place. Files over 512 KiB are compacted
(their first 384 KiB and last 4 KiB) before mutating: the reader only looks at the first
256 KiB and the last 1 KiB, and writing megabytes per case would be most of the run.

Mutations: byte flips, truncations (with and without an end-of-image marker after the
cut), inserted and duplicated JPEG segments, damaged segment lengths and TIFF headers, and
structure-aware ones on the TIFF/EXIF IFD entries (huge counts, wrong types, text where
numbers go, IFD pointers out of range / to themselves / typed as text, NaN and infinite
rationals, zero denominators, odd values such as SubSecTimeOriginal "12³", OffsetTime
"+72:00", a numeric GPSDateStamp, GPS hours 1e9 or a heading "nan").

Runs: :func:`run_cases` reads cases in this process and yields one record per case;
``python -m tests.unit.reader_fuzz`` does the same as a worker that prints one JSON line
per case (``tests/benchmarks/bench_reader_fuzz.py`` and the fuzz test run it in a child
process, with a memory limit and a per-case watchdog, see :func:`run_isolated`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import select
import struct
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_PICTURES = Path(
    os.environ.get("READER_FUZZ_PICTURES") or ROOT.parent / "shared" / "data" / "pictures"
)
COMPACT_OVER = 512 * 1024
COMPACT_HEAD = 384 * 1024
COMPACT_TAIL = 4 * 1024

# --- bases ------------------------------------------------------------------------------


def generated_bases(folder) -> list:
    """Small generated JPEGs (fixed seeds) covering what the reader reads; their paths."""
    from tests.fixtures.pictures import (
        line_of_shots,
        make_flat_jpeg,
        make_no_gps_jpeg,
        make_pano_jpeg,
    )

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2024, 6, 2, 12, 0, 0, 250_000, tzinfo=timezone(timedelta(hours=2)))
    north_east = line_of_shots(45.764, 4.8358, 1, heading=33.5, start_time=start)[0]
    south_west = line_of_shots(-33.86, -70.65, 1, heading=271.25, start_time=start)[0]
    no_heading = replace(north_east, heading=None, alt=171.5, accuracy_m=3.0)
    return [
        make_flat_jpeg(folder / "gen_flat.jpg", north_east, width=96, height=72, seed=1),
        make_flat_jpeg(folder / "gen_flat_sw.jpg", south_west, width=96, height=72, seed=2),
        make_flat_jpeg(folder / "gen_flat_noheading.jpg", no_heading, width=64, height=48, seed=3),
        make_pano_jpeg(
            folder / "gen_pano.jpg", north_east, width=128, height=64, seed=4, pose_heading=12.0
        ),
        make_no_gps_jpeg(folder / "gen_nogps.jpg", start, seed=5),
    ]


def real_bases() -> list:
    """The shared real JPEGs (flat and 360°), when ``../shared/data`` is there."""
    if not REAL_PICTURES.is_dir():
        return []
    return sorted(p for p in REAL_PICTURES.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))


def load_bases(paths) -> list:
    """``(name, bytes)`` of each base, large files compacted (see the module doc)."""
    bases = []
    for path in paths:
        data = Path(path).read_bytes()
        if len(data) > COMPACT_OVER:
            data = data[:COMPACT_HEAD] + data[-COMPACT_TAIL:]
        bases.append((Path(path).name, data))
    return bases


# --- JPEG / TIFF structure ----------------------------------------------------------------


def segments(data: bytes) -> list:
    """``(marker, offset, length field)`` of the segments before the scan (tolerant)."""
    found, pos = [], 2
    while pos + 4 <= len(data) and len(found) < 64:
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        found.append((marker, pos, length))
        if marker in (0xDA, 0xD9) or length < 2:
            break
        pos += 2 + length
    return found


@dataclass
class Entry:
    ifd: str
    tag: int
    kind: int
    count: int
    pos: int  # absolute offset of the 12-byte entry in the file


@dataclass
class Exif:
    app1: int  # offset of the APP1 marker
    tiff: int  # offset of the TIFF header
    end: int  # end of the APP1 segment
    endian: str
    ifds: dict  # name -> absolute offset of the IFD
    entries: list


def exif_structure(data: bytes):
    """The first EXIF APP1's TIFF block and IFD entries (0th, Exif, GPS, 1st), or None."""
    for marker, pos, length in segments(data):
        if marker == 0xE1 and data[pos + 4 : pos + 10] == b"Exif\x00\x00":
            tiff, end = pos + 10, min(len(data), pos + 2 + length)
            endian = {b"II": "<", b"MM": ">"}.get(data[tiff : tiff + 2])
            if endian is None or end - tiff < 8:
                return None
            info = Exif(pos, tiff, end, endian, {}, [])
            todo = [("0th", struct.unpack(endian + "I", data[tiff + 4 : tiff + 8])[0])]
            while todo:
                name, offset = todo.pop(0)
                at = tiff + offset
                if name in info.ifds or offset < 8 or at + 2 > end:
                    continue
                info.ifds[name] = at
                count = struct.unpack(endian + "H", data[at : at + 2])[0]
                for index in range(min(count, 256)):
                    pos_ = at + 2 + 12 * index
                    if pos_ + 12 > end:
                        break
                    tag, kind, number = struct.unpack(endian + "HHI", data[pos_ : pos_ + 8])
                    info.entries.append(Entry(name, tag, kind, number, pos_))
                    if name == "0th" and tag in (0x8769, 0x8825) and kind == 4:
                        value = struct.unpack(endian + "I", data[pos_ + 8 : pos_ + 12])[0]
                        todo.append(("Exif" if tag == 0x8769 else "GPS", value))
                after = at + 2 + 12 * count
                if name == "0th" and after + 4 <= end:
                    todo.append(("1st", struct.unpack(endian + "I", data[after : after + 4])[0]))
            return info
    return None


def with_length(data: bytes, exif: Exif, extra: bytes) -> bytes | None:
    """``data`` with ``extra`` appended to the EXIF APP1 (length field updated)."""
    length = exif.end - exif.app1 - 2 + len(extra)
    if length > 0xFFFF:
        return None
    head = data[: exif.app1 + 2] + struct.pack(">H", length) + data[exif.app1 + 4 : exif.end]
    return head + extra + data[exif.end :]


def set_entry(data, exif, entry, tag=None, kind=None, count=None, payload=None):
    """Rewrite one IFD entry; a payload over 4 bytes goes to the end of the TIFF block."""
    e = exif.endian
    tag = entry.tag if tag is None else tag
    kind = entry.kind if kind is None else kind
    count = entry.count if count is None else count
    out = bytearray(data)
    out[entry.pos : entry.pos + 8] = struct.pack(e + "HHI", tag, kind, count)
    if payload is None:
        return bytes(out)
    if len(payload) <= 4:
        out[entry.pos + 8 : entry.pos + 12] = payload.ljust(4, b"\x00")
        return bytes(out)
    offset = exif.end - exif.tiff
    out[entry.pos + 8 : entry.pos + 12] = struct.pack(e + "I", offset)
    return with_length(bytes(out), exif, payload + b"\x00" * (len(payload) % 2))


# --- mutations ----------------------------------------------------------------------------

WANTED = {
    "0th": (0x010F, 0x0110, 0x0132, 0x8769, 0x8825),
    "Exif": (0x9003, 0x9291, 0x9011, 0x9010, 0xA002, 0xA003),
    "GPS": (0x0001, 0x0002, 0x0003, 0x0004, 0x0007, 0x000F, 0x0011, 0x001D),
}
HUGE_COUNTS = (0xFFFFFFFF, 0x7FFFFFFF, 0x10000000, 0x01000000, 0x00100000, 0x10000, 257)
TYPES = (0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 99, 0xFFFF)
TEXTS = ("abc", "12.5", "nan", "inf", "-inf", "1e400", "", " ", "1/0", "0x10", "-1", "ⅻ")


def _ascii(text: str) -> bytes:
    return text.encode("latin-1", "replace") + b"\x00"


def _rationals(e: str, pairs, signed=False) -> bytes:
    fmt = "i" if signed else "I"
    return b"".join(struct.pack(e + fmt + fmt, n, d) for n, d in pairs)


def _doubles(e: str, values) -> bytes:
    return b"".join(struct.pack(e + "d", v) for v in values)


NAN, INF = float("nan"), float("inf")

# (ifd, tag, kind, count-or-None, payload(endian) -> bytes); None count = from the payload
ODD_VALUES = (
    ("Exif", 0x9291, 2, None, lambda e: "12³".encode("latin-1") + b"\x00"),
    ("Exif", 0x9291, 2, None, lambda e: "²".encode("latin-1") + b"\x00"),
    ("Exif", 0x9291, 2, None, lambda e: b"9" * 40 + b"\x00"),
    ("Exif", 0x9291, 2, None, lambda e: b"-5\x00"),
    ("Exif", 0x9291, 3, 1, lambda e: struct.pack(e + "H", 123)),
    ("Exif", 0x9011, 2, None, lambda e: b"+72:00\x00"),
    ("Exif", 0x9011, 2, None, lambda e: b"-24:00\x00"),
    ("Exif", 0x9011, 2, None, lambda e: b"+14:30\x00"),
    ("Exif", 0x9011, 2, None, lambda e: b"+05:99\x00"),
    ("Exif", 0x9011, 2, None, lambda e: "+0²:00".encode("latin-1") + b"\x00"),
    ("Exif", 0x9011, 4, 1, lambda e: struct.pack(e + "I", 7200)),
    ("Exif", 0x9003, 2, None, lambda e: b"0000:00:00 00:00:00\x00"),
    ("Exif", 0x9003, 2, None, lambda e: b"2024:02:30 10:00:00\x00"),
    ("Exif", 0x9003, 2, None, lambda e: b"0001:01:01 00:00:00\x00"),
    ("Exif", 0x9003, 2, None, lambda e: "2024:06:02 1²:00:00".encode("latin-1") + b"\x00"),
    ("Exif", 0x9003, 4, 1, lambda e: struct.pack(e + "I", 20240602)),
    ("Exif", 0x9003, 5, 1, lambda e: _rationals(e, [(2024, 1)])),
    ("0th", 0x0132, 2, None, lambda e: b"9999:12:31 23:59:59\x00"),
    ("0th", 0x010F, 3, 2, lambda e: struct.pack(e + "HH", 1, 2)),
    ("0th", 0x0110, 5, 1, lambda e: _rationals(e, [(1, 0)])),
    ("0th", 0x8769, 2, None, lambda e: b"abc\x00"),
    ("0th", 0x8825, 2, None, lambda e: b"12345678\x00"),
    ("0th", 0x8769, 5, 1, lambda e: _rationals(e, [(26, 1)])),
    ("0th", 0x8825, 12, 1, lambda e: _doubles(e, [NAN])),
    ("0th", 0x8825, 3, 2, lambda e: struct.pack(e + "HH", 8, 8)),
    ("GPS", 0x001D, 4, 1, lambda e: struct.pack(e + "I", 20240602)),
    ("GPS", 0x001D, 3, 1, lambda e: struct.pack(e + "H", 2024)),
    ("GPS", 0x001D, 5, 1, lambda e: _rationals(e, [(20240602, 1)])),
    ("GPS", 0x001D, 2, None, lambda e: b"2024:02:30\x00"),
    ("GPS", 0x001D, 2, None, lambda e: b"0000:00:00\x00"),
    ("GPS", 0x001D, 2, None, lambda e: b"10000:01:01\x00"),
    ("GPS", 0x0007, 5, 3, lambda e: _rationals(e, [(1_000_000_000, 1), (0, 1), (0, 1)])),
    ("GPS", 0x0007, 5, 3, lambda e: _rationals(e, [(0xFFFFFFFF, 1), (0, 1), (0, 1)])),
    ("GPS", 0x0007, 5, 3, lambda e: _rationals(e, [(10, 1), (1_000_000_000, 1), (0, 1)])),
    ("GPS", 0x0007, 10, 3, lambda e: _rationals(e, [(-5, 1), (0, 1), (0, 1)], True)),
    ("GPS", 0x0007, 12, 3, lambda e: _doubles(e, [NAN, 0, 0])),
    ("GPS", 0x0007, 12, 3, lambda e: _doubles(e, [1e300, 0, 0])),
    ("GPS", 0x0007, 5, 2, lambda e: _rationals(e, [(10, 1), (0, 1)])),
    ("GPS", 0x0007, 2, None, lambda e: b"10:00:00\x00"),
    ("GPS", 0x0011, 2, None, lambda e: b"nan\x00"),
    ("GPS", 0x0011, 2, None, lambda e: b"inf\x00"),
    ("GPS", 0x0011, 2, None, lambda e: b"-1e400\x00"),
    ("GPS", 0x0011, 12, 1, lambda e: _doubles(e, [NAN])),
    ("GPS", 0x0011, 12, 1, lambda e: _doubles(e, [INF])),
    ("GPS", 0x0011, 11, 1, lambda e: struct.pack(e + "f", NAN)),
    ("GPS", 0x0011, 5, 1, lambda e: _rationals(e, [(1_000_000_000, 1)])),
    ("GPS", 0x0011, 10, 1, lambda e: _rationals(e, [(-90, 1)], True)),
    ("GPS", 0x0011, 5, 1, lambda e: _rationals(e, [(0, 0)])),
    ("GPS", 0x0011, 7, 3, lambda e: b"nan"),
    ("GPS", 0x000F, 2, None, lambda e: b"nan\x00"),
    ("GPS", 0x000F, 5, 1, lambda e: _rationals(e, [(720, 1)])),
    ("GPS", 0x0002, 12, 3, lambda e: _doubles(e, [NAN, 0, 0])),
    ("GPS", 0x0002, 12, 3, lambda e: _doubles(e, [INF, 0, 0])),
    ("GPS", 0x0002, 5, 3, lambda e: _rationals(e, [(91, 1), (0, 1), (0, 1)])),
    ("GPS", 0x0002, 5, 3, lambda e: _rationals(e, [(45, 1), (1_000_000, 1), (0, 1)])),
    ("GPS", 0x0002, 10, 3, lambda e: _rationals(e, [(-45, 1), (-30, 1), (0, 1)], True)),
    ("GPS", 0x0002, 5, 3, lambda e: _rationals(e, [(45, 0), (0, 1), (0, 1)])),
    ("GPS", 0x0002, 5, 1, lambda e: _rationals(e, [(45, 1)])),
    ("GPS", 0x0002, 2, None, lambda e: b"45.5\x00"),
    ("GPS", 0x0004, 5, 3, lambda e: _rationals(e, [(181, 1), (0, 1), (0, 1)])),
    ("GPS", 0x0004, 12, 3, lambda e: _doubles(e, [1e308, 1e308, 1e308])),
    ("GPS", 0x0004, 11, 3, lambda e: struct.pack(e + "fff", NAN, 0, 0)),
    ("GPS", 0x0001, 3, 1, lambda e: struct.pack(e + "H", 83)),
    ("GPS", 0x0003, 5, 1, lambda e: _rationals(e, [(87, 1)])),
)


def _pick_entry(rng, exif, wanted_bias=0.8, ifd=None):
    entries = [x for x in exif.entries if ifd is None or x.ifd == ifd]
    if not entries:
        return None
    wanted = [x for x in entries if x.tag in WANTED.get(x.ifd, ())]
    return rng.choice(wanted if wanted and rng.random() < wanted_bias else entries)


def m_flip(rng, data):
    out = bytearray(data)
    span = min(len(out), 64 * 1024) if rng.random() < 0.8 else len(out)
    for _ in range(rng.choice((1, 2, 4, 8, 32))):
        at = rng.randrange(2, max(3, span))
        if at < len(out):
            out[at] = rng.choice(
                (0x00, 0xFF, 0x7F, 0x80, rng.randrange(256), out[at] ^ 1 << rng.randrange(8))
            )
    return bytes(out)


def m_truncate(rng, data):
    cut = (
        rng.randrange(2, len(data))
        if rng.random() < 0.5
        else rng.randrange(2, min(len(data), 4096))
    )
    return data[:cut] + (b"\xff\xd9" if rng.random() < 0.7 else b"")


def m_insert_segment(rng, data):
    where = [pos for _m, pos, _l in segments(data)] or [2]
    at = rng.choice(where)
    body = rng.randbytes(rng.choice((0, 1, 10, 200, 4000)))
    if rng.random() < 0.5:
        body = b"Exif\x00\x00" + rng.choice((b"II*\x00", b"MM\x00*")) + body
    length = rng.choice((len(body) + 2, len(body) + 2, 0, 1, 2, 0xFFFF, len(body) + 100))
    marker = rng.choice((0xE1, 0xE1, 0xE0, 0xE2, 0xED, 0xFE, 0x01, 0xD8, 0xD9, 0xDA))
    return data[:at] + bytes((0xFF, marker)) + struct.pack(">H", length & 0xFFFF) + body + data[at:]


def m_duplicate_segment(rng, data):
    found = [s for s in segments(data) if s[0] != 0xDA]
    if not found:
        return None
    _marker, pos, length = rng.choice(found)
    piece = data[pos : pos + 2 + length]
    at = rng.choice((2, pos, pos + 2 + length))
    return data[:at] + piece * rng.choice((1, 1, 2, 5)) + data[at:]


def m_segment_length(rng, data):
    found = segments(data)
    if not found:
        return None
    _marker, pos, length = rng.choice(found)
    value = rng.choice((0, 1, 2, 3, 0xFFFF, length + 1, length - 1, rng.randrange(0x10000)))
    return data[: pos + 2] + struct.pack(">H", value & 0xFFFF) + data[pos + 4 :]


def m_tiff_header(rng, data):
    exif = exif_structure(data)
    if exif is None:
        return None
    out = bytearray(data)
    choice = rng.randrange(3)
    if choice == 0:
        out[exif.tiff : exif.tiff + 2] = rng.choice((b"MI", b"\x00\x00", b"MM", b"II"))
    else:
        size = exif.end - exif.tiff
        value = rng.choice((0, 4, 8, size - 2, size, size + 8, 0xFFFFFFFF, rng.randrange(size)))
        target = exif.tiff + 4 if choice == 1 else exif.ifds.get("0th", exif.tiff + 8)
        if choice == 1:
            out[target : target + 4] = struct.pack(exif.endian + "I", value & 0xFFFFFFFF)
        else:  # the IFD's entry count
            out[target : target + 2] = struct.pack(exif.endian + "H", value & 0xFFFF)
    return bytes(out)


def _entry_mutation(name: str, change):
    """A mutation rewriting one IFD entry (mostly a wanted one) with ``change(rng)``."""

    def mutate(rng, data):
        exif = exif_structure(data)
        entry = exif and _pick_entry(rng, exif)
        if not entry:
            return None
        return set_entry(data, exif, entry, **change(rng))

    mutate.__name__ = f"m_{name}"
    return mutate


def _text_change(rng) -> dict:
    payload = _ascii(rng.choice(TEXTS))
    return {"kind": 2, "count": len(payload), "payload": payload}


m_huge_count = _entry_mutation("huge_count", lambda rng: {"count": rng.choice(HUGE_COUNTS)})
m_wrong_type = _entry_mutation("wrong_type", lambda rng: {"kind": rng.choice(TYPES)})
m_text_number = _entry_mutation("text_number", _text_change)


def m_pointer(rng, data):
    """An IFD pointer (Exif, GPS, next IFD) out of range, to itself or to its own entry."""
    exif = exif_structure(data)
    if exif is None:
        return None
    size = exif.end - exif.tiff
    pointers = [x for x in exif.entries if x.ifd == "0th" and x.tag in (0x8769, 0x8825)]
    targets = [
        size,
        size + 1,
        size + 100_000,
        0xFFFFFFFF,
        0,
        1,
        exif.ifds.get("0th", exif.tiff) - exif.tiff,
        rng.randrange(size),
    ]
    if pointers and rng.random() < 0.8:
        entry = rng.choice(pointers)
        own = exif.ifds.get("Exif" if entry.tag == 0x8769 else "GPS")
        targets += [entry.pos - exif.tiff, entry.pos - exif.tiff - 2]
        if own is not None:
            targets.append(own - exif.tiff)
        value = struct.pack(exif.endian + "I", rng.choice(targets) & 0xFFFFFFFF)
        return set_entry(data, exif, entry, kind=rng.choice((4, 4, 13)), count=1, payload=value)
    at = exif.ifds.get(rng.choice(("0th", "Exif", "GPS")))
    if at is None:
        return None
    count = struct.unpack(exif.endian + "H", data[at : at + 2])[0]
    next_at = at + 2 + 12 * count
    if next_at + 4 > exif.end:
        return None
    value = rng.choice(targets) & 0xFFFFFFFF
    return data[:next_at] + struct.pack(exif.endian + "I", value) + data[next_at + 4 :]


def m_rational(rng, data):
    """Zero denominators, NaN / infinite floats where rationals go."""
    exif = exif_structure(data)
    if exif is None:
        return None
    rationals = [x for x in exif.entries if x.kind in (5, 10) and x.tag in WANTED.get(x.ifd, ())]
    entry = rng.choice(rationals) if rationals else _pick_entry(rng, exif)
    if entry is None:
        return None
    e = exif.endian
    count = max(1, min(entry.count, 3))
    special = rng.choice((NAN, INF, -INF, 1e308, 0.0))
    choice = rng.randrange(3)
    if choice == 0:
        pairs = [(rng.choice((0, 1, 45)), 0)] + [(0, 0)] * (count - 1)
        return set_entry(data, exif, entry, kind=5, count=count, payload=_rationals(e, pairs))
    if choice == 1:
        return set_entry(
            data, exif, entry, kind=12, count=count, payload=_doubles(e, [special] * count)
        )
    single = 3.0e38 if special == 1e308 else special  # the largest a float32 holds
    payload = b"".join(struct.pack(e + "f", single) for _ in range(count))
    return set_entry(data, exif, entry, kind=11, count=count, payload=payload)


def m_odd_value(rng, data):
    """One named odd value (see ``ODD_VALUES``), on the tag or on an entry retagged as it."""
    exif = exif_structure(data)
    if exif is None:
        return None
    ifd, tag, kind, count, make = rng.choice(ODD_VALUES)
    payload = make(exif.endian)
    if count is None:
        count = len(payload)
    same = [x for x in exif.entries if x.ifd == ifd and x.tag == tag]
    others = [
        x for x in exif.entries if x.ifd == ifd and x.tag not in (0x8769, 0x8825, 0x0001, 0x0003)
    ]
    entry = same[0] if same else (rng.choice(others) if others else None)
    if entry is None:
        return None
    if ifd == "GPS" and tag in (0x0007, 0x001D) and rng.random() < 0.7:
        for camera_time in [x for x in exif.entries if x.tag in (0x0132, 0x9003)]:
            data = set_entry(data, exif, camera_time, tag=0xC0DE)  # the GPS time is used
    return set_entry(data, exif, entry, tag=tag, kind=kind, count=count, payload=payload)


BYTE_MUTATIONS = (m_flip, m_truncate, m_insert_segment, m_duplicate_segment, m_segment_length)
IFD_MUTATIONS = (
    m_tiff_header,
    m_huge_count,
    m_huge_count,
    m_wrong_type,
    m_text_number,
    m_pointer,
    m_pointer,
    m_rational,
    m_odd_value,
    m_odd_value,
    m_odd_value,
)


def make_case(bases: list, seed, index: int):
    """``(base name, mutation names, bytes)`` of case ``index`` of the run ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    name, data = rng.choice(bases)
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        pool = BYTE_MUTATIONS if rng.random() < 0.3 else IFD_MUTATIONS
        mutation = rng.choice(pool)
        try:
            mutated = mutation(rng, data)
        except (struct.error, IndexError, ValueError, OverflowError):  # met an earlier one
            mutated = None
        if mutated is not None:
            data = mutated
            done.append(mutation.__name__[2:])
    return name, done, data


# --- checking one result --------------------------------------------------------------------


def bad_values(meta) -> list:
    """Values a reader must never accept (non-finite, out of range, impossible offsets)."""
    bad = []
    for name, low, high in (("lat", -90, 90), ("lon", -180, 180), ("heading", 0, 360)):
        value = getattr(meta, name)
        if value is None:
            continue
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            bad.append(f"{name}={value!r}")
        elif not low <= value <= high:
            bad.append(f"{name}={value!r}")
    when = meta.captured_at
    if when is not None:
        if not isinstance(when, datetime):
            bad.append(f"captured_at={when!r}")
        else:
            offset = when.utcoffset()
            if offset is not None and abs(offset) > timedelta(hours=14):
                bad.append(f"offset={offset}")
    return bad


def breaks_prediction(meta) -> str | None:
    """The exception ``predict_dispatch`` raises with this picture and a twin, if any."""
    if meta.problem is not None:
        return None
    from panoramax_plugin.core.preflight import DispatchRules, predict_dispatch

    twin = replace(meta, path=meta.path + ".twin", heading=10.0)
    try:
        predict_dispatch([meta, twin], DispatchRules())
    except Exception as exc:
        return type(exc).__name__
    return None


# --- running cases ----------------------------------------------------------------------------


class _ParseCounter:
    """Counts calls of the pure parser per file (a failed parse must not be retried)."""

    def __init__(self):
        self.calls = 0

    def install(self):
        from panoramax_plugin.core import exif_tiff, picture_file

        modules = [picture_file]
        if "panoramax_plugin.upload.exif_reader" in sys.modules:  # the QGIS reader's fallback
            modules.append(sys.modules["panoramax_plugin.upload.exif_reader"])
        original = exif_tiff.read_exif_tags

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        for module in modules:
            if getattr(module, "read_exif_tags", None) is original:
                module.read_exif_tags = counted


def _qgis_reader():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from panoramax_plugin.upload.exif_reader import read_tags_with_qgis

    return app, read_tags_with_qgis


def read_one(path, read_tags=None, memory=True, counter=None) -> dict:
    """Read one file as the pre-flight does; what happened, as a JSON-ready record."""
    from panoramax_plugin.core.picture_file import read_picture

    record = {}
    if counter is not None:
        counter.calls = 0
    if memory:
        tracemalloc.start()
    began = time.perf_counter()
    try:
        meta = read_picture(path, read_tags) if read_tags else read_picture(path)
    except BaseException as exc:  # noqa: B036 - MemoryError and friends are what we count
        meta = None
        record["raised"] = type(exc).__name__
        record["message"] = str(exc)[:200]
    record["ms"] = round((time.perf_counter() - began) * 1000, 3)
    if memory:
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        record["peak_kib"] = round(peak / 1024, 1)
        record["held_kib"] = round(current / 1024, 1)
    if counter is not None:
        record["parses"] = counter.calls
    if meta is not None:
        record["status"] = meta.status
        record["problem"] = meta.problem
        record["notes"] = list(getattr(meta, "notes", []))
        record["heading"] = meta.heading
        record["captured_at"] = meta.captured_at.isoformat() if meta.captured_at else None
        record["bad"] = bad_values(meta)
        record["breaks_prediction"] = breaks_prediction(meta)
    return record


def run_cases(bases, seed, start, stop, folder, read_tags=None, memory=True, files=None):
    """Read cases ``start..stop-1`` (or ``files[start:stop]``); yield a record per case."""
    counter = _ParseCounter()
    counter.install()
    path = str(Path(folder) / "case.jpg")
    for index in range(start, stop):
        if files:
            record = {"i": index, "file": Path(files[index]).name}
            record.update(read_one(files[index], read_tags, memory, counter))
            yield record
            continue
        base, mutations, data = make_case(bases, seed, index)
        with open(path, "wb") as handle:
            handle.write(data)
        record = {"i": index, "base": base, "mutations": mutations}
        record.update(read_one(path, read_tags, memory, counter))
        yield record


def _set_memory_limit(budget_mib: int) -> None:
    """Cap this process's address space at what it uses now plus ``budget_mib``."""
    import resource

    with open("/proc/self/status", encoding="ascii") as handle:
        size_kib = next(int(line.split()[1]) for line in handle if line.startswith("VmSize:"))
    limit = (size_kib + budget_mib * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def worker_main(argv=None) -> int:
    """Child process: print one JSON record per case (see :func:`run_isolated`)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", default="0")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int, required=True)
    parser.add_argument("--bases", help="folder of the generated bases")
    parser.add_argument("--files", nargs="*", help="read these files instead of cases")
    parser.add_argument("--workdir", required=True, help="where each case is written")
    parser.add_argument("--real", action="store_true", help="add the shared real pictures")
    parser.add_argument("--reader", choices=("pure", "qgis"), default="pure")
    parser.add_argument("--memory-mib", type=int, default=2048)
    parser.add_argument("--no-tracemalloc", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    bases = []
    if not args.files:
        paths = sorted(Path(args.bases).glob("gen_*.jpg")) + (real_bases() if args.real else [])
        bases = load_bases(paths)
    read_tags = None
    if args.reader == "qgis":
        _app, read_tags = _qgis_reader()
    _set_memory_limit(args.memory_mib)
    print(json.dumps({"ready": True}), flush=True)
    cases = run_cases(
        bases,
        args.seed,
        args.start,
        args.stop,
        args.workdir,
        read_tags,
        memory=not args.no_tracemalloc,
        files=args.files,
    )
    for record in cases:
        print(json.dumps(record), flush=True)
    return 0


def run_isolated(
    seed,
    count,
    bases_folder=None,
    *,
    files=None,
    real=True,
    reader="pure",
    hang_s=3.0,
    memory_mib=2048,
    tracemalloc_on=True,
    start_timeout_s=60.0,
):
    """Run ``count`` cases in a child process; a case silent over ``hang_s`` is a hang.

    Yields the child's records; a hung case is killed, recorded as ``{"hang": True}``
    and the child restarts at the next case. A child that dies on a case (a crash of
    native code) gives ``{"died": returncode}``. With ``files``, case ``i`` is
    ``files[i]`` (``count`` is then ``len(files)``).
    """
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as workdir:  # outlives killed children
        index = 0
        while index < count:
            command = [
                sys.executable,
                "-m",
                "tests.unit.reader_fuzz",
                f"--seed={seed}",
                f"--start={index}",
                f"--stop={count}",
                f"--reader={reader}",
                f"--memory-mib={memory_mib}",
                f"--workdir={workdir}",
            ]
            command += [f"--bases={bases_folder}"] if bases_folder else []
            command += ["--files", *map(str, files)] if files else []
            command += ["--real"] if real else []
            command += [] if tracemalloc_on else ["--no-tracemalloc"]
            child = subprocess.Popen(
                command,
                cwd=str(ROOT),
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                bufsize=1,
            )
            try:
                deadline = start_timeout_s
                while index < count:
                    ready, _, _ = select.select([child.stdout], [], [], deadline)
                    if not ready:  # silent: the case hangs
                        yield {"i": index, "hang": True}
                        index += 1
                        break
                    line = child.stdout.readline()
                    if not line:  # the child died
                        yield {"i": index, "died": child.wait()}
                        index += 1
                        break
                    record = json.loads(line)
                    deadline = hang_s
                    if "i" in record:
                        yield record
                        index = record["i"] + 1
            finally:
                if index >= count:  # all read: let it exit (QGIS's own exit) before a kill
                    try:
                        child.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        pass
                if child.poll() is None:
                    child.kill()
                child.wait()
                child.stdout.close()


def summary(records) -> dict:
    """Counts a run reports: raises by type, hangs, bad values accepted, time, memory."""
    raises, hangs, died, bad, broken, twice, statuses = {}, 0, 0, 0, 0, 0, {}
    times, peaks, held, total = [], [], [], 0
    for record in records:
        total += 1
        if record.get("hang"):
            hangs += 1
            continue
        if "died" in record:
            died += 1
            continue
        if "raised" in record:
            raises[record["raised"]] = raises.get(record["raised"], 0) + 1
        else:
            statuses[record["status"]] = statuses.get(record["status"], 0) + 1
        bad += bool(record.get("bad"))
        broken += bool(record.get("breaks_prediction"))
        twice += record.get("parses", 0) > 1
        times.append(record["ms"])
        if "peak_kib" in record:
            peaks.append(record["peak_kib"])
            held.append(record["held_kib"])
    times.sort()
    return {
        "cases": total,
        "raises": raises,
        "raises_total": sum(raises.values()),
        "hangs": hangs,
        "died": died,
        "bad_values_accepted": bad,
        "breaks_prediction": broken,
        "parsed_twice": twice,
        "statuses": statuses,
        "median_ms": times[len(times) // 2] if times else None,
        "p99_ms": times[int(len(times) * 0.99)] if times else None,
        "max_ms": times[-1] if times else None,
        "over_1s": sum(1 for ms in times if ms > 1000),
        "max_peak_kib": max(peaks) if peaks else None,
        "max_held_kib": max(held) if held else None,
    }


if __name__ == "__main__":
    sys.exit(worker_main())


# --- minimal reproducers ------------------------------------------------------------------

REGRESSIONS = ROOT / "tests" / "fixtures" / "reader_regressions"
CAMERA_TIMES = (("0th", 0x0132), ("Exif", 0x9003))


def patched(data: bytes, changes) -> bytes:
    """Apply ``(ifd, tag, {set_entry keywords})`` changes one after the other."""
    for ifd, tag, change in changes:
        exif = exif_structure(data)
        entry = next(x for x in exif.entries if x.ifd == ifd and x.tag == tag)
        data = set_entry(data, exif, entry, **change)
    return data


def gps_time_only(changes) -> list:
    """``changes`` on a picture whose camera times are hidden, so the GPS time is used."""
    return [(ifd, tag, {"tag": 0xC0DE}) for ifd, tag in CAMERA_TIMES] + list(changes)


def text_value(text: bytes) -> dict:
    return {"kind": 2, "count": len(text) + 1, "payload": text + b"\x00"}


# file name -> (what it reproduces on the reader before the hardening, changes)
REPRODUCERS = {
    "huge_count_16m.jpg": (
        "PixelXDimension claims 16,777,216 LONGs: 1.1 GB held after return (struct cache)",
        [("Exif", 0xA002, {"kind": 4, "count": 0x01000000})],
    ),
    "huge_count_4g.jpg": (
        "PixelYDimension claims 0xFFFFFFFF LONGs: several GB allocated, then MemoryError",
        [("Exif", 0xA003, {"kind": 4, "count": 0xFFFFFFFF})],
    ),
    "huge_count_gps_latitude.jpg": (
        "GPSLatitude claims 0x10000000 RATIONALs: seconds of work, then MemoryError",
        [("GPS", 0x0002, {"count": 0x10000000})],
    ),
    "exif_pointer_text.jpg": (
        "the Exif IFD pointer typed ASCII: TypeError (str + int)",
        [("0th", 0x8769, text_value(b"abc"))],
    ),
    "gps_pointer_undefined.jpg": (
        "the GPS IFD pointer typed UNDEFINED: TypeError (bytes + int)",
        [("0th", 0x8825, {"kind": 7, "count": 4})],
    ),
    "gps_pointer_rational.jpg": (
        "the GPS IFD pointer typed RATIONAL: TypeError (a float as slice index)",
        [("0th", 0x8825, {"kind": 5, "count": 1, "payload": struct.pack(">II", 300, 1)})],
    ),
    "gps_pointer_zero_denominator.jpg": (
        "the GPS IFD pointer a RATIONAL 300/0: TypeError (None + int)",
        [("0th", 0x8825, {"kind": 5, "count": 1, "payload": struct.pack(">II", 300, 0)})],
    ),
    "subsec_superscript.jpg": (
        'SubSecTimeOriginal "12³" (isdigit() is true): ValueError',
        [("Exif", 0x9291, text_value("12³".encode("latin-1")))],
    ),
    "subsec_too_long.jpg": (
        "SubSecTimeOriginal of 40 nines: ValueError (microsecond 1000000)",
        [("Exif", 0x9291, text_value(b"9" * 40))],
    ),
    "offset_72h.jpg": (
        'OffsetTimeOriginal "+72:00": ValueError (timezone)',
        [("Exif", 0x9011, text_value(b"+72:00"))],
    ),
    "offset_14h30.jpg": (
        'OffsetTimeOriginal "+14:30": accepted, beyond the +14:00 real offsets reach',
        [("Exif", 0x9011, text_value(b"+14:30"))],
    ),
    "gps_datestamp_numeric.jpg": (
        "GPSDateStamp a LONG 20240602 (no camera time): AttributeError (int.year)",
        gps_time_only(
            [("GPS", 0x001D, {"kind": 4, "count": 1, "payload": struct.pack(">I", 20240602)})]
        ),
    ),
    "gps_hours_1e9.jpg": (
        "GPSTimeStamp 1e9 hours (no camera time): OverflowError",
        gps_time_only([("GPS", 0x0007, {"payload": struct.pack(">6I", 10**9, 1, 0, 1, 0, 1)})]),
    ),
    "heading_nan.jpg": (
        'GPSImgDirection the text "nan": heading NaN accepted, predict_dispatch raises',
        [("GPS", 0x0011, text_value(b"nan"))],
    ),
}


def small_picture(heading=33.5) -> bytes:
    """A generated 32x24 JPEG with full EXIF (Lyon, 2024-06-02 12:00+02:00), big-endian TIFF."""
    from tests.fixtures.pictures import DEFAULT_START_TIME, Shot, make_flat_jpeg

    with tempfile.TemporaryDirectory() as tmp:
        shot = Shot(45.764, 4.8358, DEFAULT_START_TIME, heading=heading)
        path = make_flat_jpeg(Path(tmp) / "base.jpg", shot, width=32, height=24, seed="reader")
        data = path.read_bytes()
    assert exif_structure(data).endian == ">"  # piexif's; the payloads here are packed so
    return data


def write_reproducers(folder=REGRESSIONS) -> list:
    """Write the reproducers (from ``small_picture()``) and their README."""
    folder = Path(folder)
    data = small_picture()
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Minimal reproducers of the picture reader's crashes (before the hardening)",
        "",
        "Each file is one generated 32x24 JPEG (`tests/fixtures/pictures.py`, no",
        "third-party content) with one EXIF change; `tests/unit/reader_fuzz.py`",
        "(`write_reproducers`) writes them again. What each did to `read_picture`:",
        "",
    ]
    written = []
    for name, (what, changes) in REPRODUCERS.items():
        (folder / name).write_bytes(patched(data, changes))
        lines.append(f"- `{name}`: {what}")
        written.append(folder / name)
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written
