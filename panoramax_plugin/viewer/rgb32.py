"""Packed RGB32 pixel arithmetic in numpy (no Qt): packing, halving, bilinear sampling.

A pixel is ``0xAARRGGBB`` in a ``uint32``, what a ``QImage.Format_RGB32`` holds; the
360° renderer samples and downscales pictures in this form.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np

OPAQUE = 0xFF000000
"""Alpha bits of every pixel the renderer writes (``Format_RGB32`` wants ``0xFF``)."""

_RB = np.uint32(0x00FF00FF)
_G = np.uint32(0x0000FF00)
_RB_HALF = np.uint32(0x00800080)
_G_HALF = np.uint32(0x00008000)
_TWO_PI = 2.0 * math.pi


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
