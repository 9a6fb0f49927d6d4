"""Where an object stands, from the directions it was clicked in two or more pictures.

Each click gives a :class:`Ray`: from the camera (its position, with its accuracy) along a
bearing on the map and a pitch. The rays meet, by weighted least squares, in a local
east-north plane at the first camera: each ray is a line ``n_i . (p - c_i) = 0`` (``n_i`` its
unit normal), weighted by ``1 / sigma_i^2`` with ``sigma_i^2 = position_sigma_i^2 +
(r_i * direction_sigma_i)^2``: the camera's position error moves the line sideways, the
direction error sideways by its distance ``r_i`` to the point. The weights depend on the
point: the solution is iterated (three passes converge to well under a millimetre).

The result's covariance is the inverse of the normal matrix (scaled up by the residuals'
variance factor when three rays or more say the a-priori errors were too small); its 95 %
ellipse is the uncertainty reported. Pure Python (``math`` only): Processing and the tests
reuse it; a 2 x 2 system does not need numpy.

Refused: the same picture twice, fewer than two rays, rays that cross at less than
``min_crossing_deg`` (the point slides along them), a point behind a camera, farther than
``max_distance_m``. Each refusal is a :class:`MeasureError` saying what to do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from .errors import PanoramaxError
from .i18n import translate
from .view_geometry import destination, ground_offset

DEFAULT_POSITION_SIGMA_M = 3.0
"""Camera position error (1 sigma, metres) when the picture does not give its accuracy
(``quality:horizontal_accuracy``): a phone or action-camera GPS in a street."""
DEFAULT_DIRECTION_SIGMA_DEG = 0.5
"""Direction error (1 sigma, degrees) of a clicked ray: the click and the picture's heading."""
MIN_CROSSING_DEG = 10.0
"""Rays crossing at less than this are refused: the point slides along them."""
WEAK_CROSSING_DEG = 20.0
"""Rays crossing at less than this are accepted with a warning."""
MAX_DISTANCE_M = 150.0
"""A point farther than this from a camera is refused: a few pixels are metres there."""
CONFIDENCE_95 = math.sqrt(-2.0 * math.log(0.05))
"""Scale from 1-sigma axes to the 95 % ellipse of a 2-D normal error (2.448)."""
_PASSES = 4


class MeasureError(PanoramaxError):
    """A measure that cannot be made, saying why and what to do instead."""


@dataclass(frozen=True)
class Ray:
    """A direction clicked in a picture, on the map.

    ``bearing``: degrees clockwise from north (the picture's heading + the clicked yaw);
    ``pitch``: degrees above the horizon. ``camera_height_m``: the camera above the ground.
    ``position_sigma_m``: the camera position's 1-sigma error (None: the default).
    """

    lon: float
    lat: float
    bearing: float
    pitch: float = 0.0
    picture_id: str = ""
    camera_height_m: float = 2.0
    position_sigma_m: Optional[float] = None
    direction_sigma_deg: float = DEFAULT_DIRECTION_SIGMA_DEG
    captured_at: Optional[datetime] = None

    def __post_init__(self) -> None:
        values = (self.lon, self.lat, self.bearing, self.pitch, self.camera_height_m)
        if not all(math.isfinite(float(v)) for v in values):
            raise MeasureError(
                translate("PanoramaxCore", "This direction has no usable position or angle.")
            )

    @property
    def sigma_m(self) -> float:
        value = self.position_sigma_m
        if value is None or not math.isfinite(value) or value <= 0.0:
            return DEFAULT_POSITION_SIGMA_M
        return float(value)

    def point_at(self, distance_m: float) -> tuple[float, float]:
        """``(lon, lat)`` of the ray's ground trace ``distance_m`` from the camera."""
        return destination(self.lon, self.lat, self.bearing % 360.0, distance_m)


@dataclass(frozen=True)
class RaySolution:
    """How one ray relates to the point found."""

    distance_m: float
    """Horizontal distance from the camera to the point."""
    along_m: float
    """Signed distance along the ray to the point's foot (negative: behind the camera)."""
    offset_m: float
    """Signed perpendicular distance from the ray to the point (the residual)."""
    height_m: float
    """Height of the point above the ground seen along this ray's pitch."""


