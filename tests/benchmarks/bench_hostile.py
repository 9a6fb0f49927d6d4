"""BENCH hostile: what a misbehaving instance costs the core (requests path).

Each case runs in its own process (peak RSS is per process) against
``tests.hostile_server``, with a wall-clock budget; prints one line per case:
seconds, requests made, peak RSS growth and how the call ended.

    .venv/bin/python tests/benchmarks/bench_hostile.py [--qgis] [case ...]

``--qgis``: through the QGIS transport, each call made from a ``QThread`` as the
plugin does.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.hostile_server import (  # noqa: E402
    HostileServer,
    Reply,
    deep_json,
    endless_next,
    feature,
    feature_collection,
    gzip_bomb,
    impossible_features,
    landing,
    search_ignoring_bbox,
    self_next_collections,
    wrong_types_features,
)

LANDING = Reply(body=landing())
QGIS = False


def HttpClient(timeout=5.0):
    if QGIS:
        from panoramax_plugin.network.session import qgis_http_client

        return qgis_http_client(timeout)
    from panoramax_plugin.core.http import HttpClient as Plain

    return Plain(timeout=timeout)


def _client(server, timeout=5.0):
    from panoramax_plugin.core.client import PanoramaxClient

    return PanoramaxClient(server.base_url, http=HttpClient(timeout=timeout))


def case_trickle_bytes():
    body = json.dumps({"x": "y" * 4})  # 12 bytes, one a second
    with HostileServer({"/slow": Reply(body=body, trickle=1.0)}) as server:
        return server, lambda: HttpClient(timeout=5.0).get_json(server.base_url + "/slow")


def case_trickle_discovery():
    body = json.dumps(landing())
    with HostileServer({"/api": Reply(body=body, trickle=1.0, chunk=len(body) // 40)}) as server:
        return server, lambda: _client(server).discover()


def case_truncated_picture():
    data = b"\xff\xd8" + b"x" * 100_000
    with HostileServer(
        {"/hd.jpg": Reply(body=data, content_length=len(data), cut_after=50_000)}
    ) as s:
        return s, lambda: len(HttpClient(timeout=5.0).get_bytes(s.base_url + "/hd.jpg"))


def case_truncated_json():
    body = json.dumps(landing())
    with HostileServer({"/api": Reply(body=body, cut_after=len(body) // 2)}) as server:
        return server, lambda: _client(server).discover()


def case_huge_search():
    big = feature_collection([feature(f"p{i}", description="z" * 20_000) for i in range(10_000)])
    routes = {"/api": LANDING, "/api/search": Reply(body=json.dumps(big).encode())}
    del big
    with HostileServer(routes) as server:
        return server, lambda: len(_client(server, 60).search(limit=10).pictures)


def case_gzip_bomb():
    bomb = gzip_bomb(1 << 30)
    routes = {
        "/api": LANDING,
        "/api/search": Reply(body=bomb, headers={"Content-Encoding": "gzip"}),
    }
    with HostileServer(routes) as server:
        return server, lambda: len(_client(server, 60).search(limit=10).pictures)


def case_deep_json():
    routes = {"/api": LANDING, "/api/search": Reply(body=deep_json(100_000))}
    with HostileServer(routes) as server:
        return server, lambda: _client(server).search(limit=10)


def case_wrong_types():
    routes = {
        "/api": LANDING,
        "/api/search": Reply(body=feature_collection(wrong_types_features())),
    }
    with HostileServer(routes) as server:

        def run():
            result = _client(server).search(limit=100)
            return f"{len(result.pictures)} pictures, {result.malformed} skipped"

        return server, run


def case_endless_next():
    routes = {
        "/api": LANDING,
        "/api/collections/s1/items": endless_next(),
    }
    with HostileServer(routes) as server:
        return server, lambda: sum(1 for _ in _client(server).iter_sequence_pictures("s1"))


def case_stac_self_next():
    routes = {"/api": LANDING, "/api/collections": self_next_collections()}
    with HostileServer(routes) as server:
        return server, lambda: sum(1 for _ in _client(server).list_sequences(page_size=10))


def case_area_ignores_bbox():
    routes = {"/api": LANDING, "/api/search": search_ignoring_bbox(500)}
    with HostileServer(routes) as server:
        from panoramax_plugin.core.area_search import search_area

        def run():
            outcome = search_area(_client(server), (4.0, 45.0, 5.0, 46.0), page_limit=100)
            return f"complete={outcome.complete} requests={outcome.requests}"

        return server, run


def case_impossible_coordinates():
    routes = {"/api": LANDING, "/api/search": Reply(body=feature_collection(impossible_features()))}
    with HostileServer(routes) as server:

        def run():
            result = _client(server).search(limit=100)
            return f"{len(result.pictures)} accepted ({[p.id for p in result.pictures]})"

        return server, run


CASES = {name[5:]: func for name, func in globals().items() if name.startswith("case_")}


def run(name: str, budget: float = 40.0) -> str:
    """Run one case in a child process; return its report line."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(name, budget, queue))
    started = time.monotonic()
    child.start()
    child.join(budget + 5)
    if child.is_alive():
        child.kill()
        child.join()
        return f"{name}: still running after {budget:.0f} s (killed)"
    return (
        queue.get() if not queue.empty() else f"{name}: died ({time.monotonic() - started:.1f} s)"
    )


def _child(name: str, budget: float, queue) -> None:
    import psutil

    # each case builds its server inside a ``with`` and returns from it: keep it open
    original = HostileServer.__exit__
    servers = []
    HostileServer.__exit__ = lambda self, *exc: servers.append(self)
    try:
        server, call = CASES[name]()
    finally:
        HostileServer.__exit__ = original
    if QGIS:
        from qgis.core import QgsApplication

        app = QgsApplication([], False)
        app.initQgis()
    process = psutil.Process()
    base = process.memory_info().rss  # after the server and its bodies are built
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.01)

    threading.Thread(target=sample, daemon=True).start()
    result = {}

    def body():
        started = time.monotonic()
        try:
            value = call()
            result["outcome"] = f"returned {value!r:.100}"
        except BaseException as exc:
            result["outcome"] = f"{type(exc).__name__}: {str(exc)[:160]!r}"
        result["seconds"] = time.monotonic() - started

    if QGIS:
        from qgis.PyQt.QtCore import QThread

        class Worker(QThread):
            def run(self):
                body()

        worker = Worker()
        worker.start()
        deadline = time.monotonic() + budget
        while not worker.wait(20) and time.monotonic() < deadline:
            app.processEvents()
    else:
        worker = threading.Thread(target=body, daemon=True)
        worker.start()
        worker.join(budget)
    stop.set()
    hits = sum(server.hits.values())
    seconds = result.get("seconds", budget)
    outcome = result.get("outcome", f"still running after {budget:.0f} s")
    grown = (peak[0] - base) / 2**20
    label = f"qgis {name}" if QGIS else name
    queue.put(f"{label}: {seconds:.1f} s, {hits} requests, peak RSS +{grown:.0f} MiB, {outcome}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--qgis" in args:
        args.remove("--qgis")
        QGIS = True
    names = args or list(CASES)
    for case in names:
        print(run(case), flush=True)
