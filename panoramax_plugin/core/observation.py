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

METHOD_TRIANGULATED = "triangulated"
METHOD_SINGLE = "single picture"
METHOD_RAY = "ray"
METHODS = (METHOD_TRIANGULATED, METHOD_SINGLE, METHOD_RAY)


@dataclass(frozen=True)
class KnownField:
    """A field the plugin fills: its name, its type ("string", "double", "datetime") and
    what it holds (shown when the plugin offers to add it)."""

    name: str
    kind: str
    description: str


KNOWN_FIELDS: tuple = (
    KnownField(
        "pnx_method", "string", "How the place was found: triangulated, single picture, ray"
    ),
    KnownField("pnx_pics", "string", "Panoramax picture ids, comma-separated"),
    KnownField("pnx_inst", "string", "Panoramax instance (API URL) of the pictures"),
    KnownField("pnx_yaws", "string", "Bearing of each ray from north, degrees, comma-separated"),
    KnownField("pnx_pitch", "string", "Pitch of each ray above the horizon, degrees"),
    KnownField("pnx_date", "datetime", "Capture date of the (first) picture"),
    KnownField("pnx_cross", "double", "Crossing angle of the rays, degrees"),
    KnownField("pnx_unc_m", "double", "Uncertainty of the position, metres (95 %)"),
    KnownField("pnx_height", "double", "Height above the ground, metres"),
    KnownField("pnx_dist_m", "double", "Distance from the (nearest) camera, metres"),
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
