"""Seed the benchmark area of the local Panoramax instance with exactly 10,000 pictures.

Benchmarks need one area where a single ``/api/search?bbox=BENCH_BBOX&limit=10000`` returns
every picture (10,000 points for a layer). :func:`ensure_bench_area` makes sure the area
holds ``count`` pictures: when it already does, it costs one listing of the area's
sequences (~20 ms; the 10,000-item search itself takes ~3 s on the server); otherwise it
tops up only what is missing and waits until the server has processed it.

Layout (fixed, so that a top-up after an interrupted run fills the holes, never piles up):
the area is a grid of *slots*. A line is ``LINE_LENGTH`` slots ``SPACING_M`` metres apart
from west to east, taken ``INTERVAL_S`` seconds apart (heading 90 deg); ``LINES_PER_ROW``
lines share a row of latitude, ``LINE_PITCH_M`` apart, and rows are ``ROW_PITCH_M`` apart.
Every line has its own hour of capture time. All gaps between lines exceed the server's
split thresholds (100 m, 300 s) and all slots are metres apart (capture duplicates are
< 1 m), so the server keeps every picture and makes one sequence per line; no
``no_split``/``no_deduplication`` option is needed. The grid has more slots
(``ROWS * LINES_PER_ROW * LINE_LENGTH``) than the 10,000 pictures: pictures already in the
area are matched to their slot and only free slots get new pictures.

Each line is one upload set titled ``"bench-10k line NNN"`` with ``estimated_nb_files``
set, so the server completes and dispatches it on its last file while the next lines are
still uploading. Pictures are tiny (64x48 JPEG, ~2 KB) with full EXIF (GPS, time,
heading) and fresh random pixels (the instance rejects any MD5 it has already seen).

Measured on the 2-core test machine (GeoVisio 2.15.1, 2 gunicorn workers, 1 picture
worker, ON_DEMAND derivates): ~115 uploads/s with 2, 4 or 8 upload threads alike, and the
picture worker keeps pace (~110 prepared/s; all 20 sets ready ~5 s after the last upload):
10,000 pictures from an empty area in ~95 s. The machine is CPU-bound (gunicorn ~40 % x 2,
picture worker ~45 %, this client ~25 %, PostgreSQL ~25 %), so more server workers would
not help.

Run: ``eval "$(bash scripts/panoramax-instance.sh env)"; .venv/bin/python -m
tests.benchmarks.seed`` (prints ``BENCH seed_10k_s <seconds> s``). Only talks to
PANORAMAX_API (the local instance).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import requests

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.fixtures.pictures import EARTH_RADIUS_M, Shot, make_flat_jpeg  # noqa: E402

BBox = tuple[float, float, float, float]

# --- the benchmark area -----------------------------------------------------------------

BENCH_TITLE_PREFIX = "bench-10k"
"""Every upload set (and so every sequence) of the area is titled ``bench-10k ...``."""
BENCH_COUNT = 10_000
BENCH_BBOX: BBox = (2.80, 42.60, 2.90, 42.70)
"""(min lon, min lat, max lon, max lat): north of Perpignan, outside the area where the
integration tests seed (lat 43.5-49, lon -0.5-6.0)."""
SEARCH_LIMIT = 10_000
"""The server's maximum ``limit`` for /api/search."""

ORIGIN_LAT = 42.605
ORIGIN_LON = 2.805
"""West end of the first line (south-west corner of the grid, inside BENCH_BBOX)."""
SPACING_M = 4.0
INTERVAL_S = 1.5
LINE_LENGTH = 500
LINES_PER_ROW = 3
LINE_PITCH_M = 2_500.0
"""Distance between the starts of two lines of a row (each line is ~2 km long)."""
ROWS = 36
ROW_PITCH_M = 250.0
HEADING = 90.0
START_TIME = datetime(2024, 5, 4, 9, 0, 0, tzinfo=timezone(timedelta(hours=2)))
LINE_TIME_STEP = timedelta(hours=1)
"""Line ``L`` starts at ``START_TIME + L * LINE_TIME_STEP``."""
SLOT_MATCH_M = 1.0
"""An existing picture within this distance of a slot occupies it."""

