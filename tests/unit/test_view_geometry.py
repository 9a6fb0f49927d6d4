"""World point <-> camera <-> pixel maths of core/view_geometry.py (no Qt, no QGIS)."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from panoramax_plugin.core.camera import MAX_PITCH, Camera, wrap_yaw
from panoramax_plugin.core.geometry import bearing_deg, distance_m
from panoramax_plugin.core.view_geometry import (
    DEFAULT_FLAT_HFOV,
    Sight,
    camera_toward,
    destination,
    equirect_direction,
    equirect_pixel,
    flat_direction,
    flat_pixel,
    in_flat_view,
    sight,
    view_direction,
    view_point,
    yaw_toward,
)
from panoramax_plugin.viewer.render360 import EquirectRenderer, _Pool, _Rays, _View

LYON = (4.8358, 45.764)


def angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Angle in degrees between two (yaw, pitch) directions (well-defined at the poles)."""
    ya, pa, yb, pb = (math.radians(v) for v in (*a, *b))
    cos_angle = math.sin(pa) * math.sin(pb) + math.cos(pa) * math.cos(pb) * math.cos(ya - yb)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_angle))))


def yaw_diff(a: float, b: float) -> float:
    return abs(wrap_yaw(a - b))


# --- sight / destination ----------------------------------------------------------------------


@pytest.mark.parametrize("lat", [0.0, 48.0])
def test_point_due_east_is_at_azimuth_90(lat):
    east = destination(2.35, lat, 90.0, 10.0)
    s = sight(2.35, lat, 2.0, *east)
    assert abs(s.azimuth - 90.0) < 1e-6
    assert s.distance_m == pytest.approx(10.0, abs=1e-6)
    # ground point 10 m away from 2 m up: -atan(2/10), curvature adds ~5e-5 degrees
    assert s.elevation == pytest.approx(-math.degrees(math.atan(2 / 10)), abs=0.01)
    assert s.slant_m == pytest.approx(math.hypot(10.0, 2.0), abs=1e-4)


def test_point_due_east_by_longitude_at_equator():
    """One metre-scale step of longitude along the equator is due east, whatever the method."""
    s = sight(0.0, 0.0, 0.0, 0.0001, 0.0, 0.0)
    assert abs(s.azimuth - 90.0) < 1e-6
    assert s.distance_m == pytest.approx(math.radians(0.0001) * 6_378_137.0, rel=1e-7)


@pytest.mark.parametrize("azimuth", [0.0, 45.0, 90.0, 180.0, 270.0, 359.0])
def test_cardinal_and_diagonal_azimuths(azimuth):
    target = destination(*LYON, azimuth, 50.0)
    assert yaw_diff(sight(*LYON, 2.0, *target).azimuth, azimuth) < 1e-7


def test_target_above_and_below():
    target = destination(*LYON, 30.0, 20.0)
    up = sight(*LYON, 2.0, *target, 22.0)
    assert up.elevation == pytest.approx(45.0, abs=0.01)
    level = sight(*LYON, 2.0, *target, 2.0)
    assert level.elevation == pytest.approx(0.0, abs=0.01)  # only curvature, ~1e-4 deg
    assert level.elevation < 0.0  # the level plane leaves the curved ground


def test_same_position_is_straight_up_or_down():
    s = sight(*LYON, 2.0, *LYON, 0.0)
    assert (s.azimuth, s.elevation, s.distance_m) == (0.0, -90.0, 0.0)
    assert s.slant_m == pytest.approx(2.0)
    assert isinstance(s, Sight)
    assert sight(*LYON, 0.0, *LYON, 5.0).elevation == 90.0


def test_sight_rejects_non_finite():
    with pytest.raises(ValueError):
        sight(math.nan, 45.0, 2.0, 4.0, 45.0)


@pytest.mark.parametrize("lat", [-70.0, -33.9, 0.0, 45.764, 60.0, 78.2])
def test_destination_inverts_sight_within_a_millimetre_at_a_kilometre(lat):
    rng = random.Random(f"destination {lat}")
    for _ in range(50):
        lon, azimuth = rng.uniform(-180.0, 180.0), rng.uniform(0.0, 360.0)
        target = destination(lon, lat, azimuth, 1000.0)
        s = sight(lon, lat, 0.0, *target)
        assert s.distance_m == pytest.approx(1000.0, abs=1e-3)
        # 1 mm sideways at 1 km
        assert yaw_diff(s.azimuth, azimuth) < math.degrees(1e-6)


