"""Fault runs of the core uploader against the local instance, through ``tests/fault_proxy``.

FAULT lost_answers     N fresh files (default 150), 10% of the file POST answers lost after
                       the server accepted them: files reported "already on the instance",
                       files lost / doubled on the server, sequence ids in the report
FAULT control_<call>   5 files, one fault on one control call (create 503, list files 502
                       after processing, complete 429 + Retry-After, first poll reset,
                       read-back truncated): did the run finish, is the set completed,
                       how many files have a sequence id
FAULT create_502_rerun a 502 after the server created the set, then the same upload run
                       again: how many sets with that title exist

``UPLOADER_ROOT=/path`` imports ``panoramax_plugin`` from there (to measure an older
commit: ``git archive <commit> panoramax_plugin | tar -x -C /path``). Everything uploaded
is deleted at the end (sequences and upload sets).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if os.environ.get("UPLOADER_ROOT"):
    sys.path.insert(0, os.environ["UPLOADER_ROOT"])

from panoramax_plugin.core.http import HttpClient, make_session  # noqa: E402
from panoramax_plugin.core.upload_state import StateStore  # noqa: E402
from panoramax_plugin.core.uploader import (  # noqa: E402
    RequestsFileSender,
    Uploader,
    UploadOptions,
)
from tests.fault_proxy import (  # noqa: E402
    FaultProxy,
    Rule,
    lose,
    reset,
    status,
    status_after,
    truncate,
)
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg  # noqa: E402
from tests.integration.seeding import delete_sequences  # noqa: E402
from tests.upload_instance import (  # noqa: E402
    delete_upload_sets,
    my_open_sets,
    server_files,
)

API = os.environ["PANORAMAX_API"]
TOKEN = os.environ["PANORAMAX_TOKEN"]
UPSTREAM = API[: -len("/api")]
FILES = "/api/upload_sets/[^/]+/files$"
SET = "/api/upload_sets/[^/?]+$"
created_sets, created_sequences = set(), set()


def walk(folder: Path, count: int) -> list:
    rng = random.Random()
    start = datetime(2020, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=2))) + timedelta(
        days=rng.randrange(0, 1500)
    )
    shots = line_of_shots(
        rng.uniform(43.5, 49.0), rng.uniform(-0.5, 6.0), count, spacing_m=6.0, start_time=start
    )
    folder.mkdir(parents=True, exist_ok=True)
    return [
        str(make_flat_jpeg(folder / f"f_{i:03d}.jpg", s, width=256, height=192))
        for i, s in enumerate(shots)
    ]


def run(proxy, paths, title, store_folder):
    uploader = Uploader(
        proxy.base_url + "/api",
        HttpClient(make_session(), timeout=20),
        RequestsFileSender(),
        StateStore(store_folder),
        token=TOKEN,
        sleep=time.sleep,
    )
    options = UploadOptions(
        title=title, parallel=3, backoff_s=0.05, max_backoff_s=2.0, wait_ready_s=180
    )
    error = None
    try:
        uploader.run(paths, options)
    except Exception as exc:  # what the user would see
        error = f"{type(exc).__name__}: {exc}"
    state = uploader.state
    if state and state.upload_set_id:
        created_sets.add(state.upload_set_id)
    created_sequences.update(f.sequence_id for f in state.files.values() if f.sequence_id)
    return state, error


def set_summary(state, paths):
    files = server_files(API, TOKEN, state.upload_set_id)
    accepted = Counter(
        f["file_name"] for f in files if f.get("picture_id") and not f.get("rejected")
    )
    names = [os.path.basename(p) for p in paths]
    lost = sum(1 for n in names if accepted[n] == 0)
    doubled = sum(1 for n in names if accepted[n] > 1)
    detail = requests_json(f"{API}/upload_sets/{state.upload_set_id}")
    return lost, doubled, bool(detail.get("completed"))


def requests_json(url):
    import requests

    answer = requests.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    return answer.json()


def lost_answers(folder: Path, count: int) -> None:
    paths = walk(folder / "lost", count)
    rules = [Rule(FILES, lose(), method="POST", rate=0.10, seed=7)]
    started = time.monotonic()
    with FaultProxy(UPSTREAM, rules) as proxy:
        state, error = run(proxy, paths, f"fault lost {uuid.uuid4().hex[:8]}", str(folder / "s1"))
        lost_posts = proxy.faults["lose"]
    statuses = Counter(f.status for f in state.files.values())
    lost, doubled, completed = set_summary(state, paths)
    with_sequence = sum(1 for f in state.files.values() if f.sequence_id)
    print(
        f"FAULT lost_answers files={count} answers_lost={lost_posts} statuses={dict(statuses)} "
        f"misreported_already={statuses.get('already_sent', 0)} server_lost={lost} "
        f"server_doubled={doubled} completed={completed} with_sequence={with_sequence} "
        f"error={error!r} time_s={time.monotonic() - started:.1f}"
    )


CONTROL_FAULTS = {
    "create_503": Rule("/api/upload_sets$", status(503), method="POST", times=1),
    "list_files_502": Rule(FILES, status(502), method="GET", nth=2),
    "complete_429": Rule("/complete$", status(429, retry_after=1), method="POST", times=1),
    "poll_reset": Rule(SET, reset(), method="GET", nth=1),
    "readback_truncated": Rule("/api/collections/[^/]+/items", truncate(), method="GET", times=1),
}


def control_faults(folder: Path) -> None:
    for name, rule in CONTROL_FAULTS.items():
        paths = walk(folder / name, 5)
        with FaultProxy(UPSTREAM, [rule]) as proxy:
            state, error = run(proxy, paths, f"fault {name}", str(folder / f"s-{name}"))
            fired = rule.fired
        completed = False
        if state.upload_set_id:
            _, _, completed = set_summary(state, paths)
        with_sequence = sum(1 for f in state.files.values() if f.sequence_id)
        print(
            f"FAULT control_{name} fired={fired} finished={error is None} completed={completed} "
            f"with_sequence={with_sequence}/5 error={(error or '')[:160]!r}"
        )


def create_502_rerun(folder: Path) -> None:
    paths = walk(folder / "c502", 5)
    title = f"fault create502 {uuid.uuid4().hex[:8]}"
    rule = Rule("/api/upload_sets$", status_after(502), method="POST", times=1)
    with FaultProxy(UPSTREAM, [rule]) as proxy:
        _, first_error = run(proxy, paths, title, str(folder / "s-c502"))
        state, error = run(proxy, paths, title, str(folder / "s-c502"))
    open_sets = my_open_sets(API, TOKEN, title)
    created_sets.update(open_sets)
    sets = set(open_sets) | ({state.upload_set_id} if state.upload_set_id else set())
    lost, doubled, completed = set_summary(state, paths)
    orphans = len(set(open_sets) - {state.upload_set_id})
    print(
        f"FAULT create_502_rerun first_run_error={(first_error or '')[:100]!r} "
        f"rerun_error={error!r} sets_with_title={len(sets)} orphans_open={orphans} "
        f"completed={completed} server_lost={lost} server_doubled={doubled}"
    )


def main() -> None:
    count = int(os.environ.get("FAULT_FILES", "150"))
    which = sys.argv[1:] or ["lost", "control", "create"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            if "lost" in which:
                lost_answers(folder, count)
            if "control" in which:
                control_faults(folder)
            if "create" in which:
                create_502_rerun(folder)
        finally:
            for upload_set_id in created_sets:
                detail = requests_json(f"{API}/upload_sets/{upload_set_id}")
                for collection in detail.get("associated_collections") or []:
                    created_sequences.add(collection["id"])
            delete_sequences(API, TOKEN, created_sequences)
            delete_upload_sets(API, TOKEN, created_sets)


if __name__ == "__main__":
    main()
