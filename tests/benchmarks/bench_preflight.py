"""Pre-flight benchmark: read 1,000 pictures and predict the instance's dispatch.

BENCH preflight_1000_ms            read_picture() on 1,000 JPEGs + predict_dispatch() with
                                   DispatchRules() defaults, with the reader the plugin uses in
                                   QGIS (QgsExifTools through panoramax_plugin.upload.exif_reader)
                                   when it exists, else the pure-Python reader (target <= 5000)
BENCH preflight_1000_pure_ms       the same with the pure-Python reader (read_tags=None)
BENCH preflight_1000_qgis_ms       the same with read_tags_with_qgis (when available)
BENCH preflight_1000_reference_ms  a plain reference: open each file and read its first 64 KiB
BENCH preflight_1000_ratio         preflight_1000_ms / reference (survives machine noise)

The 1,000 pictures (1152x864 flat JPEGs of ~0.3 MB, every tenth a 1024x512 360° panorama
with GPano XMP; full EXIF: GPS, time with sub-seconds and offset, heading, camera) are
generated once into build/bench-cache/preflight-1000-v1/ (delete it to regenerate): 10 walks
of 100 pictures, 5 m and 2 s apart, 10 minutes between walks (time splits), the last walk
0.5 m apart (capture duplicates). Warm page cache: the median of 3 passes is printed.
No server is needed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.upload_bench_support import generate  # noqa: E402

COUNT = 1000
WALKS = 10
PASSES = 3
TARGET_MS = 5000
CACHE = ROOT / "build" / "bench-cache" / "preflight-1000-v1"
MARKER = CACHE / "complete.txt"
FLAT_SIZE = (1152, 864)
PANO_SIZE = (1024, 512)


def pictures() -> list:
    """The cached 1,000 pictures, generated when the cache is missing or incomplete."""
    if MARKER.exists():
        names = MARKER.read_text(encoding="utf-8").split()
        paths = [CACHE / name for name in names]
        if len(paths) == COUNT and all(p.exists() for p in paths):
            return paths
    from tests.fixtures.pictures import DEFAULT_START_TIME, line_of_shots

    start = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    flat_jobs, pano_jobs = [], []
    per_walk = COUNT // WALKS
    for walk in range(WALKS):
        shots = line_of_shots(
            45.70 + walk * 0.01,
            4.80 + walk * 0.005,
            per_walk,
            spacing_m=0.5 if walk == WALKS - 1 else 5.0,
            bearing_deg=(walk * 37) % 360,
            start_time=DEFAULT_START_TIME + timedelta(minutes=10 * walk),
            interval_s=2.0,
        )
        for index, shot in enumerate(shots):
            name = f"walk{walk:02d}_{index:03d}.jpg"
            if index % 10 == 9:
                pano_jobs.append((str(CACHE / name), shot, *PANO_SIZE, 85))
            else:
                flat_jobs.append((str(CACHE / name), shot, *FLAT_SIZE, 85))
    generate(flat_jobs, "flat")
    generate(pano_jobs, "pano")
    names = sorted(Path(job[0]).name for job in flat_jobs + pano_jobs)
    MARKER.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"# generated {COUNT} pictures in {CACHE} ({time.perf_counter() - start:.1f} s)")
    return [CACHE / name for name in names]


def reference_ms(paths) -> float:
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            handle.read(64 * 1024)
    return (time.perf_counter() - start) * 1000


def preflight_ms(paths, read_tags) -> tuple:
    from panoramax_plugin.core.picture_file import read_picture
    from panoramax_plugin.core.preflight import DispatchRules, predict_dispatch

    start = time.perf_counter()
    metas = [read_picture(str(path), read_tags) for path in paths]
    prediction = predict_dispatch(metas, DispatchRules())
    return (time.perf_counter() - start) * 1000, metas, prediction


def summary(metas, prediction) -> str:
    ready = sum(1 for m in metas if m.problem is None)
    panos = sum(1 for m in metas if m.is_360)
    return (
        f"{ready} ready, {panos} 360°, {len(prediction.sequences)} sequences, "
        f"{len(prediction.duplicates)} duplicates"
    )


def check(metas, prediction, label) -> None:
    problems = [(m.path, m.problem) for m in metas if m.problem]
    if problems:
        raise AssertionError(f"{label}: {len(problems)} pictures not ready, e.g. {problems[:3]}")
    if len(prediction.sequences) != WALKS or not prediction.duplicates:
        raise AssertionError(f"{label}: unexpected prediction: {summary(metas, prediction)}")


def compare(pure, qgis) -> list:
    """Pictures whose position, time, heading or 360° flag differ between the readers."""
    differences = []
    for a, b in zip(pure, qgis):
        same = (
            abs(a.lat - b.lat) < 1e-7
            and abs(a.lon - b.lon) < 1e-7
            and a.captured_at == b.captured_at
            and (a.heading is None) == (b.heading is None)
            and (a.heading is None or abs(a.heading - b.heading) < 1e-6)
            and a.is_360 == b.is_360
        )
        if not same:
            differences.append((a, b))
    return differences


@contextmanager
def quiet_stderr():
    """exiv2 warns on stderr about every piexif-written IFD ("unexpected next pointer")."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def qgis_reader():
    try:
        from panoramax_plugin.upload.exif_reader import read_tags_with_qgis
    except ImportError as exc:
        print(f"# panoramax_plugin.upload.exif_reader not usable ({exc}): pure reader only")
        return None
    from qgis.core import QgsApplication

    app = QgsApplication.instance() or QgsApplication([], False)
    app.initQgis()
    qgis_reader.app = app  # keep it alive
    return read_tags_with_qgis


