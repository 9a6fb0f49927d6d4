"""The pure-numpy 360° renderer of the picture viewer (no Qt, no QGIS)."""

from __future__ import annotations

import math
from datetime import datetime, timezone

import numpy as np
import pytest
from PIL import Image

from panoramax_plugin.viewer.render360 import (
    MAX_HFOV,
    MAX_PITCH,
    MIN_HFOV,
    Camera,
    EquirectRenderer,
    bilinear,
    downscale2,
    pack_rgb,
    unpack_rgb,
)
from tests.fixtures.pictures import (
    PANO_BACK_COLOR,
    PANO_BAND_WIDTH_FRACTION,
    PANO_BANDS,
    PANO_FRONT_COLOR,
    PANO_GREY_LEVEL,
    PANO_GROUND_COLOR,
    PANO_LEFT_COLOR,
    PANO_RIGHT_COLOR,
    PANO_SKY_COLOR,
    PANO_SKY_LATITUDE_DEG,
    Shot,
    make_pano_jpeg,
    pano_row_for_pitch,
)

SRC_W, SRC_H = 1024, 512
OUT_W, OUT_H = 320, 240

DIRECTIONS = [
    (0.0, PANO_FRONT_COLOR),
    (90.0, PANO_RIGHT_COLOR),
    (-90.0, PANO_LEFT_COLOR),
    (180.0, PANO_BACK_COLOR),
    (-180.0, PANO_BACK_COLOR),
]


