"""core/look_at.py: a picture turned toward a place (360° camera, point of a flat picture)."""

from __future__ import annotations

import math

import pytest

from panoramax_plugin.core.camera import MAX_HFOV, MIN_HFOV
from panoramax_plugin.core.look_at import (
    CAMERA_HEIGHT_M,
    DEFAULT_FLAT_HFOV,
    TARGET_REACH_M,
    LookTarget,
    camera_toward_target,
    flat_point_toward,
    target_sight,
)
from panoramax_plugin.core.models import Picture
from panoramax_plugin.core.view_geometry import destination, view_point

HERE = (4.8358, 45.764)  # lon, lat (Lyon): where the pictures stand
ANGLE = 1e-6  # degrees: sight is exact, only float noise is left


def picture(heading=None, **kwargs) -> Picture:
    return Picture("p", "s", *HERE, heading=heading, **kwargs)


def target(azimuth: float, distance: float, height: float = CAMERA_HEIGHT_M) -> LookTarget:
    """A target ``distance`` metres from the pictures toward ``azimuth``, ``height`` above
    the ground (the camera's height by default: level with the camera).

    Set from the picture, not the other way round: the azimuth back from the target differs
    from the reverse one by the meridians' convergence (~1e-4° over 10 m at 45° N)."""
    return LookTarget(*destination(*HERE, azimuth, distance), height)