PICTURE_WIDTH = 64
PICTURE_HEIGHT = 48
UPLOAD_WORKERS = 4
"""Concurrent POST /upload_sets/{id}/files (the API has 2 gunicorn workers by default;
2, 4 and 8 threads measured the same ~115/s)."""
USER_AGENT = "panoramax-qgis-bench-seed/1.0"

Log = Callable[[str], None]


@dataclass(frozen=True)
class Slot:
    line: int
    index: int

    @property
    def row(self) -> int:
        return self.line // LINES_PER_ROW

    @property
    def column(self) -> int:
        return self.line % LINES_PER_ROW


def total_slots() -> int:
    return ROWS * LINES_PER_ROW * LINE_LENGTH


def _row_lat(row: int) -> float:
    return ORIGIN_LAT + math.degrees(row * ROW_PITCH_M / EARTH_RADIUS_M)


def _metres_per_degree_lon(lat: float) -> float:
    return math.radians(1.0) * EARTH_RADIUS_M * math.cos(math.radians(lat))


def slot_position(slot: Slot) -> tuple[float, float]:
    """(lon, lat) of a slot."""
    lat = _row_lat(slot.row)
    east_m = slot.column * LINE_PITCH_M + slot.index * SPACING_M
    return ORIGIN_LON + east_m / _metres_per_degree_lon(lat), lat


def slot_shot(slot: Slot) -> Shot:
    lon, lat = slot_position(slot)
    when = START_TIME + slot.line * LINE_TIME_STEP + timedelta(seconds=slot.index * INTERVAL_S)
    return Shot(lat=lat, lon=lon, captured_at=when, heading=HEADING, alt=12.0, accuracy_m=3.0)


def slot_of(lon: float, lat: float) -> Slot | None:
    """The slot a position lies on (within SLOT_MATCH_M), or None."""
    row = round(math.radians(lat - ORIGIN_LAT) * EARTH_RADIUS_M / ROW_PITCH_M)
    if not 0 <= row < ROWS:
        return None
    north_error = math.radians(lat - _row_lat(row)) * EARTH_RADIUS_M
    east_m = (lon - ORIGIN_LON) * _metres_per_degree_lon(_row_lat(row))
    column = math.floor((east_m + SPACING_M) / LINE_PITCH_M)  # lines are shorter than the pitch
    if not 0 <= column < LINES_PER_ROW:
        return None
    index = round((east_m - column * LINE_PITCH_M) / SPACING_M)
    if not 0 <= index < LINE_LENGTH:
        return None
    east_error = east_m - column * LINE_PITCH_M - index * SPACING_M
    if math.hypot(north_error, east_error) > SLOT_MATCH_M:
        return None
    return Slot(row * LINES_PER_ROW + column, index)


def free_slots(occupied: set[Slot], needed: int) -> list[Slot]:
    """The first ``needed`` free slots, line after line."""
    chosen: list[Slot] = []
    for line in range(ROWS * LINES_PER_ROW):
        for index in range(LINE_LENGTH):
            slot = Slot(line, index)
            if slot not in occupied:
                chosen.append(slot)
                if len(chosen) == needed:
                    return chosen
    return chosen


# --- HTTP -------------------------------------------------------------------------------

_local = threading.local()


def _session(token: str | None) -> requests.Session:
    """One session per thread and token."""
    sessions = _local.__dict__.setdefault("sessions", {})
    session = sessions.get(token)
    if session is None:
        session = requests.Session()
        session.headers["User-Agent"] = USER_AGENT
        if token:
            session.headers["Authorization"] = f"Bearer {token}"
        sessions[token] = session
    return session


def _request(token: str | None, method: str, url: str, attempts: int = 5, **kwargs):
    """HTTP call retried on connection errors and 5xx answers (not on 4xx)."""
    kwargs.setdefault("timeout", 120)
    for attempt in range(1, attempts + 1):
        try:
            answer = _session(token).request(method, url, **kwargs)
        except requests.ConnectionError:
            if attempt == attempts:
                raise
        else:
            if answer.status_code < 500 or attempt == attempts:
                return answer
        time.sleep(0.5 * attempt)
    raise AssertionError("unreachable")


