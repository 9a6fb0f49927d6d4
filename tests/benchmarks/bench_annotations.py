"""BENCH viewer_annotations_*: what drawing a picture's annotations costs in the 360° view.

* ``viewer_plain_frame_ms``: one drag frame of the real ``PanoView`` (1280x720 widget,
  5760x2880 picture): the camera turns 1.7°, the widget paints (half-size nearest
  preview, upscaled), median ms.
* ``viewer_annotations_frame_ms``: the same frames with 50 annotations on the picture
  (30 people's, 20 detections with their confidence; boxes of 40-250 px spread over the
  whole panorama at pitches -25..+25°, three across the seam): those near the view are
  projected, stroked and labelled each frame.
* ``viewer_annotations_frame_ratio``: annotations / plain; target <= 1.5.

Rounds alternate (plain, annotated, plain, …) and each figure is the median of all its
frames: the machine is a shared 2-core box. Runs offscreen; exits 0 (figures are read, not
asserted).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QEvent  # noqa: E402

SOURCE_W, SOURCE_H = 5760, 2880
VIEW_W, VIEW_H = 1280, 720
ANNOTATIONS, DETECTIONS = 50, 20
FRAMES, ROUNDS = 30, 6
app = None  # module level: the application outlives every widget (see bench_viewer.py)


def make_annotations():
    from panoramax_plugin.core.annotation_geometry import box_polygon
    from panoramax_plugin.core.semantics import Annotation, Tag

    rng = random.Random(14)
    made = []
    for index in range(ANNOTATIONS):
        w, h = rng.uniform(40, 250), rng.uniform(40, 250)
        if index < 3:  # across the seam: given as a ring running over the right edge
            x = SOURCE_W - w / 2
        else:
            x = rng.uniform(0, SOURCE_W - w)
        y = rng.uniform(SOURCE_H * (0.5 - 25 / 180), SOURCE_H * (0.5 + 25 / 180) - h)
        ring = box_polygon((x, y, x + w, y + h))
        if index < 3:
            ring = tuple(((px - SOURCE_W if px > SOURCE_W else px), py) for px, py in ring)
        tags = [Tag("osm|traffic_sign", f"FR:B{index}")]
        if index >= ANNOTATIONS - DETECTIONS:
            tags += [
                Tag("detection_model[SGBlur-yolo11n/0.1.0]", "SGBlur-yolo11n/0.1.0"),
                Tag("detection_confidence[SGBlur-yolo11n/0.1.0]", f"{rng.uniform(0.5, 1):.3f}"),
            ]
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        made.append(
            Annotation(
                f"a{index}", (min(xs), min(ys), max(xs), max(ys)), tuple(tags), "bench", ring
            )
        )
    return made


def pan_frames(view, target, frames: int) -> list:
    """ms of each drag step: the camera turns, the widget paints into ``target``."""
    view.look(1.0)
    view.render(target)  # warm-up after a switch
    renders = view.render_count
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        view.look(1.7)
        view.render(target)
        times.append((time.perf_counter() - start) * 1000)
    if view.render_count - renders != frames or view.last_frame_smooth:
        raise SystemExit("the frames were not rendered as drag frames")
    return times


def main() -> None:
    global app
    app = QgsApplication([], True)
    app.initQgis()
    from qgis.PyQt.QtGui import QImage

    from panoramax_plugin.core.camera import Camera
    from panoramax_plugin.viewer.annotation_layer import AnnotationLayer
    from panoramax_plugin.viewer.pano_view import PanoView

    rng = np.random.default_rng(2024)
    source = rng.integers(0, 2**32, size=(SOURCE_H, SOURCE_W), dtype=np.uint32)
    source |= np.uint32(0xFF000000)
    view = PanoView()
    view.resize(VIEW_W, VIEW_H)
    view.show()
    layer = AnnotationLayer()
    start = time.perf_counter()
    layer.set_annotations(make_annotations(), (SOURCE_W, SOURCE_H), True)
    prepare_ms = (time.perf_counter() - start) * 1000
    target = QImage(view.width(), view.height(), QImage.Format.Format_ARGB32_Premultiplied)
    plain, annotated, in_view = [], [], []
    try:
        view.set_source(source)
        del source
        view.set_camera(Camera(yaw=-60.0, pitch=-5.0, hfov=90.0))
        for _ in range(ROUNDS):
            view.set_annotation_layer(None)
            plain += pan_frames(view, target, FRAMES)
            view.set_annotation_layer(layer)
            annotated += pan_frames(view, target, FRAMES)
            in_view.append(len(layer.place(view.overlay_pose())))
    finally:
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    plain_ms, annotated_ms = statistics.median(plain), statistics.median(annotated)
    print(f"BENCH viewer_annotations_frame_ms {annotated_ms:.2f} ms")
    print(f"BENCH viewer_plain_frame_ms {plain_ms:.2f} ms")
    print(f"BENCH viewer_annotations_frame_ratio {annotated_ms / plain_ms:.2f} x")
    print(
        f"# {ANNOTATIONS} annotations ({DETECTIONS} detections), {min(in_view)}-{max(in_view)} "
        f"in view at the end of a round; {ROUNDS} alternating rounds of {FRAMES} frames; "
        f"prepared once per picture in {prepare_ms:.1f} ms"
    )


if __name__ == "__main__":
    main()
