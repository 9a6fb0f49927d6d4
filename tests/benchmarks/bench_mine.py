"""My pictures benchmark (issue #15): listing ~2000 of my pictures, hiding 100 sequences.

Two dedicated local accounts, so that nothing else of the default account (the 10,000
pictures of ``seed.py``, the integration tests' uploads) is listed or touched:

- ``bench-mine-list`` holds LIST_SEQUENCES sequences of LIST_PER_SEQUENCE tiny pictures
  (titled ``bench-mine list NN``), seeded on the first run and kept (a later run costs one
  listing; missing sequences are topped up);
- ``bench-mine-hide`` holds HIDE_SEQUENCES sequences of HIDE_PER_SEQUENCE pictures
  (``bench-mine hide NNN``), kept too; every run leaves them visible (``anyone``).

BENCH mine_list_2000_pictures_s        MineLoader.load() then load_pictures() of every
                                       sequence (QGIS tasks, QGIS networking, into the layers)
BENCH mine_raw_fetch_2000_s            the same pages with one requests.Session + json.loads
BENCH mine_list_ratio                  the two, same run (target <= 1.3)
BENCH mine_list_core_s                 (where the time goes) the loader's work functions
                                       run inline: pages + parsing, no task, no layer
BENCH mine_bulk_hide_100_sequences_s   MineActions.set_visibility("owner-only") of the 100
                                       sequences (the plugin's WORKERS Qt threads)
BENCH mine_bulk_hide_100_sequential_s  the same PATCHes one after another with requests
BENCH mine_bulk_hide_ratio             the two, same run (target <= 0.6)
BENCH mine_bulk_hide_100_raw_concurrent_s  (where the time goes) the same PATCHes with plain
                                       requests in WORKERS threads: the server's floor

Every figure is the median of ROUNDS alternated runs. Exit 0 whatever the figures (a line
says when a target is missed).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402

from tests.fixtures.pictures import line_of_shots, make_flat_jpeg  # noqa: E402
from tests.instance_control import run_instance_script  # noqa: E402

LIST_ACCOUNT = "bench-mine-list"
HIDE_ACCOUNT = "bench-mine-hide"
LIST_SEQUENCES = 10
LIST_PER_SEQUENCE = 200
HIDE_SEQUENCES = 100
HIDE_PER_SEQUENCE = 2
LIST_TARGET = 1.3
HIDE_TARGET = 0.6
ORIGIN_LAT, ORIGIN_LON = 42.30, 2.40
"""South-west of Perpignan: outside seed.py's area and the integration tests' area."""
START = datetime(2023, 3, 1, 8, 0, tzinfo=timezone.utc)
UPLOAD_WORKERS = 4
ROUNDS = 3
"""Each figure is the median of ROUNDS alternated runs (the instance is shared)."""


def token_of(name: str) -> str:
    done = run_instance_script("token", timeout=120, arguments=[name])
    token = done.stdout.decode().strip().splitlines()[-1]
    if token.count(".") != 2:
        raise SystemExit(f"no token for {name}: {done}")
    return token


def session_of(token: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.headers["User-Agent"] = "panoramax-qgis-bench-mine/1.0"
    return session


def my_sequences(api: str, session: requests.Session) -> list:
    """Every ``rel=child`` link of GET /users/me/collection (all pages)."""
    url, params, links = f"{api}/users/me/collection", {"limit": "100"}, []
    while url:
        body = session.get(url, params=params, timeout=60).json()
        links += [link for link in body.get("links") or [] if link.get("rel") == "child"]
        url = next((lk["href"] for lk in body.get("links") or [] if lk.get("rel") == "next"), None)
        params = None
    return links


# --- seeding ------------------------------------------------------------------------


def seed(api: str, token: str, prefix: str, sequences: int, per_sequence: int, row: int, log):
    """Make sure ``sequences`` sequences titled ``{prefix} NNN`` exist (ready); their ids."""
    session = session_of(token)
    existing = {
        link.get("title"): link["id"]
        for link in my_sequences(api, session)
        if str(link.get("title") or "").startswith(prefix)
        and (link.get("stats:items") or {}).get("count") == per_sequence
    }
    missing = [n for n in range(sequences) if f"{prefix} {n:03d}" not in existing]
    if missing:
        log(f"seeding {len(missing)} sequences of {per_sequence} pictures ({prefix})")
        started = time.monotonic()
        set_ids = []
        with (
            tempfile.TemporaryDirectory(prefix="bench-mine-") as tmp,
            ThreadPoolExecutor(UPLOAD_WORKERS) as pool,
        ):
            folder = Path(tmp)

            def upload(set_id, n, i, shot):
                path = make_flat_jpeg(
                    folder / f"{n:03d}_{i:03d}.jpg", shot, width=64, height=48, model="Bench-mine"
                )
                answer = session.post(
                    f"{api}/upload_sets/{set_id}/files",
                    files={"file": (path.name, path.read_bytes(), "image/jpeg")},
                    timeout=120,
                )
                if answer.status_code not in (200, 202):
                    log(f"upload {path.name}: HTTP {answer.status_code} {answer.text[:200]}")

            futures = []
            for n in missing:
                # one line per sequence, 300 m apart, each on its own day: never merged
                shots = line_of_shots(
                    ORIGIN_LAT + row * 0.05 + n * 0.0027,
                    ORIGIN_LON,
                    per_sequence,
                    spacing_m=4.0,
                    start_time=START + timedelta(days=row * 1000 + n),
                    interval_s=1.5,
                )
                body = {"title": f"{prefix} {n:03d}", "estimated_nb_files": per_sequence}
                created = session.post(f"{api}/upload_sets", json=body, timeout=30)
                created.raise_for_status()
                set_id = created.json()["id"]
                set_ids.append(set_id)
                futures += [pool.submit(upload, set_id, n, i, s) for i, s in enumerate(shots)]
            for future in futures:
                future.result()
        deadline = time.monotonic() + 600
        pending = list(set_ids)
        while pending and time.monotonic() < deadline:
            states = {s: session.get(f"{api}/upload_sets/{s}", timeout=30).json() for s in pending}
            for set_id, state in states.items():
                if state.get("ready"):
                    pending.remove(set_id)
                elif not state.get("completed"):
                    session.post(f"{api}/upload_sets/{set_id}/complete", timeout=30)
            if pending:
                time.sleep(1.0)
        log(f"seeded in {time.monotonic() - started:.1f} s ({len(pending)} sets not ready)")
        existing = {
            link.get("title"): link["id"]
            for link in my_sequences(api, session)
            if str(link.get("title") or "").startswith(prefix)
        }
    return [
        existing[f"{prefix} {n:03d}"] for n in range(sequences) if f"{prefix} {n:03d}" in existing
    ]


# --- Qt -----------------------------------------------------------------------------


def wait(condition, timeout_s=600.0):
    """Qt's own event loop until ``condition()`` (as the desktop runs)."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    loop, poll = QEventLoop(), QTimer()
    poll.setInterval(5)
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


