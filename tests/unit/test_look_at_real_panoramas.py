"""look_at on real 360° pictures (GoPro Max, Ricoh Theta V from ``../shared/data/pictures``).

Position and heading come from the plugin's own reader (``picture_file.read_picture``): the
GoPro says heading 0 in its GPano XMP, the Ricoh has none (None: counted as north). A target
is placed at a known bearing and distance with ``view_geometry.destination``; the camera
turned toward it must have yaw = bearing - heading, and that direction must show at the view
centre, both by ``view_point`` and in a frame rendered from the real picture with a marker
painted where the direction lies in it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from panoramax_plugin.core.look_at import CAMERA_HEIGHT_M, LookTarget, camera_toward_target
from panoramax_plugin.core.picture_file import read_picture
from panoramax_plugin.core.view_geometry import destination, equirect_pixel, view_point
from panoramax_plugin.viewer.render360 import EquirectRenderer, pack_rgb
from tests.fixtures.street_scene import find_colour_centre
from tests.samples import PICTURES

PANOS = {
    "gopro": PICTURES / "pano" / "GSAG2002_gopro_max.JPG",
    "ricoh": PICTURES / "pano" / "R0014760_ricoh_theta_v.JPG",
}
EXPECTED_HEADING = {"gopro": 0.0, "ricoh": None}
PLACES = [(0.0, 10.0), (37.5, 5.0), (123.0, 20.0), (250.0, 80.0), (315.0, 140.0)]
"""(bearing degrees, distance metres) of the targets."""
W, H = 1280, 720
MARKER = (255, 0, 255)


def real(name: str):
    path = PANOS[name]
    if not path.exists():
        pytest.skip(f"real panoramas not available: {path} (shared/ is not beside the checkout)")
    meta = read_picture(str(path))
    assert meta.problem is None and meta.is_360, (path, meta.problem)
    return meta


def wrapped(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


@pytest.mark.parametrize("name", sorted(PANOS))
@pytest.mark.parametrize("bearing, distance", PLACES)
@pytest.mark.parametrize("height", [0.0, CAMERA_HEIGHT_M, 6.0])
def test_camera_turns_to_the_bearing(name, bearing, distance, height):
    meta = real(name)
    assert meta.heading == EXPECTED_HEADING[name]
    target = LookTarget(*destination(meta.lon, meta.lat, bearing, distance), height)
    camera = camera_toward_target(meta, target, hfov=60.0)
    assert camera is not None
    assert wrapped(camera.yaw - (bearing - (meta.heading or 0.0))) == pytest.approx(0.0, abs=1e-6)
    assert wrapped(camera.map_bearing(meta.heading) - bearing) == pytest.approx(0.0, abs=1e-6)
    # plain trigonometry in the level plane (the ground's curvature: < 2 mm at 140 m)
    want_pitch = math.degrees(math.atan2(height - CAMERA_HEIGHT_M, distance))
    assert camera.pitch == pytest.approx(want_pitch, abs=1e-3)
    x, y = view_point(camera, bearing - (meta.heading or 0.0), want_pitch, W, H)
    assert (x, y) == pytest.approx((W / 2.0, H / 2.0), abs=0.05)


@pytest.mark.parametrize("name", sorted(PANOS))
def test_out_of_reach_from_a_real_picture(name):
    meta = real(name)
    target = LookTarget(*destination(meta.lon, meta.lat, 90.0, 151.0))
    assert camera_toward_target(meta, target, hfov=60.0) is None


@pytest.mark.parametrize("name", sorted(PANOS))
def test_a_marker_where_the_target_lies_shows_at_the_view_centre(name):
    """Rendered from the real picture: a small marker painted at the equirectangular pixel
    of the target's direction is at the view centre when the picture opens toward it."""
    meta = real(name)
    with Image.open(PANOS[name]) as image:
        pixels = np.array(image.convert("RGB"))
    height, width = pixels.shape[:2]
    assert width == 2 * height
    cameras = []
    for bearing, distance in PLACES[1:4]:
        target = LookTarget(*destination(meta.lon, meta.lat, bearing, distance), 4.0)
        camera = camera_toward_target(meta, target, hfov=60.0)
        col, row = equirect_pixel(camera.yaw, camera.pitch, width, height)
        c, r = int(col), int(row)
        pixels[r - 4 : r + 4, c - 4 : c + 4] = MARKER  # 8x8 source pixels round the direction
        cameras.append(camera)
    renderer = EquirectRenderer(pack_rgb(pixels))
    for camera in cameras:
        frame = renderer.render(camera, W, H, smooth=False)
        # the marker of this camera only (the others are far off to the side)
        middle = frame[H // 2 - 60 : H // 2 + 60, W // 2 - 60 : W // 2 + 60]
        x, y = find_colour_centre(middle, MARKER)
        # the 8x8 block is centred on a pixel corner, within half a source pixel of the
        # direction: ~1.5 view px at this zoom (5760 px / 360° vs 1280 px / 60°)
        assert abs(x + W // 2 - 60 - W / 2.0) < 2.5, (name, camera, x)
        assert abs(y + H // 2 - 60 - H / 2.0) < 2.5, (name, camera, y)
