"""One bilinear frame of a 360° view, sampled straight from a picture that is not copied.

For a capture: the picture is decoded once and rendered once, so :class:`EquirectRenderer`'s
pre-wrapped copy (a full pass over a 66 MB picture) and its caches would only cost time.
The same geometry and the same 8-bit fixed-point blend as the renderer's bilinear frame
(the frames are identical), in two steps per band of rows:

* the taps (the picture's size only): the four source pixels and the two weights of every
  output pixel, the back seam wrapped per pixel (the right neighbour of the last column is
  column 0);
* the pixels: four gathers and three blends.

Bands of rows go to several threads (numpy releases the GIL): 1920x1080 from 5760x2880,
about 38 ms on one thread, 27 on two (``benchmarks/bench_capture.py``).

No Qt, no QGIS.
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Optional

import numpy as np

from ..core.camera import Camera
from .render360 import _Pool, _Rays, _View
from .rgb32 import BLOCK_PIXELS, OPAQUE, _lerp, _Scratch

GATHER_BLOCK = 1 << 17
"""Output pixels per gather block: bigger than the renderer's, so two threads pass the
GIL to each other less often (measured: 20 ms vs 25 for 1920x1080 from 5760x2880)."""


class SingleFrame:
    """A ``width`` × ``height`` frame of the view through ``camera``, rendered once."""

    def __init__(self, camera: Camera, width: int, height: int) -> None:
        width, height = int(width), int(height)
        if width < 1 or height < 1:
            raise ValueError(f"frame size must be positive: {width}x{height}")
        self.camera, self.width, self.height = camera, width, height
        self._view = _View(_Rays(width, height, camera.hfov), width, height, camera.pitch, _Pool(0))
        self._source_size: Optional[tuple[int, int]] = None
        size = width * height
        self._index = np.empty(size, np.intp)  # top-left source pixel (flat)
        self._dx = np.empty(size, np.int32)  # to the right neighbour: 1, or 1 - W at the seam
        self._wx = np.empty(size, np.uint16)  # weights of the right / lower neighbours, 0..256
        self._wy = np.empty(size, np.uint16)

    # --- phase 1: where to sample (no pixels needed) ------------------------------------

    def prepare(self, src_w: int, src_h: int) -> None:
        """The sampling taps for a ``src_w`` × ``src_h`` equirectangular picture."""
        if src_w < 2 or src_h < 2:
            raise ValueError(f"picture too small: {src_w}x{src_h}")
        self._prepare_rows(src_w, src_h, 0, self.height)
        self._source_size = (src_w, src_h)

    def _prepare_rows(self, src_w: int, src_h: int, first: int, last: int) -> None:
        """The taps of output rows ``[first, last)``."""
        width = self.width
        left = width // 2
        skip = (width - left) - left  # 1 when the width is odd: the middle column is alone
        view = self._view
        x_offset = np.float32(src_w / 2.0 + (self.camera.yaw / 360.0 * src_w - 0.5) % src_w)
        y_offset = np.float32(src_h / 2.0 - 0.5)
        x_max = np.nextafter(np.float32(src_w), np.float32(0.0))  # below W: floor <= W - 1
        rows = max(1, BLOCK_PIXELS // width)
        x_all = np.empty(rows * width, np.float32)
        y_all = np.empty(rows * width, np.float32)
        x0_all = np.empty(rows * width, np.int32)
        y0_all = np.empty(rows * width, np.int32)
        wrapped_all = np.empty(rows * width, np.bool_)
        for top in range(first, last, rows):
            bottom = min(top + rows, last)
            size, start = (bottom - top) * width, top * width
            x_flat, y_flat, x0, y0 = x_all[:size], y_all[:size], x0_all[:size], y0_all[:size]
            wrapped = wrapped_all[:size]
            x = x_flat.reshape(bottom - top, width)
            y = y_flat.reshape(bottom - top, width)
            # positions as the renderer's bilinear frame has them, x brought into [0, W)
            np.multiply(view.lon[top:bottom], np.float32(src_w), out=x[:, left:])
            np.negative(x[:, left:][:, skip:][:, ::-1], out=x[:, :left])
            x += x_offset  # in [0, 2W): the second turn brought back (cheaper than fmod)
            np.greater_equal(x_flat, np.float32(src_w), out=wrapped)
            np.subtract(x_flat, np.float32(src_w), out=x_flat, where=wrapped)
            np.maximum(x_flat, np.float32(0.0), out=x_flat)
            np.minimum(x_flat, x_max, out=x_flat)
            np.multiply(view.lat[top:bottom], np.float32(-src_h), out=y[:, left:])
            y[:, left:] += y_offset
            y[:, :left] = y[:, left:][:, skip:][:, ::-1]
            np.maximum(y_flat, np.float32(0.0), out=y_flat)
            np.minimum(y_flat, np.float32(src_h - 1), out=y_flat)
            np.copyto(x0, x_flat, casting="unsafe")  # truncation = floor: positions >= 0
            np.copyto(y0, y_flat, casting="unsafe")
            # the last row blends fully (weight 256) into itself from the row above
            np.minimum(y0, np.int32(src_h - 2), out=y0)
            for position, floor, weight in ((x_flat, x0, self._wx), (y_flat, y0, self._wy)):
                np.subtract(position, floor, out=position, dtype=np.float32)
                position *= np.float32(256.0)
                position += np.float32(0.5)
                np.copyto(weight[start : start + size], position, casting="unsafe")
            index = self._index[start : start + size]
            np.multiply(y0, src_w, out=index, dtype=np.intp)
            index += x0
            dx = self._dx[start : start + size]
            np.equal(x0, src_w - 1, out=x0)  # int32 0/1: the pixel is on the last column
            np.multiply(x0, np.int32(-src_w), out=dx)
            dx += np.int32(1)

    # --- phase 2: the pixels ------------------------------------------------------------

    def render(
        self,
        source: np.ndarray,
        out: Optional[np.ndarray] = None,
        threads: int = 1,
        executor: Optional[Executor] = None,
    ) -> np.ndarray:
        """The frame sampled from ``source`` ((H, W) uint32 RGB32, read in place).

        Prepares first unless :meth:`prepare` was called for this size. With ``threads``
        > 1, bands of rows go to ``executor`` (a new thread pool when None) while the
        calling thread does the first band.
        """
        pixels = np.ascontiguousarray(source, dtype=np.uint32)
        if pixels.ndim != 2:
            raise ValueError(f"expected a 2-D RGB32 picture, got {pixels.shape}")
        src_h, src_w = pixels.shape
        if src_w < 2 or src_h < 2:
            raise ValueError(f"picture too small: {src_w}x{src_h}")
        if out is None:
            out = np.empty((self.height, self.width), dtype=np.uint32)
        elif out.shape != (self.height, self.width) or not out.flags.c_contiguous:
            raise ValueError(f"out must be a C-contiguous uint32 array of {out.shape}")
        flat, flat_out = pixels.reshape(-1), out.reshape(-1)
        rows = [self.height * i // max(1, threads) for i in range(max(1, threads) + 1)]
        bands = [(rows[i], rows[i + 1]) for i in range(len(rows) - 1) if rows[i] < rows[i + 1]]

        def band(top: int, bottom: int, prepare: bool) -> None:
            if prepare:
                self._prepare_rows(src_w, src_h, top, bottom)
            self._gather(flat, src_w, flat_out, top * self.width, bottom * self.width)

        prepare = self._source_size != (src_w, src_h)
        if len(bands) == 1:
            band(*bands[0], prepare)
        else:
            owned = None
            if executor is None:
                from concurrent.futures import ThreadPoolExecutor

                executor = owned = ThreadPoolExecutor(len(bands) - 1)
            try:
                others = [executor.submit(band, *rows_, prepare) for rows_ in bands[1:]]
                band(*bands[0], prepare)
                for future in others:
                    future.result()
            finally:
                if owned is not None:
                    owned.shutdown()
        self._source_size = (src_w, src_h)
        return out

    def _gather(self, flat: np.ndarray, src_w: int, out: np.ndarray, begin: int, end: int):
        """Output pixels ``[begin, end)``: four neighbours gathered, blended, opaque."""
        scratch = _Scratch(min(GATHER_BLOCK, max(1, end - begin)))
        top_left, top_right, bottom_left, bottom_right = scratch.pixels
        inverse, moved = scratch.inverse, scratch.index
        for start in range(begin, end, scratch.size):
            stop = min(start + scratch.size, end)
            n = stop - start
            index, wx, wy = self._index[start:stop], self._wx[start:stop], self._wy[start:stop]
            tl, tr, bl, br, inv, ix = (
                a[:n] for a in (top_left, top_right, bottom_left, bottom_right, inverse, moved)
            )
            np.take(flat, index, out=tl, mode="wrap")  # indices are in range: no check
            np.add(index, self._dx[start:stop], out=ix)
            np.take(flat, ix, out=tr, mode="wrap")
            ix += src_w
            np.take(flat, ix, out=br, mode="wrap")
            np.add(index, src_w, out=ix)
            np.take(flat, ix, out=bl, mode="wrap")
            np.subtract(np.uint32(256), wx, out=inv)
            _lerp(tl, tr, wx, inv, scratch)
            _lerp(bl, br, wx, inv, scratch)
            np.subtract(np.uint32(256), wy, out=inv)
            _lerp(tl, bl, wy, inv, scratch)
            np.bitwise_or(tl, np.uint32(OPAQUE), out=out[start:stop])