def _bbox_param(bbox: BBox) -> str:
    return ",".join(repr(v) for v in bbox)


def search_area(api: str, token: str | None, bbox: BBox = BENCH_BBOX) -> list[tuple[float, float]]:
    """(lon, lat) of every picture the search finds in ``bbox`` (at most SEARCH_LIMIT)."""
    answer = _request(
        token,
        "GET",
        f"{api}/search",
        params={"bbox": _bbox_param(bbox), "limit": SEARCH_LIMIT},
    )
    answer.raise_for_status()
    return [tuple(f["geometry"]["coordinates"][:2]) for f in answer.json()["features"]]


def count_by_collections(api: str, token: str | None, bbox: BBox = BENCH_BBOX) -> int | None:
    """Pictures in ``bbox`` as the sum of its sequences' ``stats:items``, in ~20 ms.

    A search with limit=10000 takes ~3 s on the server once the area holds 10,000
    pictures (45 MB of JSON), too slow for the "already seeded" check. None when the
    answer is not conclusive: more than one page, or a sequence not entirely inside
    ``bbox``.
    """
    answer = _request(
        token, "GET", f"{api}/collections", params={"bbox": _bbox_param(bbox), "limit": 100}
    )
    if not answer.ok:
        return None
    body = answer.json()
    if any(link.get("rel") == "next" for link in body.get("links") or []):
        return None
    total = 0
    for collection in body.get("collections") or []:
        for xmin, ymin, xmax, ymax in collection["extent"]["spatial"]["bbox"]:
            if xmin < bbox[0] or ymin < bbox[1] or xmax > bbox[2] or ymax > bbox[3]:
                return None
        total += int(collection["stats:items"]["count"])
    return total


# --- upload -----------------------------------------------------------------------------


@dataclass
class _Run:
    api: str
    token: str | None
    folder: Path
    log: Log
    set_ids: dict[int, str] = field(default_factory=dict)  # line -> upload set id
    outcomes: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def create_set(self, line: int, nb_files: int) -> str:
        body = {"title": f"{BENCH_TITLE_PREFIX} line {line:03d}", "estimated_nb_files": nb_files}
        answer = _request(self.token, "POST", f"{self.api}/upload_sets", json=body, timeout=30)
        answer.raise_for_status()
        self.set_ids[line] = answer.json()["id"]
        return self.set_ids[line]

    def upload(self, set_id: str, slot: Slot) -> None:
        name = f"bench_{slot.line:03d}_{slot.index:03d}.jpg"
        path = make_flat_jpeg(
            self.folder / f"{threading.get_ident()}.jpg",
            slot_shot(slot),
            width=PICTURE_WIDTH,
            height=PICTURE_HEIGHT,
            model="Bench-10k",
        )
        data = path.read_bytes()
        answer = _request(
            self.token,
            "POST",
            f"{self.api}/upload_sets/{set_id}/files",
            files={"file": (name, data, "image/jpeg")},
        )
        # 409 after a retry: the first attempt did arrive (same file in the same set)
        outcome = {202: "accepted", 200: "accepted", 409: "conflict"}.get(answer.status_code)
        with self.lock:
            self.outcomes[outcome or "rejected"] += 1
            if outcome is None:
                self.errors.append(f"{name}: HTTP {answer.status_code} {answer.text[:200]}")

    def set_state(self, set_id: str) -> dict:
        answer = _request(self.token, "GET", f"{self.api}/upload_sets/{set_id}", timeout=30)
        answer.raise_for_status()
        return answer.json()

    def complete(self, set_id: str) -> None:
        url = f"{self.api}/upload_sets/{set_id}/complete"
        _request(self.token, "POST", url, timeout=30).raise_for_status()


def _prepared(state: dict) -> int:
    return int((state.get("items_status") or {}).get("prepared") or 0)