class FakeTask:
    def __init__(self):
        self._progress = 0.0

    def check_canceled(self):
        pass

    def isCanceled(self):
        return False

    def setProgress(self, value):
        self._progress = value

    def progress(self):
        return self._progress


class Logger:
    def __init__(self):
        self.lines = []

    def __getattr__(self, level):
        if level in ("info", "success", "warning", "error"):
            return lambda message, push=True: self.lines.append((level, message))
        raise AttributeError(level)


class YesBox:
    @staticmethod
    def question(*args):
        from qgis.PyQt.QtWidgets import QMessageBox

        return QMessageBox.StandardButton.Yes

    @staticmethod
    def warning(*args):
        pass


# --- listing ------------------------------------------------------------------------


def raw_listing(api: str, token: str) -> tuple:
    """The same pages as the loader: sequences (limit 100), then each one's pictures
    (limit 500), one requests.Session, json.loads. (seconds, sequences, pictures)"""
    session = session_of(token)
    start = time.perf_counter()
    sequences, url, params = [], f"{api}/users/me/collection", {"limit": "100"}
    while url:
        body = json.loads(session.get(url, params=params, timeout=60).content)
        sequences += [lk["id"] for lk in body.get("links") or [] if lk.get("rel") == "child"]
        url = next((lk["href"] for lk in body.get("links") or [] if lk.get("rel") == "next"), None)
        params = None
    json.loads(session.get(f"{api}/configuration", timeout=60).content)  # the loader's too
    pictures = 0
    for sequence_id in sequences:
        url, params = f"{api}/collections/{sequence_id}/items", {"limit": "500"}
        while url:
            body = json.loads(session.get(url, params=params, timeout=60).content)
            pictures += len(body.get("features") or [])
            url = next(
                (lk["href"] for lk in body.get("links") or [] if lk.get("rel") == "next"), None
            )
            params = None
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed, len(sequences), pictures