def wrapped(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


# --- 360° pictures --------------------------------------------------------------------------


@pytest.mark.parametrize("heading", [0.0, 30.0, 90.0, 135.5, 200.0, 270.0, 359.99])
def test_a_picture_10_m_west_of_the_target_looks_east(heading):
    camera = camera_toward_target(picture(heading, is_360=True), target(90.0, 10.0), hfov=60.0)
    assert camera is not None
    assert wrapped(camera.yaw - (90.0 - heading)) == pytest.approx(0.0, abs=ANGLE)
    assert -180.0 <= camera.yaw < 180.0
    assert camera.map_bearing(heading) == pytest.approx(90.0, abs=ANGLE)
    # level with the camera, 10 m away: pitch 0 but for the ground's curvature (~5e-5°)
    assert camera.pitch == pytest.approx(0.0, abs=1e-4)
    assert camera.hfov == 60.0


def test_heading_none_counts_as_north():
    east = camera_toward_target(picture(None, is_360=True), target(90.0, 10.0), hfov=60.0)
    assert east.yaw == pytest.approx(90.0, abs=ANGLE)
    south = camera_toward_target(picture(None, is_360=True), target(180.0, 10.0), hfov=60.0)
    assert wrapped(south.yaw - 180.0) == pytest.approx(0.0, abs=ANGLE)
    assert south.map_bearing(None) == pytest.approx(180.0, abs=ANGLE)


@pytest.mark.parametrize("height, above", [(0.0, -2.0), (2.0, 0.0), (5.0, 3.0), (12.0, 10.0)])
def test_pitch_follows_the_target_height_above_the_camera(height, above):
    camera = camera_toward_target(picture(0.0), target(0.0, 10.0, height), hfov=60.0)
    assert camera.yaw == pytest.approx(0.0, abs=ANGLE)
    assert camera.pitch == pytest.approx(math.degrees(math.atan2(above, 10.0)), abs=1e-4)


def test_camera_height_is_taken_into_account():
    foot = target(270.0, 20.0, 0.0)
    default = camera_toward_target(picture(45.0), foot, hfov=70.0)
    assert default.pitch == pytest.approx(-math.degrees(math.atan2(2.0, 20.0)), abs=1e-4)
    helmet = camera_toward_target(picture(45.0), foot, hfov=70.0, camera_height_m=1.6)
    assert helmet.pitch == pytest.approx(-math.degrees(math.atan2(1.6, 20.0)), abs=1e-4)
    level = camera_toward_target(picture(45.0), foot, hfov=70.0, camera_height_m=0.0)
    assert level.pitch == pytest.approx(0.0, abs=1e-4)
    for camera in (default, helmet, level):
        assert camera.yaw == pytest.approx(-135.0, abs=ANGLE)


def test_target_sight_is_the_sight_from_the_picture():
    seen = target_sight(picture(10.0), target(45.0, 30.0))
    assert seen.azimuth == pytest.approx(45.0, abs=ANGLE)
    assert seen.distance_m == pytest.approx(30.0, abs=1e-4)  # 2 m up: 30 * (1 + 2 / R)
    assert seen.elevation == pytest.approx(0.0, abs=1e-3)


def test_the_target_is_at_the_view_centre():
    spot = target(303.0, 37.0, 4.5)
    camera = camera_toward_target(picture(211.0, is_360=True), spot, hfov=60.0)
    seen = target_sight(picture(211.0), spot)
    x, y = view_point(camera, wrapped(seen.azimuth - 211.0), seen.elevation, 1280, 720)
    assert (x, y) == pytest.approx((640.0, 360.0), abs=1e-6)


def test_out_of_reach_is_none():
    assert camera_toward_target(picture(0.0), target(0.0, TARGET_REACH_M - 0.1), 60.0)
    assert camera_toward_target(picture(0.0), target(0.0, TARGET_REACH_M + 0.1), 60.0) is None
    assert camera_toward_target(picture(0.0), target(0.0, 5_000.0), 60.0) is None
    # reach is horizontal: a tall target right beside the camera is in reach
    assert camera_toward_target(picture(0.0), target(0.0, 3.0, 300.0), 60.0)


def test_hfov_is_kept_within_the_camera_limits():
    assert camera_toward_target(picture(0.0), target(0.0, 10.0), hfov=5.0).hfov == MIN_HFOV
    assert camera_toward_target(picture(0.0), target(0.0, 10.0), hfov=500.0).hfov == MAX_HFOV


def test_a_target_on_the_camera_is_looked_at_straight_down():
    camera = camera_toward_target(picture(30.0), LookTarget(*HERE, 0.0), hfov=60.0)
    assert camera.pitch == -89.0  # clamped: never straight at the pole
    assert camera.yaw == pytest.approx(-30.0, abs=ANGLE)  # azimuth 0 by convention


# --- flat pictures --------------------------------------------------------------------------

W, H = 4000, 3000


def focal(hfov: float) -> float:
    return (W / 2.0) / math.tan(math.radians(hfov / 2.0))


def test_flat_point_straight_ahead_is_the_picture_centre():
    point = flat_point_toward(picture(90.0, field_of_view=65.0), target(90.0, 10.0), W, H)
    assert point == pytest.approx((W / 2.0, H / 2.0), abs=1e-2)  # curvature: ~3e-3 px


def test_flat_point_inside_the_field_of_view():
    # target 20° right of the heading, its foot 2 m below the camera
    x, y = flat_point_toward(picture(70.0, field_of_view=60.0), target(90.0, 10.0, 0.0), W, H)
    assert x == pytest.approx(W / 2.0 + focal(60.0) * math.tan(math.radians(20.0)), abs=1e-2)
    forward = math.cos(math.radians(20.0)) * 10.0  # the ray's component along the axis
    assert y == pytest.approx(H / 2.0 + focal(60.0) * 2.0 / forward, abs=1e-2)


def test_flat_point_outside_the_field_of_view_is_none():
    spot = target(90.0, 10.0)
    assert flat_point_toward(picture(130.0, field_of_view=60.0), spot, W, H) is None  # 40° left
    assert flat_point_toward(picture(130.0, field_of_view=90.0), spot, W, H) is not None
    assert flat_point_toward(picture(270.0, field_of_view=90.0), spot, W, H) is None  # behind


def test_flat_point_above_the_frame_is_none():
    facing = picture(90.0, field_of_view=60.0)  # 4:3, vertical field of view ~47°
    assert flat_point_toward(facing, target(90.0, 10.0, 30.0), W, H) is None
    assert flat_point_toward(facing, target(90.0, 10.0, 5.0), W, H) is not None


def test_flat_without_field_of_view_uses_the_default():
    assert DEFAULT_FLAT_HFOV == 70.0
    spot = target(90.0, 10.0)
    assert flat_point_toward(picture(90.0 + 34.0), spot, W, H) is not None  # 34° left: in
    assert flat_point_toward(picture(90.0 + 36.0), spot, W, H) is None  # 36° left: out
    x, _y = flat_point_toward(picture(90.0 + 34.0), spot, W, H)
    assert x == pytest.approx(W / 2.0 - focal(70.0) * math.tan(math.radians(34.0)), abs=1e-2)


def test_flat_heading_none_faces_north():
    x, y = flat_point_toward(picture(None, field_of_view=60.0), target(0.0, 10.0), W, H)
    assert (x, y) == pytest.approx((W / 2.0, H / 2.0), abs=1e-2)
    assert flat_point_toward(picture(None, field_of_view=60.0), target(90.0, 10.0), W, H) is None


def test_flat_out_of_reach_is_none():
    facing = picture(90.0, field_of_view=60.0)
    assert flat_point_toward(facing, target(90.0, TARGET_REACH_M - 0.1), W, H) is not None
    assert flat_point_toward(facing, target(90.0, TARGET_REACH_M + 0.1), W, H) is None
