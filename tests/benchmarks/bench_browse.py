"""Browse benchmarks against the local instance (an area seeded with 10,000 pictures).

BENCH search_raw_fetch_10k_ms   plain requests GET + json.loads of the area's search (reference)
BENCH search_to_layer_10k_ms    the plugin: extent -> task -> styled point layer with 10,000
                                features and the sequence lines, until the layers are complete
BENCH search_to_layer_ratio     the two above, same run (target <= 1.3)
BENCH gui_max_stall_ms          longest gap of a 5 ms heartbeat timer on the main thread while
                                the 10,000 pictures load (target <= 50)
BENCH extent_pan_requests       HTTP requests sent while the map pans across 20 extents in 2 s
                                with auto-refresh on (target <= 2)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsNetworkAccessManager,
    QgsNetworkRequestParameters,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402

from tests.benchmarks.seed import ensure_bench_area  # noqa: E402

RUNS = 3


def wait(app, condition, timeout_s=300.0):
    """Run Qt's own (C++) event loop until ``condition()``, as the QGIS desktop does.

    A Python loop of processEvents() would itself compete for the GIL with the
    worker thread and blur the stall measurement.
    """
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start(int(timeout_s * 1000))
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError("benchmark step timed out")


def run_for(milliseconds: int) -> None:
    """Let Qt's event loop run for a while (the map "moving" between two extents)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def raw_fetch_ms(api: str, bbox) -> tuple:
    start = time.perf_counter()
    answer = requests.get(
        f"{api}/search",
        params={"bbox": ",".join(f"{v:.7f}" for v in bbox), "limit": "10000"},
        timeout=300,
    )
    body = answer.json()
    return (time.perf_counter() - start) * 1000, len(body["features"])


class Quiet:
    """A logger that says nothing (the benchmark prints only BENCH lines)."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def one_load(app, desktop, settings, api, instance, bbox) -> tuple:
    """(ms until the layers are complete, longest heartbeat gap in ms) of one load.

    The instance is connected beforehand, as the panel's Connect (or a previous
    load) does: its landing page is not part of loading an extent.
    """
    from panoramax_plugin.browse.controller import BrowseController

    QgsProject.instance().removeAllMapLayers()
    controller = BrowseController(desktop.canvas, Quiet(), settings)
    controller.set_instance(api, instance)
    done = []
    controller.load_finished.connect(done.append)
    controller.message.connect(
        lambda level, text: done.append(text) if level == "critical" else None
    )
    heartbeat = QElapsedTimer()
    gaps = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: gaps.append(heartbeat.restart()))
    start = time.perf_counter()
    heartbeat.start()
    timer.start()
    controller.load_bbox(bbox)
    wait(app, lambda: done)
    elapsed = (time.perf_counter() - start) * 1000
    timer.stop()
    assert not isinstance(done[0], str), done[0]
    layer = controller.current_layers().pictures.layer
    assert layer.featureCount() == 10_000, layer.featureCount()
    controller.unload()
    return elapsed, (max(gaps) if gaps else elapsed)


def main() -> None:
    api = os.environ["PANORAMAX_API"]
    bbox, count = ensure_bench_area(api, os.environ.get("PANORAMAX_TOKEN"), log=lambda *a: None)
    if count != 10_000:
        raise SystemExit(f"the benchmark area holds {count} pictures, not 10,000")

    app = QgsApplication([], False)
    app.initQgis()
    from panoramax_plugin.browse.controller import BrowseController
    from panoramax_plugin.core.client import PanoramaxClient
    from panoramax_plugin.settings import PluginSettings
    from tests.qgis.desktop_stub import DesktopStub

    desktop = DesktopStub()
    settings = PluginSettings()
    instance = PanoramaxClient(api).discover()
    raw_runs, layer_runs, stalls = [], [], []
    for _ in range(RUNS):
        raw_ms, raw_count = raw_fetch_ms(api, bbox)
        assert raw_count == 10_000, raw_count
        raw_runs.append(raw_ms)
        elapsed, stall = one_load(app, desktop, settings, api, instance, bbox)
        layer_runs.append(elapsed)
        stalls.append(stall)

    raw_ms, layer_ms = statistics.median(raw_runs), statistics.median(layer_runs)
    print(f"BENCH search_raw_fetch_10k_ms {raw_ms:.0f} ms")
    print(f"BENCH search_to_layer_10k_ms {layer_ms:.0f} ms")
    print(f"BENCH search_to_layer_ratio {layer_ms / raw_ms:.2f} x")
    print(f"BENCH gui_max_stall_ms {max(stalls):.0f} ms")

    # ---- panning with auto-refresh: count every request QGIS sends
    # (the instance is connected first, as the panel does: discovery is not panning)
    QgsProject.instance().removeAllMapLayers()
    controller = BrowseController(desktop.canvas, Quiet(), settings)
    controller.set_instance(api, instance)
    sent = []
    QgsNetworkAccessManager.instance().requestAboutToBeCreated[QgsNetworkRequestParameters].connect(
        lambda params: sent.append(params.request().url().toString())
    )
    desktop.canvas.resize(800, 600)
    west, south, east, north = bbox
    step = (east - west) / 40
    desktop.canvas.setExtent(QgsRectangle(west, south, west + (east - west) / 2, north))
    done = []
    controller.load_finished.connect(done.append)
    controller.set_auto_refresh(True)
    for index in range(20):  # 20 extents in 2 s
        offset = west + index * step
        desktop.canvas.setExtent(QgsRectangle(offset, south, offset + (east - west) / 2, north))
        run_for(100)
    wait(app, lambda: done)
    app.processEvents()
    print(f"BENCH extent_pan_requests {len(sent)} requests")
    if os.environ.get("BENCH_VERBOSE"):
        print("\n".join(sent))
    controller.unload()
    QgsProject.instance().removeAllMapLayers()


if __name__ == "__main__":
    main()
