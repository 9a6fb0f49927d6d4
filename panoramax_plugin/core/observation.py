"""What a measure puts into the user's layer: a place seen in pictures, and how it was found.

A measure in the viewer (a triangulation of two or more rays, a single-picture ground
distance or height, or a lone ray) ends as one :class:`Observation`. The QGIS side writes it
into the user's own point (or line) layer; Processing reuses the same record. Pure Python.

Field names are short (at most 10 characters: a shapefile keeps no more) and stable: a
layer that has a field of one of these names gets it filled, whatever else it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from .i18n import QT_TRANSLATE_NOOP

METHOD_TRIANGULATED = "triangulated"
METHOD_SINGLE = "single picture"
METHOD_RAY = "ray"
METHODS = (METHOD_TRIANGULATED, METHOD_SINGLE, METHOD_RAY)


@dataclass(frozen=True)
class KnownField:
    """A field the plugin fills: its name, its type ("string", "double", "datetime") and
    what it holds (shown when the plugin offers to add it; English, to be translated with
    ``translate("PanoramaxCore", description)``)."""

    name: str
    kind: str
    description: str


KNOWN_FIELDS: tuple = (
    KnownField(
        "pnx_method",
        "string",
        QT_TRANSLATE_NOOP("PanoramaxCore", "How it was found: triangulated, single picture, ray"),
    ),
    KnownField(
        "pnx_pics",
        "string",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Panoramax picture ids, comma-separated"),
    ),
    KnownField(
        "pnx_inst",
        "string",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Panoramax instance (API URL) of the pictures"),
    ),
    KnownField(
        "pnx_yaws",
        "string",
        QT_TRANSLATE_NOOP(
            "PanoramaxCore", "Bearing of each ray from north, degrees, comma-separated"
        ),
    ),
    KnownField(
        "pnx_pitch",
        "string",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Pitch of each ray above the horizon, degrees"),
    ),
    KnownField(
        "pnx_date",
        "datetime",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Capture date of the (first) picture"),
    ),
    KnownField(
        "pnx_cross",
        "double",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Crossing angle of the rays, degrees"),
    ),
    KnownField(
        "pnx_unc_m",
        "double",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Uncertainty of the position, metres (95 %)"),
    ),
    KnownField(
        "pnx_height",
        "double",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Height above the ground, metres"),
    ),
    KnownField(
        "pnx_dist_m",
        "double",
        QT_TRANSLATE_NOOP("PanoramaxCore", "Distance from the (nearest) camera, metres"),
    ),
)
"""Every field the plugin knows, in the order it offers to add them."""


def _joined(values: Sequence[float], digits: int = 2) -> str:
    return ",".join(f"{value:.{digits}f}" for value in values)


@dataclass(frozen=True)
class Observation:
    """A place found from pictures (WGS84), ready for a layer.

    ``lon``/``lat``: the point found (for a ray: its camera end). ``line``: for a ray, the
    ray on the ground as ``((lon, lat), (lon, lat))`` from the camera outward; None else.
    ``bearings`` / ``pitches``: of each ray, degrees (bearing from north, pitch above the
    horizon), in the order of ``picture_ids``.
    """

    method: str
    lon: float
    lat: float
    picture_ids: tuple = ()
    instance: str = ""
    bearings: tuple = ()
    pitches: tuple = ()
    captured_at: Optional[datetime] = None
    crossing_angle_deg: Optional[float] = None
    uncertainty_m: Optional[float] = None
    height_m: Optional[float] = None
    distance_m: Optional[float] = None
    line: Optional[tuple] = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown method: {self.method!r}")
        if self.method == METHOD_RAY and self.line is None:
            raise ValueError("a ray observation needs its line")

    def values(self) -> dict:
        """Field name -> value for every :data:`KNOWN_FIELDS` entry (None: unknown)."""
        return {
            "pnx_method": self.method,
            "pnx_pics": ",".join(self.picture_ids),
            "pnx_inst": self.instance,
            "pnx_yaws": _joined(self.bearings),
            "pnx_pitch": _joined(self.pitches),
            "pnx_date": self.captured_at,
            "pnx_cross": _rounded(self.crossing_angle_deg, 2),
            "pnx_unc_m": _rounded(self.uncertainty_m, 3),
            "pnx_height": _rounded(self.height_m, 3),
            "pnx_dist_m": _rounded(self.distance_m, 3),
        }


def _rounded(value: Optional[float], digits: int) -> Optional[float]:
    return None if value is None else round(float(value), digits)


# --- from the measures ------------------------------------------------------------------


def _first_date(rays) -> Optional[datetime]:
    dates = [ray.captured_at for ray in rays if ray.captured_at is not None]
    return min(dates) if dates else None


def from_triangulation(result, instance: str = "") -> Observation:
    """The point of a :class:`~.triangulation.Triangulation`."""
    rays = result.rays
    return Observation(
        method=METHOD_TRIANGULATED,
        lon=result.lon,
        lat=result.lat,
        picture_ids=tuple(ray.picture_id for ray in rays),
        instance=instance,
        bearings=tuple(ray.bearing % 360.0 for ray in rays),
        pitches=tuple(ray.pitch for ray in rays),
        captured_at=_first_date(rays),
        crossing_angle_deg=result.crossing_angle_deg,
        uncertainty_m=result.uncertainty_m,
        height_m=result.height_m,
        distance_m=min(result.distances_m) if result.distances_m else None,
    )


def from_ground_point(
    point, ray, instance: str = "", height_m: Optional[float] = None
) -> Observation:
    """A single-picture ground point (:class:`~.single_measure.GroundPoint`) seen along
    ``ray``; ``height_m``: the object's height when it was measured too. The uncertainty
    is the 95 % figure of the distance's 1-sigma error (along the ray)."""
    return Observation(
        method=METHOD_SINGLE,
        lon=point.lon,
        lat=point.lat,
        picture_ids=(ray.picture_id,),
        instance=instance,
        bearings=(ray.bearing % 360.0,),
        pitches=(ray.pitch,),
        captured_at=ray.captured_at,
        uncertainty_m=1.96 * point.sigma_m,
        height_m=height_m,
        distance_m=point.distance_m,
    )


def from_ray(ray, length_m: float, instance: str = "") -> Observation:
    """A lone ray (no second picture yet), ``length_m`` long on the ground."""
    end = ray.point_at(length_m)
    return Observation(
        method=METHOD_RAY,
        lon=ray.lon,
        lat=ray.lat,
        picture_ids=(ray.picture_id,),
        instance=instance,
        bearings=(ray.bearing % 360.0,),
        pitches=(ray.pitch,),
        captured_at=ray.captured_at,
        line=((ray.lon, ray.lat), end),
    )
