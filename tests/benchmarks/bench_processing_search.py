"""Processing *Search pictures* against the browse search of the same area (the benchmark
area seeded with 10,000 pictures, ``seed.ensure_bench_area``), in the same run.

BENCH processing_search_10k_s   processing.run("panoramax:searchpictures") of the area into a
                                temporary layer (10,000 features), in the calling thread as
                                qgis_process runs it
BENCH processing_search_10k_gpkg_s  the same into a GeoPackage file
BENCH browse_search_10k_s       the panel's browse of the same area until its layers are
                                complete (bench_browse.one_load)
BENCH processing_search_ratio   processing_search_10k_s / browse_search_10k_s (target <= 1.2)
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)

from tests.benchmarks.seed import ensure_bench_area  # noqa: E402

RUNS = 3
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"


def extent_text(bbox) -> str:
    west, south, east, north = bbox
    return f"{west},{east},{south},{north} [EPSG:4326]"


def processing_run_s(processing, api: str, bbox, output: str) -> float:
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    start = time.perf_counter()
    result = processing.run(
        "panoramax:searchpictures",
        {"EXTENT": extent_text(bbox), "INSTANCE": api, "OUTPUT": output},
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    elapsed = time.perf_counter() - start
    assert result["COUNT"] == 10_000 and result["COMPLETE"], result
    return elapsed


def main() -> None:
    api = os.environ["PANORAMAX_API"]
    bbox, count = ensure_bench_area(api, os.environ.get("PANORAMAX_TOKEN"), log=lambda *a: None)
    if count != 10_000:
        raise SystemExit(f"the benchmark area holds {count} pictures, not 10,000")

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(QGIS_PLUGINS)
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    from panoramax_plugin.core.client import PanoramaxClient
    from panoramax_plugin.processing.provider import PanoramaxProvider
    from panoramax_plugin.settings import PluginSettings
    from tests.benchmarks.bench_browse import one_load
    from tests.qgis.desktop_stub import DesktopStub

    provider = PanoramaxProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    desktop = DesktopStub()
    settings = PluginSettings()
    instance = PanoramaxClient(api).discover()
    folder = Path(tempfile.mkdtemp(prefix="bench-processing-"))
    memory_runs, gpkg_runs, browse_runs = [], [], []
    try:
        for run in range(RUNS):
            browse_ms, _stall = one_load(app, desktop, settings, api, instance, bbox)
            browse_runs.append(browse_ms / 1000.0)
            QgsProject.instance().removeAllMapLayers()
            memory_runs.append(processing_run_s(processing, api, bbox, "TEMPORARY_OUTPUT"))
            gpkg_runs.append(processing_run_s(processing, api, bbox, str(folder / f"{run}.gpkg")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        QgsProject.instance().removeAllMapLayers()

    memory_s, gpkg_s = statistics.median(memory_runs), statistics.median(gpkg_runs)
    browse_s = statistics.median(browse_runs)
    print(f"BENCH processing_search_10k_s {memory_s:.2f} s")
    print(f"BENCH processing_search_10k_gpkg_s {gpkg_s:.2f} s")
    print(f"BENCH browse_search_10k_s {browse_s:.2f} s")
    print(f"BENCH processing_search_ratio {memory_s / browse_s:.2f} x")
    QgsApplication.processingRegistry().removeProvider(provider)


if __name__ == "__main__":
    main()
