"""Turning a picture toward a place of the world: the viewer's "look at this feature",
shared with Processing (yaw and pitch of the best pictures of features). Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

from .camera import Camera
from .view_geometry import (
    DEFAULT_FLAT_HFOV,
    camera_toward,
    flat_pixel,
    in_flat_view,
    sight,
    yaw_toward,
)

CAMERA_HEIGHT_M = 2.0
"""Height of a street-view camera above the ground it stands on (a car roof, a helmet)."""
TARGET_REACH_M = 150.0
"""Beyond this a picture is not turned toward the target: it shows something else."""


@dataclass(frozen=True)
class LookTarget:
    """A place to look at: WGS84, ``height_m`` above the ground the camera stands on."""

    lon: float
    lat: float
    height_m: float = 0.0
    label: str = ""


def target_sight(picture, target: LookTarget, camera_height_m: float = CAMERA_HEIGHT_M):
    """Where ``target`` is seen from ``picture``'s camera (a ``Sight``)."""
    return sight(picture.lon, picture.lat, camera_height_m, target.lon, target.lat, target.height_m)


def camera_toward_target(
    picture, target: LookTarget, hfov: float, camera_height_m: float = CAMERA_HEIGHT_M
) -> Camera | None:
    """The 360° camera with ``target`` at the view centre, None when out of reach."""
    seen = target_sight(picture, target, camera_height_m)
    if seen.distance_m > TARGET_REACH_M:
        return None
    return camera_toward(picture.heading, seen, hfov)


def flat_point_toward(
    picture,
    target: LookTarget,
    width: int,
    height: int,
    camera_height_m: float = CAMERA_HEIGHT_M,
) -> tuple[float, float] | None:
    """Where ``target`` lies in a flat picture of ``width`` × ``height`` pixels (None when
    out of reach or outside its field of view)."""
    seen = target_sight(picture, target, camera_height_m)
    if seen.distance_m > TARGET_REACH_M:
        return None
    yaw = yaw_toward(picture.heading, seen.azimuth)
    hfov = picture.field_of_view or DEFAULT_FLAT_HFOV
    if not in_flat_view(yaw, hfov):
        return None
    return flat_pixel(yaw, seen.elevation, hfov, width, height)