@dataclass(frozen=True)
class Triangulation:
    """The point found from rays and how sure it is."""

    lon: float
    lat: float
    height_m: Optional[float]
    semi_major_m: float
    """95 % ellipse, metres."""
    semi_minor_m: float
    major_azimuth: float
    """Azimuth of the ellipse's major axis, degrees from north in [0, 180)."""
    crossing_angle_deg: float
    """The largest crossing angle between two of the rays, in [0, 90]."""
    rays: tuple = ()
    solutions: tuple = ()
    residual_m: Optional[float] = None
    """RMS distance from the point to the rays (three rays or more; None with two)."""
    warnings: tuple = ()

    @property
    def uncertainty_m(self) -> float:
        """The position's uncertainty in one figure: the 95 % ellipse's semi-major axis."""
        return self.semi_major_m

    @property
    def distances_m(self) -> tuple:
        return tuple(s.distance_m for s in self.solutions)

    def ellipse(self, vertices: int = 48) -> list:
        """The 95 % ellipse as a closed ring of ``(lon, lat)``."""
        ring = []
        axis = math.radians(self.major_azimuth)
        for k in range(vertices + 1):
            t = 2.0 * math.pi * k / vertices
            a, b = self.semi_major_m * math.cos(t), self.semi_minor_m * math.sin(t)
            east = a * math.sin(axis) + b * math.cos(axis)
            north = a * math.cos(axis) - b * math.sin(axis)
            ring.append(_from_enu(self.lon, self.lat, east, north))
        return ring


def crossing_angle(bearing_a: float, bearing_b: float) -> float:
    """Angle between two lines of these bearings, degrees in [0, 90]."""
    diff = abs(bearing_a - bearing_b) % 180.0
    return min(diff, 180.0 - diff)


def _from_enu(lon0: float, lat0: float, east: float, north: float) -> tuple[float, float]:
    distance = math.hypot(east, north)
    if distance == 0.0:
        return lon0, lat0
    return destination(lon0, lat0, math.degrees(math.atan2(east, north)) % 360.0, distance)


def _solve(lines, weights) -> tuple[float, float, tuple]:
    """Weighted least-squares point of lines ``(cx, cy, nx, ny)``; its covariance inverse."""
    a11 = a12 = a22 = b1 = b2 = 0.0
    for (cx, cy, nx, ny), w in zip(lines, weights):
        a11 += w * nx * nx
        a12 += w * nx * ny
        a22 += w * ny * ny
        dot = nx * cx + ny * cy
        b1 += w * nx * dot
        b2 += w * ny * dot
    det = a11 * a22 - a12 * a12
    if not det > 1e-12 * max(a11 * a22, 1e-300):
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "The directions are parallel: they never meet. Click the object in a picture "
                "taken from another place.",
            )
        )
    x = (a22 * b1 - a12 * b2) / det
    y = (a11 * b2 - a12 * b1) / det
    covariance = (a22 / det, -a12 / det, a11 / det)  # (xx, xy, yy)
    return x, y, covariance


def _ellipse_axes(cxx: float, cxy: float, cyy: float) -> tuple[float, float, float]:
    """1-sigma semi-axes (major, minor) and the major axis' azimuth (east=x, north=y)."""
    mean = (cxx + cyy) / 2.0
    spread = math.hypot((cxx - cyy) / 2.0, cxy)
    major = math.sqrt(max(mean + spread, 0.0))
    minor = math.sqrt(max(mean - spread, 0.0))
    angle_from_east = 0.5 * math.atan2(2.0 * cxy, cxx - cyy)
    azimuth = (90.0 - math.degrees(angle_from_east)) % 180.0
    return major, minor, azimuth


