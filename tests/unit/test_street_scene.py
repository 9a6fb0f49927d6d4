"""The synthetic street-scene generator (tests/fixtures/street_scene.py) is right by construction.

Each painted object is found back in the decoded JPEG by its colour and checked against a
bearing and elevations computed independently of view_geometry: the core's haversine
``bearing_deg`` / ``distance_m`` and plain trigonometry. Metadata is read back with the
plugin's own reader (``picture_file.read_picture``).
"""

from __future__ import annotations

import hashlib
import math
import xml.etree.ElementTree as ET
from datetime import timedelta

import numpy as np
import pytest
from PIL import Image

from panoramax_plugin.core.geometry import bearing_deg, distance_m
from panoramax_plugin.core.picture_file import read_picture
from panoramax_plugin.core.view_geometry import camera_toward, destination, sight, view_point
from panoramax_plugin.viewer.render360 import EquirectRenderer, pack_rgb
from tests.fixtures.pictures import DEFAULT_START_TIME, read_xmp
from tests.fixtures.street_scene import (
    GROUND_COLOUR,
    SKY_COLOUR,
    SceneObject,
    colour_mask,
    find_colour_centre,
    make_street,
)

GPANO = "{http://ns.google.com/photos/1.0/panorama/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
START = (4.8358, 45.764)
STREET = 60.0  # street azimuth, degrees
WIDTH, HEIGHT = 2048, 1024
CAMERA_HEIGHT = 2.0
TOLERANCE_PX = 2.0


def beside(along_m: float, right_m: float) -> tuple[float, float]:
    """A point ``along_m`` down the street and ``right_m`` to its right (negative: left)."""
    on_street = destination(*START, STREET, along_m) if along_m else START
    side = STREET + (90.0 if right_m >= 0 else -90.0)
    return destination(*on_street, side % 360.0, abs(right_m))


OBJECTS = (
    SceneObject("red pole", *beside(10.0, 6.0), 3.0, 0.15, (230, 20, 20)),
    SceneObject("blue panel", *beside(14.0, -5.0), 2.6, 0.4, (20, 40, 230), "panel"),
    # straight behind the start: yaw 180 in every picture, across the picture's seam
    SceneObject("green pole", *destination(*START, STREET + 180.0, 8.0), 4.0, 0.2, (20, 200, 40)),
    SceneObject("magenta panel", *beside(40.0, 8.0), 5.0, 0.5, (220, 20, 220), "panel"),
)


def wrapped(delta: float, period: float) -> float:
    """``delta`` brought into ``[-period / 2, period / 2)``."""
    return (delta + period / 2.0) % period - period / 2.0


def expected_box(obj: SceneObject, lon: float, lat: float, heading: float) -> dict:
    """Where the object must be painted, from haversine and plain trigonometry only."""
    bearing = bearing_deg(lon, lat, obj.lon, obj.lat)
    ground = distance_m(lon, lat, obj.lon, obj.lat)
    yaw = wrapped(bearing - heading, 360.0)
    bottom_m = 0.0 if obj.kind == "pole" else obj.height_m - 2.0 * obj.radius_m
    top_elevation = math.degrees(math.atan((obj.height_m - CAMERA_HEIGHT) / ground))
    bottom_elevation = math.degrees(math.atan((bottom_m - CAMERA_HEIGHT) / ground))
    ratio = obj.radius_m / ground
    half = math.degrees(math.asin(ratio) if obj.kind == "pole" else math.atan(ratio))
    top = HEIGHT / 2.0 - top_elevation / 180.0 * HEIGHT
    bottom = HEIGHT / 2.0 - bottom_elevation / 180.0 * HEIGHT
    return {
        "col": (WIDTH / 2.0 + yaw / 360.0 * WIDTH) % WIDTH,
        "top": top,
        "bottom": bottom,
        "row": (top + bottom) / 2.0,
        "width": 2.0 * half / 360.0 * WIDTH,
    }


