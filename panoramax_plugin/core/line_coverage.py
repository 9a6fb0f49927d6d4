"""Which parts of lines lie within some distance of picture points (pure geometry).

Used by the *Coverage along lines* algorithm: the caller projects lines and pictures
into one metric plane (metres), and this module says, per line, which stretches are
covered (within ``distance`` of a picture) and which are not, exactly: the covered
part of a segment near a point is the segment's chord through the disk around the
point, so no densifying and no sampling error.

Also here: cutting long lines into pieces and grouping nearby pieces (by their WGS84
boxes) so that one picture search serves many lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON_EQUATOR = 111_320.0
GROUP_MAX_EXTENT_M = 5_000.0
"""A group of lines searched at once spans at most this much (east-west and north-south)."""
GROUP_SPARSE_FACTOR = 4.0
"""A group is split when its halves cover less than 1/this of its box (clusters apart)."""
GROUP_SPARSE_MIN_M = 1_000.0
"""Groups smaller than this are never split for sparseness (one search is cheap)."""
PIECE_MAX_M = 2_000.0
"""Lines longer than this are cut into pieces, grouped (and searched) separately."""
EPSILON_M = 1e-9


# --- planar polylines --------------------------------------------------------------------
def polyline_length(points) -> float:
    """Length of a planar polyline [(x, y), ...]."""
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:]))


def _cumulative(points) -> list:
    total, out = 0.0, [0.0]
    for a, b in zip(points, points[1:]):
        total += math.hypot(b[0] - a[0], b[1] - a[1])
        out.append(total)
    return out


def sub_polyline(points, start: float, end: float, cumulative=None) -> list:
    """The stretch of a planar polyline between two distances along it."""
    cumulative = cumulative or _cumulative(points)
    total = cumulative[-1]
    start, end = max(0.0, start), min(total, end)
    if end <= start or len(points) < 2:
        return []

    def at(distance):
        for i in range(1, len(points)):
            if cumulative[i] >= distance or i == len(points) - 1:
                length = cumulative[i] - cumulative[i - 1]
                t = 0.0 if length <= 0 else (distance - cumulative[i - 1]) / length
                t = min(1.0, max(0.0, t))
                a, b = points[i - 1], points[i]
                return i, (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
        return len(points) - 1, tuple(points[-1])

    first_index, first = at(start)
    last_index, last = at(end)
    out = [first]
    out.extend(tuple(p) for p in points[first_index:last_index])
    out.append(last)
    # drop repeated vertices (a cut exactly on a vertex)
    clean = [out[0]]
    for p in out[1:]:
        if p != clean[-1]:
            clean.append(p)
    return clean if len(clean) >= 2 else []


def cut_polyline(points, max_length: float = PIECE_MAX_M) -> list:
    """Pieces of at most ``max_length`` (the last may be shorter), end to end."""
    points = [tuple(p) for p in points]
    total = polyline_length(points)
    if total <= max_length or len(points) < 2:
        return [points]
    count = math.ceil(total / max_length)
    step = total / count
    cumulative = _cumulative(points)
    pieces = []
    for i in range(count):
        end = (i + 1) * step if i < count - 1 else total
        piece = sub_polyline(points, i * step, end, cumulative)
        if piece:
            pieces.append(piece)
    return pieces


def merge_intervals(intervals) -> list:
    """Sorted, non-overlapping (start, end) intervals covering the same stretches."""
    merged: list = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1] + EPSILON_M:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def complement(intervals, total: float) -> list:
    """What ``[0, total]`` holds outside the merged ``intervals``."""
    gaps, position = [], 0.0
    for start, end in intervals:
        if start > position + EPSILON_M:
            gaps.append((position, min(start, total)))
        position = max(position, end)
    if total > position + EPSILON_M:
        gaps.append((position, total))
    return gaps


# --- points ------------------------------------------------------------------------------
class PointGrid:
    """Planar points in square cells of ``cell`` metres, for "which points are near"."""

    def __init__(self, points, cell: float):
        self.cell = max(float(cell), 1e-6)
        self.cells: dict = {}
        for x, y in points:
            key = (math.floor(x / self.cell), math.floor(y / self.cell))
            self.cells.setdefault(key, []).append((x, y))

    def __len__(self) -> int:
        return sum(len(v) for v in self.cells.values())

    def near_box(self, west, south, east, north):
        """The points of every cell the box touches (a superset of those inside)."""
        c = self.cell
        x0, x1 = math.floor(west / c), math.floor(east / c)
        y0, y1 = math.floor(south / c), math.floor(north / c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * len(self.cells):  # a huge box: scan the cells
            for (cx, cy), points in self.cells.items():
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    yield from points
            return
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                yield from self.cells.get((cx, cy), ())


def _chord(ax, ay, ux, uy, length, px, py, r2):
    """Distances along a segment (start ``a``, unit direction ``u``) within sqrt(r2) of p."""
    dx, dy = px - ax, py - ay
    t = dx * ux + dy * uy
    d2 = dx * dx + dy * dy - t * t
    if d2 > r2:
        return None
    h = math.sqrt(max(0.0, r2 - d2))
    start, end = max(0.0, t - h), min(length, t + h)
    return (start, end) if end > start else None


def covered_intervals(points, grid: PointGrid, distance: float) -> list:
    """Merged distances along a planar polyline lying within ``distance`` of a grid point."""
    r2 = distance * distance
    found = []
    offset = 0.0
    chunk = max(grid.cell * 8, distance)
    for a, b in zip(points, points[1:]):
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        if length <= 0:
            continue
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        # a long segment asks the grid chunk by chunk (a diagonal's box would be huge)
        steps = max(1, math.ceil(length / chunk))
        seen: set = set()
        for step in range(steps):
            s0, s1 = length * step / steps, length * (step + 1) / steps
            x0, y0 = a[0] + ux * s0, a[1] + uy * s0
            x1, y1 = a[0] + ux * s1, a[1] + uy * s1
            for point in grid.near_box(
                min(x0, x1) - distance,
                min(y0, y1) - distance,
                max(x0, x1) + distance,
                max(y0, y1) + distance,
            ):
                if point in seen:
                    continue
                seen.add(point)
                chord = _chord(a[0], a[1], ux, uy, length, point[0], point[1], r2)
                if chord is not None:
                    found.append((offset + chord[0], offset + chord[1]))
        offset += length
    return merge_intervals(found)


@dataclass
class LineCoverage:
    """One polyline's lengths (metres) and its stretches farther than the distance."""

    length: float = 0.0
    covered: float = 0.0
    uncovered_parts: list = field(default_factory=list)  # planar polylines

    @property
    def uncovered(self) -> float:
        return max(0.0, self.length - self.covered)


