"""Checks of the synthetic picture generator in tests/fixtures/pictures.py (no QGIS)."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

import piexif
import pytest
from PIL import Image

from tests.fixtures.pictures import (
    DEFAULT_LAT,
    DEFAULT_LON,
    EARTH_RADIUS_M,
    PANO_BACK_COLOR,
    PANO_FRONT_COLOR,
    PANO_GROUND_COLOR,
    PANO_LEFT_COLOR,
    PANO_RIGHT_COLOR,
    PANO_SKY_COLOR,
    XMP_HEADER,
    Shot,
    jpeg_segments,
    line_of_shots,
    make_empty_file,
    make_flat_jpeg,
    make_flat_sequence,
    make_no_gps_jpeg,
    make_pano_jpeg,
    make_pano_sequence,
    make_png,
    make_text_as_jpg,
    make_truncated_jpeg,
    pano_column_for_yaw,
    pano_row_for_pitch,
    read_xmp,
)

GPANO = "{http://ns.google.com/photos/1.0/panorama/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PARIS_SUMMER = timezone(timedelta(hours=2))
PORTLAND_SUMMER = timezone(timedelta(hours=-7))


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def rational(value: tuple[int, int]) -> float:
    return value[0] / value[1]


def dms_to_deg(dms: tuple[tuple[int, int], ...], ref: bytes) -> float:
    deg = Fraction(*dms[0]) + Fraction(*dms[1]) / 60 + Fraction(*dms[2]) / 3600
    return float(-deg if ref in (b"S", b"W") else deg)


def close_rgb(pixel: tuple[int, ...], expected: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel[:3], expected))


@pytest.fixture
def shot() -> Shot:
    return Shot(
        lat=45.7641234,
        lon=4.8358765,
        captured_at=datetime(2024, 6, 2, 12, 30, 5, 250_000, tzinfo=PARIS_SUMMER),
        heading=123.45,
        alt=172.5,
        accuracy_m=2.5,
    )


def test_flat_exif_round_trip(tmp_path: Path, shot: Shot) -> None:
    path = make_flat_jpeg(tmp_path / "a.jpg", shot)
    assert path == tmp_path / "a.jpg"
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (512, 384)
        image.load()
    exif = piexif.load(str(path))
    zeroth, ifd, gps = exif["0th"], exif["Exif"], exif["GPS"]
    assert zeroth[piexif.ImageIFD.Make] == b"SyntheticCam"
    assert zeroth[piexif.ImageIFD.Model] == b"Flat-1"
    assert ifd[piexif.ExifIFD.DateTimeOriginal] == b"2024:06:02 12:30:05"
    assert ifd[piexif.ExifIFD.SubSecTimeOriginal] == b"250"
    assert ifd[piexif.ExifIFD.OffsetTimeOriginal] == b"+02:00"
    assert rational(ifd[piexif.ExifIFD.FocalLength]) == pytest.approx(4.5)
    assert ifd[piexif.ExifIFD.FocalLengthIn35mmFilm] == 26

    lat = dms_to_deg(gps[piexif.GPSIFD.GPSLatitude], gps[piexif.GPSIFD.GPSLatitudeRef])
    lon = dms_to_deg(gps[piexif.GPSIFD.GPSLongitude], gps[piexif.GPSIFD.GPSLongitudeRef])
    assert lat == pytest.approx(shot.lat, abs=1e-6)
    assert lon == pytest.approx(shot.lon, abs=1e-6)
    assert gps[piexif.GPSIFD.GPSAltitudeRef] == 0
    assert rational(gps[piexif.GPSIFD.GPSAltitude]) == pytest.approx(172.5)
    assert rational(gps[piexif.GPSIFD.GPSHPositioningError]) == pytest.approx(2.5)
    assert gps[piexif.GPSIFD.GPSImgDirectionRef] == b"T"
    assert rational(gps[piexif.GPSIFD.GPSImgDirection]) == pytest.approx(123.45)
    # GPS clock in UTC, consistent with the local time and its offset
    assert gps[piexif.GPSIFD.GPSDateStamp] == b"2024:06:02"
    hms = [rational(v) for v in gps[piexif.GPSIFD.GPSTimeStamp]]
    assert hms == pytest.approx([10, 30, 5.25])


def test_southern_western_negative_offset_and_no_optional_tags(tmp_path: Path) -> None:
    shot = Shot(
        lat=-33.8567844,
        lon=-70.6504,
        captured_at=datetime(2023, 12, 31, 23, 59, 59, tzinfo=PORTLAND_SUMMER),
        alt=-12.0,
    )
    exif = piexif.load(str(make_flat_jpeg(tmp_path / "sw.jpg", shot)))
    gps = exif["GPS"]
    assert gps[piexif.GPSIFD.GPSLatitudeRef] == b"S"
    assert gps[piexif.GPSIFD.GPSLongitudeRef] == b"W"
    lat = dms_to_deg(gps[piexif.GPSIFD.GPSLatitude], gps[piexif.GPSIFD.GPSLatitudeRef])
    lon = dms_to_deg(gps[piexif.GPSIFD.GPSLongitude], gps[piexif.GPSIFD.GPSLongitudeRef])
    assert lat == pytest.approx(shot.lat, abs=1e-6)
    assert lon == pytest.approx(shot.lon, abs=1e-6)
    assert gps[piexif.GPSIFD.GPSAltitudeRef] == 1
    assert rational(gps[piexif.GPSIFD.GPSAltitude]) == pytest.approx(12.0)
    assert piexif.GPSIFD.GPSImgDirection not in gps
    assert piexif.GPSIFD.GPSHPositioningError not in gps
    assert exif["Exif"][piexif.ExifIFD.OffsetTimeOriginal] == b"-07:00"
    assert exif["Exif"][piexif.ExifIFD.DateTimeOriginal] == b"2023:12:31 23:59:59"
    assert gps[piexif.GPSIFD.GPSDateStamp] == b"2024:01:01"  # UTC date rolls over


def test_naive_datetime_is_refused(tmp_path: Path) -> None:
    shot = Shot(lat=45.0, lon=4.0, captured_at=datetime(2024, 1, 1, 12, 0))
    with pytest.raises(ValueError):
        make_flat_jpeg(tmp_path / "naive.jpg", shot)


def test_every_call_gives_new_bytes(tmp_path: Path, shot: Shot) -> None:
    first = make_flat_jpeg(tmp_path / "1.jpg", shot)
    second = make_flat_jpeg(tmp_path / "2.jpg", shot)
    assert md5(first) != md5(second)
    pano1 = make_pano_jpeg(tmp_path / "p1.jpg", shot)
    pano2 = make_pano_jpeg(tmp_path / "p2.jpg", shot)
    assert md5(pano1) != md5(pano2)
    assert md5(make_png(tmp_path / "1.png")) != md5(make_png(tmp_path / "2.png"))
    no_gps1 = make_no_gps_jpeg(tmp_path / "n1.jpg", shot.captured_at)
    no_gps2 = make_no_gps_jpeg(tmp_path / "n2.jpg", shot.captured_at)
    assert md5(no_gps1) != md5(no_gps2)
    assert md5(make_text_as_jpg(tmp_path / "t1.jpg")) != md5(make_text_as_jpg(tmp_path / "t2.jpg"))


def test_explicit_seed_is_reproducible(tmp_path: Path, shot: Shot) -> None:
    a = make_flat_jpeg(tmp_path / "a.jpg", shot, seed=42)
    b = make_flat_jpeg(tmp_path / "b.jpg", shot, seed=42)
    c = make_flat_jpeg(tmp_path / "c.jpg", shot, seed=43)
    assert md5(a) == md5(b) != md5(c)


def test_pano_xmp_and_segment_order(tmp_path: Path, shot: Shot) -> None:
    path = make_pano_jpeg(tmp_path / "pano.jpg", shot, pose_heading=90.0)
    data = path.read_bytes()
    markers = [(m, body[:6]) for m, _off, body in jpeg_segments(data)]
    assert markers[0][0] == 0xE0  # JFIF
    assert markers[1] == (0xE1, b"Exif\x00\x00")
    assert markers[2][0] == 0xE1 and data.find(XMP_HEADER) > 0
    exif_end = jpeg_segments(data)[2][1]
    assert data[exif_end : exif_end + 4 + len(XMP_HEADER)][4:] == XMP_HEADER

    root = ET.fromstring(read_xmp(path).split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    desc = root.find(f"{RDF}RDF/{RDF}Description")
    assert desc is not None
    assert desc.get(f"{GPANO}ProjectionType") == "equirectangular"
    assert desc.get(f"{GPANO}UsePanoramaViewer") == "True"
    assert desc.get(f"{GPANO}FullPanoWidthPixels") == "1024"
    assert desc.get(f"{GPANO}FullPanoHeightPixels") == "512"
    assert desc.get(f"{GPANO}CroppedAreaImageWidthPixels") == "1024"
    assert desc.get(f"{GPANO}CroppedAreaImageHeightPixels") == "512"
    assert desc.get(f"{GPANO}CroppedAreaLeftPixels") == "0"
    assert desc.get(f"{GPANO}CroppedAreaTopPixels") == "0"
    assert float(desc.get(f"{GPANO}PoseHeadingDegrees")) == 90.0

    exif = piexif.load(str(path))
    assert exif["0th"][piexif.ImageIFD.Model] == b"Pano-360"
    assert rational(exif["GPS"][piexif.GPSIFD.GPSImgDirection]) == pytest.approx(123.45)
    with Image.open(path) as image:
        assert image.size == (1024, 512)
        image.load()


def test_pano_without_pose_heading(tmp_path: Path, shot: Shot) -> None:
    path = make_pano_jpeg(tmp_path / "pano.jpg", shot)
    xmp = read_xmp(path)
    assert 'GPano:ProjectionType="equirectangular"' in xmp
    assert "PoseHeadingDegrees" not in xmp
    assert read_xmp(make_flat_jpeg(tmp_path / "flat.jpg", shot)) is None


def test_pano_colour_layout(tmp_path: Path, shot: Shot) -> None:
    path = make_pano_jpeg(tmp_path / "pano.jpg", shot, width=2048, height=1024)
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    w, h = rgb.size
    horizon = pano_row_for_pitch(h, 0.0)
    assert close_rgb(rgb.getpixel((w // 2, horizon)), PANO_FRONT_COLOR)
    assert close_rgb(rgb.getpixel((pano_column_for_yaw(w, 0), horizon)), PANO_FRONT_COLOR)
    assert close_rgb(rgb.getpixel((pano_column_for_yaw(w, 90), horizon)), PANO_RIGHT_COLOR)
    assert close_rgb(rgb.getpixel((pano_column_for_yaw(w, 180), horizon)), PANO_BACK_COLOR)
    assert close_rgb(rgb.getpixel((w - 1, horizon)), PANO_BACK_COLOR)
    assert close_rgb(rgb.getpixel((pano_column_for_yaw(w, -90), horizon)), PANO_LEFT_COLOR)
    for x in (0, w // 3, w // 2, w - 1):
        assert close_rgb(rgb.getpixel((x, 0)), PANO_SKY_COLOR)
        assert close_rgb(rgb.getpixel((x, pano_row_for_pitch(h, 50.0))), PANO_SKY_COLOR)
        assert close_rgb(rgb.getpixel((x, h - 1)), PANO_GROUND_COLOR)
        assert close_rgb(rgb.getpixel((x, pano_row_for_pitch(h, -50.0))), PANO_GROUND_COLOR)
    between = rgb.getpixel((pano_column_for_yaw(w, 45), horizon))
    assert max(between) - min(between) < 40  # grey, no band at yaw 45


def test_pano_must_be_two_to_one(tmp_path: Path, shot: Shot) -> None:
    with pytest.raises(ValueError):
        make_pano_jpeg(tmp_path / "bad.jpg", shot, width=1000, height=600)


def test_no_gps_jpeg(tmp_path: Path, shot: Shot) -> None:
    path = make_no_gps_jpeg(tmp_path / "nogps.jpg", shot.captured_at)
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert 0x8825 not in image.getexif()  # GPSInfo IFD pointer
    exif = piexif.load(str(path))
    assert not exif["GPS"]
    assert exif["Exif"][piexif.ExifIFD.DateTimeOriginal] == b"2024:06:02 12:30:05"


def test_bad_files(tmp_path: Path, shot: Shot) -> None:
    text = make_text_as_jpg(tmp_path / "text.jpg")
    assert text.suffix == ".jpg"
    assert not text.read_bytes().startswith(b"\xff\xd8")
    with pytest.raises(OSError):
        Image.open(text)

    png = make_png(tmp_path / "picture.png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(png) as image:
        assert image.format == "PNG"
        image.load()

    empty = make_empty_file(tmp_path / "empty.jpg")
    assert empty.exists() and empty.stat().st_size == 0


def test_truncated_jpeg_fails_to_decode(tmp_path: Path, shot: Shot) -> None:
    path = make_truncated_jpeg(tmp_path / "cut.jpg", shot)
    data = path.read_bytes()
    assert data.startswith(b"\xff\xd8") and not data.endswith(b"\xff\xd9")
    exif = piexif.load(str(path))  # header and EXIF are intact
    assert exif["GPS"][piexif.GPSIFD.GPSLatitudeRef] == b"N"
    with Image.open(path) as image:
        assert image.size == (512, 384)
        with pytest.raises(OSError):
            image.load()


def test_line_of_shots_spacing_time_heading() -> None:
    start = datetime(2024, 6, 2, 12, 0, tzinfo=PARIS_SUMMER)
    for bearing in (0.0, 45.0, 90.0, 200.0):
        shots = line_of_shots(DEFAULT_LAT, DEFAULT_LON, 6, 7.5, bearing, start, interval_s=3.0)
        assert len(shots) == 6
        assert (shots[0].lat, shots[0].lon) == (DEFAULT_LAT, DEFAULT_LON)
        for prev, cur in zip(shots, shots[1:]):
            dist = haversine_m(prev.lat, prev.lon, cur.lat, cur.lon)
            assert dist == pytest.approx(7.5, rel=0.02)
            assert cur.captured_at - prev.captured_at == timedelta(seconds=3)
        assert all(s.heading == bearing for s in shots)
    east = line_of_shots(10.0, 20.0, 2, bearing_deg=90.0)
    assert east[1].lat == pytest.approx(10.0, abs=1e-9) and east[1].lon > 20.0
    fixed = line_of_shots(10.0, 20.0, 2, heading=10.0, accuracy_m=3.0, alt=5.0)
    assert fixed[1].heading == 10.0 and fixed[1].accuracy_m == 3.0 and fixed[1].alt == 5.0
    assert dataclasses.replace(fixed[0], heading=None).heading is None


def test_sequences(tmp_path: Path) -> None:
    flats = make_flat_sequence(tmp_path / "flat", 3, 45.0, 5.0, accuracy_m=1.5)
    assert [p.name for p in flats] == ["flat_000.jpg", "flat_001.jpg", "flat_002.jpg"]
    assert len({md5(p) for p in flats}) == 3
    panos = make_pano_sequence(tmp_path / "pano", 2, 45.0, 5.0, bearing_deg=30.0)
    assert [p.name for p in panos] == ["pano_000.jpg", "pano_001.jpg"]
    assert 'GPano:PoseHeadingDegrees="30.0"' in read_xmp(panos[1])
    lats = []
    for p in flats:
        gps = piexif.load(str(p))["GPS"]
        lats.append(dms_to_deg(gps[piexif.GPSIFD.GPSLatitude], b"N"))
    assert lats == pytest.approx([45.0] * 3, abs=1e-6)  # bearing 90: due east


def test_flat_generation_speed(tmp_path: Path) -> None:
    shots = line_of_shots(DEFAULT_LAT, DEFAULT_LON, 50)
    t0 = time.perf_counter()
    paths = [make_flat_jpeg(tmp_path / f"{i}.jpg", s) for i, s in enumerate(shots)]
    elapsed = time.perf_counter() - t0
    assert len({md5(p) for p in paths}) == 50
    assert elapsed < 5.0, f"50 flat pictures took {elapsed:.2f} s"
