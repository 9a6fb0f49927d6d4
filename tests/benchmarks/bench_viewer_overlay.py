"""BENCH viewer_overlay_*: what drawing the user's features in the 360° view costs.

* ``viewer_overlay_plain_frame_ms``: one drag frame of the real ``PanoView`` (1280x720
  widget, 5760x2880 picture): the camera turns 1.7°, the widget repaints (half-size nearest
  preview, upscaled by the painter), median ms of ``repaint()``.
* ``viewer_overlay_frame_ms``: the same frames with 200 features overlaid (labelled points
  within 50 m, every direction: those in view are projected and painted each frame).
* ``viewer_overlay_ratio``: overlay / plain; target <= 1.5.
* ``viewer_overlay_collect_ms`` / ``viewer_overlay_collect_gpkg_ms``: reading the 200
  features near the picture (out of 2000 over 1 km) with their labels, from a memory layer
  and from a GeoPackage, per picture (informational: why collection stays on the main
  thread).

Runs offscreen; exits 0 (the figures are read, not asserted).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QEvent  # noqa: E402

LON, LAT, HEADING = 4.8358, 45.764, 30.0
SOURCE_W, SOURCE_H = 5760, 2880
VIEW_W, VIEW_H = 1280, 720
FEATURES_NEAR, FEATURES_ALL = 200, 2000
FRAMES = 60
app = None  # module level: the application outlives every widget (see bench_viewer.py)


def make_layer(count_near: int, count_all: int):
    """A Lambert-93 point layer: ``count_near`` features within 50 m, the rest up to 1 km."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorLayer,
    )

    from panoramax_plugin.core.view_geometry import destination

    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=name:string", "Signs", "memory")
    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance()
    )
    rng = random.Random(7)
    features = []
    for index in range(count_all):
        reach = 48.0 if index < count_near else 1000.0
        distance = rng.uniform(3.0, reach) if index < count_near else rng.uniform(60.0, reach)
        lon, lat = destination(LON, LAT, rng.uniform(0.0, 360.0), distance)
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f"Sign {index}"])
        feature.setGeometry(QgsGeometry.fromPointXY(to_l93.transform(QgsPointXY(lon, lat))))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def to_gpkg(layer):
    from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer

    path = str(Path(tempfile.mkdtemp(prefix="bench-overlay-")) / "signs.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    write = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
    write = write or QgsVectorFileWriter.writeAsVectorFormatV2
    result = write(layer, path, QgsProject.instance().transformContext(), options)
    if result[0] != QgsVectorFileWriter.WriterError.NoError:
        raise SystemExit(f"could not write the GeoPackage: {result}")
    return QgsVectorLayer(path, "Signs (GeoPackage)", "ogr")


def timed_collect(collector, choices) -> tuple[float, int]:
    collector.collect(choices, LON, LAT, 50.0)  # warm-up
    times, count = [], 0
    for _ in range(15):
        start = time.perf_counter()
        count = len(collector.collect(choices, LON, LAT, 50.0))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count


def pan_frames(view) -> float:
    """Median ms of one drag step: the camera turns, the widget paints (``paintEvent``
    into a reused image: offscreen, ``repaint()`` paints nothing)."""
    from qgis.PyQt.QtGui import QImage

    target = QImage(view.width(), view.height(), QImage.Format.Format_ARGB32_Premultiplied)
    view.look(1.0)
    view.render(target)  # warm-up: tables and buffers made
    renders = view.render_count
    times = []
    for _ in range(FRAMES):
        start = time.perf_counter()
        view.look(1.7)
        view.render(target)
        times.append((time.perf_counter() - start) * 1000)
    if view.render_count - renders != FRAMES or view.last_frame_smooth:
        raise SystemExit("the frames were not rendered as drag frames")
    return statistics.median(times)


def main() -> None:
    global app
    app = QgsApplication([], True)
    app.initQgis()
    from qgis.core import QgsProject

    from panoramax_plugin.core.camera import Camera
    from panoramax_plugin.core.models import Picture
    from panoramax_plugin.viewer.overlay import OverlayScene
    from panoramax_plugin.viewer.overlay_features import FeatureCollector, LayerChoice
    from panoramax_plugin.viewer.overlay_painter import SceneOverlay
    from panoramax_plugin.viewer.pano_view import PanoView

    project = QgsProject.instance()
    memory = make_layer(FEATURES_NEAR, FEATURES_ALL)
    gpkg = to_gpkg(memory)
    project.addMapLayers([memory, gpkg])
    collector = FeatureCollector(project)
    collect_ms, near = timed_collect(collector, [LayerChoice(memory.id(), '"name"')])
    gpkg_ms, near_gpkg = timed_collect(collector, [LayerChoice(gpkg.id(), '"name"')])
    if near != FEATURES_NEAR or near_gpkg != FEATURES_NEAR:
        raise SystemExit(f"expected {FEATURES_NEAR} features near, got {near} / {near_gpkg}")

    rng = np.random.default_rng(2024)
    source = rng.integers(0, 2**32, size=(SOURCE_H, SOURCE_W), dtype=np.uint32)
    source |= np.uint32(0xFF000000)
    view = PanoView()
    view.resize(VIEW_W, VIEW_H)
    view.show()
    try:
        view.set_source(source)
        del source
        view.set_camera(Camera(yaw=-60.0, pitch=-8.0, hfov=90.0))
        plain_ms = pan_frames(view)

        scene = OverlayScene(camera_height_m=2.0)
        scene.set_picture(Picture("bench", None, LON, LAT, heading=HEADING, is_360=True))
        scene.set_markers(collector.collect([LayerChoice(memory.id(), '"name"')], LON, LAT, 50.0))
        view.set_overlay(SceneOverlay(scene))
        view.set_camera(Camera(yaw=-60.0, pitch=-8.0, hfov=90.0))
        overlay_ms = pan_frames(view)
        in_view = len(scene.place(view.overlay_pose())[0])
    finally:
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        project.removeAllMapLayers()

    print(f"BENCH viewer_overlay_plain_frame_ms {plain_ms:.2f} ms")
    print(f"BENCH viewer_overlay_frame_ms {overlay_ms:.2f} ms")
    print(f"BENCH viewer_overlay_ratio {overlay_ms / plain_ms:.2f} ratio")
    print(f"BENCH viewer_overlay_collect_ms {collect_ms:.2f} ms")
    print(f"BENCH viewer_overlay_collect_gpkg_ms {gpkg_ms:.2f} ms")
    print(
        f"# {FEATURES_NEAR} features within 50 m ({FEATURES_ALL} in the layer), "
        f"about {in_view} in view in the last frame; {FRAMES} frames each"
    )


if __name__ == "__main__":
    main()
