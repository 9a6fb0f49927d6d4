"""Geometry maths the core needs: distances, bearings, bbox splitting, sequence lines.

Pure Python except ``sequence_line``, which builds a shapely geometry.
"""

from __future__ import annotations

import math

from .errors import MissingDependencyError
from .i18n import translate

EARTH_RADIUS_M = 6_371_008.8


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north, [0, 360)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlmb = math.radians(lon2 - lon1)
    x = math.sin(dlmb) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlmb)
    return math.degrees(math.atan2(x, y)) % 360.0


def split_bbox(bbox) -> list:
    """The four quadrants of a (west, south, east, north) box, for capped searches."""
    west, south, east, north = bbox
    mid_x, mid_y = (west + east) / 2.0, (south + north) / 2.0
    return [
        (west, south, mid_x, mid_y),
        (mid_x, south, east, mid_y),
        (west, mid_y, mid_x, north),
        (mid_x, mid_y, east, north),
    ]


def sequence_line(pictures):
    """A shapely LineString through the pictures in rank order (a Point if only one)."""
    try:
        from shapely.geometry import LineString, Point
    except ImportError as exc:
        raise MissingDependencyError(
            "shapely", translate("PanoramaxCore", "sequence geometry")
        ) from exc
    ordered = sorted(pictures, key=lambda p: (p.rank is None, p.rank or 0))
    coords = [(p.lon, p.lat) for p in ordered]
    if len(coords) == 1:
        return Point(coords[0])
    return LineString(coords)


def line_length_m(coords) -> float:
    """Length in metres of a lon/lat polyline."""
    return sum(distance_m(*a, *b) for a, b in zip(coords, coords[1:]))


def view_cone(x: float, y: float, bearing: float, fov: float, radius: float, steps: int = 12):
    """Polygon (list of (x, y)) of a view cone in a plane whose +y points north.

    ``bearing`` is the view direction in degrees clockwise from north and ``fov``
    the angular width; the apex is the picture position. Used for the map cone
    (in the map's projected CRS).
    """
    fov = max(1.0, min(float(fov), 359.0))
    start = bearing - fov / 2.0
    points = [(x, y)]
    for index in range(steps + 1):
        angle = math.radians(start + fov * index / steps)
        points.append((x + radius * math.sin(angle), y + radius * math.cos(angle)))
    points.append((x, y))
    return points