def synthetic_pano(width: int = SRC_W, height: int = SRC_H) -> np.ndarray:
    """Packed RGB32 equirectangular picture with the fixtures' layout, flat grey elsewhere."""
    rgb = np.full((height, width, 3), PANO_GREY_LEVEL, dtype=np.uint8)
    sky_end = pano_row_for_pitch(height, PANO_SKY_LATITUDE_DEG)
    ground_start = pano_row_for_pitch(height, -PANO_SKY_LATITUDE_DEG)
    half = max(1, round(width * PANO_BAND_WIDTH_FRACTION / 2))
    columns = np.arange(width)
    for yaw, color in PANO_BANDS:
        centre = round(width / 2 + yaw / 360.0 * width)
        offset = (columns - centre + width // 2) % width - width // 2  # wrapped distance
        rgb[:, (offset >= -half) & (offset < half)] = color
    rgb[:sky_end] = PANO_SKY_COLOR
    rgb[ground_start:] = PANO_GROUND_COLOR
    return pack_rgb(rgb)


@pytest.fixture(scope="module")
def renderer() -> EquirectRenderer:
    return EquirectRenderer(synthetic_pano())


@pytest.fixture(scope="module")
def jpeg_renderer(tmp_path_factory) -> EquirectRenderer:
    shot = Shot(lat=45.764, lon=4.8358, captured_at=datetime(2024, 6, 2, 10, tzinfo=timezone.utc))
    path = make_pano_jpeg(tmp_path_factory.mktemp("pano") / "pano.jpg", shot, seed=7)
    with Image.open(path) as image:
        assert image.size == (SRC_W, SRC_H)
        rgb = np.asarray(image.convert("RGB"))
    return EquirectRenderer(pack_rgb(rgb))


def centre_rgb(frame: np.ndarray) -> tuple[int, int, int]:
    height, width = frame.shape
    return tuple(int(v) for v in unpack_rgb(frame[height // 2, width // 2]))


def close(actual, expected, tolerance: int = 0) -> bool:
    return all(abs(int(a) - int(e)) <= tolerance for a, e in zip(actual, expected))


# --- Camera -------------------------------------------------------------------------------


def test_camera_defaults():
    camera = Camera()
    assert (camera.yaw, camera.pitch, camera.hfov) == (0.0, 0.0, 90.0)


def test_camera_is_immutable():
    with pytest.raises(AttributeError):
        Camera().yaw = 10.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("yaw", "expected"),
    [
        (0.0, 0.0),
        (179.5, 179.5),
        (180.0, -180.0),
        (-180.0, -180.0),
        (270.0, -90.0),
        (-540.0, -180.0),
    ],
)
def test_camera_yaw_wraps_to_half_open_range(yaw, expected):
    assert Camera(yaw=yaw).yaw == pytest.approx(expected)
    assert -180.0 <= Camera(yaw=yaw).yaw < 180.0


def test_camera_turned_wraps_and_clamps():
    camera = Camera(yaw=170.0, pitch=80.0)
    turned = camera.turned(20.0, 30.0)
    assert turned.yaw == pytest.approx(-170.0)
    assert turned.pitch == MAX_PITCH
    assert Camera(pitch=-80.0).turned(0.0, -30.0).pitch == -MAX_PITCH
    assert camera.turned(360.0) == camera
    assert camera.turned(-720.0) == camera
    assert camera.yaw == 170.0  # unchanged: a new camera is returned


def test_camera_zoomed_clamps_hfov():
    camera = Camera(hfov=90.0)
    assert camera.zoomed(2.0).hfov == 45.0
    assert camera.zoomed(0.5).hfov == MAX_HFOV
    assert camera.zoomed(100.0).hfov == MIN_HFOV
    with pytest.raises(ValueError):
        camera.zoomed(0.0)


def test_camera_pitch_clamps_at_89():
    assert Camera(pitch=120.0).pitch == 89.0
    assert Camera(pitch=-95.0).pitch == -89.0
    assert Camera(hfov=5.0).hfov == 30.0
    assert Camera(hfov=500.0).hfov == 110.0


def test_camera_rejects_non_finite():
    with pytest.raises(ValueError):
        Camera(yaw=math.nan)
    with pytest.raises(ValueError):
        Camera(hfov=math.inf)


@pytest.mark.parametrize(
    ("heading", "yaw", "expected"),
    [
        (30.0, 90.0, 120.0),
        (300.0, 90.0, 30.0),
        (None, -90.0, 270.0),
        (0.0, 0.0, 0.0),
        (350.0, -180.0, 170.0),
        (10.0, -10.0, 0.0),
    ],
)
def test_camera_map_bearing(heading, yaw, expected):
    bearing = Camera(yaw=yaw).map_bearing(heading)
    assert bearing == pytest.approx(expected)
    assert 0.0 <= bearing < 360.0


# --- orientation contract -----------------------------------------------------------------


@pytest.mark.parametrize("smooth", [False, True])
@pytest.mark.parametrize(("yaw", "color"), DIRECTIONS)
def test_yaw_directions(renderer, yaw, color, smooth):
    frame = renderer.render(Camera(yaw=yaw), OUT_W, OUT_H, smooth=smooth)
    assert frame.shape == (OUT_H, OUT_W)
    assert frame.dtype == np.uint32
    assert centre_rgb(frame) == color


@pytest.mark.parametrize("smooth", [False, True])
@pytest.mark.parametrize(("pitch", "color"), [(80.0, PANO_SKY_COLOR), (-80.0, PANO_GROUND_COLOR)])
def test_pitch_up_sky_down_ground(renderer, pitch, color, smooth):
    for yaw in (0.0, 45.0, -135.0):
        frame = renderer.render(Camera(yaw=yaw, pitch=pitch), OUT_W, OUT_H, smooth=smooth)
        assert centre_rgb(frame) == color
        # the middle of the frame's upper (lower) half looks beyond latitude 45 (-45)
        middle = frame[:, OUT_W // 4 : 3 * OUT_W // 4]
        region = middle[: OUT_H // 2] if pitch > 0 else middle[OUT_H // 2 :]
        assert np.all(region == pack_rgb(np.array(color, dtype=np.uint8)))


def test_positive_yaw_turns_right(renderer):
    # at yaw 45 the red band is on the left half of the frame, green on the right
    frame = unpack_rgb(renderer.render(Camera(yaw=45.0, hfov=110.0), 640, 360))
    row = frame[180]
    red = np.flatnonzero(np.all(row == PANO_FRONT_COLOR, axis=1))
    green = np.flatnonzero(np.all(row == PANO_RIGHT_COLOR, axis=1))
    assert red.size and green.size
    assert red.max() < 320 < green.min()


def test_output_is_opaque(renderer):
    for smooth in (False, True):
        frame = renderer.render(Camera(yaw=12.0, pitch=5.0), OUT_W, OUT_H, smooth=smooth)
        assert np.all(frame >> 24 == 0xFF)


@pytest.mark.parametrize(
    ("yaw", "pitch"),
    [(0.0, 0.0), (90.0, 0.0), (-90.0, 30.0), (179.0, -45.0), (-180.0, 60.0), (33.3, -12.7)],
)
@pytest.mark.parametrize(("width", "height"), [(65, 49), (101, 75)])
def test_centre_pixel_contract_exact(yaw, pitch, width, height):
    """Odd frame sizes: the centre pixel's ray is the optical axis, so the sampled source
    pixel is the contract's one: column W/2 + yaw/360*W (wrapped), row H/2 - pitch/180*H."""
    index = np.arange(SRC_H * SRC_W, dtype=np.uint32).reshape(SRC_H, SRC_W)
    renderer = EquirectRenderer(index)
    frame = renderer.render(Camera(yaw=yaw, pitch=pitch, hfov=30.0), width, height)
    row, column = divmod(int(frame[height // 2, width // 2]), SRC_W)
    expected_column = (SRC_W / 2 + yaw / 360.0 * SRC_W) % SRC_W
    expected_row = SRC_H / 2 - pitch / 180.0 * SRC_H
    column_error = (column + 0.5 - expected_column + SRC_W / 2) % SRC_W - SRC_W / 2
    assert abs(column_error) <= 1.0
    assert abs(row + 0.5 - expected_row) <= 1.0


def reference_angles(camera: Camera, width: int, height: int) -> tuple:
    """Longitude and latitude (degrees) seen by each view pixel, in float64."""
    focal = (width / 2) / math.tan(math.radians(camera.hfov) / 2)
    x = (np.arange(width) + 0.5 - width / 2) / focal
    y = (height / 2 - np.arange(height) - 0.5) / focal
    x, y = np.meshgrid(x, y)
    z = np.ones_like(x)
    p = math.radians(camera.pitch)
    y, z = y * math.cos(p) + z * math.sin(p), z * math.cos(p) - y * math.sin(p)
    lon = np.degrees(np.arctan2(x, z)) + camera.yaw
    lat = np.degrees(np.arctan2(y, np.hypot(x, z)))
    return lon, lat


def reference_frame(source: np.ndarray, camera: Camera, width: int, height: int) -> np.ndarray:
    """Straightforward float64 nearest-pixel rendering, everything recomputed."""
    src_h, src_w = source.shape
    lon, lat = reference_angles(camera, width, height)
    columns = np.floor(src_w / 2 + lon / 360 * src_w).astype(int) % src_w
    rows = np.clip(np.floor(src_h / 2 - lat / 180 * src_h).astype(int), 0, src_h - 1)
    return source[rows, columns]


@pytest.mark.parametrize(
    "camera",
    [Camera(), Camera(yaw=90.0, pitch=30.0), Camera(yaw=-135.0, pitch=-60.0, hfov=60.0)],
)
@pytest.mark.parametrize(("width", "height"), [(400, 300), (301, 201)])
def test_nearest_matches_reference(camera, width, height):
    rng = np.random.default_rng(3)
    source = rng.integers(0, 2**32, size=(SRC_H, SRC_W), dtype=np.uint32)
    renderer = EquirectRenderer(source)
    assert renderer.level_for(camera.hfov, width) == 0
    frame = renderer.render(camera, width, height)
    expected = reference_frame(source, camera, width, height)
    assert np.mean(frame == expected) > 0.99  # the rest: float32 rounding at pixel borders


def reference_smooth(source: np.ndarray, camera: Camera, width: int, height: int) -> np.ndarray:
    """Float64 bilinear rendering (wrapped horizontally, clamped vertically), RGB floats."""
    src_h, src_w = source.shape
    lon, lat = reference_angles(camera, width, height)
    u = src_w / 2 + lon / 360 * src_w - 0.5
    v = np.clip(src_h / 2 - lat / 180 * src_h - 0.5, 0, src_h - 1)
    u0, v0 = np.floor(u).astype(int), np.floor(v).astype(int)
    fu, fv = (u - u0)[..., None], (v - v0)[..., None]
    u1, v1 = (u0 + 1) % src_w, np.minimum(v0 + 1, src_h - 1)
    u0 %= src_w
    rgb = unpack_rgb(source).astype(float)
    top = rgb[v0, u0] * (1 - fu) + rgb[v0, u1] * fu
    bottom = rgb[v1, u0] * (1 - fu) + rgb[v1, u1] * fu
    return top * (1 - fv) + bottom * fv


@pytest.mark.parametrize(
    "camera",
    [
        Camera(yaw=180.0),
        Camera(yaw=33.3, pitch=41.0, hfov=50.0),
        Camera(yaw=-97.1, pitch=-70.0),
        Camera(yaw=0.0, pitch=89.0, hfov=110.0),  # odd widths: a column looks across the seam
    ],
)
@pytest.mark.parametrize(("width", "height"), [(320, 240), (301, 201)])
def test_smooth_matches_reference(camera, width, height):
    rng = np.random.default_rng(9)
    source = pack_rgb(rng.integers(0, 256, size=(SRC_H, SRC_W, 3), dtype=np.uint8))
    renderer = EquirectRenderer(source)
    assert renderer.level_for(camera.hfov, width) == 0
    frame = unpack_rgb(renderer.render(camera, width, height, smooth=True)).astype(float)
    error = np.abs(frame - reference_smooth(source, camera, width, height))
    # random pixels: any misplacement by a fraction of a pixel would show as large errors
    assert error.mean() < 1.0
    assert error.max() <= 3.0  # 8-bit weights, two roundings


def test_jpeg_fixture_contract(jpeg_renderer):
    for yaw, color in DIRECTIONS:
        for smooth in (False, True):
            frame = jpeg_renderer.render(Camera(yaw=yaw), OUT_W, OUT_H, smooth=smooth)
            assert close(centre_rgb(frame), color, tolerance=40), (yaw, smooth)
    for pitch, color in ((80.0, PANO_SKY_COLOR), (-80.0, PANO_GROUND_COLOR)):
        frame = jpeg_renderer.render(Camera(yaw=20.0, pitch=pitch), OUT_W, OUT_H)
        assert close(centre_rgb(frame), color, tolerance=40), pitch


# --- zoom, mip levels ---------------------------------------------------------------------


def band_width(frame: np.ndarray, color) -> int:
    row = unpack_rgb(frame[frame.shape[0] // 2])
    return int(np.count_nonzero(np.all(row == color, axis=1)))


@pytest.mark.parametrize("smooth", [False, True])
def test_zoom_changes_angular_width(renderer, smooth):
    wide = renderer.render(Camera(hfov=100.0), 640, 360, smooth=smooth)
    narrow = renderer.render(Camera(hfov=40.0), 640, 360, smooth=smooth)
    ratio = band_width(narrow, PANO_FRONT_COLOR) / band_width(wide, PANO_FRONT_COLOR)
    expected = math.tan(math.radians(50.0)) / math.tan(math.radians(20.0))
    assert ratio == pytest.approx(expected, rel=0.10)


def test_band_width_matches_pinhole(renderer):
    # the red band is 2 * 20 source px = 14.06° wide: 2 * f * tan(7.03°) output px at the centre
    frame = renderer.render(Camera(hfov=60.0), 640, 360)
    focal = 320 / math.tan(math.radians(30.0))
    half_band = round(SRC_W * PANO_BAND_WIDTH_FRACTION / 2) / SRC_W * 360.0
    expected = 2 * focal * math.tan(math.radians(half_band))
    assert band_width(frame, PANO_FRONT_COLOR) == pytest.approx(expected, abs=3)


def test_wide_small_view_uses_mip_level(renderer):
    assert renderer.level_for(90.0, 1280) == 0
    assert renderer.level_for(110.0, 200) >= 1
    for smooth in (False, True):
        for yaw, color in DIRECTIONS:
            frame = renderer.render(Camera(yaw=yaw, hfov=110.0), 200, 150, smooth=smooth)
            assert centre_rgb(frame) == color
        frame = renderer.render(Camera(pitch=85.0, hfov=110.0), 200, 150, smooth=smooth)
        assert centre_rgb(frame) == PANO_SKY_COLOR


# --- smooth vs nearest, turning, buffers --------------------------------------------------


def test_smooth_and_nearest_agree_on_flat_regions(renderer):
    camera = Camera(yaw=20.0, pitch=10.0, hfov=80.0)
    nearest = renderer.render(camera, 400, 300)
    smooth = renderer.render(camera, 400, 300, smooth=True)
    # pixels whose 5x5 neighbourhood is one colour in the nearest frame
    pad = 2
    core = nearest[pad:-pad, pad:-pad]
    flat = np.ones(core.shape, dtype=bool)
    for dy in range(-pad, pad + 1):
        for dx in range(-pad, pad + 1):
            flat &= nearest[pad + dy : 300 - pad + dy, pad + dx : 400 - pad + dx] == core
    assert flat.mean() > 0.8
    assert np.array_equal(smooth[pad:-pad, pad:-pad][flat], core[flat])
    # elsewhere they differ by interpolation only
    diff = np.abs(unpack_rgb(smooth).astype(int) - unpack_rgb(nearest).astype(int))
    assert np.mean(diff) < 8


def test_turning_360_returns_same_frame(renderer):
    camera = Camera(yaw=37.3, pitch=12.0, hfov=75.0)
    start = renderer.render(camera, OUT_W, OUT_H)
    turned = camera
    for _ in range(36):
        turned = turned.turned(10.0)
    assert turned.yaw == pytest.approx(camera.yaw)
    assert np.array_equal(renderer.render(turned, OUT_W, OUT_H), start)
    assert np.array_equal(renderer.render(camera.turned(-360.0), OUT_W, OUT_H), start)
    smooth = renderer.render(camera, OUT_W, OUT_H, smooth=True)
    assert np.array_equal(renderer.render(camera.turned(360.0), OUT_W, OUT_H, True), smooth)


def test_pitch_clamp_renders_like_89(renderer):
    at_limit = renderer.render(Camera(yaw=10.0, pitch=89.0), OUT_W, OUT_H)
    beyond = renderer.render(Camera(yaw=10.0, pitch=150.0), OUT_W, OUT_H)
    assert np.array_equal(at_limit, beyond)
    assert centre_rgb(beyond) == PANO_SKY_COLOR


def test_yaw_only_change_is_a_source_shift(renderer):
    # same pitch/hfov/size: one cached table, the frames differ by where the gather starts
    renderer.clear_cache()
    renderer.render(Camera(yaw=0.0, pitch=5.0), OUT_W, OUT_H)
    tables = renderer.nbytes
    for yaw in range(-180, 180, 7):
        renderer.render(Camera(yaw=float(yaw), pitch=5.0), OUT_W, OUT_H)
    assert renderer.nbytes == tables


@pytest.mark.parametrize(("width", "height"), [(1, 1), (4, 1), (3, 2), (7, 400)])
def test_tiny_and_odd_frames(renderer, width, height):
    for smooth in (False, True):
        frame = renderer.render(Camera(yaw=90.0, hfov=30.0), width, height, smooth=smooth)
        assert frame.shape == (height, width)
        assert centre_rgb(frame) == PANO_RIGHT_COLOR


def test_render_into_provided_buffer(renderer):
    out = np.zeros((OUT_H, OUT_W), dtype=np.uint32)
    for smooth in (False, True):
        for yaw, color in DIRECTIONS[:3]:
            result = renderer.render(Camera(yaw=yaw), OUT_W, OUT_H, smooth=smooth, out=out)
            assert result is out
            assert centre_rgb(out) == color
    expected = renderer.render(Camera(yaw=33.0), OUT_W, OUT_H)
    assert np.array_equal(renderer.render(Camera(yaw=33.0), OUT_W, OUT_H, out=out), expected)


@pytest.mark.parametrize(
    "out",
    [
        np.zeros((OUT_W, OUT_H), dtype=np.uint32),
        np.zeros((OUT_H, OUT_W), dtype=np.int32),
        np.zeros((OUT_H, 2 * OUT_W), dtype=np.uint32)[:, ::2],
    ],
)
def test_render_rejects_unfit_buffer(renderer, out):
    with pytest.raises(ValueError):
        renderer.render(Camera(), OUT_W, OUT_H, out=out)


def test_renderer_rejects_bad_source():
    with pytest.raises(ValueError):
        EquirectRenderer(np.zeros((512, 1024, 3), dtype=np.uint8))
    with pytest.raises(ValueError):
        EquirectRenderer(np.zeros((512, 1024), dtype=np.float32))


def test_renderer_rejects_picture_too_large_for_int32_tables():
    huge = np.broadcast_to(np.uint32(0), (32768, 32768))  # a view: nothing allocated
    with pytest.raises(ValueError):
        EquirectRenderer(huge)


def test_renderer_copies_source():
    source = synthetic_pano()
    renderer = EquirectRenderer(source)
    before = renderer.render(Camera(), OUT_W, OUT_H)
    source[:] = 0
    assert np.array_equal(renderer.render(Camera(), OUT_W, OUT_H), before)


def test_cache_is_bounded(renderer):
    renderer.clear_cache()
    for step in range(40):
        renderer.render(Camera(pitch=step * 0.5, hfov=60.0 + step), OUT_W, OUT_H)
    picture = renderer.width * renderer.height * 4
    assert renderer.nbytes < 2 * picture + 60 * 1024 * 1024


# --- pixel helpers ------------------------------------------------------------------------


def test_pack_unpack_round_trip():
    rng = np.random.default_rng(1)
    rgb = rng.integers(0, 256, size=(7, 5, 3), dtype=np.uint8)
    packed = pack_rgb(rgb)
    assert packed.dtype == np.uint32
    assert np.all(packed >> 24 == 0xFF)
    assert int(pack_rgb(np.array([0x12, 0x34, 0x56], dtype=np.uint8))) == 0xFF123456
    assert np.array_equal(unpack_rgb(packed), rgb)


def test_bilinear_exact_at_pixel_centres_and_halfway():
    rgb = np.array([[[0, 0, 0], [200, 100, 50]], [[100, 255, 0], [0, 0, 255]]], dtype=np.uint8)
    source = pack_rgb(rgb)
    x = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.5, -3.0, 9.0], dtype=np.float32)
    y = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.5, 0.0, 9.0], dtype=np.float32)
    result = unpack_rgb(bilinear(source, x, y)).astype(int)
    assert result[:4].tolist() == rgb.reshape(4, 3).tolist()
    assert result[4].tolist() == [100, 50, 25]
    assert np.all(np.abs(result[5] - [75, 88.75, 76.25]) <= 1)  # the mean of the four
    assert result[6].tolist() == [0, 0, 0]  # clamped to the edge
    assert result[7].tolist() == [0, 0, 255]


def test_bilinear_matches_float_reference():
    rng = np.random.default_rng(5)
    rgb = rng.integers(0, 256, size=(40, 60, 3), dtype=np.uint8)
    x = rng.uniform(0, 59, size=(50, 70)).astype(np.float32)
    y = rng.uniform(0, 39, size=(50, 70)).astype(np.float32)
    out = np.empty((50, 70), dtype=np.uint32)
    assert bilinear(pack_rgb(rgb), x, y, out=out) is out
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = (x - x0)[..., None], (y - y0)[..., None]
    x1, y1 = np.minimum(x0 + 1, 59), np.minimum(y0 + 1, 39)
    src = rgb.astype(float)
    top = src[y0, x0] * (1 - fx) + src[y0, x1] * fx
    bottom = src[y1, x0] * (1 - fx) + src[y1, x1] * fx
    expected = top * (1 - fy) + bottom * fy
    error = np.abs(unpack_rgb(out).astype(float) - expected)
    assert error.max() <= 2.0
    assert error.mean() < 0.6


def test_downscale2_averages_blocks():
    rgb = np.zeros((3, 5, 3), dtype=np.uint8)  # odd sizes: last row / column dropped
    rgb[0, 0], rgb[0, 1], rgb[1, 0], rgb[1, 1] = (
        (0, 0, 0),
        (100, 20, 255),
        (50, 40, 255),
        (1, 0, 255),
    )
    rgb[:2, 2:4] = (7, 8, 9)
    small = downscale2(pack_rgb(rgb))
    assert small.shape == (1, 2)
    assert unpack_rgb(small).tolist() == [[[38, 15, 191], [7, 8, 9]]]
    assert np.all(small >> 24 == 0xFF)
