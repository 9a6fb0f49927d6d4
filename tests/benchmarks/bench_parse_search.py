"""BENCH parse_search_10k_ms: 10,000 search items from JSON text to Picture models,
against the same run's bare ``json.loads`` of the same text (the reference).

The browse feature must stay close to the raw cost of reading the answer; the
models' parsing is the part the plugin adds.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from panoramax_plugin.core.models import picture_from_feature  # noqa: E402

ITEM = ROOT.parent / "shared" / "data" / "api-samples" / "item_360.json"


def make_response(count: int) -> str:
    if ITEM.exists():
        template = json.loads(ITEM.read_text())["body"]
    else:  # a minimal item, so the benchmark runs anywhere
        template = {
            "type": "Feature",
            "id": "x",
            "collection": "c",
            "geometry": {"type": "Point", "coordinates": [4.8, 45.7]},
            "properties": {"datetime": "2024-06-02T10:00:00Z", "view:azimuth": 90},
            "assets": {"sd": {"href": "/api/pictures/x/sd.jpg"}},
            "links": [],
        }
    features = []
    for index in range(count):
        feature = copy.deepcopy(template)
        feature["id"] = str(uuid.uuid4())
        feature["geometry"]["coordinates"] = [4.8 + index * 1e-5, 45.7]
        features.append(feature)
    return json.dumps({"type": "FeatureCollection", "features": features})


def main() -> None:
    text = make_response(10_000)
    base = "http://127.0.0.1:5000/api/search"
    raw, full = [], []
    for _ in range(5):
        start = time.perf_counter()
        body = json.loads(text)
        raw.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        body = json.loads(text)
        pictures = [picture_from_feature(f, base) for f in body["features"]]
        full.append((time.perf_counter() - start) * 1000)
        assert len(pictures) == 10_000
    raw_ms, full_ms = statistics.median(raw), statistics.median(full)
    print(f"BENCH parse_search_10k_ms {full_ms:.1f} ms")
    print(f"BENCH parse_search_10k_json_only_ms {raw_ms:.1f} ms")
    print(f"BENCH parse_search_10k_ratio {full_ms / raw_ms:.2f} x")


if __name__ == "__main__":
    main()
