"""Measures from one picture: the ground distance to a clicked point, an object's height.

A click below the horizon at pitch ``p`` meets flat ground ``h / tan(-p)`` metres away
(``h``: the camera above the ground). With a terrain model the ray is followed until it
goes under the terrain. An object's height comes from a click at its foot (its distance)
and one at its top: ``H = d * (tan(top) - tan(foot))``, which holds on flat ground and on a
slope alike (the foot's height is where the foot ray meets the ground).

Uncertainty is propagated, not guessed: a pitch error ``dp`` moves the flat-ground distance
by ``h / sin(p)^2 * dp``, about ``d^2 / h * dp``: at 10 m from a 2 m camera, 0.5° is
0.44 m; at 30 m, 3.9 m. Each result carries its 1-sigma figure so that the user sees it.
Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from .i18n import translate
from .triangulation import MeasureError
from .view_geometry import destination

DEFAULT_PITCH_SIGMA_DEG = 0.5
"""Pitch error of a click (1 sigma, degrees): the click, the camera's tilt."""
DEFAULT_HEIGHT_SIGMA_M = 0.1
"""Error of the assumed camera height (1 sigma, metres)."""
MIN_DOWN_PITCH_DEG = 0.5
"""A ground click must be at least this far below the horizon (else it is kilometres away)."""
MAX_GROUND_DISTANCE_M = 150.0
"""Beyond this a ground point is refused: the figure would be mostly error."""
TERRAIN_STEP_M = 0.5
"""Step of the march along a ray over a terrain model (then refined by bisection)."""

Terrain = Callable[[float, float], Optional[float]]
"""``terrain(lon, lat)``: ground height (any datum, the same everywhere), None off the model."""


@dataclass(frozen=True)
class GroundPoint:
    """Where a clicked ground point lies.

    ``distance_m``: horizontal, from the camera; ``sigma_m``: its 1-sigma error.
    ``ground_m``: the point's ground height minus the ground height under the camera
    (0 on flat ground).
    """

    lon: float
    lat: float
    distance_m: float
    sigma_m: float
    ground_m: float = 0.0
    on_terrain: bool = False


@dataclass(frozen=True)
class ObjectHeight:
    """An object's height from its foot and top clicks, with 1-sigma errors."""

    height_m: float
    sigma_m: float
    foot: GroundPoint


def flat_ground_distance(pitch_deg: float, camera_height_m: float) -> float:
    """Horizontal distance where a ray of this (downward) pitch meets flat ground."""
    _check_ground_pitch(pitch_deg)
    if not camera_height_m > 0.0:
        raise MeasureError(
            translate(
                "PanoramaxCore", "The camera height must be above the ground (more than 0 m)."
            )
        )
    return camera_height_m / math.tan(math.radians(-pitch_deg))


def _check_ground_pitch(pitch_deg: float) -> None:
    if not math.isfinite(pitch_deg) or pitch_deg > -MIN_DOWN_PITCH_DEG:
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "Click on the ground, below the horizon: a point at or above the horizon "
                "has no distance on the ground.",
            )
        )


def _checked_distance(distance_m: float) -> float:
    if distance_m > MAX_GROUND_DISTANCE_M:
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "That ground point is {distance:.0f} m away (at most {maximum:.0f} m): too far "
                "to be measured from one picture. Click closer to the camera, or triangulate "
                "from two pictures.",
            ).format(distance=distance_m, maximum=MAX_GROUND_DISTANCE_M)
        )
    return distance_m


def ground_point(
    lon: float,
    lat: float,
    bearing: float,
    pitch_deg: float,
    camera_height_m: float = 2.0,
    terrain: Optional[Terrain] = None,
    pitch_sigma_deg: float = DEFAULT_PITCH_SIGMA_DEG,
    height_sigma_m: float = DEFAULT_HEIGHT_SIGMA_M,
) -> GroundPoint:
    """The ground point clicked at ``bearing``/``pitch`` from a camera at ``(lon, lat)``.

    Flat ground without ``terrain``; else the first crossing of the ray with the terrain
    (the camera standing ``camera_height_m`` above the terrain under it). The error is the
    spread of the distance over the pitch's and the camera height's 1-sigma errors.
    """
    distance, ground = _distance(lon, lat, bearing, pitch_deg, camera_height_m, terrain)
    _checked_distance(distance)
    spread = []
    for dp, dh in ((pitch_sigma_deg, 0.0), (0.0, height_sigma_m)):
        if dp == 0.0 and dh == 0.0:
            continue
        ends = []
        for sign in (1.0, -1.0):
            try:
                ends.append(
                    _distance(
                        lon,
                        lat,
                        bearing,
                        pitch_deg + sign * dp,
                        camera_height_m + sign * dh,
                        terrain,
                    )[0]
                )
            except MeasureError:  # the ray misses the ground within reach that way
                ends.append(math.inf)
        finite = [e for e in ends if math.isfinite(e)]
        if len(finite) == 2:
            spread.append(abs(ends[0] - ends[1]) / 2.0)
        else:  # one side never meets the ground: at least the other side's gap, doubled
            spread.append(2.0 * max((abs(e - distance) for e in finite), default=distance))
    sigma = math.sqrt(sum(s * s for s in spread))
    point = destination(lon, lat, bearing % 360.0, distance)
    return GroundPoint(point[0], point[1], distance, sigma, ground, terrain is not None)