def plugin_listing(api: str, token: str) -> tuple:
    """MineLoader.load() then load_pictures() of all, until the layers hold them."""
    from panoramax_plugin.mine.loader import Account, MineLoader

    loader = MineLoader()
    loader.set_account(Account(api, token, LIST_ACCOUNT))
    loaded, pictures, messages = [], [], []
    loader.loaded.connect(loaded.append)
    loader.pictures_loaded.connect(pictures.append)
    loader.message.connect(lambda level, text: messages.append((level, text)))
    failed = lambda: any(level == "critical" for level, _ in messages)  # noqa: E731
    start = time.perf_counter()
    loader.load()
    wait(lambda: loaded or failed())
    loader.load_pictures()
    wait(lambda: pictures or failed())
    elapsed = time.perf_counter() - start
    result = (elapsed, loaded[0] if loaded else 0, pictures[0] if pictures else 0, messages)
    loader.cancel()
    return result


def core_listing(api: str, token: str) -> tuple:
    """The loader's work functions inline (pages and parsing only)."""
    from panoramax_plugin.mine.loader import Account, list_pictures_work, list_sequences_work

    account = Account(api, token, LIST_ACCOUNT)
    start = time.perf_counter()
    sequences, _visibilities = list_sequences_work(account)(FakeTask())
    found = list_pictures_work(account, [s.id for s in sequences])(FakeTask())
    return time.perf_counter() - start, sum(len(v) for v in found.values())


# --- bulk hide ----------------------------------------------------------------------


def raw_sequential(api: str, token: str, sequence_ids, visibility: str) -> float:
    session = session_of(token)
    start = time.perf_counter()
    for sequence_id in sequence_ids:
        answer = session.patch(
            f"{api}/collections/{sequence_id}", json={"visibility": visibility}, timeout=60
        )
        answer.raise_for_status()
        json.loads(answer.content)
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed


def raw_concurrent(api: str, token: str, sequence_ids, visibility: str, workers: int) -> float:
    """The same PATCHes with plain requests, ``workers`` threads (one session each)."""
    local = threading.local()

    def one(sequence_id):
        session = getattr(local, "session", None) or session_of(token)
        local.session = session
        answer = session.patch(
            f"{api}/collections/{sequence_id}", json={"visibility": visibility}, timeout=60
        )
        answer.raise_for_status()
        json.loads(answer.content)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, sequence_ids))
    return time.perf_counter() - start


def restore(api: str, token: str, sequence_ids) -> None:
    """Every bench sequence visible again (untimed, 4 at a time)."""
    session = session_of(token)

    def one(sequence_id):
        session.patch(f"{api}/collections/{sequence_id}", json={"visibility": "anyone"}, timeout=60)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, sequence_ids))


def _runs(values) -> str:
    return "/".join(f"{v:.2f}" for v in values)


def plugin_hide(api: str, token: str, sequence_ids, visibility: str = "owner-only") -> tuple:
    from panoramax_plugin.mine.actions import MineActions
    from panoramax_plugin.mine.loader import Account, MineLoader

    loader = MineLoader()
    loader.set_account(Account(api, token, HIDE_ACCOUNT))
    loader.visibilities = ["anyone", "owner-only", "logged-only"]
    logger = Logger()
    actions = MineActions(loader, logger, message_box=YesBox)
    finished = []
    actions.finished.connect(lambda name, ok, failed: finished.append((ok, failed)))
    start = time.perf_counter()
    actions.set_visibility(visibility, sequence_ids=sequence_ids)
    wait(lambda: finished)
    elapsed = time.perf_counter() - start
    for level, text in logger.lines:
        if level != "success":
            print(f"bench_mine: plugin {visibility}: {level}: {text}")
    return elapsed, finished[0], actions.workers


def plugin_show(api: str, token: str, sequence_ids) -> None:
    """Back to ``anyone`` through the plugin (untimed)."""
    plugin_hide(api, token, sequence_ids, "anyone")


def visibilities(api: str, token: str, sequence_ids) -> dict:
    wanted = set(sequence_ids)
    counts: dict = {}
    for link in my_sequences(api, session_of(token)):
        if link["id"] in wanted:
            value = link.get("geovisio:visibility")
            counts[value] = counts.get(value, 0) + 1
    return counts