def main() -> int:
    paths = pictures()
    read_with_qgis = qgis_reader()
    reference_ms(paths)  # page cache warm-up
    references, pure_runs, qgis_runs = [], [], []
    for _ in range(PASSES):
        references.append(reference_ms(paths))
        elapsed, pure_metas, pure_prediction = preflight_ms(paths, None)
        pure_runs.append(elapsed)
        if read_with_qgis is not None:
            with quiet_stderr():
                elapsed, qgis_metas, qgis_prediction = preflight_ms(paths, read_with_qgis)
            qgis_runs.append(elapsed)

    check(pure_metas, pure_prediction, "pure reader")
    print(f"# pure reader: {summary(pure_metas, pure_prediction)}")
    reference = statistics.median(references)
    pure = statistics.median(pure_runs)
    headline = pure
    print(f"BENCH preflight_1000_pure_ms {pure:.0f} ms")
    if read_with_qgis is not None:
        check(qgis_metas, qgis_prediction, "QGIS reader")
        print(f"# QGIS reader: {summary(qgis_metas, qgis_prediction)}")
        differences = compare(pure_metas, qgis_metas)
        if differences:
            a, b = differences[0]
            print(
                f"# WARNING: the readers disagree on {len(differences)} pictures, e.g. "
                f"{Path(a.path).name}: pure {a.lat}, {a.lon}, {a.captured_at}, {a.heading}, "
                f"{a.is_360} / QGIS {b.lat}, {b.lon}, {b.captured_at}, {b.heading}, {b.is_360}"
            )
        headline = statistics.median(qgis_runs)
        print(f"BENCH preflight_1000_qgis_ms {headline:.0f} ms")
    print(f"BENCH preflight_1000_ms {headline:.0f} ms")
    print(f"BENCH preflight_1000_reference_ms {reference:.1f} ms")
    print(f"BENCH preflight_1000_ratio {headline / reference:.1f} x")
    which = "QGIS reader" if read_with_qgis is not None else "pure reader"
    verdict = "met" if headline <= TARGET_MS else "NOT met"
    print(f"# target: preflight_1000_ms ({which}) <= {TARGET_MS}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
