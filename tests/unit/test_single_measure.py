"""Single-picture measures: ground distance and object height on flat and sloped ground,
with their propagated uncertainty."""

from __future__ import annotations

import math

import pytest

from panoramax_plugin.core.single_measure import (
    flat_ground_distance,
    ground_point,
    object_height,
)
from panoramax_plugin.core.triangulation import MeasureError
from panoramax_plugin.core.view_geometry import ground_offset

LON, LAT = 2.3522, 48.8566


def pitch_to(height_diff_m, distance_m):
    return math.degrees(math.atan2(height_diff_m, distance_m))


def test_ground_distance_at_10_m_with_its_figure():
    point = ground_point(LON, LAT, 90.0, pitch_to(-2.0, 10.0), 2.0)
    assert point.distance_m == pytest.approx(10.0, rel=1e-6)
    east, north = ground_offset(LON, LAT, point.lon, point.lat)
    assert east == pytest.approx(10.0, abs=0.001) and abs(north) < 0.001
    # 0.5° of pitch at 10 m from a 2 m camera: h / sin(p)^2 * dp = 0.45 m (plus the height's)
    assert 0.4 < point.sigma_m < 0.8


def test_the_error_grows_with_the_square_of_the_distance():
    near = ground_point(LON, LAT, 0.0, pitch_to(-2.0, 10.0), 2.0, height_sigma_m=0.0)
    far = ground_point(LON, LAT, 0.0, pitch_to(-2.0, 20.0), 2.0, height_sigma_m=0.0)
    assert far.sigma_m / near.sigma_m == pytest.approx(4.0, rel=0.1)


def test_pole_height_within_ten_percent():
    foot = pitch_to(-2.0, 10.0)
    top = pitch_to(0.5, 10.0)
    result = object_height(LON, LAT, 0.0, foot, top, 2.0)
    assert result.height_m == pytest.approx(2.5, rel=1e-6)
    assert 0.0 < result.sigma_m < 0.5
    assert result.foot.distance_m == pytest.approx(10.0)


def slope(rise_per_m):
    """Terrain rising northward ``rise_per_m`` metres per metre from (LON, LAT)."""

    def terrain(lon, lat):
        _east, north = ground_offset(LON, LAT, lon, lat)
        return 100.0 + rise_per_m * north

    return terrain


def test_a_dem_makes_the_distance_follow_the_slope():
    terrain = slope(0.1)
    # ground 10 m north is 1 m higher: from a 2 m camera it is 1 m below the eye
    pitch = pitch_to(-1.0, 10.0)
    flat = ground_point(LON, LAT, 0.0, pitch, 2.0)
    on_dem = ground_point(LON, LAT, 0.0, pitch, 2.0, terrain=terrain)
    assert flat.distance_m == pytest.approx(20.0, rel=0.01)
    assert on_dem.distance_m == pytest.approx(10.0, rel=0.01)
    assert on_dem.ground_m == pytest.approx(1.0, abs=0.02)
    assert on_dem.on_terrain
    height = object_height(LON, LAT, 0.0, pitch, pitch_to(1.5, 10.0), 2.0, terrain=terrain)
    assert height.height_m == pytest.approx(2.5, rel=0.02)


def test_refusals():
    with pytest.raises(MeasureError, match="below the horizon"):
        flat_ground_distance(2.0, 2.0)
    with pytest.raises(MeasureError, match="too far"):
        ground_point(LON, LAT, 0.0, -0.6, 2.0)
    with pytest.raises(MeasureError, match="above its foot"):
        object_height(LON, LAT, 0.0, -10.0, -12.0, 2.0)
    with pytest.raises(MeasureError, match="does not cover"):
        ground_point(LON, LAT, 0.0, -10.0, 2.0, terrain=lambda lon, lat: None)
    edge = slope(0.0)

    def short(lon, lat):
        return edge(lon, lat) if ground_offset(LON, LAT, lon, lat)[1] < 3.0 else None

    with pytest.raises(MeasureError, match="ends before"):
        ground_point(LON, LAT, 0.0, pitch_to(-2.0, 10.0), 2.0, terrain=short)
