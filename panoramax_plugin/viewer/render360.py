"""Pure-numpy renderer of equirectangular (360°) pictures: no Qt, no QGIS, testable alone.

Pixels are packed RGB32 (``0xAARRGGBB`` in a ``uint32``, what a ``QImage.Format_RGB32``
holds), so moving one pixel is moving one array element. The caller wraps a ``QImage``'s
bits in a numpy array without copying, builds an :class:`EquirectRenderer` from it, and wraps
the frames that :meth:`EquirectRenderer.render` returns in a ``QImage`` to paint them.

Geometry (pinhole camera looking into the sphere):

* ray of output pixel ``(i, j)``: ``x = (i + 0.5 - width / 2) / f`` (right),
  ``y = (height / 2 - j - 0.5) / f`` (up), ``z = 1`` (forward), with the focal length
  ``f = (width / 2) / tan(hfov / 2)``; the vertical field of view follows from the aspect;
* pitch rotates the ray about the x axis, then longitude ``atan2(x, z)`` and latitude
  ``asin(y / |ray|)`` give the source position: column ``W / 2 + (lon + yaw) / 360° * W``,
  row ``H / 2 - lat / 180° * H`` (pixel ``c`` covers ``[c, c + 1)``).

Speed (the viewer redraws on every mouse move):

* the rays are cached per ``(width, height, hfov)``; the source index table per
  ``(width, height, hfov, pitch, level)`` (a few recent ones are kept);
* the source is stored twice side by side (a ``2W + 1`` wide pre-wrapped copy), so a yaw change
  is a pointer shift: the table built for yaw 0 is applied to the flat source starting at
  ``round(yaw / 360 * W)``, one ``np.take`` into the output buffer, no arithmetic;
* the tables are mirror-symmetric left/right, so only half of the trigonometry is done;
* when an output pixel covers two source pixels or more, a 2x-downscaled copy (a "mip",
  built on first need) is sampled instead: less aliasing, smaller gather.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Optional

import numpy as np

from ..core.camera import MAX_HFOV, MAX_PITCH, MIN_HFOV, Camera, wrap_yaw
from .rgb32 import (
    BLOCK_PIXELS,
    OPAQUE,
    _bilinear_block,
    _Scratch,
    bilinear,
    downscale2,
    pack_rgb,
    unpack_rgb,
)

_TWO_PI = 2.0 * math.pi

# names callers import from here, defined next door
__all__ = [
    "MAX_HFOV",
    "MAX_PITCH",
    "MIN_HFOV",
    "OPAQUE",
    "Camera",
    "EquirectRenderer",
    "bilinear",
    "downscale2",
    "pack_rgb",
    "unpack_rgb",
    "wrap_yaw",
]

POOL_BYTES = 32 * 1024 * 1024
"""Spare scratch / table memory a renderer keeps for reuse (see ``_Pool``)."""
# --- renderer -----------------------------------------------------------------------------


class _Level:
    """One resolution of the source, stored pre-wrapped: ``[picture | picture | column 0]``.

    Columns ``[0, 2W]`` hold column ``c mod W``: a view's columns (``[0, W]`` at yaw 0)
    shifted by the yaw (``[0, W)``), plus the right neighbours of bilinear sampling, need no
    modulo.
    """

    __slots__ = ("flat", "height", "stride", "width", "wrapped")

    def __init__(self, pixels: np.ndarray) -> None:
        self.height, self.width = pixels.shape
        self.stride = 2 * self.width + 1
        self.wrapped = np.empty((self.height, self.stride), dtype=np.uint32)
        self.wrapped[:, : self.width] = pixels
        self.wrapped[:, self.width : 2 * self.width] = pixels
        self.wrapped[:, 2 * self.width] = pixels[:, 0]
        self.flat = self.wrapped.reshape(-1)

    @property
    def picture(self) -> np.ndarray:
        return self.wrapped[:, : self.width]


class _Rays:
    """Camera rays for one (width, height, hfov), right half only (the left one mirrors it)."""

    __slots__ = ("inv_norm", "xs", "ys")

    def __init__(self, width: int, height: int, hfov: float) -> None:
        focal = (width / 2.0) / math.tan(math.radians(hfov) / 2.0)
        columns = np.arange(width // 2, width, dtype=np.float64)
        rows = np.arange(height, dtype=np.float64)
        xs = (columns + 0.5 - width / 2.0) / focal
        ys = (height / 2.0 - rows - 0.5) / focal
        self.xs = xs.astype(np.float32)[np.newaxis, :]
        self.ys = ys.astype(np.float32)[:, np.newaxis]
        inv_norm = np.add(np.square(self.xs), np.square(self.ys) + np.float32(1.0))
        np.sqrt(inv_norm, out=inv_norm)
        self.inv_norm = np.divide(np.float32(1.0), inv_norm, out=inv_norm)


class _Pool:
    """Spare arrays by (shape, dtype): the arrays of an evicted view serve the next one.

    Fresh multi-megabyte arrays cost page faults (measured: more than the arithmetic).
    """

    def __init__(self, limit_bytes: int) -> None:
        self._limit = limit_bytes
        self._spare: list[np.ndarray] = []

    def take(self, shape: tuple[int, ...], dtype: type) -> np.ndarray:
        for position, array in enumerate(self._spare):
            if array.shape == shape and array.dtype == dtype:
                return self._spare.pop(position)
        return np.empty(shape, dtype=dtype)

    def give(self, *arrays: np.ndarray) -> None:
        for array in arrays:
            self._spare.append(array)
        while self._spare and sum(array.nbytes for array in self._spare) > self._limit:
            self._spare.pop(0)

    @property
    def nbytes(self) -> int:
        return sum(array.nbytes for array in self._spare)

    def clear(self) -> None:
        self._spare.clear()


class _View:
    """Longitude / latitude of the output pixels for one (size, hfov, pitch), right half.

    ``lon`` / ``lat`` are in turns (1 = 360°) and half-turns (1 = 180°); the nearest-pixel
    index tables, one per source level, are built on demand.
    """

    __slots__ = ("height", "lat", "lon", "tables", "width")

    def __init__(self, rays: _Rays, width: int, height: int, pitch: float, pool: _Pool) -> None:
        self.width, self.height = width, height
        cos_p = np.float32(math.cos(math.radians(pitch)))
        sin_p = np.float32(math.sin(math.radians(pitch)))
        up = rays.ys * cos_p + sin_p  # (h, 1): ray rotated about the x axis, z = 1
        forward = cos_p - rays.ys * sin_p
        half = rays.inv_norm.shape
        lon = np.arctan2(rays.xs, forward, out=pool.take(half, np.float32))
        lon *= np.float32(1.0 / _TWO_PI)
        lat = np.multiply(rays.inv_norm, up, out=pool.take(half, np.float32))
        np.minimum(lat, np.float32(1.0), out=lat)  # rounding could leave [-1, 1]: NaN
        np.maximum(lat, np.float32(-1.0), out=lat)
        np.arcsin(lat, out=lat)
        lat *= np.float32(1.0 / math.pi)
        self.lon, self.lat = lon, lat
        self.tables: dict[int, np.ndarray] = {}

    def release(self, pool: _Pool) -> None:
        """Hand the arrays to ``pool`` (the view is no longer used)."""
        pool.give(self.lon, self.lat, *self.tables.values())
        self.tables.clear()

    @property
    def nbytes(self) -> int:
        return self.lon.nbytes + self.lat.nbytes + sum(t.nbytes for t in self.tables.values())

    def table(self, level: _Level, pool: _Pool, s: _Scratch) -> np.ndarray:
        """Flat indices into ``level.flat`` for yaw 0 (columns in ``[0, W]``), intp.

        Built by blocks of rows in the small scratch buffers: the passes stay in cache and
        do not evict the picture the gather is about to read.
        """
        table = self.tables.get(level.width)
        if table is not None:
            return table
        width, height, src_w, src_h = self.width, self.height, level.width, level.height
        left = width // 2
        skip = (width - left) - left  # 1 when the width is odd: the middle column is alone
        half = width - left
        half_w = np.float32(src_w / 2.0)
        table = pool.take((height, width), np.intp)
        rows = max(1, s.size // half)
        for top in range(0, height, rows):
            bottom = min(top + rows, height)
            shape, size = (bottom - top, half), (bottom - top) * half
            scaled = s.xs[:size].reshape(shape)
            right_cols = s.x0[:size].reshape(shape)
            left_cols = s.y0[:size].reshape(shape)
            row_index = s.wx[:size].view(np.int32).reshape(shape)
            np.multiply(self.lon[top:bottom], np.float32(src_w), out=scaled)
            # float -> int32 truncation is floor here: every position is >= -1 ulp
            np.add(scaled, half_w, out=right_cols, casting="unsafe")
            np.subtract(half_w, scaled, out=left_cols, casting="unsafe")
            np.multiply(self.lat[top:bottom], np.float32(-src_h), out=scaled)
            scaled += np.float32(src_h / 2.0)
            np.minimum(scaled, np.float32(src_h - 1), out=scaled)  # the pole's row is H - 1
            np.copyto(row_index, scaled, casting="unsafe")
            row_index *= level.stride
            right_cols += row_index
            left_cols += row_index
            table[top:bottom, left:] = right_cols
            table[top:bottom, :left] = left_cols[:, skip:][:, ::-1]
        self.tables[level.width] = table
        return table

    def render_smooth(self, level: _Level, yaw: float, out: np.ndarray, s: _Scratch) -> None:
        """Bilinear frame into ``out``, by blocks of rows (positions computed per block)."""
        width, src_w, src_h = self.width, level.width, level.height
        left = width // 2
        skip = (width - left) - left
        # x = lon * W + W / 2 + ((yaw * W - 0.5) mod W) lies in [0, 2W), its right neighbour
        # in [1, 2W]: pre-wrapped columns, no modulo per pixel; y = H / 2 - lat * H - 0.5
        x_offset = np.float32(src_w / 2.0 + (yaw / 360.0 * src_w - 0.5) % src_w)
        y_offset = np.float32(src_h / 2.0 - 0.5)
        rows = max(1, s.size // width)
        flat_out = out.reshape(-1)
        for top in range(0, self.height, rows):
            bottom = min(top + rows, self.height)
            size = (bottom - top) * width
            # positions straight into the scratch position buffers (clamped there in place)
            x_flat, y_flat = s.xs[:size], s.ys[:size]
            x = x_flat.reshape(bottom - top, width)
            y = y_flat.reshape(bottom - top, width)
            np.multiply(self.lon[top:bottom], np.float32(src_w), out=x[:, left:])
            np.negative(x[:, left:][:, skip:][:, ::-1], out=x[:, :left])
            x += x_offset
            np.multiply(self.lat[top:bottom], np.float32(-src_h), out=y[:, left:])
            y[:, left:] += y_offset
            y[:, :left] = y[:, left:][:, skip:][:, ::-1]
            _bilinear_block(
                level.flat, level.stride, src_h, x_flat, y_flat, flat_out[top * width :][:size], s
            )


class EquirectRenderer:
    """Renders perspective views of one equirectangular picture (packed RGB32 ``uint32``).

    ``source`` is a 2-D ``uint32`` array ``(H, W)`` of ``0xAARRGGBB`` pixels covering 360°
    horizontally (column ``W / 2`` = yaw 0) and 180° vertically (row 0 = straight up). It is
    copied (pre-wrapped to ``2W + 1`` columns), so the caller may release its ``QImage``.
    Not thread-safe: render from one thread at a time.
    """

    MIP_RATIO = 2.0
    """Use a mip level once an output pixel covers this many source pixels (at the centre)."""
    MAX_LEVELS = 4
    """At most this many 2x-downscaled levels below the full picture."""
    MIN_MIP_WIDTH = 256
    """No mip level narrower than this many pixels."""

    def __init__(self, source: np.ndarray, *, cache_size: int = 4) -> None:
        pixels = np.asarray(source)
        if pixels.ndim != 2 or pixels.dtype != np.uint32:
            raise ValueError(
                f"expected a 2-D uint32 array of RGB32 pixels, got {pixels.dtype} {pixels.shape}"
            )
        if pixels.shape[0] < 2 or pixels.shape[1] < 2:
            raise ValueError(f"picture too small: {pixels.shape}")
        if pixels.shape[0] * (2 * pixels.shape[1] + 1) >= 2**31:
            raise ValueError(f"picture too large for int32 index tables: {pixels.shape}")
        self._levels = [_Level(pixels)]
        self._rays: OrderedDict[tuple[int, int, float], _Rays] = OrderedDict()
        self._views: OrderedDict[tuple[int, int, float, float], _View] = OrderedDict()
        self._cache_size = max(1, cache_size)
        self._pool = _Pool(POOL_BYTES)
        self._scratch: Optional[_Scratch] = None

    @property
    def width(self) -> int:
        return self._levels[0].width

    @property
    def height(self) -> int:
        return self._levels[0].height

    @property
    def levels_nbytes(self) -> int:
        """Memory held by the pre-wrapped picture and the mip levels built so far."""
        return sum(level.wrapped.nbytes for level in self._levels)

    @property
    def nbytes(self) -> int:
        """Memory held: the pre-wrapped levels, the cached tables and spare buffers."""
        total = self.levels_nbytes
        for rays in self._rays.values():
            total += rays.inv_norm.nbytes + rays.xs.nbytes + rays.ys.nbytes
        total += sum(view.nbytes for view in self._views.values())
        if self._scratch is not None:
            total += self._scratch.nbytes
        return total + self._pool.nbytes

    def clear_cache(self) -> None:
        """Drop the cached rays and index tables (they are rebuilt on demand)."""
        self._rays.clear()
        self._views.clear()
        self._pool.clear()

    def level_for(self, hfov: float, width: int) -> int:
        """Source level used for an output ``width`` px wide across ``hfov`` degrees."""
        hfov = min(max(float(hfov), MIN_HFOV), MAX_HFOV)
        focal = (width / 2.0) / math.tan(math.radians(hfov) / 2.0)
        ratio = (self.width / _TWO_PI) / focal  # source pixels per output pixel at the centre
        level = 0
        while (
            ratio >= self.MIP_RATIO
            and level < self.MAX_LEVELS
            and self.width >> (level + 1) >= self.MIN_MIP_WIDTH
        ):
            ratio /= 2.0
            level += 1
        return level

    def _block_scratch(self, width: int) -> _Scratch:
        if self._scratch is None or self._scratch.size < width:
            self._scratch = _Scratch(max(BLOCK_PIXELS, width))
        return self._scratch

    def _level(self, index: int) -> _Level:
        while len(self._levels) <= index:
            self._levels.append(_Level(downscale2(self._levels[-1].picture)))
        return self._levels[index]

    def _view(self, width: int, height: int, camera: Camera) -> _View:
        key = (width, height, camera.hfov, camera.pitch)
        view = self._views.get(key)
        if view is not None:
            self._views.move_to_end(key)
            return view
        rays_key = (width, height, camera.hfov)
        rays = self._rays.get(rays_key)
        if rays is None:
            rays = self._rays[rays_key] = _Rays(width, height, camera.hfov)
            while len(self._rays) > 2:
                self._rays.popitem(last=False)
        else:
            self._rays.move_to_end(rays_key)
        while len(self._views) >= self._cache_size:
            self._views.popitem(last=False)[1].release(self._pool)
        view = self._views[key] = _View(rays, width, height, camera.pitch, self._pool)
        return view

    def render(
        self,
        camera: Camera,
        width: int,
        height: int,
        smooth: bool = False,
        out: Optional[np.ndarray] = None,
    ) -> np.ndarray:
        """A ``(height, width)`` uint32 RGB32 frame of the view through ``camera``.

        Nearest pixel when ``smooth`` is False (fast: while dragging; the yaw is rounded to a
        whole source column), bilinear otherwise (once the view is still). With ``out``
        (C-contiguous ``uint32`` of that shape) the frame is written there and ``out`` is
        returned; otherwise a new array is returned.
        """
        width, height = int(width), int(height)
        if width < 1 or height < 1:
            raise ValueError(f"frame size must be positive: {width}x{height}")
        if out is None:
            out = np.empty((height, width), dtype=np.uint32)
        elif (
            out.shape != (height, width)
            or out.dtype != np.uint32
            or not out.flags.c_contiguous
            or not out.flags.writeable
        ):
            raise ValueError(
                f"out must be a writable C-contiguous uint32 array of shape {(height, width)}"
            )
        view = self._view(width, height, camera)
        level = self._level(self.level_for(camera.hfov, width))
        if smooth:
            view.render_smooth(level, camera.yaw, out, self._block_scratch(width))
            return out
        shift = round(camera.yaw / 360.0 * level.width) % level.width
        # the table holds columns in [0, W] for yaw 0; starting the flat pre-wrapped source
        # `shift` pixels later turns the view without touching the table
        table = view.table(level, self._pool, self._block_scratch(width))
        np.take(level.flat[shift:], table, out=out, mode="wrap")
        return out
