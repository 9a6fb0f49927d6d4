"""EXIF orientation of flat pictures: the stored pixel frame and the upright one.

A phone held upright often stores a landscape array of pixels with EXIF ``Orientation`` 6
("turn 90° clockwise to view"). The viewer shows pictures upright, but GeoVisio keeps the
stored frame: annotation shapes are checked against the stored width and height (measured
on GeoVisio 2.15.1: a box inside the upright frame but outside the stored one is refused
with HTTP 400), and ``field_of_view`` spans the stored width. This module converts between
the two frames; it has no Qt so the models, the viewer and the tests share it.

Orientations (EXIF 2.3): 1 as stored, 2 mirrored left-right, 3 turned 180°, 4 mirrored
top-bottom, 5 transposed, 6 turned 90° clockwise, 7 transversed, 8 turned 90°
counter-clockwise. Coordinates are pixel edges from the top-left corner (x right, y
down), so a whole picture ``(0, 0, w, h)`` maps onto a whole picture.
"""

from __future__ import annotations

import math

UPRIGHT = 1
TRANSPOSING = (5, 6, 7, 8)
"""Orientations that swap width and height."""


def parse_orientation(value) -> int:
    """The EXIF orientation 1-8 in ``value`` (a number, a numeric string, a one-item
    list); 1 for anything else, so an unreadable tag shows the picture as stored."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return UPRIGHT
    return number if 1 <= number <= 8 else UPRIGHT


def transposes(orientation: int) -> bool:
    return orientation in TRANSPOSING


def upright_size(size: tuple, orientation: int) -> tuple:
    """The (width, height) of a stored ``size`` once shown upright."""
    width, height = size
    return (height, width) if transposes(orientation) else (width, height)


def to_upright(x: float, y: float, size: tuple, orientation: int) -> tuple:
    """Stored-frame point ``(x, y)`` of a picture stored ``size`` (w, h) → upright frame."""
    width, height = size
    return {
        2: (width - x, y),
        3: (width - x, height - y),
        4: (x, height - y),
        5: (y, x),
        6: (height - y, x),
        7: (height - y, width - x),
        8: (y, width - x),
    }.get(orientation, (x, y))


INVERSE = {6: 8, 8: 6}
"""The orientation that undoes each one (every other one undoes itself)."""


def to_stored(x: float, y: float, size: tuple, orientation: int) -> tuple:
    """Upright-frame point ``(x, y)`` → the stored frame of a picture stored ``size``."""
    back = INVERSE.get(orientation, orientation)
    return to_upright(x, y, upright_size(size, orientation), back)


def points_to_upright(points, size: tuple, orientation: int) -> tuple:
    return tuple(to_upright(float(x), float(y), size, orientation) for x, y in points)


def box_of(points) -> tuple:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def box_to_stored(box, size: tuple, orientation: int) -> tuple:
    """An upright-frame box (minx, miny, maxx, maxy) as a stored-frame box."""
    corners = ((box[0], box[1]), (box[2], box[3]))
    return box_of([to_stored(x, y, size, orientation) for x, y in corners])


def box_to_upright(box, size: tuple, orientation: int) -> tuple:
    corners = ((box[0], box[1]), (box[2], box[3]))
    return box_of([to_upright(x, y, size, orientation) for x, y in corners])


def upright_field_of_view(field_of_view, size, orientation: int):
    """The horizontal field of view of the upright picture, from the one across the
    stored width: a transposed picture shows its stored height across (a 4:3 landscape
    array at 69° shown upright spans 54.5°). Unchanged when a value is missing."""
    if field_of_view is None or size is None or not transposes(orientation):
        return field_of_view
    width, height = size
    if not (0.0 < field_of_view < 180.0) or width <= 0 or height <= 0:
        return field_of_view
    half = math.tan(math.radians(field_of_view) / 2.0) * height / width
    return math.degrees(2.0 * math.atan(half))


def untagged_file_orientation(item_orientation: int, file_size, stored_size) -> int:
    """The orientation to give a file of the picture that has no EXIF orientation of its
    own: GeoVisio 2.15.1 makes thumbnails in the stored frame and drops the tag, so the
    item's applies, unless the file's shape is already the upright one (a server that
    turned it). A square picture, or no stored size, cannot tell: the item's applies."""
    if item_orientation == UPRIGHT or not transposes(item_orientation) or not stored_size:
        return item_orientation
    stored_w, stored_h = stored_size
    if stored_w == stored_h or file_size[0] == file_size[1]:
        return item_orientation
    already_turned = (file_size[0] > file_size[1]) != (stored_w > stored_h)
    return UPRIGHT if already_turned else item_orientation