def _wait_ready(run: _Run, set_ids: list[str], timeout_s: float, t0: float) -> int:
    """Wait until every upload set is ``ready``; return how many pictures were prepared."""
    pending = list(set_ids)
    prepared_by_set: dict[str, int] = {}
    deadline = time.monotonic() + timeout_s
    last_log = 0.0
    while pending:
        still = []
        for set_id in pending:
            state = run.set_state(set_id)
            prepared_by_set[set_id] = _prepared(state)
            if not state.get("ready"):
                still.append(set_id)
        pending = still
        now = time.monotonic()
        if pending and now - last_log >= 10:
            done = sum(prepared_by_set.values())
            run.log(
                f"processing: {done} prepared, {len(pending)}/{len(set_ids)} upload sets not"
                f" ready ({now - t0:.0f} s)"
            )
            last_log = now
        if not pending:
            break
        if now > deadline:
            raise TimeoutError(f"{len(pending)} upload sets not ready after {timeout_s:.0f} s")
        time.sleep(1.0)
    return sum(prepared_by_set.values())


def _upload_slots(
    api: str, token: str | None, slots: list[Slot], workers: int, log: Log, timeout_s: float
) -> None:
    by_line: dict[int, list[Slot]] = {}
    for slot in slots:
        by_line.setdefault(slot.line, []).append(slot)
    with tempfile.TemporaryDirectory(prefix="bench-seed-") as tmp:
        run = _Run(api, token, Path(tmp), log)
        t0 = time.monotonic()
        in_flight: set[Future] = set()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bench-upload") as pool:
            for line, line_slots in sorted(by_line.items()):
                set_id = run.create_set(line, len(line_slots))
                for slot in line_slots:
                    if len(in_flight) >= 4 * workers:  # create upload sets lazily
                        done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                        for future in done:
                            future.result()
                    in_flight.add(pool.submit(run.upload, set_id, slot))
            for future in in_flight:
                future.result()
        upload_s = time.monotonic() - t0
        sent = sum(run.outcomes.values())
        set_ids = list(run.set_ids.values())
        states = [run.set_state(set_id) for set_id in set_ids]
        prepared_at_upload_end = sum(_prepared(s) for s in states)
        log(
            f"uploaded {sent} pictures to {len(set_ids)} upload sets in {upload_s:.1f} s"
            f" ({sent / max(upload_s, 1e-9):.1f}/s, {workers} threads) {dict(run.outcomes)};"
            f" {prepared_at_upload_end} already prepared by the server"
            f" ({prepared_at_upload_end / max(upload_s, 1e-9):.1f}/s)"
        )
        for error in run.errors[:10]:
            log(f"  rejected: {error}")
        for set_id, state in zip(set_ids, states):
            if not state.get("completed"):  # some upload failed: estimated count not reached
                run.complete(set_id)
        prepared = _wait_ready(run, set_ids, timeout_s, t0)
        total_s = time.monotonic() - t0
        tail_s = total_s - upload_s
        log(
            f"processed: {prepared} prepared, all upload sets ready {total_s:.1f} s after the"
            f" first upload ({prepared / max(total_s, 1e-9):.1f}/s overall; {tail_s:.1f} s after"
            f" the last upload, {(prepared - prepared_at_upload_end) / max(tail_s, 1e-9):.1f}/s)"
        )


# --- leftovers of an interrupted run ----------------------------------------------------


def _is_bench_title(title: str | None) -> bool:
    return bool(title) and str(title).startswith(BENCH_TITLE_PREFIX)