def triangulate(
    rays: Sequence[Ray],
    min_crossing_deg: float = MIN_CROSSING_DEG,
    max_distance_m: float = MAX_DISTANCE_M,
) -> Triangulation:
    """The point where ``rays`` meet, with its 95 % ellipse; raises :class:`MeasureError`."""
    rays = tuple(rays)
    if len(rays) < 2:
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "Click the object in a second picture: one direction gives no position.",
            )
        )
    seen = set()
    for ray in rays:
        if ray.picture_id and ray.picture_id in seen:
            raise MeasureError(
                translate(
                    "PanoramaxCore",
                    "The same picture was clicked twice: click the object in another picture "
                    "(the next or previous one, or another sequence).",
                )
            )
        seen.add(ray.picture_id)
    crossing = max(
        crossing_angle(a.bearing, b.bearing) for i, a in enumerate(rays) for b in rays[i + 1 :]
    )
    if crossing < min_crossing_deg:
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "The directions cross at only {angle:.1f}° (at least {minimum:.0f}° needed): "
                "the position along them is unreliable. Pick a picture further along the "
                "street, or from the other side of the object.",
            ).format(angle=crossing, minimum=min_crossing_deg)
        )
    origin = rays[0]
    lines = []
    for ray in rays:
        east, north = ground_offset(origin.lon, origin.lat, ray.lon, ray.lat)
        b = math.radians(ray.bearing)
        dx, dy = math.sin(b), math.cos(b)
        lines.append((east, north, -dy, dx))
    weights = [1.0 / ray.sigma_m**2 for ray in rays]
    for _ in range(_PASSES):
        x, y, covariance = _solve(lines, weights)
        weights = []
        for ray, (cx, cy, _nx, _ny) in zip(rays, lines):
            r = math.hypot(x - cx, y - cy)
            direction_m = r * math.radians(ray.direction_sigma_deg)
            weights.append(1.0 / (ray.sigma_m**2 + direction_m**2))
    solutions = []
    for ray, (cx, cy, nx, ny) in zip(rays, lines):
        along = (x - cx) * ny - (y - cy) * nx  # d = (sin b, cos b) = (ny, -nx)
        offset = (x - cx) * nx + (y - cy) * ny
        distance = math.hypot(x - cx, y - cy)
        height = ray.camera_height_m + distance * math.tan(math.radians(ray.pitch))
        solutions.append(RaySolution(distance, along, offset, height))
    for ray, solution in zip(rays, solutions):
        if solution.along_m <= 0.0:
            raise MeasureError(
                translate(
                    "PanoramaxCore",
                    "The directions meet behind the camera of picture {picture}: the clicks "
                    "do not show the same object. Click the same object in each picture.",
                ).format(picture=ray.picture_id or "?")
            )
        if solution.distance_m > max_distance_m:
            raise MeasureError(
                translate(
                    "PanoramaxCore",
                    "The point found is {distance:.0f} m from a camera (at most {maximum:.0f} m): "
                    "too far to be measured from pictures. Pick pictures closer to the object.",
                ).format(distance=solution.distance_m, maximum=max_distance_m)
            )
    cxx, cxy, cyy = covariance
    residual = None
    if len(rays) >= 3:
        chi2 = sum(w * s.offset_m**2 for w, s in zip(weights, solutions))
        factor = chi2 / (len(rays) - 2)
        if factor > 1.0:  # the rays disagree more than their errors say: trust the rays
            cxx, cxy, cyy = cxx * factor, cxy * factor, cyy * factor
        residual = math.sqrt(sum(s.offset_m**2 for s in solutions) / len(solutions))
    major, minor, azimuth = _ellipse_axes(cxx, cxy, cyy)
    lon, lat = _from_enu(origin.lon, origin.lat, x, y)
    height = _weighted_height(rays, solutions, weights)
    warnings = []
    if crossing < WEAK_CROSSING_DEG:
        warnings.append(
            translate(
                "PanoramaxCore",
                "The directions cross at {angle:.0f}° only: a picture further along would "
                "give a surer position.",
            ).format(angle=crossing)
        )
    return Triangulation(
        lon=lon,
        lat=lat,
        height_m=height,
        semi_major_m=major * CONFIDENCE_95,
        semi_minor_m=minor * CONFIDENCE_95,
        major_azimuth=azimuth,
        crossing_angle_deg=crossing,
        rays=rays,
        solutions=tuple(solutions),
        residual_m=residual,
        warnings=tuple(warnings),
    )


def _weighted_height(rays, solutions, weights) -> Optional[float]:
    """Height of the point above the ground: the rays' pitches at its distance, weighted."""
    total = weight_sum = 0.0
    for ray, solution, weight in zip(rays, solutions, weights):
        if abs(ray.pitch) >= 89.0:
            continue
        total += weight * solution.height_m
        weight_sum += weight
    return total / weight_sum if weight_sum > 0.0 else None
