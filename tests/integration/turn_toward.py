""" "Look at my assets" against the real local instance: synthetic 360° streets with known
objects go up through the upload-set API, come back through ``PanoramaxClient`` (position,
heading, 360° flag as the server reports them, the ``sd`` / ``hd`` file), and every
(picture, object) pair is opened turned toward the object: where does its colour show in a
1280×720 view?

Shared by ``test_turn_toward_instance.py`` and ``benchmarks/bench_inventory_turn.py``.

Aim: a painted band's pixel centroid sits halfway between the elevations of the object's
bottom and top (not at half its height), so the target is given the height whose elevation,
seen from the picture's reported position, is the mean of those two elevations.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

import numpy as np
from PIL import Image

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.look_at import LookTarget, camera_toward_target
from panoramax_plugin.core.models import Picture
from panoramax_plugin.core.picture_file import file_heading as plugin_file_heading
from panoramax_plugin.core.picture_file import refined_heading
from panoramax_plugin.core.view_geometry import destination, sight
from panoramax_plugin.viewer.render360 import EquirectRenderer, pack_rgb
from tests.fixtures.street_scene import SceneObject, ScenePicture, find_colour_centre, make_street

from .seeding import SeededSet, upload_set

VIEW_W, VIEW_H = 1280, 720
VIEW_HFOV = 60.0
VIEW_VFOV = math.degrees(2.0 * math.atan(math.tan(math.radians(VIEW_HFOV / 2.0)) * VIEW_H / VIEW_W))
"""~35.9°: an object taller than this does not fit the view (its centroid would be cut)."""
TOLERANCE_PX = 8.0
COLOURS = (
    (230, 20, 20),
    (20, 40, 230),
    (20, 200, 40),
    (220, 20, 220),
    (240, 200, 0),
    (0, 200, 220),
    (250, 120, 0),
    (130, 0, 230),
)
"""Saturated and far apart (> 2 × the colour tolerance on some channel) from the greys and
from one another."""


def beside(start, street_azimuth: float, along_m: float, right_m: float) -> tuple[float, float]:
    """A point ``along_m`` down the street from ``start`` and ``right_m`` to its right."""
    backward = 180.0 if along_m < 0 else 0.0
    on_street = destination(*start, (street_azimuth + backward) % 360.0, abs(along_m))
    side = street_azimuth + (90.0 if right_m >= 0 else -90.0)
    return destination(*on_street, side % 360.0, abs(right_m))


def street_objects(start, street_azimuth: float, layout) -> list:
    """``layout``: ``(name, along_m, right_m, height_m, radius_m, kind)``, coloured in turn."""
    return [
        SceneObject(name, *beside(start, street_azimuth, along, right), height, radius, rgb, kind)
        for (name, along, right, height, radius, kind), rgb in zip(layout, COLOURS)
    ]


def random_place(rng: random.Random) -> tuple[float, float]:
    """Somewhere in France no other run uses (as the integration fixtures do)."""
    return rng.uniform(-0.5, 6.0), rng.uniform(43.5, 49.0)


def random_day(rng: random.Random) -> datetime:
    return datetime(2019, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))) + timedelta(
        days=rng.randrange(0, 1500)
    )


@dataclass
class UploadedStreet:
    """One street as written and as the server gives it back (same order)."""

    label: str
    scene: list  # ScenePicture, capture order
    objects: list  # SceneObject
    seeded: SeededSet
    pictures: list = field(default_factory=list)  # Picture read back, same order as scene


def write_and_upload(api, token, folder, label: str, objects, **street) -> UploadedStreet:
    """``make_street(folder, objects=objects, **street)`` then one upload set of it."""
    folder.mkdir(parents=True, exist_ok=True)
    scene = make_street(folder, objects=objects, **street)
    seeded = upload_set(api, token, [p.path for p in scene], f"turn-toward {label}")
    return UploadedStreet(label, scene, list(objects), seeded)


def read_back(client: PanoramaxClient, street: UploadedStreet) -> None:
    """Fill ``street.pictures`` from the API (the sequence's items, matched by file name)."""
    by_name = {f["file_name"]: f["picture_id"] for f in street.seeded.files}
    ids = [by_name[p.path.name] for p in street.scene]
    found = {}
    for sequence_id in street.seeded.sequence_ids:
        for picture in client.iter_sequence_pictures(sequence_id):
            found[picture.id] = picture
    street.pictures = [found[picture_id] for picture_id in ids]


def decode(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


def file_heading(data: bytes) -> float | None:
    """``GPSImgDirection`` of a downloaded JPEG's EXIF (the server keeps the EXIF in its
    ``sd`` and ``hd`` files, but rounds ``view:azimuth`` to whole degrees)."""
    with Image.open(io.BytesIO(data)) as image:
        gps = image.getexif().get_ifd(0x8825)
    value = gps.get(17)
    return None if value is None else float(value)


def aim_height(picture: Picture, obj: SceneObject, camera_height_m: float) -> float:
    """Height above the ground whose elevation from ``picture`` is the mean of the
    elevations of the object's bottom and top: where its painted centroid is."""
    bottom = sight(picture.lon, picture.lat, camera_height_m, obj.lon, obj.lat, obj.bottom_m)
    top = sight(picture.lon, picture.lat, camera_height_m, obj.lon, obj.lat, obj.height_m)
    middle = math.radians((bottom.elevation + top.elevation) / 2.0)
    # plain trigonometry in the level plane; the ground's curvature (d² / 2R) is < 0.1 mm at 30 m
    return camera_height_m + bottom.distance_m * math.tan(middle)


@dataclass
class PairResult:
    street: str
    picture_index: int
    name: str
    distance_m: float
    yaw: float
    pitch: float
    error_px: float | None  # None: the colour was not found in the view
    centre: tuple | None
    file_heading_error_px: float | None = None
    """The same, turned with the heading of the downloaded file's EXIF instead of the API's."""


@dataclass
class PictureCheck:
    """The round trip of one picture: what the server reports against the written truth."""

    street: str
    index: int
    asset: str
    asset_bytes: int
    asset_size: tuple  # (width, height) of the decoded asset
    position_error_m: float
    heading_error_deg: float | None
    file_heading: float | None
    is_360: bool
    painted_errors_px: dict  # object name -> distance (source px) to the scaled expectation
    pairs: list = field(default_factory=list)


def wrapped(delta: float, period: float = 360.0) -> float:
    return (delta + period / 2.0) % period - period / 2.0


def check_picture(
    client: PanoramaxClient,
    street: UploadedStreet,
    index: int,
    asset: str = "sd",
    with_file_heading: bool = False,
) -> PictureCheck:
    """Download one picture's asset through the API, find its painted objects, then open it
    turned toward each object and measure where the object shows."""
    truth: ScenePicture = street.scene[index]
    picture: Picture = street.pictures[index]
    data = client.download_asset(picture, asset)
    pixels = decode(data)
    height, width = pixels.shape[:2]
    scale = width / truth.width
    painted = {}
    for obj in street.objects:
        where = truth.objects.get(obj.name)
        if where is None:
            continue
        found = find_colour_centre(pixels, obj.colour, wrap=True)
        if found is None:
            painted[obj.name] = math.inf
            continue
        col, row = found
        dcol = wrapped(col - where.col * scale, width)
        painted[obj.name] = math.hypot(dcol, row - where.row * scale)
    own = sight(truth.lon, truth.lat, 0.0, picture.lon, picture.lat, 0.0)
    check = PictureCheck(
        street=street.label,
        index=index,
        asset=asset,
        asset_bytes=len(data),
        asset_size=(width, height),
        position_error_m=own.distance_m,
        heading_error_deg=None
        if picture.heading is None
        else wrapped(picture.heading - truth.heading),
        file_heading=file_heading(data),
        is_360=picture.is_360,
        painted_errors_px=painted,
    )
    renderer = EquirectRenderer(pack_rgb(pixels))
    for obj in street.objects:
        where = truth.objects.get(obj.name)
        if where is None or where.overlapped:  # a nearer object hides part of it
            continue
        target = LookTarget(obj.lon, obj.lat, aim_height(picture, obj, truth.camera_height_m))
        camera = camera_toward_target(picture, target, VIEW_HFOV, truth.camera_height_m)
        if camera is None:
            continue
        centre, error = _look(renderer, camera, obj)
        from_file = None
        # what the viewer does: the API's heading refined by the file's EXIF (core)
        refined = refined_heading(picture.heading, plugin_file_heading(data))
        if with_file_heading and refined is not None:
            turned = replace(picture, heading=refined)
            fixed = camera_toward_target(turned, target, VIEW_HFOV, truth.camera_height_m)
            from_file = _look(renderer, fixed, obj)[1]
        check.pairs.append(
            PairResult(
                street.label,
                index,
                obj.name,
                where.distance_m,
                camera.yaw,
                camera.pitch,
                error,
                centre,
                from_file,
            )
        )
    return check


def _look(renderer: EquirectRenderer, camera, obj: SceneObject):
    """Colour centre of ``obj`` in the view and its distance to the view centre."""
    frame = renderer.render(camera, VIEW_W, VIEW_H, smooth=True)
    centre = find_colour_centre(frame, obj.colour)
    if centre is None:
        return None, None
    return centre, math.hypot(centre[0] - VIEW_W / 2.0, centre[1] - VIEW_H / 2.0)


def fits_the_view(truth: ScenePicture, name: str, margin_deg: float = 2.0) -> bool:
    """Whether the object's whole height fits the view's vertical field with a margin."""
    where = truth.objects[name]
    return where.elevation_top - where.elevation_bottom <= VIEW_VFOV - 2.0 * margin_deg
