"""The pre-flight task on odd files: every file gets a status, the others go on.

Runs the plugin's real pre-flight (``preflight_work`` in a ``CoreTask``, QGIS's exiv2
reader with the core's reader as fallback) on a folder mixing good generated pictures
and the crash reproducers of ``tests/fixtures/reader_regressions/``, and fuzzes the
QGIS reader like ``tests/unit/test_reader_fuzz.py`` fuzzes the core's.
"""

from __future__ import annotations

import math
import os
import shutil

import pytest

from panoramax_plugin.upload import tasks
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg, make_pano_jpeg
from tests.http_server import Canned, CannedServer
from tests.qt_wait import run_until
from tests.unit.reader_fuzz import REGRESSIONS
from tests.unit.test_reader_fuzz import fuzz

pytestmark = pytest.mark.qgis
CONFIGURATION = {"defaults": {"duplicate_distance": 1, "duplicate_rotation": 60}}


@pytest.fixture()
def mixed_folder(tmp_path):
    """Three good pictures (a walk, 5 m apart) and a copy of every reproducer."""
    shots = line_of_shots(45.764, 4.8358, 3, heading=90.0)
    good = [
        make_flat_jpeg(tmp_path / "good_0.jpg", shots[0], width=64, height=48, seed="g0"),
        make_pano_jpeg(tmp_path / "good_1.jpg", shots[1], width=128, height=64, seed="g1"),
        make_flat_jpeg(tmp_path / "good_2.jpg", shots[2], width=64, height=48, seed="g2"),
    ]
    odd = [shutil.copy(path, tmp_path / path.name) for path in REGRESSIONS.glob("*.jpg")]
    assert len(odd) >= 10
    return [str(p) for p in good], [str(p) for p in odd]


def run_preflight(qgis_app, paths):
    from panoramax_plugin.background.core_task import CoreTask, start_task

    outcome = {}
    with CannedServer({"/api/configuration": Canned(body=CONFIGURATION)}) as server:
        work = tasks.preflight_work(paths, server.base_url + "/api", 10.0)
        start_task(
            CoreTask(
                "check",
                work,
                lambda r: outcome.setdefault("result", r),
                lambda error: outcome.setdefault("error", error),
            )
        )
        run_until(qgis_app, lambda: outcome, 60)
    assert "result" in outcome, outcome
    return outcome["result"]


def test_preflight_of_good_files_and_reproducers_gives_each_a_status(qgis_app, mixed_folder):
    good, odd = mixed_folder
    paths = sorted(good + odd)
    result = run_preflight(qgis_app, paths)
    assert [meta.path for meta in result.metas] == paths
    by_path = {meta.path: meta for meta in result.metas}
    for path in good:
        assert by_path[path].status == "ready", by_path[path].problem
    for path in odd:
        meta = by_path[path]
        assert meta.status in ("ready", "not_ready")
        assert meta.status == "ready" or meta.problem
        assert "could not be checked" not in (meta.problem or ""), (path, meta.problem)
        assert meta.heading is None or math.isfinite(meta.heading)
    assert by_path[next(p for p in odd if p.endswith("heading_nan.jpg"))].heading is None
    indexes = {meta.path: i for i, meta in enumerate(result.metas)}
    in_sequences = {i for sequence in result.prediction.sequences for i in sequence}
    duplicates = {d.index for d in result.prediction.duplicates}
    assert {indexes[p] for p in good} <= in_sequences  # the good walk: kept, not duplicates
    assert not {indexes[p] for p in good} & duplicates


def test_one_file_failing_unexpectedly_does_not_stop_the_others(
    qgis_app, mixed_folder, monkeypatch
):
    good, _odd = mixed_folder
    failing = good[1]
    read = tasks.read_picture

    def flaky(path, read_tags=None):
        if path == failing:
            raise RecursionError("a case nobody foresaw")
        return read(path, read_tags)

    monkeypatch.setattr(tasks, "read_picture", flaky)
    result = run_preflight(qgis_app, good)
    statuses = [(os.path.basename(m.path), m.status) for m in result.metas]
    assert statuses == [
        ("good_0.jpg", "ready"),
        ("good_1.jpg", "not_ready"),
        ("good_2.jpg", "ready"),
    ]
    assert result.metas[1].problem == (
        "This file could not be checked (RecursionError); it is left out."
    )
    assert result.prediction.sequences == [[0, 2]]


def test_every_fuzzed_picture_ends_with_a_status_through_the_qgis_reader(qgis_app, tmp_path):
    count = int(os.environ.get("READER_FUZZ_QGIS_CASES", "1500"))
    records = fuzz(tmp_path, "qgis", count)
    assert {record["status"] for record in records} == {"ready", "not_ready"}