def _distance(lon, lat, bearing, pitch_deg, camera_height_m, terrain) -> tuple[float, float]:
    """``(horizontal distance, ground height relative to the camera's ground)``."""
    if terrain is None:
        return flat_ground_distance(pitch_deg, camera_height_m), 0.0
    _check_ground_pitch(pitch_deg)
    base = terrain(lon, lat)
    if base is None or not math.isfinite(base):
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "The terrain model does not cover the picture's place: choose another one.",
            )
        )
    eye = base + camera_height_m
    slope = math.tan(math.radians(pitch_deg))
    bearing %= 360.0

    def gap(s: float) -> float:
        """Ray height above the terrain ``s`` metres out (None off the model)."""
        x, y = destination(lon, lat, bearing, s)
        ground = terrain(x, y)
        if ground is None or not math.isfinite(ground):
            raise MeasureError(
                translate(
                    "PanoramaxCore",
                    "The terrain model ends before the ray meets the ground: choose a model "
                    "that covers the street, or measure on flat ground.",
                )
            )
        return eye + s * slope - ground

    previous, s = 0.0, TERRAIN_STEP_M
    while s <= MAX_GROUND_DISTANCE_M * 1.5:
        if gap(s) <= 0.0:
            low, high = previous, s
            for _ in range(30):
                middle = (low + high) / 2.0
                if gap(middle) > 0.0:
                    low = middle
                else:
                    high = middle
            distance = (low + high) / 2.0
            return distance, eye + distance * slope - base
        previous, s = s, s + TERRAIN_STEP_M
    raise MeasureError(
        translate(
            "PanoramaxCore",
            "The ray does not meet the ground within {maximum:.0f} m: click on the ground "
            "closer to the camera.",
        ).format(maximum=MAX_GROUND_DISTANCE_M)
    )


def object_height(
    lon: float,
    lat: float,
    bearing: float,
    foot_pitch_deg: float,
    top_pitch_deg: float,
    camera_height_m: float = 2.0,
    terrain: Optional[Terrain] = None,
    pitch_sigma_deg: float = DEFAULT_PITCH_SIGMA_DEG,
    height_sigma_m: float = DEFAULT_HEIGHT_SIGMA_M,
) -> ObjectHeight:
    """Height of an object from a click at its foot (on the ground) and one at its top."""
    if not math.isfinite(top_pitch_deg) or top_pitch_deg <= foot_pitch_deg:
        raise MeasureError(
            translate(
                "PanoramaxCore",
                "Click the object's top above its foot (the top was clicked lower).",
            )
        )
    if top_pitch_deg >= 89.0:
        raise MeasureError(
            translate(
                "PanoramaxCore", "The top is straight above the camera: it cannot be measured."
            )
        )

    def height(foot: float, top: float, cam: float) -> float:
        d, _ground = _distance(lon, lat, bearing, foot, cam, terrain)
        return d * (math.tan(math.radians(top)) - math.tan(math.radians(foot)))

    foot = ground_point(
        lon, lat, bearing, foot_pitch_deg, camera_height_m, terrain, pitch_sigma_deg, height_sigma_m
    )
    value = height(foot_pitch_deg, top_pitch_deg, camera_height_m)
    variance = 0.0
    for index, step in ((0, pitch_sigma_deg), (1, pitch_sigma_deg), (2, height_sigma_m)):
        if step <= 0.0:
            continue
        args = [foot_pitch_deg, top_pitch_deg, camera_height_m]
        high, low = list(args), list(args)
        high[index] += step
        low[index] -= step
        try:
            change = (height(*high) - height(*low)) / 2.0
        except MeasureError:  # the foot ray leaves the ground that way: one-sided
            change = 2.0 * abs(height(*low) - value)
        variance += change * change
    return ObjectHeight(value, math.sqrt(variance), foot)
