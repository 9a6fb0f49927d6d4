"""BENCH viewer_*: frames of the pure-numpy 360° renderer, 1280x720 from a 5760x2880 picture
(the GoPro Max size), median milliseconds per frame.

* ``viewer_pan_frame_ms``: only the yaw changes between frames (nearest pixel), what a drag
  costs; target <= 5 ms. Honest full resolution, no half-size preview.
* ``viewer_zoom_frame_ms``: pitch or field of view changes every frame (nearest: new index
  table each frame); target <= 15 ms.
* ``viewer_smooth_frame_ms``: bilinear full-resolution frame, drawn once the view is still
  (informational).
* ``viewer_pan_frame_half_ms``: the 640x360 drag preview (the painter scales it up).

Frames are rendered into a reused buffer, as the viewer does. Random pixels: the cost does
not depend on the content.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from panoramax_plugin.viewer.render360 import Camera, EquirectRenderer  # noqa: E402

SOURCE_W, SOURCE_H = 5760, 2880
OUT_W, OUT_H = 1280, 720
FRAMES = 60


def timed(renderer: EquirectRenderer, cameras, width: int, height: int, smooth: bool) -> float:
    """Median ms per frame over ``cameras`` (after one untimed warm-up frame)."""
    out = np.empty((height, width), dtype=np.uint32)
    renderer.render(cameras[0], width, height, smooth=smooth, out=out)
    times = []
    for camera in cameras[1:]:
        start = time.perf_counter()
        renderer.render(camera, width, height, smooth=smooth, out=out)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(2024)
    source = rng.integers(0, 2**32, size=(SOURCE_H, SOURCE_W), dtype=np.uint32)
    source |= np.uint32(0xFF000000)
    start = time.perf_counter()
    renderer = EquirectRenderer(source)
    build_ms = (time.perf_counter() - start) * 1000
    del source

    # a drag: a couple of degrees per mouse event, pitch and zoom fixed
    pan = [Camera(yaw=-60.0 + 1.7 * i, pitch=8.0, hfov=90.0) for i in range(FRAMES + 1)]
    pan_ms = timed(renderer, pan, OUT_W, OUT_H, smooth=False)

    # half the frames tilt, half zoom (wheel steps); every one needs a new index table
    tilt = [Camera(yaw=20.0 + 0.5 * i, pitch=-20.0 + 1.3 * i) for i in range(FRAMES // 2)]
    zoom = [Camera(yaw=20.0, pitch=10.0, hfov=105.0 - 1.5 * i) for i in range(FRAMES // 2)]
    zoom_ms = timed(renderer, [Camera(pitch=-30.0), *tilt, *zoom], OUT_W, OUT_H, smooth=False)

    still = [Camera(yaw=-40.0 + 7.0 * i, pitch=5.0) for i in range(16)]
    smooth_ms = timed(renderer, still, OUT_W, OUT_H, smooth=True)

    half_ms = timed(renderer, pan, OUT_W // 2, OUT_H // 2, smooth=False)

    print(f"BENCH viewer_pan_frame_ms {pan_ms:.2f} ms")
    print(f"BENCH viewer_zoom_frame_ms {zoom_ms:.2f} ms")
    print(f"BENCH viewer_smooth_frame_ms {smooth_ms:.1f} ms")
    print(f"BENCH viewer_pan_frame_half_ms {half_ms:.2f} ms")
    print(
        f"# renderer built in {build_ms:.0f} ms; holds {renderer.nbytes / 2**20:.0f} MiB "
        f"(pre-wrapped levels {renderer.levels_nbytes / 2**20:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
