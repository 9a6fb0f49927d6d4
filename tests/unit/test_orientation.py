"""The stored and upright pixel frames of a flat picture with an EXIF orientation."""

from __future__ import annotations

import pytest

from panoramax_plugin.core import orientation as turns
from panoramax_plugin.core.models import picture_from_feature

SIZE = (800, 600)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_a_point_turned_upright_and_back_is_the_same_point(orientation):
    for point in ((0.0, 0.0), (800.0, 600.0), (123.5, 456.25), (799.0, 1.0)):
        upright = turns.to_upright(*point, SIZE, orientation)
        width, height = turns.upright_size(SIZE, orientation)
        assert 0 <= upright[0] <= width and 0 <= upright[1] <= height
        assert turns.to_stored(*upright, SIZE, orientation) == pytest.approx(point)


def test_orientation_6_turns_the_stored_top_left_to_the_upright_top_right():
    # a phone held upright: the stored top-left corner is shown at the top right
    assert turns.to_upright(0, 0, SIZE, 6) == (600, 0)
    assert turns.upright_size(SIZE, 6) == (600, 800)
    box = turns.box_to_upright((0, 0, 100, 50), SIZE, 6)
    assert box == (550, 0, 600, 100)
    assert turns.box_to_stored(box, SIZE, 6) == (0, 0, 100, 50)


@pytest.mark.parametrize(
    "value, expected",
    [(6, 6), ("8", 8), ([3], 3), (" 2 ", 2), (0, 1), (9, 1), ("x", 1), (None, 1), ([], 1)],
)
def test_unreadable_orientations_show_the_picture_as_stored(value, expected):
    assert turns.parse_orientation(value) == expected


def test_the_field_of_view_across_an_upright_picture():
    # 69° across the stored 800 px; shown upright 600 px across: 2·atan(tan(34.5°)·600/800)
    assert turns.upright_field_of_view(69.0, SIZE, 6) == pytest.approx(54.54, abs=0.01)
    assert turns.upright_field_of_view(69.0, SIZE, 3) == 69.0
    assert turns.upright_field_of_view(None, SIZE, 6) is None
    assert turns.upright_field_of_view(69.0, None, 6) == 69.0
    assert turns.upright_field_of_view(360.0, SIZE, 6) == 360.0


def test_a_file_that_lost_its_tag_is_turned_unless_already_upright():
    assert turns.untagged_file_orientation(6, (500, 375), SIZE) == 6  # stored frame
    assert turns.untagged_file_orientation(6, (375, 500), SIZE) == 1  # turned by the server
    assert turns.untagged_file_orientation(3, (500, 375), SIZE) == 3
    assert turns.untagged_file_orientation(8, (500, 500), None) == 8
    assert turns.untagged_file_orientation(1, (500, 375), SIZE) == 1


def item(orientation, field_of_view=69, exif_extra=None):
    exif = {"Exif.Image.Orientation": orientation, **(exif_extra or {})}
    return {
        "type": "Feature",
        "id": "p1",
        "collection": "s1",
        "geometry": {"type": "Point", "coordinates": [5.0, 45.0]},
        "properties": {
            "exif": exif,
            "pers:interior_orientation": {
                "field_of_view": field_of_view,
                "sensor_array_dimensions": [800, 600],
            },
        },
    }


def test_an_item_stored_turned_gives_its_orientation_and_upright_field_of_view():
    picture = picture_from_feature(item("6"), None)
    assert picture.orientation == 6 and picture.image_size == (800, 600)
    assert picture.field_of_view == pytest.approx(54.54, abs=0.01)
    plain = picture_from_feature(item("1"), None)
    assert plain.orientation == 1 and plain.field_of_view == 69


def test_a_360_picture_is_never_turned():
    picture = picture_from_feature(item("6", field_of_view=360), None)
    assert picture.is_360 and picture.orientation == 1 and picture.field_of_view == 360