def _wait_leftovers(api: str, token: str | None, log: Log, timeout_s: float) -> bool:
    """Finish the bench upload sets an interrupted run left behind, before counting.

    Their pictures are not in the search yet but will be: not-dispatched sets are
    completed (the pictures they hold are kept) and waited for, and so are bench
    sequences still being processed. Needs a token (the listing is per user). Returns
    whether there was anything to wait for.
    """
    if not token:
        return False
    run = _Run(api, token, Path(tempfile.gettempdir()), log)
    pending: set[str] = set()
    answer = _request(
        token,
        "GET",
        f"{api}/users/me/upload_sets",
        params={"limit": 1000, "filter": "dispatched = FALSE"},
        timeout=30,
    )
    if answer.ok:
        for upload_set in answer.json().get("upload_sets") or []:
            if _is_bench_title(upload_set.get("title")):
                if not upload_set.get("completed"):
                    run.complete(upload_set["id"])
                pending.add(upload_set["id"])
    # dispatched sets whose sequences are not finalized yet (worker backlog)
    answer = _request(token, "GET", f"{api}/users/me/collection", params={"limit": 100})
    if answer.ok:
        for link in answer.json().get("links") or []:
            if link.get("rel") != "child" or not _is_bench_title(link.get("title")):
                continue
            if link.get("geovisio:status") == "ready":
                continue
            collection = _request(token, "GET", link["href"], timeout=30)
            upload_set_id = (collection.json() if collection.ok else {}).get("upload_set_id")
            for other in (collection.json() if collection.ok else {}).get("links") or []:
                if other.get("rel") == "upload_set" and not upload_set_id:
                    upload_set_id = other["href"].rstrip("/").rsplit("/", 1)[-1]
            if upload_set_id:
                pending.add(upload_set_id)
    if pending:
        log(f"waiting for {len(pending)} bench upload sets left by an earlier run")
        _wait_ready(run, sorted(pending), timeout_s, time.monotonic())
    return bool(pending)


# --- public entry point -----------------------------------------------------------------


def ensure_bench_area(
    api: str,
    token: str | None,
    count: int = BENCH_COUNT,
    log: Log = print,
    *,
    workers: int = UPLOAD_WORKERS,
    timeout_s: float | None = None,
    verify: bool = False,
) -> tuple[BBox, int]:
    """Make sure BENCH_BBOX holds ``count`` pictures; return (bbox, pictures in the area).

    When the area is already seeded: one listing of its sequences (:func:`count_by_collections`,
    ~20 ms), or with ``verify`` one search with limit=10000 (~3.5 s for 10,000 pictures).
    Otherwise: finish what an interrupted run left (with a token), count with the search,
    upload only the missing pictures into free slots, wait until the server has processed
    them and return the search count. Never adds more than ``count`` minus what the area
    holds (it does not delete any surplus).
    """
    if not 0 < count <= min(SEARCH_LIMIT, total_slots()):
        raise ValueError(f"count must be between 1 and {min(SEARCH_LIMIT, total_slots())}")
    api = api.rstrip("/")
    if timeout_s is None:
        timeout_s = 300.0 + 0.5 * count
    if not verify:
        quick = count_by_collections(api, token)
        if quick is not None and quick >= count:
            return BENCH_BBOX, quick
    existing = search_area(api, token)
    if len(existing) >= count:
        return BENCH_BBOX, len(existing)
    if _wait_leftovers(api, token, log, timeout_s):
        existing = search_area(api, token)
    for _round in range(3):  # more rounds only if the server rejected some pictures
        missing = count - len(existing)
        if missing <= 0:
            break
        occupied = {s for s in (slot_of(lon, lat) for lon, lat in existing) if s is not None}
        slots = free_slots(occupied, missing)
        log(
            f"benchmark area holds {len(existing)} pictures ({len(occupied)} on the grid):"
            f" uploading {len(slots)}"
        )
        if not slots:
            break
        _upload_slots(api, token, slots, workers, log, timeout_s)
        existing = search_area(api, token)
    return BENCH_BBOX, len(existing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=BENCH_COUNT)
    parser.add_argument("--workers", type=int, default=UPLOAD_WORKERS, help="upload threads")
    parser.add_argument(
        "--verify", action="store_true", help="count with the 10,000-item search, not the sequences"
    )
    args = parser.parse_args(argv)
    api = os.environ.get("PANORAMAX_API")
    if not api:
        print('PANORAMAX_API is not set: eval "$(bash scripts/panoramax-instance.sh env)"')
        return 2
    t0 = time.perf_counter()
    bbox, count = ensure_bench_area(
        api,
        os.environ.get("PANORAMAX_TOKEN") or None,
        args.count,
        workers=args.workers,
        verify=args.verify,
    )
    elapsed = time.perf_counter() - t0
    print(f"BENCH seed_10k_s {elapsed:.2f} s")
    print(f"bbox {_bbox_param(bbox)}: {count} pictures")
    return 0 if count >= args.count else 1


if __name__ == "__main__":
    sys.exit(main())
