"""Annotation outlines in the views and boxes dragged back to source pixels (core, no Qt)."""

from __future__ import annotations

import pytest

from panoramax_plugin.core import annotation_geometry as ag
from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.models import picture_from_feature
from panoramax_plugin.core.view_geometry import equirect_direction, view_point

W, H = 4096, 2048
VIEW_W, VIEW_H = 800, 600


def test_flat_box_round_trip():
    box = (100.0, 50.0, 300.0, 250.0)
    scale, zoom, ox, oy = 0.5, 1.7, 12.0, -30.0
    ring = ag.flat_view_points(ag.box_polygon(box), scale, zoom, ox, oy)
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    rect = (min(xs), min(ys), max(xs), max(ys))
    assert ag.view_rect_to_flat_box(rect, scale, zoom, ox, oy, 1000, 800) == pytest.approx(box)
    # dragged past the picture's edge: cut to the picture
    cut = ag.view_rect_to_flat_box((-500, -500, rect[2], rect[3]), scale, zoom, ox, oy, 1000, 800)
    assert cut == pytest.approx((0.0, 0.0, 300.0, 250.0))


def _outline_rect(box, camera):
    directions = ag.pano_outline_directions(ag.box_polygon(box), W, H)
    lines = ag.view_polylines(ag.direction_units(directions), camera, VIEW_W, VIEW_H)
    points = [p for line in lines for p in line]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(
    ("box", "camera"),
    [
        ((2000.0, 900.0, 2100.0, 1000.0), Camera(0.0, 0.0, 90.0)),
        ((2900.0, 600.0, 3050.0, 760.0), Camera(80.0, 0.0, 70.0)),  # up: curved top edge
        ((500.0, 1200.0, 560.0, 1300.0), Camera(-130.0, 0.0, 50.0)),
    ],
)
def test_pano_box_round_trip(box, camera):
    """A level view: the box's vertical edges are vertical in the view; the rectangle
    holding the outline gives the box back within a few source pixels."""
    rect = _outline_rect(box, camera)
    back = ag.view_rect_to_equirect_box(camera, rect, VIEW_W, VIEW_H, W, H)
    assert back == pytest.approx(box, abs=4.0)


@pytest.mark.parametrize("pitch", [-30.0, 25.0])
def test_pano_box_from_a_tilted_view_holds_the_box(pitch):
    """Tilted, meridians lean in the view: the rectangle holding the outline holds a bit
    more than the box, never less."""
    box = (2900.0, 600.0, 3050.0, 760.0)
    camera = Camera(80.0, pitch, 70.0)
    back = ag.view_rect_to_equirect_box(camera, _outline_rect(box, camera), VIEW_W, VIEW_H, W, H)
    assert back[0] <= box[0] + 0.5 and back[1] <= box[1] + 0.5
    assert back[2] >= box[2] - 0.5 and back[3] >= box[3] - 0.5
    assert back == pytest.approx(box, abs=40.0)


def test_outline_points_follow_the_view():
    box = (2000.0, 900.0, 2100.0, 1000.0)
    directions = ag.pano_outline_directions(ag.box_polygon(box), W, H)
    assert len(directions) > 5  # the 8.8° wide horizontal edges are divided
    camera = Camera(10.0, 5.0, 60.0)
    for yaw, pitch in directions:
        assert view_point(camera, yaw, pitch, VIEW_W, VIEW_H) is not None
    moved = camera.turned(5.0)
    before = ag.view_polylines(ag.direction_units(directions), camera, VIEW_W, VIEW_H)[0][0]
    after = ag.view_polylines(ag.direction_units(directions), moved, VIEW_W, VIEW_H)[0][0]
    assert after[0] < before[0]  # turning right moves the outline left


def test_outline_behind_the_camera_is_dropped_or_split():
    box = (2000.0, 900.0, 2100.0, 1000.0)  # straight ahead of the picture
    directions = ag.pano_outline_directions(ag.box_polygon(box), W, H)
    assert (
        ag.view_polylines(ag.direction_units(directions), Camera(180.0, 0.0, 90.0), VIEW_W, VIEW_H)
        == []
    )


