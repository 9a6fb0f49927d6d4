"""Where a picture's annotations show in the viewer, and the box a user drags. Pure Python.

Annotation shapes are polygons in *source-picture pixels*: continuous coordinates from the
picture's **top-left corner**, x to the right, y down, over the full-size picture (the
item's ``pers:interior_orientation.sensor_array_dimensions``), whatever file the viewer
shows (thumb, sd or hd: scale them). Checked against the local GeoVisio 2.15.1 by
``tests/integration/test_viewer_annotations.py``: a box posted around a square painted at
known pixels of a flat and of a 360° picture comes back unchanged (as a GeoJSON ring
``[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]``) and the plugin,
reading it from the top-left corner, draws it over the painted square (rendered pixels
sampled). Nothing in the API flips y: counting from the bottom-left would put the box
at ``height - y``, away from the square.

In a 360° (equirectangular) picture, column ``width / 2`` faces the picture's heading
and row 0 is straight up (see :func:`~.view_geometry.equirect_pixel`); a box's vertical
edges are meridians (great circles: straight in the pinhole view), its horizontal edges
parallels (curved in the view), so those are divided every few degrees. A box crossing
the picture's left/right seam has ``maxx > width`` or ``minx < 0`` when unwrapped; the API
takes only boxes within the picture, so :func:`view_rect_to_equirect_box` keeps the larger
side of a box drawn across the seam.

The per-frame projection is :func:`~.view_geometry.view_point` (the renderer's own
model), shared with the map cone, the overlays and measuring.
"""

from __future__ import annotations

import math
from typing import Optional

from .camera import Camera
from .view_geometry import (
    equirect_direction,
    equirect_pixel,
    view_direction,
    view_point,
    view_points,
)

EDGE_STEP_DEG = 3.0
"""A horizontal (parallel) edge of a 360° box is divided at most this many degrees apart:
at a 90° field of view the chord is then within a pixel or two of the true curve."""
RECT_SAMPLES = 24
"""Points taken along each side of a rectangle dragged in the 360° view."""


# --- flat pictures -----------------------------------------------------------------------


def flat_view_points(polygon, scale: float, zoom: float, offset_x: float, offset_y: float):
    """Widget points of a source-pixel polygon in the flat view.

    ``scale``: shown-image pixels per source pixel (shown width / source width); the view
    draws ``widget = offset + image * zoom``."""
    factor = scale * zoom
    return [(offset_x + x * factor, offset_y + y * factor) for x, y in polygon]


def flat_source_point(x: float, y: float, scale: float, zoom: float, ox: float, oy: float):
    """Source pixel under widget point ``(x, y)`` of the flat view (inverse of the above)."""
    factor = scale * zoom
    return (x - ox) / factor, (y - oy) / factor


def view_rect_to_flat_box(rect, scale, zoom, offset_x, offset_y, width, height) -> tuple:
    """Source-pixel box ``(minx, miny, maxx, maxy)`` of a widget rectangle
    ``(x0, y0, x1, y1)`` dragged over the flat view, cut to the ``width`` × ``height``
    picture (empty when it misses it)."""
    x0, y0 = flat_source_point(rect[0], rect[1], scale, zoom, offset_x, offset_y)
    x1, y1 = flat_source_point(rect[2], rect[3], scale, zoom, offset_x, offset_y)
    return _clipped((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), width, height)


def _clipped(box, width, height) -> tuple:
    minx, miny, maxx, maxy = box
    minx, maxx = min(max(minx, 0.0), width), min(max(maxx, 0.0), width)
    miny, maxy = min(max(miny, 0.0), height), min(max(maxy, 0.0), height)
    return (minx, miny, maxx, maxy)


# --- 360° pictures -----------------------------------------------------------------------


def unwrapped_columns(polygon, width: float) -> list:
    """The polygon's points with x unwrapped across the seam: each x within half a
    picture of the previous one (a ring drawn across the left/right edge stays whole)."""
    points = []
    previous = None
    for x, y in polygon:
        if previous is not None:
            while x - previous > width / 2.0:
                x -= width
            while previous - x > width / 2.0:
                x += width
        points.append((x, y))
        previous = x
    return points


def pano_outline_directions(polygon, width: int, height: int, step_deg: float = EDGE_STEP_DEG):
    """Picture-relative ``(yaw, pitch)`` points along a source-pixel polygon of an
    equirectangular ``width`` × ``height`` picture, closed, every edge divided so that no
    two points are more than ``step_deg`` apart in yaw or pitch (a box: the horizontal
    edges are divided, the vertical ones are straight in the view anyway)."""
    points = unwrapped_columns(polygon, width)
    if len(points) < 2:
        return []
    if points[0] != points[-1]:
        points.append(points[0])
    px_per_deg_x, px_per_deg_y = width / 360.0, height / 180.0
    directions = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        span = max(abs(x1 - x0) / px_per_deg_x, abs(y1 - y0) / px_per_deg_y)
        parts = max(1, int(math.ceil(span / step_deg))) if abs(x1 - x0) > 1e-9 else 1
        for index in range(parts):
            t = index / parts
            directions.append(
                equirect_direction(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width, height)
            )
    directions.append(directions[0])
    return directions


