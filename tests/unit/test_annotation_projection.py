"""The annotation layer's per-frame numpy work against the pure-Python geometry it
replaces: same widget pixels, same polylines, even dashes."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from panoramax_plugin.core import annotation_geometry as ag
from panoramax_plugin.core.annotation_geometry import box_polygon
from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.view_geometry import view_points
from panoramax_plugin.viewer import annotation_projection as ap

W, H = 5760, 2880


def _units(count: int, seed: int) -> list:
    rng = random.Random(seed)
    units = []
    for _ in range(count):
        yaw, pitch = rng.uniform(-180, 180), rng.uniform(-90, 90)
        units += ag.direction_units([(yaw, pitch)])
    return units


@pytest.mark.parametrize(
    "camera",
    [
        Camera(0.0, 0.0, 90.0),
        Camera(-60.0, -5.0, 90.0),
        Camera(179.9, 88.0, 30.0),
        Camera(-123.4, -61.0, 110.0),
    ],
)
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (801, 599)])
def test_project_units_is_view_points(camera, width, height):
    units = _units(2000, 7)
    expected = view_points(camera, units, width, height)
    points, in_front = ap.project_units(camera, np.array(units).T.copy(), width, height)
    assert [p is not None for p in expected] == in_front.tolist()
    got = [tuple(xy) for xy, front in zip(points.tolist(), in_front.tolist()) if front]
    assert got == [p for p in expected if p is not None]  # to the last bit


def test_drawable_breaks_like_view_polylines():
    camera = Camera(30.0, 10.0, 90.0)
    rng = random.Random(3)
    for _ in range(40):  # boxes all around, some behind or across the view plane
        x, y = rng.uniform(0, W), rng.uniform(0, H - 400)
        box = (x, y, x + rng.uniform(40, 2500), y + rng.uniform(40, 400))
        units = ag.direction_units(ag.pano_outline_directions(box_polygon(box), W, H))
        expected = ag.view_polylines(units, camera, 1280, 720)
        points, in_front = ap.project_units(camera, np.array(units).T.copy(), 1280, 720)
        drawn = ap.drawable(points, in_front)
        lines, current = [], []
        for point, keep in zip(points.tolist(), drawn.tolist()):
            if keep:
                current.append(tuple(point))
                continue
            if len(current) > 1:
                lines.append(current)
            current = []
        if len(current) > 1:
            lines.append(current)
        assert lines == expected


def test_dashes_run_on_along_a_polyline_and_restart_on_the_next():
    # an L (10 px then 20 px) and, apart, a 7 px segment; pattern 4 on, 2 off
    starts = np.array([[0.0, 0.0], [10.0, 0.0], [100.0, 0.0]])
    ends = np.array([[10.0, 0.0], [10.0, 20.0], [107.0, 0.0]])
    offsets = ap.run_offsets(np.array([10.0, 20.0, 7.0]), np.array([True, False, True]))
    assert offsets.tolist() == [0.0, 10.0, 0.0]
    pieces = ap.dash_pieces(starts, ends, offsets, 4.0, 2.0).tolist()
    assert pieces == [
        [[0.0, 0.0], [4.0, 0.0]],
        [[6.0, 0.0], [10.0, 0.0]],
        # the L's corner: the pattern goes on (the third dash starts 2 px up the side)
        [[10.0, 2.0], [10.0, 6.0]],
        [[10.0, 8.0], [10.0, 12.0]],
        [[10.0, 14.0], [10.0, 18.0]],
        # a new polyline: the pattern starts afresh
        [[100.0, 0.0], [104.0, 0.0]],
        [[106.0, 0.0], [107.0, 0.0]],
    ]


def test_dashes_skip_empty_segments_and_keep_diagonals_on_the_segment():
    starts = np.array([[5.0, 5.0], [5.0, 5.0]])
    ends = np.array([[5.0, 5.0], [35.0, 45.0]])  # nothing, then 50 px at an angle
    offsets = ap.run_offsets(np.array([0.0, 50.0]), np.array([True, False]))
    pieces = ap.dash_pieces(starts, ends, offsets, 8.0, 4.0)
    assert len(pieces) == math.ceil(50 / 12)
    lengths = np.hypot(*(pieces[:, 1] - pieces[:, 0]).T)
    assert lengths == pytest.approx([8.0, 8.0, 8.0, 8.0, 2.0])
    # on the segment: (x - 5) / 30 == (y - 5) / 40
    flat = pieces.reshape(-1, 2)
    assert (flat[:, 0] - 5.0) * 40.0 == pytest.approx((flat[:, 1] - 5.0) * 30.0)
