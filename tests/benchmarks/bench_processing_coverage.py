"""*Coverage along lines* on 1,000 generated road lines across the 10,000-picture
benchmark area (local instance).

BENCH processing_coverage_1000_lines_s   processing.run of panoramax:coveragealonglines,
                                         1,000 lines (3-6 vertices, 150-600 m), 20 m
BENCH processing_coverage_requests       search requests it made (target: <= one per
                                         line, batched: far fewer)
"""

from __future__ import annotations

import math
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)

from tests.benchmarks.seed import (  # noqa: E402
    BENCH_COUNT,
    LINE_LENGTH,
    LINES_PER_ROW,
    ROWS,
    Slot,
    ensure_bench_area,
    slot_position,
)
from tests.fixtures.pictures import EARTH_RADIUS_M  # noqa: E402

LINES = 1_000
DISTANCE_M = 20.0


def road_lines(count: int, seed: int = 16) -> list:
    """Random lines where the seed put its pictures (its first lines of slots, ~7.5 x
    1.75 km): half start on a picture line (covered at least in part), half anywhere
    (mostly uncovered)."""
    rng = random.Random(seed)
    seeded_lines = BENCH_COUNT // LINE_LENGTH
    last_row = min(ROWS - 1, math.ceil(seeded_lines / LINES_PER_ROW))
    west, south = slot_position(Slot(0, 0))
    east, north = slot_position(Slot(last_row * LINES_PER_ROW + LINES_PER_ROW - 1, LINE_LENGTH))
    lines = []
    for number in range(count):
        if number % 2 == 0:
            slot = Slot(rng.randrange(seeded_lines), rng.randrange(LINE_LENGTH))
            lon, lat = slot_position(slot)
            bearing = rng.choice((90.0, 270.0)) + rng.uniform(-10, 10)
        else:
            lon, lat = rng.uniform(west, east), rng.uniform(south, north)
            bearing = rng.uniform(0, 360)
        points = [QgsPointXY(lon, lat)]
        for _ in range(rng.randint(2, 5)):
            step = rng.uniform(50, 120)
            bearing += rng.uniform(-25, 25)
            b = math.radians(bearing)
            lat += math.degrees(step * math.cos(b) / EARTH_RADIUS_M)
            lon += math.degrees(step * math.sin(b) / (EARTH_RADIUS_M * math.cos(math.radians(lat))))
            points.append(QgsPointXY(lon, lat))
        lines.append(points)
    return lines


def main() -> int:
    api = os.environ["PANORAMAX_API"]
    _bbox, count = ensure_bench_area(api, os.environ.get("PANORAMAX_TOKEN"), log=lambda *a: None)
    if count < 10_000:
        raise SystemExit(f"the benchmark area holds {count} pictures, not 10,000")
    app = QgsApplication([], False)
    app.initQgis()
    from tests.integration.processing_b_support import RecordingFeedback, ensure_processing

    processing = ensure_processing()
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=n:integer", "roads", "memory")
    features = []
    for number, points in enumerate(road_lines(LINES)):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([number])
        feature.setGeometry(QgsGeometry.fromPolylineXY(points))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    feedback = RecordingFeedback()
    start = time.perf_counter()
    results = processing.run(
        "panoramax:coveragealonglines",
        {"INPUT": layer, "DISTANCE": DISTANCE_M, "INSTANCE": api, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    elapsed = time.perf_counter() - start
    out = results["OUTPUT"]
    assert out.featureCount() == LINES, out.featureCount()
    covered = sum(1 for f in out.getFeatures() if f["covered_m"] > 0)
    print(
        f"# {covered} of {LINES} lines partly covered; total {results['TOTAL_LENGTH'] / 1000:.1f}"
        f" km, uncovered {results['UNCOVERED_LENGTH'] / 1000:.1f} km; {feedback.infos[-2:]}"
    )
    print(f"BENCH processing_coverage_1000_lines_s {elapsed:.2f} s")
    print(f"BENCH processing_coverage_requests {results['REQUESTS']} requests")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
