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
* the source is stored twice side by side (a ``2W``-wide pre-wrapped copy), so a yaw change
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
    return np.stack(
        [(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF], axis=-1
    ).astype(np.uint8)


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


def _lerp(a: np.ndarray, b: np.ndarray, weight: np.ndarray, inverse: np.ndarray) -> np.ndarray:
    """``(a * inverse + b * weight) / 256`` per channel of packed pixels (weights sum 256).

    SWAR: red and blue share one ``uint32`` (16-bit lanes), green is alone; ``255 * 256``
    still fits a lane, so the two products can be summed without carries. ``a`` is reused.
    """
    rb = a & _RB
    rb *= inverse
    tmp = b & _RB
    tmp *= weight
    rb += tmp
    rb += _RB_HALF
    rb >>= 8
    rb &= _RB
    np.bitwise_and(a, _G, out=a)
    a *= inverse
    np.bitwise_and(b, _G, out=tmp)
    tmp *= weight
    a += tmp
    a += _G_HALF
    a >>= 8
    a &= _G
    a |= rb
    return a


def bilinear(
    source: np.ndarray, x: np.ndarray, y: np.ndarray, out: Optional[np.ndarray] = None
) -> np.ndarray:
    """Sample packed RGB32 ``source`` (H, W) at float positions, bilinearly.

    ``x``/``y`` (same shape) are in pixel-index units: ``(0, 0)`` is the centre of the top-left
    pixel; positions outside are clamped to the edge. Weights are 8-bit fixed point and the
    blend is integer arithmetic on packed pixels (R|B in one lane pair, G alone); the result
    is opaque (alpha 0xFF). Written into ``out`` (uint32, shape of ``x``) when given.
    """
    source = np.ascontiguousarray(source, dtype=np.uint32)
    src_h, src_w = source.shape
    flat = source.reshape(-1)
    xs = np.clip(x, 0.0, src_w - 1, dtype=np.float32)
    ys = np.clip(y, 0.0, src_h - 1, dtype=np.float32)
    x0 = xs.astype(np.int32)  # truncation = floor, the positions are >= 0
    y0 = ys.astype(np.int32)
    # weights of the right / lower neighbours, 0..256
    xs -= x0
    xs *= 256.0
    xs += 0.5
    wx = xs.astype(np.uint32)
    ys -= y0
    ys *= 256.0
    ys += 0.5
    wy = ys.astype(np.uint32)
    del xs, ys
    step_x = (x0 < src_w - 1).astype(np.intp)
    step_y = (y0 < src_h - 1).astype(np.intp)
    step_y *= src_w
    index = y0.astype(np.intp)
    index *= src_w
    index += x0
    del x0, y0
    top_left = np.take(flat, index, mode="clip")
    index += step_x
    top_right = np.take(flat, index, mode="clip")
    index += step_y
    bottom_right = np.take(flat, index, mode="clip")
    index -= step_x
    bottom_left = np.take(flat, index, mode="clip")
    del index, step_x, step_y
    inverse = np.uint32(256) - wx
    top = _lerp(top_left, top_right, wx, inverse)
    bottom = _lerp(bottom_left, bottom_right, wx, inverse)
    np.subtract(np.uint32(256), wy, out=inverse)
    blended = _lerp(top, bottom, wy, inverse)
    blended |= np.uint32(OPAQUE)
    if out is None:
        return blended
    np.copyto(out, blended)
    return out


# --- renderer -----------------------------------------------------------------------------


class _Level:
    """One resolution of the source, stored pre-wrapped: ``[picture | picture]``."""

    __slots__ = ("flat", "height", "width", "wrapped")

    def __init__(self, pixels: np.ndarray) -> None:
        self.height, self.width = pixels.shape
        self.wrapped = np.empty((self.height, 2 * self.width), dtype=np.uint32)
        self.wrapped[:, : self.width] = pixels
        self.wrapped[:, self.width :] = pixels
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
        norm2 = xs[np.newaxis, :] ** 2 + ys[:, np.newaxis] ** 2 + 1.0
        self.inv_norm = (1.0 / np.sqrt(norm2)).astype(np.float32)


class _View:
    """Longitude / latitude of the output pixels for one (size, hfov, pitch), right half.

    ``lon`` / ``lat`` are in turns (1 = 360°) and half-turns (1 = 180°); the nearest-pixel
    index tables, one per source level, are built on demand.
    """

    __slots__ = ("height", "lat", "lon", "tables", "width")

    def __init__(self, rays: _Rays, width: int, height: int, pitch: float) -> None:
        self.width, self.height = width, height
        cos_p = np.float32(math.cos(math.radians(pitch)))
        sin_p = np.float32(math.sin(math.radians(pitch)))
        up = rays.ys * cos_p + sin_p  # (h, 1): ray rotated about the x axis, z = 1
        forward = cos_p - rays.ys * sin_p
        lon = np.arctan2(rays.xs, forward)
        lon *= np.float32(1.0 / _TWO_PI)
        lat = np.multiply(rays.inv_norm, up)
        np.minimum(lat, np.float32(1.0), out=lat)  # rounding could leave [-1, 1]: NaN
        np.maximum(lat, np.float32(-1.0), out=lat)
        np.arcsin(lat, out=lat)
        lat *= np.float32(1.0 / math.pi)
        self.lon, self.lat = lon, lat
        self.tables: dict[int, np.ndarray] = {}

    def table(self, level: _Level) -> np.ndarray:
        """Flat indices into ``level.flat`` for yaw 0 (columns in ``[0, W]``), intp."""
        table = self.tables.get(level.width)
        if table is not None:
            return table
        width, src_w, src_h = self.width, level.width, level.height
        left = width // 2
        skip = (width - left) - left  # 1 when the width is odd: the middle column is alone
        half_w = np.float32(src_w / 2.0)
        scaled = self.lon * np.float32(src_w)  # longitude in source columns
        # truncation is floor: both are >= -1 ulp, a rounding at the +-180° seam
        right_cols = np.add(scaled, half_w).astype(np.int32)
        left_cols = np.subtract(half_w, scaled, out=scaled).astype(np.int32)
        rows = np.multiply(self.lat, np.float32(-src_h))
        rows += np.float32(src_h / 2.0)
        row_index = rows.astype(np.int32)
        np.minimum(row_index, src_h - 1, out=row_index)
        row_index *= 2 * src_w  # stride of the pre-wrapped source
        # int32 arithmetic on contiguous halves (fast), mirrored, then one widening copy
        full = np.empty((self.height, width), dtype=np.int32)
        np.add(row_index, right_cols, out=full[:, left:])
        np.add(row_index, left_cols, out=left_cols)
        full[:, :left] = left_cols[:, skip:][:, ::-1]
        table = full.astype(np.intp)
        self.tables[level.width] = table
        return table

    def coordinates(self, level: _Level, yaw: float) -> tuple[np.ndarray, np.ndarray]:
        """Float source positions (pixel-index units, x in ``[0, W)``) for :func:`bilinear`."""
        width, src_w, src_h = self.width, level.width, level.height
        left = width // 2
        skip = (width - left) - left
        lon = np.empty((self.height, width), dtype=np.float32)
        lon[:, left:] = self.lon
        np.negative(self.lon[:, skip:][:, ::-1], out=lon[:, :left])
        lon += np.float32(0.5 + yaw / 360.0)
        lon *= np.float32(src_w)
        lon -= np.float32(0.5)
        np.remainder(lon, np.float32(src_w), out=lon)
        lat = np.empty((self.height, width), dtype=np.float32)
        np.multiply(self.lat, np.float32(-src_h), out=lat[:, left:])
        lat[:, :left] = lat[:, left:][:, skip:][:, ::-1]
        lat += np.float32(src_h / 2.0 - 0.5)
        return lon, lat


class EquirectRenderer:
    """Renders perspective views of one equirectangular picture (packed RGB32 ``uint32``).

    ``source`` is a 2-D ``uint32`` array ``(H, W)`` of ``0xAARRGGBB`` pixels covering 360°
    horizontally (column ``W / 2`` = yaw 0) and 180° vertically (row 0 = straight up). It is
    copied (pre-wrapped to ``2W`` columns), so the caller may release its ``QImage`` after.
    Not thread-safe: render from one thread at a time.
    """

    MIP_RATIO = 2.0
    """Use a mip level once an output pixel covers this many source pixels (at the centre)."""
    MAX_LEVELS = 4
    """At most this many 2x-downscaled levels below the full picture."""
    MIN_MIP_WIDTH = 256

    def __init__(self, source: np.ndarray, *, cache_size: int = 4) -> None:
        pixels = np.asarray(source)
        if pixels.ndim != 2 or pixels.dtype != np.uint32:
            raise ValueError(
                f"expected a 2-D uint32 array of RGB32 pixels, got {pixels.dtype} {pixels.shape}"
            )
        if pixels.shape[0] < 2 or pixels.shape[1] < 2:
            raise ValueError(f"picture too small: {pixels.shape}")
        self._levels = [_Level(pixels)]
        self._rays: OrderedDict[tuple[int, int, float], _Rays] = OrderedDict()
        self._views: OrderedDict[tuple[int, int, float, float], _View] = OrderedDict()
        self._cache_size = max(1, cache_size)

    @property
    def width(self) -> int:
        return self._levels[0].width

    @property
    def height(self) -> int:
        return self._levels[0].height

    @property
    def nbytes(self) -> int:
        """Memory held: the pre-wrapped levels built so far plus the cached tables."""
        total = sum(level.wrapped.nbytes for level in self._levels)
        for rays in self._rays.values():
            total += rays.inv_norm.nbytes + rays.xs.nbytes + rays.ys.nbytes
        for view in self._views.values():
            total += view.lon.nbytes + view.lat.nbytes
            total += sum(table.nbytes for table in view.tables.values())
        return total

    def clear_cache(self) -> None:
        """Drop the cached rays and index tables (they are rebuilt on demand)."""
        self._rays.clear()
        self._views.clear()

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
        view = self._views[key] = _View(rays, width, height, camera.pitch)
        while len(self._views) > self._cache_size:
            self._views.popitem(last=False)
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

        Nearest pixel when ``smooth`` is False (fast: while dragging), bilinear otherwise
        (once the view is still). With ``out`` (C-contiguous ``uint32`` of that shape) the
        frame is written there and ``out`` is returned; otherwise a new array is returned.
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
            x, y = view.coordinates(level, camera.yaw)
            return bilinear(level.wrapped, x, y, out=out)
        shift = round(camera.yaw / 360.0 * level.width) % level.width
        # the table holds columns in [0, W] for yaw 0; starting the flat pre-wrapped source
        # `shift` pixels later turns the view without touching the table
        np.take(level.flat[shift:], view.table(level), out=out, mode="wrap")
        return out