def line_coverage(points, grid: PointGrid, distance: float) -> LineCoverage:
    """Covered length and uncovered stretches of one planar polyline."""
    points = [tuple(p) for p in points]
    cumulative = _cumulative(points)
    total = cumulative[-1]
    covered = covered_intervals(points, grid, distance)
    parts = [sub_polyline(points, s, e, cumulative) for s, e in complement(covered, total)]
    return LineCoverage(
        length=total,
        covered=min(total, sum(e - s for s, e in covered)),
        uncovered_parts=[p for p in parts if p],
    )


# --- grouping (WGS84 boxes) --------------------------------------------------------------
def box_size_m(box) -> tuple:
    """Approximate (width, height) in metres of a (west, south, east, north) WGS84 box."""
    west, south, east, north = box
    lat = math.radians((south + north) / 2.0)
    width = (east - west) * METRES_PER_DEGREE_LON_EQUATOR * max(math.cos(lat), 1e-6)
    return width, (north - south) * METRES_PER_DEGREE_LAT


def expand_box(box, margin_m: float) -> tuple:
    """A WGS84 box grown by at least ``margin_m`` on every side."""
    west, south, east, north = box
    lat = math.radians(max(abs(south), abs(north)))
    dlat = margin_m / METRES_PER_DEGREE_LAT * 1.01
    dlon = margin_m / (METRES_PER_DEGREE_LON_EQUATOR * max(math.cos(lat), 1e-6)) * 1.01
    return (
        max(-180.0, west - dlon),
        max(-90.0, south - dlat),
        min(180.0, east + dlon),
        min(90.0, north + dlat),
    )


def union_box(boxes) -> tuple:
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _area_m2(box) -> float:
    width, height = box_size_m(box)
    return max(width, 1.0) * max(height, 1.0)


def _halves(members, boxes, union, axis) -> tuple:
    """Members split at the middle of the union box along ``axis`` (by their centres); at
    the median when one side would be empty."""
    middle = union[axis] + union[axis + 2]  # twice the middle, like the centres below
    low = [i for i in members if boxes[i][axis] + boxes[i][axis + 2] < middle]
    high = [i for i in members if boxes[i][axis] + boxes[i][axis + 2] >= middle]
    if not low or not high:
        ordered = sorted(members, key=lambda i: boxes[i][axis] + boxes[i][axis + 2])
        half = len(ordered) // 2
        low, high = ordered[:half], ordered[half:]
    return low, high


def group_boxes(
    boxes,
    max_extent_m: float = GROUP_MAX_EXTENT_M,
    sparse_factor: float = GROUP_SPARSE_FACTOR,
    sparse_min_m: float = GROUP_SPARSE_MIN_M,
) -> list:
    """Indexes of ``boxes`` (WGS84) in groups, each to be searched as one box.

    A group is split in two (at the middle of its longer side) while it spans more than
    ``max_extent_m``, or when the two halves' boxes together cover less than
    1/``sparse_factor`` of the group's box (clusters apart: searching the space between
    them would be wasted; above ``sparse_min_m`` only). Every box ends in exactly one
    group; a lone box is a group whatever its size.
    """
    boxes = list(boxes)
    if not boxes:
        return []
    groups, stack = [], [list(range(len(boxes)))]
    while stack:
        members = stack.pop()
        union = union_box(boxes[i] for i in members)
        width, height = box_size_m(union)
        if len(members) > 1:
            low, high = _halves(members, boxes, union, 0 if width >= height else 1)
            split = width > max_extent_m or height > max_extent_m
            if not split and max(width, height) > sparse_min_m:
                parts = _area_m2(union_box(boxes[i] for i in low)) + _area_m2(
                    union_box(boxes[i] for i in high)
                )
                split = parts * sparse_factor < _area_m2(union)
            if split:
                stack.append(high)
                stack.append(low)
                continue
        groups.append(members)
    return groups
