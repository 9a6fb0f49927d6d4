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
from dataclasses import dataclass
from typing import Optional

import numpy as np

MAX_PITCH = 89.0
"""Pitch limit in degrees (up and down): the view never looks straight at a pole."""
MIN_HFOV = 30.0
MAX_HFOV = 110.0
"""Limits of the horizontal field of view in degrees."""

POOL_BYTES = 32 * 1024 * 1024
"""Spare scratch / table memory a renderer keeps for reuse (see ``_Pool``)."""
OPAQUE = 0xFF000000
"""Alpha bits of every pixel the renderer writes (``Format_RGB32`` wants ``0xFF``)."""

_RB = np.uint32(0x00FF00FF)
_G = np.uint32(0x0000FF00)
_RB_HALF = np.uint32(0x00800080)
_G_HALF = np.uint32(0x00008000)
_TWO_PI = 2.0 * math.pi


def wrap_yaw(yaw: float) -> float:
    """``yaw`` in degrees brought into ``[-180, 180)``."""
    wrapped = (yaw + 180.0) % 360.0 - 180.0
    return wrapped - 360.0 if wrapped >= 180.0 else wrapped


@dataclass(frozen=True)
class Camera:
    """Where the viewer looks, relative to the picture; immutable, shared with the map cone.

    ``yaw``: degrees clockwise, 0 = the picture's centre column (which faces the picture's
    heading), kept in ``[-180, 180)``. ``pitch``: degrees, positive looks up, clamped to
    ``±MAX_PITCH``. ``hfov``: horizontal field of view in degrees, clamped to
    ``[MIN_HFOV, MAX_HFOV]``. Out-of-range values are normalised at construction.
    """

    yaw: float = 0.0
    pitch: float = 0.0
    hfov: float = 90.0

    def __post_init__(self) -> None:
        values = (float(self.yaw), float(self.pitch), float(self.hfov))
        if not all(math.isfinite(value) for value in values):
            raise ValueError(f"camera angles must be finite: {values}")
        yaw, pitch, hfov = values
        object.__setattr__(self, "yaw", wrap_yaw(yaw))
        object.__setattr__(self, "pitch", min(max(pitch, -MAX_PITCH), MAX_PITCH))
        object.__setattr__(self, "hfov", min(max(hfov, MIN_HFOV), MAX_HFOV))

    def turned(self, dyaw: float, dpitch: float = 0.0) -> Camera:
        """This camera turned right by ``dyaw`` and up by ``dpitch`` degrees."""
        return Camera(self.yaw + dyaw, self.pitch + dpitch, self.hfov)

    def zoomed(self, factor: float) -> Camera:
        """This camera zoomed in by ``factor`` (> 1 narrows the field of view: hfov / factor)."""
        if not factor > 0.0:
            raise ValueError(f"zoom factor must be positive: {factor}")
        return Camera(self.yaw, self.pitch, self.hfov / factor)

    def map_bearing(self, heading: Optional[float]) -> float:
        """View direction on the map: degrees clockwise from north in ``[0, 360)``.

        ``heading`` is the picture's heading (``view:azimuth``); None counts as 0.
        """
        bearing = ((heading or 0.0) + self.yaw) % 360.0
        return 0.0 if bearing >= 360.0 else bearing


# --- packed RGB32 helpers -----------------------------------------------------------------


def pack_rgb(rgb: np.ndarray) -> np.ndarray:
    """``(..., 3)`` uint8 RGB to packed opaque RGB32 ``uint32`` (``0xFFRRGGBB``)."""
    rgb = np.asarray(rgb)
    packed = rgb[..., 0].astype(np.uint32) << 16
    packed |= rgb[..., 1].astype(np.uint32) << 8
    packed |= rgb[..., 2].astype(np.uint32)
    packed |= np.uint32(OPAQUE)
    return packed