def main() -> int:
    api = os.environ.get("PANORAMAX_API")
    if not api:
        print('bench_mine: skipped, PANORAMAX_API is not set (eval "$(bash ...env)")')
        return 0
    api = api.rstrip("/")

    def log(text):
        print(f"bench_mine: {text}", flush=True)

    list_token, hide_token = token_of(LIST_ACCOUNT), token_of(HIDE_ACCOUNT)
    list_ids = seed(api, list_token, "bench-mine list", LIST_SEQUENCES, LIST_PER_SEQUENCE, 0, log)
    hide_ids = seed(api, hide_token, "bench-mine hide", HIDE_SEQUENCES, HIDE_PER_SEQUENCE, 1, log)
    log(f"{len(list_ids)} sequences to list, {len(hide_ids)} to hide")

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QThreadPool

    app = QgsApplication([], False)
    app.initQgis()
    QgsApplication.messageLog().messageReceived.connect(  # a worker's traceback: last line
        lambda text, tag, level: (
            print(f"bench_mine: QGIS log: {text.strip().splitlines()[-1]}")
            if tag == "Panoramax" and text.strip()
            else None
        )
    )
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(pool.maxThreadCount(), 4))  # the task + its workers

    # ---- listing: warm both sides, then ROUNDS alternated runs; medians
    raw_listing(api, list_token)
    plugin_listing(api, list_token)
    raw_runs, plugin_runs, core_runs = [], [], []
    for _round in range(ROUNDS):
        raw_s, raw_sequences, raw_pictures = raw_listing(api, list_token)
        plugin_s, sequences, pictures, messages = plugin_listing(api, list_token)
        core_s, core_pictures = core_listing(api, list_token)
        raw_runs.append(raw_s)
        plugin_runs.append(plugin_s)
        core_runs.append(core_s)
    raw_s, plugin_s = statistics.median(raw_runs), statistics.median(plugin_runs)
    ratio = plugin_s / raw_s
    print(f"BENCH mine_list_2000_pictures_s {plugin_s:.3f} s")
    print(f"BENCH mine_raw_fetch_2000_s {raw_s:.3f} s")
    print(f"BENCH mine_list_ratio {ratio:.2f} ratio")
    print(f"BENCH mine_list_core_s {statistics.median(core_runs):.3f} s")
    log(
        f"listed {sequences} sequences / {pictures} pictures (raw {raw_sequences} /"
        f" {raw_pictures}, core {core_pictures}); {[m for m in messages if m[0] != 'success']};"
        f" runs: plugin {_runs(plugin_runs)}, raw {_runs(raw_runs)}, core {_runs(core_runs)}"
    )
    if ratio > LIST_TARGET:
        print(f"bench_mine: TARGET MISSED mine_list_ratio {ratio:.2f} > {LIST_TARGET}")

    # ---- bulk hide: start from all visible (whatever an interrupted run left); the
    # plugin's own "show" restores between rounds and warms its threads' networking first
    restore(api, hide_token, hide_ids)
    plugin_show(api, hide_token, hide_ids)
    sequential_runs, plugin_runs, concurrent_runs, outcomes = [], [], [], []
    try:
        for _round in range(ROUNDS):
            sequential_runs.append(raw_sequential(api, hide_token, hide_ids, "owner-only"))
            plugin_show(api, hide_token, hide_ids)
            plugin_s, outcome, workers = plugin_hide(api, hide_token, hide_ids)
            plugin_runs.append(plugin_s)
            outcomes.append(outcome)
            hidden = visibilities(api, hide_token, hide_ids)
            plugin_show(api, hide_token, hide_ids)
            concurrent_runs.append(raw_concurrent(api, hide_token, hide_ids, "owner-only", workers))
            plugin_show(api, hide_token, hide_ids)
    finally:
        restore(api, hide_token, hide_ids)
    sequential_s, plugin_s = statistics.median(sequential_runs), statistics.median(plugin_runs)
    ratio = plugin_s / sequential_s
    print(f"BENCH mine_bulk_hide_100_sequences_s {plugin_s:.3f} s")
    print(f"BENCH mine_bulk_hide_100_sequential_s {sequential_s:.3f} s")
    print(f"BENCH mine_bulk_hide_ratio {ratio:.2f} ratio")
    concurrent_s = statistics.median(concurrent_runs)
    print(f"BENCH mine_bulk_hide_100_raw_concurrent_s {concurrent_s:.3f} s")
    log(
        f"plugin hide (ok, failed) {outcomes}, {workers} workers; afterwards {hidden};"
        f" restored {visibilities(api, hide_token, hide_ids)}; runs: plugin"
        f" {_runs(plugin_runs)}, sequential {_runs(sequential_runs)}, raw {workers} threads"
        f" {_runs(concurrent_runs)} (the floor on this instance: ratio"
        f" {concurrent_s / sequential_s:.2f})"
    )
    if ratio > HIDE_TARGET:
        print(f"bench_mine: TARGET MISSED mine_bulk_hide_ratio {ratio:.2f} > {HIDE_TARGET}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
