"""Tagged pictures benchmark against the local instance (5,000 tagged pictures).

The benchmark area (``seed.BENCH_BBOX``, 10,000 pictures) has 5,000 pictures tagged
``bench:tagged=yes`` (and ``bench:sign=<5 values>``) by ``tag_seed.ensure_tagged``.

BENCH tags_raw_fetch_5000_s  plain requests GET of the same filtered search + json.loads
                             (reference)
BENCH tags_layer_5000_s      the plugin: TaggedController.load_bbox -> task -> 5,000
                             features with their tag columns, categorized by main tag, in
                             the project
BENCH tags_layer_ratio       the two above, same run, medians of alternated rounds
                             (target <= 1.3)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
from qgis.core import QgsApplication, QgsProject  # noqa: E402

from tests.benchmarks.bench_browse import Quiet, wait  # noqa: E402
from tests.benchmarks.seed import ensure_bench_area  # noqa: E402
from tests.benchmarks.tag_seed import (  # noqa: E402
    TAG_KEY,
    TAG_VALUE,
    TAGGED_COUNT,
    ensure_tagged,
)

RUNS = 5
TARGET_RATIO = 1.3


def raw_fetch_s(api: str, bbox, cql: str) -> tuple:
    start = time.perf_counter()
    answer = requests.get(
        f"{api}/search",
        params={"bbox": ",".join(f"{v:.7f}" for v in bbox), "limit": "10000", "filter": cql},
        timeout=300,
    )
    body = json.loads(answer.content)
    return time.perf_counter() - start, len(body["features"])


def one_load(app, tagged, bbox, query) -> float:
    QgsProject.instance().removeAllMapLayers()
    done = []
    tagged.load_finished.connect(done.append)
    tagged.message.connect(lambda level, text: done.append(text) if level == "critical" else None)
    start = time.perf_counter()
    tagged.load_bbox(bbox, query)
    wait(app, lambda: done)
    elapsed = time.perf_counter() - start
    tagged.load_finished.disconnect()
    tagged.message.disconnect()
    assert not isinstance(done[0], str), done[0]
    layer = done[0]
    assert layer.layer.featureCount() == TAGGED_COUNT, layer.layer.featureCount()
    assert "tag:bench:sign" in layer.layer.fields().names()
    return elapsed


def main() -> int:
    api = os.environ["PANORAMAX_API"]
    token = os.environ.get("PANORAMAX_TOKEN")
    bbox, count = ensure_bench_area(api, token, log=lambda *a: None)
    if count < 10_000:
        raise SystemExit(f"the benchmark area holds {count} pictures, not 10,000")
    tagged_count = ensure_tagged(api, token, log=lambda *a: None)
    if tagged_count != TAGGED_COUNT:
        raise SystemExit(f"{tagged_count} tagged pictures in the benchmark area, not 5,000")

    app = QgsApplication([], False)
    app.initQgis()
    from panoramax_plugin.browse.controller import BrowseController
    from panoramax_plugin.browse.tagged_controller import TaggedController
    from panoramax_plugin.core.client import PanoramaxClient
    from panoramax_plugin.core.tagged import TagQuery
    from panoramax_plugin.settings import PluginSettings
    from tests.qgis.desktop_stub import DesktopStub

    desktop = DesktopStub()
    browse = BrowseController(desktop.canvas, Quiet(), PluginSettings())
    browse.set_instance(api, PanoramaxClient(api).discover())  # connected, as the panel is
    tagged = TaggedController(browse)
    query = TagQuery(key=TAG_KEY, values=(TAG_VALUE,))
    raw_runs, layer_runs = [], []
    for _ in range(RUNS):
        raw_s, raw_count = raw_fetch_s(api, bbox, query.cql())
        assert raw_count == TAGGED_COUNT, raw_count
        raw_runs.append(raw_s)
        layer_runs.append(one_load(app, tagged, bbox, query))
    tagged.unload()
    browse.unload()
    QgsProject.instance().removeAllMapLayers()

    raw, layer = statistics.median(raw_runs), statistics.median(layer_runs)
    ratio = layer / raw
    print(f"BENCH tags_raw_fetch_5000_s {raw:.2f} s")
    print(f"BENCH tags_layer_5000_s {layer:.2f} s")
    print(f"BENCH tags_layer_ratio {ratio:.2f} x (target <= {TARGET_RATIO})")
    if os.environ.get("BENCH_VERBOSE"):
        print("raw", [f"{v:.2f}" for v in raw_runs], "layer", [f"{v:.2f}" for v in layer_runs])
    return 0


if __name__ == "__main__":
    sys.exit(main())