def test_seam_crossing_polygon_stays_whole():
    # a ring given across the right / left edge (columns 4000 .. 4096 + 100)
    ring = ((4000.0, 900.0), (100.0, 900.0), (100.0, 1000.0), (4000.0, 1000.0), (4000.0, 900.0))
    unwrapped = ag.unwrapped_columns(ring, W)
    assert [x for x, _ in unwrapped] == [4000.0, 4196.0, 4196.0, 4000.0, 4000.0]
    directions = ag.pano_outline_directions(ring, W, H)
    yaws = [yaw for yaw, _ in directions]
    assert all(abs(abs(yaw) - 180.0) < 10.0 for yaw in yaws)  # all around the seam
    camera = Camera(180.0, 0.0, 90.0)
    lines = ag.view_polylines(ag.direction_units(directions), camera, VIEW_W, VIEW_H)
    assert len(lines) == 1
    xs = [x for x, _ in lines[0]]
    assert min(xs) < VIEW_W / 2 < max(xs)  # one box across the view's centre
    assert max(xs) - min(xs) < 150  # 17° at 400 px focal length
    assert ag.contains_wrapped(ring, 4090.0, 950.0, W)
    assert ag.contains_wrapped(ring, 20.0, 950.0, W)
    assert not ag.contains_wrapped(ring, 200.0, 950.0, W)


def test_rect_across_the_seam_keeps_the_larger_side():
    camera = Camera(180.0, 0.0, 90.0)  # the view's centre is the seam
    rect = (VIEW_W / 2 - 30, 250, VIEW_W / 2 + 60, 350)  # more of it right of the seam
    box = ag.view_rect_to_equirect_box(camera, rect, VIEW_W, VIEW_H, W, H)
    assert box[0] == 0.0 and 0 < box[2] < 200
    rect = (VIEW_W / 2 - 60, 250, VIEW_W / 2 + 30, 350)
    box = ag.view_rect_to_equirect_box(camera, rect, VIEW_W, VIEW_H, W, H)
    assert box[2] == W and W - 200 < box[0] < W


def test_rect_around_a_pole_takes_every_column():
    camera = Camera(0.0, 80.0, 90.0)
    pole = view_point(camera, 0.0, 90.0, VIEW_W, VIEW_H)
    rect = (pole[0] - 50, pole[1] - 50, pole[0] + 50, pole[1] + 50)
    box = ag.view_rect_to_equirect_box(camera, rect, VIEW_W, VIEW_H, W, H)
    assert box[0] == 0.0 and box[2] == W and box[1] == 0.0 and box[3] < H / 4


def test_label_direction_is_the_top_left_corner():
    yaw, pitch = ag.pano_label_direction(ag.box_polygon((2000.0, 900.0, 2100.0, 1000.0)), W, H)
    assert (yaw, pitch) == pytest.approx(equirect_direction(2000.0, 900.0, W, H))


def test_contains():
    ring = ag.box_polygon((0, 0, 10, 10))
    assert ag.contains(ring, 5, 5)
    assert not ag.contains(ring, 11, 5)


def test_picture_keeps_annotations_and_size():
    feature = {
        "id": "p1",
        "collection": "s1",
        "geometry": {"type": "Point", "coordinates": [4.8, 45.7]},
        "properties": {
            "pers:interior_orientation": {"sensor_array_dimensions": [5760, 2880]},
            "annotations": [
                {
                    "id": "a1",
                    "shape": {
                        "type": "Polygon",
                        "coordinates": [[[10, 20], [110, 20], [110, 220], [10, 220], [10, 20]]],
                    },
                    "semantics": [{"key": "osm|traffic_sign", "value": "FR:B14"}],
                }
            ],
        },
    }
    picture = picture_from_feature(feature)
    assert picture.image_size == (5760, 2880)
    assert [a.box for a in picture.annotations] == [(10, 20, 110, 220)]
    del feature["properties"]["annotations"]
    feature["properties"]["pers:interior_orientation"]["sensor_array_dimensions"] = ["x", 1]
    picture = picture_from_feature(feature)
    assert picture.annotations is None and picture.image_size is None


def test_view_points_is_view_point_in_bulk():
    import random

    from panoramax_plugin.core.view_geometry import view_points

    rng = random.Random(3)
    directions = [(rng.uniform(-180, 180), rng.uniform(-89, 89)) for _ in range(300)]
    units = ag.direction_units(directions)
    for camera in (Camera(0, 0, 90), Camera(170.0, -40.0, 35.0), Camera(-75.0, 60.0, 110.0)):
        bulk = view_points(camera, units, VIEW_W, VIEW_H)
        for (yaw, pitch), point in zip(directions, bulk):
            one = view_point(camera, yaw, pitch, VIEW_W, VIEW_H)
            if one is None or point is None:
                assert (
                    one is None and point is None or abs((one or point)[0]) > 1e5
                )  # at the view plane: either may say behind
            else:
                assert point == pytest.approx(one, rel=1e-9, abs=1e-6)
