"""BENCH capture_*: a full-resolution capture of a 360° view, 1920x1080 from a 5760x2880
equirectangular JPEG (the GoPro Max size), median milliseconds of several runs.

* ``capture_hd_ms``: ``viewer.capture.compose_capture`` from the hd file's bytes, as the
  capture task runs it once the file is downloaded: JPEG decode (``decode_image``, EXIF
  orientation included) + the view rendered bilinear at 1920x1080 (``render_once``; its
  sampling taps prepared on a second thread while the picture decodes) + the caption band
  painted. Not included: the download and the JPEG/PNG encoding of the result.
* ``capture_decode_hd_ms``: ``decode_image`` of the same bytes alone, the same decoder.
* ``capture_ratio``: the two divided; target <= 1.5.

The source is noise over smooth colour (about 1 byte per pixel of JPEG at quality 90,
like a real 360° picture of that size): the decoder's cost depends on the content.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from qgis.PyQt.QtWidgets import QApplication  # noqa: E402

from panoramax_plugin.core.camera import Camera  # noqa: E402
from panoramax_plugin.viewer.capture import CaptureSpec, compose_capture  # noqa: E402
from panoramax_plugin.viewer.image_loader import decode_image  # noqa: E402

SOURCE_W, SOURCE_H = 5760, 2880
OUT = (1920, 1080)
RUNS = 9


def source_jpeg() -> bytes:
    rng = np.random.default_rng(2024)
    smooth = Image.fromarray(rng.integers(0, 256, (45, 90, 3), dtype=np.uint8)).resize(
        (SOURCE_W, SOURCE_H), Image.BILINEAR
    )
    pixels = np.asarray(smooth, dtype=np.int16)
    pixels = pixels + rng.integers(-12, 13, (SOURCE_H, SOURCE_W, 1), dtype=np.int16)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def median_ms(function) -> float:
    function()  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    app = QApplication.instance() or QApplication([])  # fonts for the caption
    data = source_jpeg()
    spec = CaptureSpec(
        "00000000-0000-0000-0000-000000000000",
        (
            "Photo: Jane Doe  ·  Licence: CC-BY-SA-4.0",
            "Captured 2024-06-02 12:00  ·  Panoramax: https://panoramax.example.org  ·  "
            "Picture 00000000-0000-0000-0000-000000000000",
        ),
        camera=Camera(yaw=35.0, pitch=-8.0, hfov=90.0),
        size=OUT,
    )
    # interleaved, so that a busy moment of the machine weighs on both alike
    decode, capture = [], []
    for _ in range(3):
        decode.append(median_ms(lambda: decode_image(data, from_memory=True)))
        capture.append(median_ms(lambda: compose_capture(spec, None, data)))
    decode_ms, capture_ms = statistics.median(decode), statistics.median(capture)
    image = compose_capture(spec, None, data)
    assert (image.width(), image.height()) == OUT
    print(f"BENCH capture_hd_ms {capture_ms:.1f} ms")
    print(f"BENCH capture_decode_hd_ms {decode_ms:.1f} ms")
    print(f"BENCH capture_ratio {capture_ms / decode_ms:.2f} ratio")
    print(f"# source JPEG {len(data) / 2**20:.1f} MiB, {SOURCE_W}x{SOURCE_H} -> {OUT[0]}x{OUT[1]}")
    del app


if __name__ == "__main__":
    main()