def pano_label_direction(polygon, width: int, height: int) -> tuple:
    """(yaw, pitch) of a box's top-left corner, where its label goes."""
    points = unwrapped_columns(polygon, width)
    minx = min(x for x, _ in points)
    miny = min(y for _, y in points)
    return equirect_direction(minx, miny, width, height)


def direction_units(directions) -> list:
    """Unit vectors ``(right, up, forward)`` of picture-relative ``(yaw, pitch)`` points, for
    :func:`view_polylines` (once per picture)."""
    units = []
    for yaw, pitch in directions:
        lon, lat = math.radians(yaw), math.radians(pitch)
        cos_lat = math.cos(lat)
        units.append((cos_lat * math.sin(lon), math.sin(lat), cos_lat * math.cos(lon)))
    return units


def view_polylines(units, camera: Camera, width: int, height: int) -> list:
    """The outline in widget pixels for a 360° view: one or more polylines (split where
    the outline goes behind the camera; what is off the widget is left to the painter's
    clipping). ``units``: :func:`direction_units` of the outline's directions."""
    lines, current = [], []
    for point in view_points(camera, units, width, height):
        if point is None or abs(point[0]) > 1e6 or abs(point[1]) > 1e6:
            if len(current) > 1:
                lines.append(current)
            current = []
            continue
        current.append(point)
    if len(current) > 1:
        lines.append(current)
    return lines


def contains(polygon, x: float, y: float) -> bool:
    """Whether ``(x, y)`` is inside ``polygon`` (even-odd rule)."""
    inside = False
    count = len(polygon)
    for index in range(count):
        x0, y0 = polygon[index]
        x1, y1 = polygon[index - 1]
        if (y0 > y) != (y1 > y):
            cross = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if x < cross:
                inside = not inside
    return inside


def contains_wrapped(polygon, x: float, y: float, width: float) -> bool:
    """:func:`contains` for an equirectangular polygon that may cross the seam."""
    points = unwrapped_columns(polygon, width)
    return any(contains(points, x + shift, y) for shift in (0.0, width, -width))


def pano_source_point(camera: Camera, x: float, y: float, view_w, view_h, width, height):
    """Source pixel ``(col, row)`` of an equirectangular ``width`` × ``height`` picture
    seen at widget pixel ``(x, y)`` of a 360° view."""
    yaw, pitch = view_direction(camera, x, y, view_w, view_h)
    return equirect_pixel(yaw, pitch, width, height)


def _sides(rect, samples: int):
    x0, y0, x1, y1 = rect
    for index in range(samples + 1):
        t = index / samples
        yield x0 + (x1 - x0) * t, y0
        yield x1, y0 + (y1 - y0) * t
        yield x1 + (x0 - x1) * t, y1
        yield x0, y1 + (y0 - y1) * t


def view_rect_to_equirect_box(
    camera: Camera,
    rect,
    view_w: int,
    view_h: int,
    width: int,
    height: int,
    samples: int = RECT_SAMPLES,
) -> tuple:
    """Source-pixel box of a widget rectangle ``(x0, y0, x1, y1)`` dragged in a 360° view
    of an equirectangular ``width`` × ``height`` picture.

    Points along the rectangle's sides are turned back into source pixels and their
    bounding box taken (a side of the view's rectangle is curved in the picture). A
    rectangle holding a pole takes every column from that pole down or up. Across the
    seam, the side of the seam holding more of the box is kept (the API takes only boxes
    within the picture)."""
    x0, y0, x1, y1 = (
        min(rect[0], rect[2]),
        min(rect[1], rect[3]),
        max(rect[0], rect[2]),
        max(rect[1], rect[3]),
    )
    columns, rows = [], []
    previous = None
    for x, y in _sides((x0, y0, x1, y1), samples):
        col, row = pano_source_point(camera, x, y, view_w, view_h, width, height)
        if previous is not None:
            while col - previous > width / 2.0:
                col -= width
            while previous - col > width / 2.0:
                col += width
        columns.append(col)
        rows.append(row)
        previous = col
    miny, maxy = min(rows), max(rows)
    minx, maxx = min(columns), max(columns)
    for pitch, edge in ((90.0, 0.0), (-90.0, float(height))):
        pole = _pole_point(camera, pitch, view_w, view_h)
        if pole is not None and x0 <= pole[0] <= x1 and y0 <= pole[1] <= y1:
            minx, maxx = 0.0, float(width)
            miny, maxy = min(miny, edge), max(maxy, edge)
    if maxx - minx >= width:
        minx, maxx = 0.0, float(width)
    else:
        shift = math.floor(((minx + maxx) / 2.0) / width) * width
        minx, maxx = minx - shift, maxx - shift  # centre within [0, width)
        if maxx > width:  # across the right edge: keep the larger part
            minx, maxx = (
                (minx, float(width)) if width - minx >= maxx - width else (0.0, maxx - width)
            )
        elif minx < 0:
            minx, maxx = (0.0, maxx) if maxx >= -minx else (minx + width, float(width))
    return _clipped((minx, miny, maxx, maxy), width, height)


def _pole_point(camera: Camera, pitch: float, view_w: int, view_h: int) -> Optional[tuple]:
    return view_point(camera, camera.yaw, pitch, view_w, view_h)


def box_polygon(box) -> tuple:
    """The closed ring of a ``(minx, miny, maxx, maxy)`` box."""
    minx, miny, maxx, maxy = box
    return ((minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy), (minx, miny))
