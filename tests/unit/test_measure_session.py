"""The measure session: clicks in, results and messages out, nothing lost on a refusal."""

from __future__ import annotations

import math

import pytest

from panoramax_plugin.core.measure_session import (
    DISTANCE,
    HEIGHT,
    TRIANGULATE,
    MeasureSession,
    PictureClick,
)
from panoramax_plugin.core.view_geometry import destination, ground_offset, sight, yaw_toward

LON, LAT = 2.3522, 48.8566
HEADING = 90.0


def click_toward(picture_id, camera, target, height_m=0.0, heading=HEADING):
    seen = sight(camera[0], camera[1], 2.0, target[0], target[1], height_m)
    return PictureClick(
        picture_id,
        camera[0],
        camera[1],
        heading,
        yaw_toward(heading or 0.0, seen.azimuth),
        seen.elevation,
        accuracy_m=1.0,
    )


def test_triangulate_two_pictures_and_replace_a_click():
    target = destination(LON, LAT, 45.0, 12.0)
    second = destination(LON, LAT, 90.0, 8.0)
    session = MeasureSession(TRIANGULATE, instance="http://x/api")
    state = session.click(click_toward("a", (LON, LAT), target))
    assert state.triangulation is None and "another picture" in state.message
    assert session.observation().method == "ray"
    state = session.click(click_toward("a", (LON, LAT), destination(LON, LAT, 40.0, 12.0)))
    assert "replaced" in state.notice and len(state.rays) == 1
    state = session.click(click_toward("a", (LON, LAT), target))
    state = session.click(click_toward("b", second, target))
    assert state.triangulation is not None, state.message
    east, north = ground_offset(
        target[0], target[1], state.triangulation.lon, state.triangulation.lat
    )
    assert math.hypot(east, north) < 0.01
    obs = session.observation()
    assert obs.method == "triangulated" and obs.picture_ids == ("a", "b")


def test_a_refused_triangulation_keeps_the_rays():
    far = destination(LON, LAT, 0.0, 80.0)
    session = MeasureSession(TRIANGULATE)
    session.click(click_toward("a", (LON, LAT), far))
    state = session.click(click_toward("b", destination(LON, LAT, 90.0, 2.0), far))
    assert state.triangulation is None and "further along" in state.message
    assert len(state.rays) == 2


def test_no_heading_is_a_clear_message():
    session = MeasureSession(TRIANGULATE)
    state = session.click(click_toward("a", (LON, LAT), destination(LON, LAT, 0, 9), heading=None))
    assert "no heading" in state.message and not state.rays


def test_distance_and_height_modes():
    spot = destination(LON, LAT, 120.0, 10.0)
    session = MeasureSession(DISTANCE)
    state = session.click(click_toward("a", (LON, LAT), spot))
    assert state.ground.distance_m == pytest.approx(10.0, rel=0.01)
    assert session.observation().distance_m == pytest.approx(10.0, rel=0.01)
    state = session.click(click_toward("a", (LON, LAT), spot, height_m=3.0))  # above horizon
    assert state.ground is None and "below the horizon" in state.message
    session.set_mode(HEIGHT)
    session.click(click_toward("a", (LON, LAT), spot))
    state = session.click(click_toward("a", (LON, LAT), spot, height_m=2.5))
    assert state.height.height_m == pytest.approx(2.5, rel=0.01)
    assert session.observation().height_m == pytest.approx(2.5, rel=0.01)
    # a third click starts a new height measure at its foot
    state = session.click(click_toward("a", (LON, LAT), spot))
    assert state.height is None and "top" in state.message