@pytest.fixture(scope="module")
def street(tmp_path_factory):
    folder = tmp_path_factory.mktemp("street")
    return make_street(
        folder,
        start=START,
        azimuth_deg=STREET,
        spacing_m=4.0,
        count=5,
        objects=OBJECTS,
        size=(WIDTH, HEIGHT),
        seed="street scene",
    )


def decoded(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def test_pictures_are_written_in_the_temporary_folder(street, tmp_path_factory):
    assert [p.path.name for p in street] == [f"street_{i:03d}.jpg" for i in range(5)]
    root = tmp_path_factory.getbasetemp()
    assert all(root in p.path.parents and p.path.stat().st_size > 0 for p in street)


def test_objects_are_painted_where_they_stand(street):
    for picture in street:
        pixels = decoded(picture.path)
        assert pixels.shape == (HEIGHT, WIDTH, 3)
        meta = read_picture(str(picture.path))
        for obj in OBJECTS:
            where = f"{picture.path.name} {obj.name}"
            want = expected_box(obj, meta.lon, meta.lat, meta.heading)
            mask = colour_mask(pixels, obj.colour)
            rows, cols = np.nonzero(mask)
            assert rows.size > 0, where
            col, row = find_colour_centre(pixels, obj.colour, wrap=True)
            assert abs(wrapped(col - want["col"], WIDTH)) < TOLERANCE_PX, (where, col, want)
            assert abs(row - want["row"]) < TOLERANCE_PX, (where, row, want)
            assert abs(rows.min() - want["top"]) < TOLERANCE_PX, (where, rows.min(), want)
            assert abs(rows.max() + 1 - want["bottom"]) < TOLERANCE_PX, (where, want)
            columns = np.unique(cols).size
            assert abs(columns - want["width"]) < TOLERANCE_PX, (where, columns, want)
            # the generator's own account agrees with what it painted
            truth = picture.objects[obj.name]
            assert not truth.overlapped, where
            assert abs(wrapped(col - truth.col, WIDTH)) < 1.0, where
            assert abs(row - truth.row) < 1.0, where
            assert picture.centres[obj.name] == (truth.col, truth.row)


def test_an_object_straight_behind_wraps_across_the_seam(street):
    pixels = decoded(street[0].path)
    cols = np.nonzero(colour_mask(pixels, OBJECTS[2].colour))[1]
    assert cols.min() == 0 and cols.max() == WIDTH - 1  # both edges of the picture
    col, _row = find_colour_centre(pixels, OBJECTS[2].colour, wrap=True)
    assert abs(wrapped(col, WIDTH)) < 1.0
    assert street[0].objects["green pole"].yaw == pytest.approx(-180.0, abs=1e-6)


def test_background_is_sky_over_ground(street):
    pixels = decoded(street[0].path).astype(int)
    sky, ground = pixels[10, 10], pixels[HEIGHT - 10, 10]
    assert np.all(np.abs(sky - SKY_COLOUR) <= 10) and np.all(np.abs(ground - GROUND_COLOUR) <= 10)
    for obj in OBJECTS:  # the greys never pass for an object's colour
        assert not colour_mask(np.array([[SKY_COLOUR, GROUND_COLOUR]], np.uint8), obj.colour).any()


def test_metadata_reads_back_with_the_plugins_reader(street):
    previous = previous_position = None
    for index, picture in enumerate(street):
        meta = read_picture(str(picture.path))
        assert meta.problem is None, meta.problem
        assert meta.is_360
        assert meta.lat == pytest.approx(picture.lat, abs=1e-9)
        assert meta.lon == pytest.approx(picture.lon, abs=1e-9)
        assert meta.heading == pytest.approx(STREET, abs=0.01)
        assert meta.captured_at == DEFAULT_START_TIME + timedelta(seconds=1.5 * index)
        assert meta.captured_at.microsecond == (500_000 if index % 2 else 0)
        assert meta.captured_at == picture.captured_at
        if previous is not None and previous_position is not None:
            assert meta.captured_at > previous
            assert distance_m(*previous_position, meta.lon, meta.lat) == pytest.approx(4.0, 0.01)
            assert bearing_deg(*previous_position, meta.lon, meta.lat) == pytest.approx(
                STREET, abs=0.2
            )
        previous, previous_position = meta.captured_at, (meta.lon, meta.lat)
        root = ET.fromstring(read_xmp(picture.path).split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        desc = root.find(f"{RDF}RDF/{RDF}Description")
        assert desc.get(f"{GPANO}ProjectionType") == "equirectangular"
        assert desc.get(f"{GPANO}FullPanoWidthPixels") == str(WIDTH)
        assert desc.get(f"{GPANO}FullPanoHeightPixels") == str(HEIGHT)
        assert desc.get(f"{GPANO}CroppedAreaImageWidthPixels") == str(WIDTH)
        assert desc.get(f"{GPANO}CroppedAreaImageHeightPixels") == str(HEIGHT)


def test_heading_offset_turns_the_picture(tmp_path):
    red = OBJECTS[0]
    pictures = make_street(
        tmp_path,
        start=START,
        azimuth_deg=STREET,
        spacing_m=4.0,
        count=2,
        objects=[red],
        heading_offset_deg=-30.0,
        size=(1024, 512),
    )
    for picture in pictures:
        meta = read_picture(str(picture.path))
        assert meta.heading == pytest.approx(STREET - 30.0, abs=0.01)
        bearing = bearing_deg(meta.lon, meta.lat, red.lon, red.lat)
        col, _row = find_colour_centre(decoded(picture.path), red.colour, wrap=True)
        expected = 512 + wrapped(bearing - (STREET - 30.0), 360.0) / 360.0 * 1024
        assert abs(wrapped(col - expected, 1024)) < 1.0


def test_fresh_bytes_unless_seeded(tmp_path):
    def digest(folder, seed):
        pictures = make_street(tmp_path / folder, count=1, size=(256, 128), seed=seed)
        return hashlib.md5(pictures[0].path.read_bytes()).hexdigest()

    assert digest("a", None) != digest("b", None)
    assert digest("c", 5) == digest("d", 5)


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError):
        make_street(tmp_path, size=(1000, 1000))
    with pytest.raises(ValueError):
        make_street(tmp_path, objects=[OBJECTS[0], OBJECTS[0]])
    with pytest.raises(ValueError):
        SceneObject("x", 0.0, 0.0, 1.0, 0.1, (1, 2, 3), kind="tree")
    assert list(tmp_path.iterdir()) == []


def test_camera_inside_an_object_does_not_paint_it(tmp_path):
    on_camera = SceneObject("here", *START, 3.0, 0.5, (230, 20, 20))
    (picture,) = make_street(tmp_path, start=START, count=1, objects=[on_camera], size=(256, 128))
    assert picture.objects == {}
    assert find_colour_centre(decoded(picture.path), on_camera.colour) is None


def test_found_in_a_rendered_view(street):
    """The viewer turned toward an object (camera_toward) shows it at the widget's centre."""
    picture, red = street[0], OBJECTS[0]
    renderer = EquirectRenderer(pack_rgb(decoded(picture.path)))
    middle = sight(picture.lon, picture.lat, CAMERA_HEIGHT, red.lon, red.lat, red.height_m / 2)
    camera = camera_toward(picture.heading, middle, hfov=60.0)
    frame = renderer.render(camera, 480, 360, smooth=True)
    x, y = find_colour_centre(frame, red.colour)
    assert abs(x - 240.0) < TOLERANCE_PX
    # the centroid of the band is at the middle of its two ends' elevations, not of its height
    truth = picture.objects[red.name]
    mid_pitch = (truth.elevation_top + truth.elevation_bottom) / 2.0
    assert abs(y - view_point(camera, truth.yaw, mid_pitch, 480, 360)[1]) < 3.0
