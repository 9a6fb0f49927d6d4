"""The per-frame work of the annotation layer in the 360° view, for all outlines at once
(numpy, no Qt): projection, splitting where an outline goes behind the camera, dashes.

:func:`project_units` is :func:`~..core.view_geometry.view_points` over an array: the same
operations in the same order on float64, so the same widget pixels to the last bit (the
unit tests compare them). The layer keeps every outline's unit vectors in one array (once
per picture) and projects them in one call per frame instead of one Python loop per point.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.camera import Camera
from ..core.view_geometry import _BEHIND, _focal

FAR_PX = 1e6
"""A projected point farther than this from the widget's origin breaks the outline, as
:func:`~..core.annotation_geometry.view_polylines` does (nearly behind the camera)."""


def project_units(camera: Camera, units: np.ndarray, width: int, height: int):
    """``(points, in_front)`` of unit vectors ``(right, up, forward)`` given as a 3×N
    array (one row per component): widget pixels (N×2; meaningless where ``in_front`` is
    False) and whether each is in front of the view plane
    (:func:`~..core.view_geometry.view_points` gives None there)."""
    y = math.radians(camera.yaw)
    cos_y, sin_y = math.cos(y), math.sin(y)
    p = math.radians(camera.pitch)
    cos_p, sin_p = math.cos(p), math.sin(p)
    focal = _focal(width, camera.hfov)
    right0, up, forward0 = units
    # the operations of view_points, in its order (in place where a temporary would do)
    right = right0 * cos_y
    right -= forward0 * sin_y
    forward = forward0 * cos_y
    forward += right0 * sin_y
    ray_z = forward * cos_p
    ray_z += up * sin_p
    ray_y = up * cos_p
    ray_y -= forward * sin_p
    in_front = ray_z > _BEHIND
    ray_z[~in_front] = 1.0  # no division by ~0 behind the camera
    points = np.empty((len(right), 2))
    x, y = points[:, 0], points[:, 1]
    np.multiply(right, focal, out=x)
    x /= ray_z
    x += width / 2.0
    np.multiply(ray_y, focal, out=y)
    y /= ray_z
    np.subtract(height / 2.0, y, out=y)
    return points, in_front


def drawable(points: np.ndarray, in_front: np.ndarray) -> np.ndarray:
    """Which projected outline points are drawn: in front and not absurdly far (the rule
    of :func:`~..core.annotation_geometry.view_polylines`)."""
    return in_front & (np.abs(points) <= FAR_PX).all(axis=1)


def joined(indices: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """For points ``indices`` (increasing) of outlines ``owners[indices]``: whether each
    point is joined to the next one (consecutive points of the same outline)."""
    return (np.diff(indices) == 1) & (owners[indices[1:]] == owners[indices[:-1]])


def dash_pieces(starts, ends, offsets, on: float, off: float) -> np.ndarray:
    """The dashed parts of segments ``starts[i] -> ends[i]`` (S×2 arrays) as point pairs
    (D×2×2). ``offsets[i]``: length of the polyline before segment ``i``, so the pattern
    (``on`` pixels drawn, ``off`` not) runs on along a polyline, across its vertices, and
    starts afresh on each polyline (as a dashed pen does)."""
    period = on + off
    delta = ends - starts
    lengths = np.hypot(delta[:, 0], delta[:, 1])
    first = np.floor(offsets / period)
    counts = (np.floor((offsets + lengths) / period) - first).astype(np.intp) + 1
    segment = np.repeat(np.arange(len(lengths)), counts)
    # the k-th period along the polyline of each (segment, period) pair
    period_start = (
        np.arange(len(segment)) - np.repeat(np.cumsum(counts) - counts, counts)
    ) + first[segment]
    period_start *= period
    base = offsets[segment]
    lo = np.maximum(base, period_start) - base
    hi = np.minimum(lengths[segment], period_start + on - base)
    visible = hi > lo  # never for a segment of length 0
    segment, lo, hi = segment[visible], lo[visible], hi[visible]
    scale = lengths[segment]
    origin, step = starts[segment], delta[segment] / scale[:, None]
    return np.stack((origin + step * lo[:, None], origin + step * hi[:, None]), axis=1)


def run_offsets(lengths: np.ndarray, first_of_run: np.ndarray) -> np.ndarray:
    """Length of its polyline before each segment, given the segments' ``lengths`` in
    order and whether each begins a polyline (``first_of_run``)."""
    before = np.cumsum(lengths) - lengths
    run_id = np.cumsum(first_of_run) - 1
    return before - before[first_of_run][run_id]
