"""Where a world point appears from a camera, and back. Pure Python (``math`` only).

Three frames meet here:

* the world: longitude / latitude (WGS84) and heights above one reference;
* the picture: a direction relative to the picture's centre column (``yaw``, degrees
  clockwise, 0 = the picture's heading) and ``pitch`` (degrees, + up), as in
  :class:`~.camera.Camera`;
* pixels: of the source picture (equirectangular or flat) and of the 360° view that
  ``viewer/render360.py`` renders for a :class:`~.camera.Camera` and a widget size.

Pixel coordinates are continuous: pixel ``i`` covers ``[i, i + 1)``, its centre is ``i + 0.5``.

Written by hand rather than with pyproj / numpy: the core must run in a stock QGIS (whose
Python may lack them) and in plain unit tests, and a local east-north-up frame is exact for
directions seen from the camera, which is all street-distance sightings need.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .camera import Camera, wrap_yaw

WGS84_A = 6_378_137.0
"""WGS84 semi-major axis, metres."""
WGS84_F = 1.0 / 298.257223563
"""WGS84 flattening."""
WGS84_E2 = WGS84_F * (2.0 - WGS84_F)
"""WGS84 first eccentricity squared."""

DEFAULT_FLAT_HFOV = 70.0
"""Horizontal field of view assumed for a flat picture that does not say (a phone's ~26 mm)."""

_SAME_SPOT_M = 1e-6
"""Targets closer than this horizontally (a micrometre) are straight above / below."""
_BEHIND = 1e-12
"""A ray whose forward component is at most this is behind the view plane (no pixel)."""


@dataclass(frozen=True)
class Sight:
    """A target as seen from a camera.

    ``azimuth``: degrees clockwise from (true) north, ``[0, 360)``. ``elevation``: degrees
    above the camera's horizontal plane (negative: below). ``distance_m``: horizontal
    distance in the camera's level plane, metres (the ground distance, to well under a
    millimetre at street distances). ``slant_m``: straight-line 3D distance, metres.
    """

    azimuth: float
    elevation: float
    distance_m: float
    slant_m: float


# --- world -> camera ------------------------------------------------------------------------


def _ecef(lon: float, lat: float, height_m: float) -> tuple[float, float, float]:
    """Earth-centred, earth-fixed coordinates (metres) of a WGS84 geodetic point."""
    phi, lam = math.radians(lat), math.radians(lon)
    sin_phi, cos_phi = math.sin(phi), math.cos(phi)
    n = WGS84_A / math.sqrt(1.0 - WGS84_E2 * sin_phi * sin_phi)
    return (
        (n + height_m) * cos_phi * math.cos(lam),
        (n + height_m) * cos_phi * math.sin(lam),
        (n * (1.0 - WGS84_E2) + height_m) * sin_phi,
    )


def _enu(
    lon: float, lat: float, height_m: float, to_lon: float, to_lat: float, to_height_m: float
) -> tuple[float, float, float]:
    """East, north, up (metres) of the second point in the local frame of the first."""
    x0, y0, z0 = _ecef(lon, lat, height_m)
    x1, y1, z1 = _ecef(to_lon, to_lat, to_height_m)
    dx, dy, dz = x1 - x0, y1 - y0, z1 - z0
    phi, lam = math.radians(lat), math.radians(lon)
    sin_phi, cos_phi = math.sin(phi), math.cos(phi)
    sin_lam, cos_lam = math.sin(lam), math.cos(lam)
    east = -sin_lam * dx + cos_lam * dy
    north = -sin_phi * cos_lam * dx - sin_phi * sin_lam * dy + cos_phi * dz
    up = cos_phi * cos_lam * dx + cos_phi * sin_lam * dy + sin_phi * dz
    return east, north, up


def ground_offset(lon: float, lat: float, to_lon: float, to_lat: float) -> tuple[float, float]:
    """East and north (metres) of the second ground point in the level frame of the first."""
    east, north, _up = _enu(lon, lat, 0.0, to_lon, to_lat, 0.0)
    return east, north


def _check_finite(*values: float) -> None:
    if not all(math.isfinite(value) for value in values):
        raise ValueError(f"coordinates must be finite: {values}")


def sight(
    camera_lon: float,
    camera_lat: float,
    camera_height_m: float,
    target_lon: float,
    target_lat: float,
    target_height_m: float = 0.0,
) -> Sight:
    """How a target looks from a camera, on the WGS84 ellipsoid.

    Geodetic -> earth-centred (ECEF) -> east-north-up at the camera: exact for directions
    seen from the camera (no flat-earth or spherical approximation; the ground's curvature
    is included, about 8 cm below the level plane at 1 km).

    Both heights are above the same reference, whatever it is (the ellipsoid, or the
    terrain when camera and target stand at the same terrain level): a camera on a 2 m mast
    looking at the foot of a sign across a flat street is ``camera_height_m=2.0``,
    ``target_height_m=0.0``. A target within a micrometre of the camera's vertical is
    straight up / down: azimuth 0 and distance 0 by convention.
    """
    _check_finite(camera_lon, camera_lat, camera_height_m, target_lon, target_lat, target_height_m)
    east, north, up = _enu(
        camera_lon, camera_lat, camera_height_m, target_lon, target_lat, target_height_m
    )
    horizontal = math.hypot(east, north)
    if horizontal < _SAME_SPOT_M:  # rounding noise (~1e-9 m) would give a random azimuth
        horizontal, azimuth = 0.0, 0.0
    else:
        azimuth = math.degrees(math.atan2(east, north)) % 360.0
        if azimuth >= 360.0:  # -tiny % 360 rounds to 360.0
            azimuth = 0.0
    elevation = math.degrees(math.atan2(up, horizontal))
    return Sight(azimuth, elevation, horizontal, math.sqrt(horizontal * horizontal + up * up))


def destination(
    lon: float, lat: float, azimuth_deg: float, distance_m: float
) -> tuple[float, float]:
    """``(lon, lat)`` of the ground point ``distance_m`` away towards ``azimuth_deg``.

    The inverse of :func:`sight` (between two points at height 0): the point whose sight
    from ``(lon, lat)`` has that azimuth and that horizontal distance, found by Newton steps
    on :func:`sight` itself, so the two agree to a fraction of a millimetre. Meant for
    street distances (up to tens of kilometres), not across a pole.
    """
    _check_finite(lon, lat, azimuth_deg, distance_m)
    if distance_m < 0.0:
        raise ValueError(f"distance must not be negative: {distance_m}")
    phi = math.radians(lat)
    cos_phi = math.cos(phi)
    if cos_phi < 1e-9:
        raise ValueError("no azimuth is defined at a pole")
    if distance_m == 0.0:
        return _wrap_lon(lon), lat
    sin2 = math.sin(phi) ** 2
    w = math.sqrt(1.0 - WGS84_E2 * sin2)
    meridian = WGS84_A * (1.0 - WGS84_E2) / w**3  # north-south radius of curvature
    normal = WGS84_A / w  # east-west radius of curvature
    az = math.radians(azimuth_deg)
    want_e, want_n = distance_m * math.sin(az), distance_m * math.cos(az)
    to_lon, to_lat = lon, lat
    error_e, error_n = want_e, want_n
    for _ in range(12):
        # the local radii are the Jacobian of (east, north) to within d / R: each step
        # gains ~4 digits at 1 km
        to_lat += math.degrees(error_n / meridian)
        to_lon += math.degrees(error_e / (normal * cos_phi))
        east, north, _up = _enu(lon, lat, 0.0, to_lon, to_lat, 0.0)
        error_e, error_n = want_e - east, want_n - north
        if math.hypot(error_e, error_n) < 1e-7:
            break
    return _wrap_lon(to_lon), to_lat


def _wrap_lon(lon: float) -> float:
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return wrapped - 360.0 if wrapped >= 180.0 else wrapped


# --- world -> picture -----------------------------------------------------------------------


def yaw_toward(heading: Optional[float], azimuth: float) -> float:
    """Picture-relative yaw of a map azimuth: the picture's centre column faces ``heading``
    (None counts as 0, as :meth:`Camera.map_bearing` does)."""
    return wrap_yaw(azimuth - (heading or 0.0))


def camera_toward(heading: Optional[float], s: Sight, hfov: float = 60.0) -> Camera:
    """A viewer camera turned toward a sighted target (the picture's ``heading``)."""
    return Camera(yaw_toward(heading, s.azimuth), s.elevation, hfov)


# --- picture direction <-> 360° view pixel (the renderer's pinhole model) -------------------


def _focal(width: float, hfov: float) -> float:
    """Focal length in pixels of a pinhole ``width`` px wide across ``hfov`` degrees."""
    return (width / 2.0) / math.tan(math.radians(hfov) / 2.0)


def _unit(yaw: float, pitch: float) -> tuple[float, float, float]:
    """Unit vector (right, up, forward) of a direction, yaw / pitch in degrees."""
    lon, lat = math.radians(yaw), math.radians(pitch)
    cos_lat = math.cos(lat)
    return cos_lat * math.sin(lon), math.sin(lat), cos_lat * math.cos(lon)


def view_point(
    camera: Camera, yaw: float, pitch: float, width: int, height: int
) -> Optional[tuple[float, float]]:
    """Widget pixel ``(x, y)`` where a picture-relative direction shows in the 360° view.

    The exact inverse of ``render360``: its ray ``(x, y, 1)`` is turned up by the camera's
    pitch about the x axis, then its longitude plus the camera's yaw and its latitude pick
    the source pixel; here the direction is turned back into the camera's frame and
    projected on the pinhole. None when it is behind the view plane; a point outside
    ``[0, width] x [0, height]`` is in front but off the widget.
    """
    right, up, forward = _unit(yaw - camera.yaw, pitch)
    p = math.radians(camera.pitch)
    cos_p, sin_p = math.cos(p), math.sin(p)
    ray_y = up * cos_p - forward * sin_p
    ray_z = forward * cos_p + up * sin_p
    if ray_z <= _BEHIND:
        return None
    focal = _focal(width, camera.hfov)
    return width / 2.0 + focal * right / ray_z, height / 2.0 - focal * ray_y / ray_z


def view_points(camera: Camera, units, width: int, height: int) -> list:
    """:func:`view_point` of many directions at once, given as the unit vectors
    ``(right, up, forward)`` of their picture-relative ``(yaw, pitch)`` (computed once per
    picture, so a frame spends no trigonometry on them). Same model, same results; None
    for a direction behind the view plane."""
    y = math.radians(camera.yaw)
    cos_y, sin_y = math.cos(y), math.sin(y)
    p = math.radians(camera.pitch)
    cos_p, sin_p = math.cos(p), math.sin(p)
    focal = _focal(width, camera.hfov)
    cx, cy = width / 2.0, height / 2.0
    points = []
    for right0, up, forward0 in units:
        right = right0 * cos_y - forward0 * sin_y
        forward = forward0 * cos_y + right0 * sin_y
        ray_z = forward * cos_p + up * sin_p
        if ray_z <= _BEHIND:
            points.append(None)
            continue
        ray_y = up * cos_p - forward * sin_p
        points.append((cx + focal * right / ray_z, cy - focal * ray_y / ray_z))
    return points


def view_direction(
    camera: Camera, x: float, y: float, width: int, height: int
) -> tuple[float, float]:
    """Picture-relative ``(yaw, pitch)`` in degrees seen at widget pixel ``(x, y)``.

    What ``render360`` samples there (see :func:`view_point`); yaw in ``[-180, 180)``.
    """
    focal = _focal(width, camera.hfov)
    ray_x = (x - width / 2.0) / focal
    ray_y = (height / 2.0 - y) / focal
    p = math.radians(camera.pitch)
    cos_p, sin_p = math.cos(p), math.sin(p)
    up = ray_y * cos_p + sin_p
    forward = cos_p - ray_y * sin_p
    lon = math.degrees(math.atan2(ray_x, forward))
    lat = math.degrees(math.atan2(up, math.hypot(ray_x, forward)))
    return wrap_yaw(lon + camera.yaw), lat


# --- picture direction <-> source pixel -----------------------------------------------------


def equirect_pixel(yaw: float, pitch: float, width: int, height: int) -> tuple[float, float]:
    """Source pixel ``(col, row)`` of a direction in an equirectangular picture.

    Column ``width / 2`` is yaw 0 (the renderer's convention), ``col`` is wrapped into
    ``[0, width)``; row 0 is straight up, ``height`` straight down.
    """
    col = (width / 2.0 + yaw / 360.0 * width) % width
    if col >= width:  # -tiny % width rounds to width
        col = 0.0
    return col, height / 2.0 - pitch / 180.0 * height


def equirect_direction(col: float, row: float, width: int, height: int) -> tuple[float, float]:
    """Picture-relative ``(yaw, pitch)`` of a source equirectangular pixel position."""
    return wrap_yaw((col - width / 2.0) / width * 360.0), (height / 2.0 - row) / height * 180.0


def flat_pixel(
    yaw: float, pitch: float, hfov: float, width: int, height: int
) -> Optional[tuple[float, float]]:
    """Source pixel ``(x, y)`` of a direction in a flat (perspective) picture, or None.

    The picture's optical axis is its heading, level (pitch 0); square pixels, horizontal
    field of view ``hfov`` degrees. None when the direction is behind the camera or falls
    outside the frame ``[0, width] x [0, height]``.
    """
    right, up, forward = _unit(yaw, pitch)
    if forward <= _BEHIND:
        return None
    focal = _focal(width, hfov)
    x = width / 2.0 + focal * right / forward
    y = height / 2.0 - focal * up / forward
    if not (0.0 <= x <= width and 0.0 <= y <= height):
        return None
    return x, y


def flat_direction(x: float, y: float, hfov: float, width: int, height: int) -> tuple[float, float]:
    """Picture-relative ``(yaw, pitch)`` seen at pixel ``(x, y)`` of a flat picture."""
    focal = _focal(width, hfov)
    ray_x = (x - width / 2.0) / focal
    ray_y = (height / 2.0 - y) / focal
    return (
        math.degrees(math.atan(ray_x)),
        math.degrees(math.atan2(ray_y, math.hypot(ray_x, 1.0))),
    )


def in_flat_view(yaw: float, hfov: Optional[float], margin_deg: float = 0.0) -> bool:
    """Whether a picture-relative yaw is within a flat picture's horizontal field of view.

    ``hfov`` None (unknown) counts as ``DEFAULT_FLAT_HFOV``. A positive ``margin_deg``
    widens the field on both sides (keep a target whose edge still shows), a negative one
    narrows it (keep it clear of the picture's border).
    """
    half = (DEFAULT_FLAT_HFOV if hfov is None else hfov) / 2.0
    return abs(wrap_yaw(yaw)) <= half + margin_deg