def test_destination_across_the_antimeridian():
    lon, lat = destination(179.9999, 10.0, 90.0, 100.0)
    assert -180.0 <= lon < -179.99
    s = sight(179.9999, 10.0, 0.0, lon, lat)
    assert s.azimuth == pytest.approx(90.0, abs=1e-6)
    assert s.distance_m == pytest.approx(100.0, abs=1e-6)


def test_destination_edge_cases():
    assert destination(*LYON, 123.0, 0.0) == (pytest.approx(LYON[0]), LYON[1])
    with pytest.raises(ValueError):
        destination(*LYON, 0.0, -1.0)
    with pytest.raises(ValueError):
        destination(0.0, 90.0, 0.0, 10.0)


def test_agrees_with_haversine_at_100_m():
    rng = random.Random(100)
    for _ in range(200):
        lon, lat = rng.uniform(-180.0, 180.0), rng.uniform(-75.0, 75.0)
        azimuth = rng.uniform(0.0, 360.0)
        target = destination(lon, lat, azimuth, 100.0)
        s = sight(lon, lat, 0.0, *target)
        assert yaw_diff(s.azimuth, bearing_deg(lon, lat, *target)) < 0.2
        assert s.distance_m == pytest.approx(distance_m(lon, lat, *target), rel=0.01)


# --- picture-relative yaw --------------------------------------------------------------------


def test_yaw_toward_wraps_across_180():
    assert yaw_toward(350.0, 10.0) == pytest.approx(20.0)
    assert yaw_toward(10.0, 350.0) == pytest.approx(-20.0)
    assert yaw_toward(90.0, 270.0) == -180.0
    assert yaw_toward(None, 200.0) == pytest.approx(-160.0)
    assert yaw_toward(0.0, 0.0) == 0.0


def test_camera_toward_looks_at_the_target():
    target = destination(*LYON, 300.0, 8.0)
    s = sight(*LYON, 2.0, *target, 4.0)
    camera = camera_toward(250.0, s, hfov=45.0)
    assert camera.yaw == pytest.approx(50.0)
    assert camera.pitch == pytest.approx(s.elevation)
    assert camera.hfov == 45.0
    assert camera.map_bearing(250.0) == pytest.approx(s.azimuth)
    assert camera_toward(None, s).hfov == 60.0


# --- 360° view -------------------------------------------------------------------------------


def random_camera(rng: random.Random) -> Camera:
    return Camera(
        rng.uniform(-180.0, 180.0),
        rng.choice([-80.0, 80.0, rng.uniform(-MAX_PITCH, MAX_PITCH), 0.0]),
        rng.uniform(30.0, 110.0),
    )


def test_view_centre_is_the_camera_direction():
    camera = Camera(37.0, 12.0, 75.0)
    x, y = view_point(camera, 37.0, 12.0, 640, 480)
    assert (x, y) == (pytest.approx(320.0), pytest.approx(240.0))
    assert view_direction(camera, 320.0, 240.0, 640, 480) == (
        pytest.approx(37.0),
        pytest.approx(12.0),
    )


def test_view_edge_is_half_the_field_of_view():
    camera = Camera(0.0, 0.0, 90.0)
    assert view_point(camera, 45.0, 0.0, 800, 600) == (pytest.approx(800.0), pytest.approx(300.0))
    assert view_direction(camera, 0.0, 300.0, 800, 600) == (
        pytest.approx(-45.0),
        pytest.approx(0.0),
    )


def test_view_round_trips_many_cameras():
    rng = random.Random(7)
    for _ in range(400):
        camera = random_camera(rng)
        width, height = rng.randint(1, 1920), rng.randint(1, 1200)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        yaw, pitch = view_direction(camera, x, y, width, height)
        assert -180.0 <= yaw < 180.0 and -90.0 <= pitch <= 90.0
        back = view_point(camera, yaw, pitch, width, height)
        assert back is not None
        assert back == (pytest.approx(x, abs=1e-6), pytest.approx(y, abs=1e-6))


def test_view_round_trips_directions_in_front():
    rng = random.Random(8)
    checked = 0
    for _ in range(400):
        camera = random_camera(rng)
        direction = (rng.uniform(-180.0, 180.0), rng.uniform(-90.0, 90.0))
        point = view_point(camera, *direction, 1000, 700)
        if point is None:
            continue
        checked += 1
        assert angle_between(view_direction(camera, *point, 1000, 700), direction) < 1e-6
    assert checked > 100


