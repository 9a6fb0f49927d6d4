"""Look at my assets benchmark: pictures of 1000 point features on the local instance.

The features are 1000 points 3 m in front of pictures of the benchmark area (the first
1000 slots of ``seed.py``'s grid, heading east; ``ensure_bench_area(1000)`` costs one
listing when the area is seeded, else uploads those 1000 pictures, ~10 s).

BENCH inventory_pictures_of_1000_features_s  pictures_of_features (MAX_WORKERS threads,
                                             one PanoramaxClient/session each)
BENCH inventory_raw_place_search_1000_s      the same 1000 place searches as plain
                                             sequential requests.get + json.loads (reference)
BENCH inventory_requests_per_feature         HTTP requests of the plugin run / features (<= 1)
BENCH inventory_vs_raw_ratio                 the two times, same run (target <= 0.5)
BENCH inventory_server_ms_per_search         mean server time of one place search (raw run,
                                             requests' ``elapsed``: until the headers arrive)
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from panoramax_plugin.core.client import PanoramaxClient  # noqa: E402
from panoramax_plugin.core.feature_pictures import (  # noqa: E402
    MAX_WORKERS,
    PLACE_FOV_TOLERANCE,
    Target,
    pictures_of_features,
)
from panoramax_plugin.core.http import HttpClient, make_session  # noqa: E402
from tests.benchmarks.seed import (  # noqa: E402
    EARTH_RADIUS_M,
    HEADING,
    LINE_LENGTH,
    Slot,
    ensure_bench_area,
    slot_position,
)

FEATURES = 1000
AHEAD_M = 3.0
MAX_DISTANCE_M = 30


def feature_points() -> list:
    """(lon, lat) AHEAD_M metres east of the first FEATURES slots (lines 0 and 1)."""
    points = []
    for n in range(FEATURES):
        lon, lat = slot_position(Slot(n // LINE_LENGTH, n % LINE_LENGTH))
        east = AHEAD_M * math.sin(math.radians(HEADING))
        north = AHEAD_M * math.cos(math.radians(HEADING))
        points.append(
            (
                lon + math.degrees(east / (EARTH_RADIUS_M * math.cos(math.radians(lat)))),
                lat + math.degrees(north / EARTH_RADIUS_M),
            )
        )
    return points


def raw_run(api: str, points) -> tuple:
    """Sequential requests.get + json.loads of the same place searches: (seconds, server ms)."""
    session = requests.Session()
    server_ms = []
    start = time.perf_counter()
    found = 0
    for lon, lat in points:
        answer = session.get(
            f"{api}/search",
            params={
                "limit": "100",
                "place_position": f"{lon:.7f},{lat:.7f}",
                "place_distance": f"0-{MAX_DISTANCE_M}",
                "place_fov_tolerance": f"{PLACE_FOV_TOLERANCE:g}",
            },
            timeout=60,
        )
        found += len(json.loads(answer.content)["features"])
        server_ms.append(answer.elapsed.total_seconds() * 1000)
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed, statistics.mean(server_ms), found


def plugin_run(api: str, points) -> tuple:
    """pictures_of_features over the points: (seconds, requests sent, candidates, errors)."""
    instance = PanoramaxClient(api).discover()  # what the QGIS side already holds
    sent = []

    def factory():
        session = make_session()
        session.hooks["response"].append(lambda response, *a, **k: sent.append(1))
        return PanoramaxClient(api, http=HttpClient(session=session), instance=instance)

    targets = [Target("point", [[p]], feature_id=i) for i, p in enumerate(points)]
    start = time.perf_counter()
    results = pictures_of_features(
        factory, targets, workers=MAX_WORKERS, max_distance_m=MAX_DISTANCE_M
    )
    elapsed = time.perf_counter() - start
    errors = [v for v in results.values() if isinstance(v, Exception)]
    found = sum(len(v) for v in results.values() if not isinstance(v, Exception))
    return elapsed, len(sent), found, errors


def main() -> int:
    api = os.environ.get("PANORAMAX_API")
    if not api:
        print('bench_inventory: skipped, PANORAMAX_API is not set (eval "$(bash ...env)")')
        return 0
    api = api.rstrip("/")
    _bbox, count = ensure_bench_area(api, os.environ.get("PANORAMAX_TOKEN") or None, FEATURES)
    if count < FEATURES:
        print(f"bench_inventory: skipped, the benchmark area holds only {count} pictures")
        return 0
    points = feature_points()
    raw_run(api, points[:50])  # warm both the server and the client
    plugin_s, sent, found, errors = plugin_run(api, points)
    raw_s, server_ms, raw_found = raw_run(api, points)
    print(f"BENCH inventory_pictures_of_1000_features_s {plugin_s:.2f} s")
    print(f"BENCH inventory_raw_place_search_1000_s {raw_s:.2f} s")
    print(f"BENCH inventory_requests_per_feature {sent / len(points):.3f} ratio")
    print(f"BENCH inventory_vs_raw_ratio {plugin_s / raw_s:.2f} ratio")
    print(f"BENCH inventory_server_ms_per_search {server_ms:.1f} ms")
    print(
        f"inventory: {found} candidates for {len(points)} features ({raw_found} pictures in"
        f" the raw answers), {len(errors)} errors {errors[:3]}"
    )
    return 0 if not errors and sent <= len(points) and found > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