def unpack_rgb(packed: np.ndarray) -> np.ndarray:
    """Packed RGB32 ``uint32`` to ``(..., 3)`` uint8 RGB (alpha dropped)."""
    packed = np.asarray(packed, dtype=np.uint32)
    return np.stack([(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF], axis=-1).astype(
        np.uint8
    )


def downscale2(pixels: np.ndarray) -> np.ndarray:
    """Packed RGB32 image halved in both directions (2x2 box average, rounded).

    An odd last row or column is dropped.
    """
    height, width = pixels.shape
    cropped = pixels[: height - height % 2, : width - width % 2]
    quad = (cropped[0::2, 0::2], cropped[0::2, 1::2], cropped[1::2, 0::2], cropped[1::2, 1::2])
    # lanes of 16 bits: R|B and A|G; a sum of four 8-bit values needs 10 bits
    rb = quad[0] & _RB
    ag = (quad[0] >> 8) & _RB
    for part in quad[1:]:
        rb += part & _RB
        ag += (part >> 8) & _RB
    rb += np.uint32(0x00020002)
    ag += np.uint32(0x00020002)
    rb >>= 2
    rb &= _RB
    ag >>= 2
    ag &= _RB
    ag <<= 8
    rb |= ag
    return rb


BLOCK_PIXELS = 1 << 16
"""Bilinear sampling works on blocks of this many pixels, so its ~40 passes stay in cache."""


class _Scratch:
    """Buffers for bilinear blocks of up to ``size`` pixels (about 80 bytes per pixel)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.xs, self.ys = np.empty(size, np.float32), np.empty(size, np.float32)
        self.x0, self.y0 = np.empty(size, np.int32), np.empty(size, np.int32)
        self.wx, self.wy = np.empty(size, np.uint32), np.empty(size, np.uint32)
        self.inverse, self.rb, self.tmp = (np.empty(size, np.uint32) for _ in range(3))
        self.pixels = [np.empty(size, np.uint32) for _ in range(4)]
        self.index, self.step_y = np.empty(size, np.intp), np.empty(size, np.intp)
        self.step_x = np.empty(size, np.bool_)

    @property
    def nbytes(self) -> int:
        arrays = [self.xs, self.ys, self.x0, self.y0, self.wx, self.wy, self.inverse, self.rb]
        arrays += [self.tmp, *self.pixels, self.index, self.step_y, self.step_x]
        return sum(array.nbytes for array in arrays)


def _lerp(
    a: np.ndarray, b: np.ndarray, weight: np.ndarray, inverse: np.ndarray, s: _Scratch
) -> None:
    """``a = (a * inverse + b * weight) / 256`` per channel of packed pixels (weights sum 256).

    SWAR: red and blue share one ``uint32`` (16-bit lanes), green is alone; ``255 * 256``
    still fits a lane, so the two products are summed without carries; +128 rounds.
    """
    size = a.shape[0]
    rb, tmp = s.rb[:size], s.tmp[:size]
    np.bitwise_and(a, _RB, out=rb)
    rb *= inverse
    np.bitwise_and(b, _RB, out=tmp)
    tmp *= weight
    rb += tmp
    rb += _RB_HALF
    rb >>= 8
    rb &= _RB
    a &= _G
    a *= inverse
    np.bitwise_and(b, _G, out=tmp)
    tmp *= weight
    a += tmp
    a += _G_HALF
    a >>= 8
    a &= _G
    a |= rb


def _bilinear_block(
    flat: np.ndarray,
    src_w: int,
    src_h: int,
    x: np.ndarray,
    y: np.ndarray,
    out: np.ndarray,
    s: _Scratch,
) -> None:
    """Bilinear samples of the flat (src_h, src_w) picture at 1-D ``x``/``y`` into ``out``."""
    size = x.shape[0]
    xs, ys, x0, y0 = s.xs[:size], s.ys[:size], s.x0[:size], s.y0[:size]
    np.maximum(x, np.float32(0.0), out=xs)
    np.minimum(xs, np.float32(src_w - 1), out=xs)
    np.maximum(y, np.float32(0.0), out=ys)
    np.minimum(ys, np.float32(src_h - 1), out=ys)
    np.copyto(x0, xs, casting="unsafe")  # truncation = floor: the positions are >= 0
    np.copyto(y0, ys, casting="unsafe")
    # weights of the right / lower neighbours, 0..256
    wx, wy = s.wx[:size], s.wy[:size]
    np.subtract(xs, x0, out=xs, dtype=np.float32)
    xs *= np.float32(256.0)
    xs += np.float32(0.5)
    np.copyto(wx, xs, casting="unsafe")
    np.subtract(ys, y0, out=ys, dtype=np.float32)
    ys *= np.float32(256.0)
    ys += np.float32(0.5)
    np.copyto(wy, ys, casting="unsafe")
    index, step_x, step_y = s.index[:size], s.step_x[:size], s.step_y[:size]
    np.less(x0, src_w - 1, out=step_x)  # the right neighbour, or the pixel itself at the edge
    np.less(y0, src_h - 1, out=step_y, casting="unsafe")
    step_y *= src_w
    np.multiply(y0, src_w, out=index, dtype=np.intp)
    index += x0
    top_left, top_right, bottom_left, bottom_right = (p[:size] for p in s.pixels)
    np.take(flat, index, out=top_left, mode="wrap")  # indices are in range: no check
    index += step_x
    np.take(flat, index, out=top_right, mode="wrap")
    index += step_y
    np.take(flat, index, out=bottom_right, mode="wrap")
    index -= step_x
    np.take(flat, index, out=bottom_left, mode="wrap")
    inverse = s.inverse[:size]
    np.subtract(np.uint32(256), wx, out=inverse)
    _lerp(top_left, top_right, wx, inverse, s)
    _lerp(bottom_left, bottom_right, wx, inverse, s)
    np.subtract(np.uint32(256), wy, out=inverse)
    _lerp(top_left, bottom_left, wy, inverse, s)
    np.bitwise_or(top_left, np.uint32(OPAQUE), out=out)


def bilinear(
    source: np.ndarray, x: np.ndarray, y: np.ndarray, out: Optional[np.ndarray] = None
) -> np.ndarray:
    """Sample packed RGB32 ``source`` (H, W) at float positions, bilinearly.

    ``x``/``y`` (same shape) are in pixel-index units: ``(0, 0)`` is the centre of the top-left
    pixel; positions outside are clamped to the edge. Weights are 8-bit fixed point and the
    blend is integer arithmetic on packed pixels (R|B in one lane pair, G alone, "SWAR");
    the result is opaque (alpha 0xFF). Written into ``out`` (uint32, shape of ``x``) if given.
    """
    source = np.ascontiguousarray(source, dtype=np.uint32)
    if source.ndim != 2:
        raise ValueError(f"expected a 2-D picture, got shape {source.shape}")
    x = np.ascontiguousarray(x, dtype=np.float32)
    y = np.ascontiguousarray(y, dtype=np.float32)
    if x.shape != y.shape:
        raise ValueError(f"x and y differ in shape: {x.shape} {y.shape}")
    if out is None:
        out = np.empty(x.shape, dtype=np.uint32)
    elif out.shape != x.shape or out.dtype != np.uint32 or not out.flags.c_contiguous:
        raise ValueError(f"out must be a C-contiguous uint32 array of shape {x.shape}")
    src_h, src_w = source.shape
    flat, xf, yf, of = source.reshape(-1), x.reshape(-1), y.reshape(-1), out.reshape(-1)
    scratch = _Scratch(min(BLOCK_PIXELS, max(1, xf.shape[0])))
    for start in range(0, xf.shape[0], scratch.size):
        stop = start + scratch.size
        _bilinear_block(flat, src_w, src_h, xf[start:stop], yf[start:stop], of[start:stop], scratch)
    return out


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