def test_view_poles_and_wrap_around():
    looking_up = Camera(-170.0, 80.0, 110.0)  # the zenith is in view
    x, y = view_point(looking_up, 123.0, 90.0, 640, 480)  # yaw means nothing at the pole
    assert view_point(looking_up, -45.0, 90.0, 640, 480) == (pytest.approx(x), pytest.approx(y))
    assert 0 <= x <= 640 and 0 <= y <= 480
    assert view_direction(looking_up, x, y, 640, 480)[1] == pytest.approx(90.0)
    looking_down = Camera(0.0, -80.0, 110.0)
    x, y = view_point(looking_down, 0.0, -90.0, 640, 480)
    assert 0 <= x <= 640 and 0 <= y <= 480
    # across the picture's back seam: a camera at yaw 179 sees yaw -179 two degrees right
    seam = Camera(179.0, 0.0, 60.0)
    right = view_point(seam, -179.0, 0.0, 600, 400)
    focal = 300.0 / math.tan(math.radians(30.0))
    assert right is not None
    assert right[0] == pytest.approx(300.0 + focal * math.tan(math.radians(2)))
    assert view_direction(seam, *right, 600, 400)[0] == pytest.approx(-179.0)


def test_view_point_none_behind():
    camera = Camera(20.0, 0.0, 110.0)
    assert view_point(camera, 20.0 + 180.0, 0.0, 640, 480) is None
    assert view_point(camera, 20.0 + 90.0, 0.0, 640, 480) is None  # on the view plane
    assert view_point(camera, 20.0 + 89.0, 0.0, 640, 480) is not None  # in front, off screen
    tilted = Camera(0.0, 60.0, 90.0)
    assert view_point(tilted, 0.0, -40.0, 640, 480) is None  # 100 deg below the view axis
    assert view_point(tilted, 180.0, 60.0, 640, 480) is not None  # over the top: 60 deg away


@pytest.mark.parametrize(
    "camera",
    [Camera(0.0, 0.0, 90.0), Camera(-150.0, 80.0, 110.0), Camera(95.0, -35.0, 30.0)],
)
@pytest.mark.parametrize("size", [(320, 240), (321, 199)])
def test_view_matches_the_renderer_rays(camera, size):
    """Every pixel of the renderer's own lon / lat table maps back to its centre."""
    width, height = size
    view = _View(_Rays(width, height, camera.hfov), width, height, camera.pitch, _Pool(0))
    left = width // 2
    worst = 0.0
    for j in range(0, height, 7):
        for k in range(0, width - left, 5):
            yaw = float(view.lon[j, k]) * 360.0 + camera.yaw
            pitch = float(view.lat[j, k]) * 180.0
            x, y = view_point(camera, yaw, pitch, width, height)
            worst = max(worst, abs(x - (left + k + 0.5)), abs(y - (j + 0.5)))
    assert worst < 0.05  # float32 tables


def rgb32(array: np.ndarray) -> np.ndarray:
    return (0xFF000000 | array.astype(np.uint32)).astype(np.uint32)


@pytest.mark.parametrize("smooth", [False, True])
def test_view_point_finds_a_marked_pixel_in_rendered_frames(smooth):
    """A dot painted at equirect_pixel lands where view_point says, within 1 px."""
    src_w, src_h = 2048, 1024
    width, height = 400, 300
    rng = random.Random(11)
    for _ in range(12):
        camera = random_camera(rng)
        target = view_direction(
            camera, rng.uniform(40, width - 40), rng.uniform(40, height - 40), width, height
        )
        col, row = equirect_pixel(*target, src_w, src_h)
        source = np.zeros((src_h, src_w), dtype=np.uint32)
        c, r = int(col), min(int(row), src_h - 1)
        source[max(0, r - 1) : r + 2, [(c - 1) % src_w, c, (c + 1) % src_w]] = 0xFFFFFF
        frame = EquirectRenderer(rgb32(source)).render(camera, width, height, smooth=smooth)
        weight = (frame & 0xFF).astype(np.float64)
        assert weight.sum() > 0, (camera, target)
        ys, xs = np.mgrid[0:height, 0:width]
        total = weight.sum()
        found = ((xs + 0.5) * weight).sum() / total, ((ys + 0.5) * weight).sum() / total
        # the dot's centre is the centre of source pixel (c, r), not (col, row)
        dot = equirect_direction(c + 0.5, r + 0.5, src_w, src_h)
        expected = view_point(camera, *dot, width, height)
        assert expected is not None
        # nearest mode rounds the yaw to a whole source column: up to half a column
        focal = (width / 2) / math.tan(math.radians(camera.hfov) / 2)
        slack = 1.0 if smooth else 1.0 + focal * math.radians(0.5 * 360.0 / src_w)
        assert abs(found[0] - expected[0]) < slack, (camera, found, expected)
        assert abs(found[1] - expected[1]) < 1.0, (camera, found, expected)


# --- equirectangular source --------------------------------------------------------------------


def test_equirect_pixel_known_values():
    assert equirect_pixel(0.0, 0.0, 2048, 1024) == (1024.0, 512.0)
    assert equirect_pixel(90.0, 45.0, 2048, 1024) == (1536.0, 256.0)
    assert equirect_pixel(-90.0, -90.0, 2048, 1024) == (512.0, 1024.0)
    assert equirect_pixel(-180.0, 90.0, 2048, 1024) == (0.0, 0.0)
    assert equirect_pixel(180.0, 0.0, 2048, 1024)[0] == 0.0  # wrapped
    assert equirect_pixel(-1e-14, 0.0, 2048, 1024)[0] < 2048


def test_equirect_round_trips():
    rng = random.Random(3)
    for _ in range(500):
        width = rng.choice([1024, 2048, 5376, 1001])
        height = width // 2
        yaw, pitch = rng.uniform(-180.0, 180.0), rng.uniform(-90.0, 90.0)
        col, row = equirect_pixel(yaw, pitch, width, height)
        assert 0.0 <= col < width and 0.0 <= row <= height
        back = equirect_direction(col, row, width, height)
        assert yaw_diff(back[0], yaw) < 1e-9 and back[1] == pytest.approx(pitch, abs=1e-9)


def test_equirect_direction_wraps_columns():
    assert equirect_direction(0.0, 512.0, 2048, 1024) == (-180.0, 0.0)
    assert equirect_direction(2048.0, 512.0, 2048, 1024)[0] == -180.0
    assert equirect_direction(2048.0 + 512.0, 0.0, 2048, 1024) == (-90.0, 90.0)


# --- flat pictures -----------------------------------------------------------------------------


def test_flat_pixel_known_values():
    assert flat_pixel(0.0, 0.0, 90.0, 800, 600) == (400.0, 300.0)
    assert flat_pixel(45.0, 0.0, 90.0, 800, 600) == (pytest.approx(800.0), pytest.approx(300.0))
    x, y = flat_pixel(-20.0, 10.0, 90.0, 800, 600)
    assert x == pytest.approx(400 - 400 * math.tan(math.radians(20)))
    assert y < 300.0


def test_flat_pixel_none_outside_or_behind():
    assert flat_pixel(50.0, 0.0, 90.0, 800, 600) is None  # right of the frame
    assert flat_pixel(0.0, 40.0, 90.0, 800, 600) is None  # above (vertical fov ~73.7)
    assert flat_pixel(180.0, 0.0, 90.0, 800, 600) is None
    assert flat_pixel(-179.0, 0.0, 110.0, 800, 600) is None
    assert flat_pixel(0.0, 90.0, 110.0, 800, 600) is None


def test_flat_round_trips():
    rng = random.Random(5)
    for _ in range(500):
        hfov = rng.uniform(20.0, 120.0)
        width, height = rng.randint(100, 6000), rng.randint(100, 6000)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        yaw, pitch = flat_direction(x, y, hfov, width, height)
        assert abs(yaw) <= hfov / 2 + 1e-9
        back = flat_pixel(yaw, pitch, hfov, width, height)
        assert back is not None
        assert back == (pytest.approx(x, abs=1e-6), pytest.approx(y, abs=1e-6))


def test_in_flat_view():
    assert in_flat_view(0.0, 60.0)
    assert in_flat_view(30.0, 60.0) and in_flat_view(-30.0, 60.0)
    assert not in_flat_view(31.0, 60.0)
    assert in_flat_view(31.0, 60.0, margin_deg=2.0)
    assert not in_flat_view(29.0, 60.0, margin_deg=-2.0)
    assert in_flat_view(DEFAULT_FLAT_HFOV / 2, None)
    assert not in_flat_view(DEFAULT_FLAT_HFOV / 2 + 0.1, None)
    assert not in_flat_view(180.0, 60.0)
    assert in_flat_view(370.0, 60.0)  # wrapped
