"""Tag 5,000 pictures of the benchmark area (``seed.BENCH_BBOX``) for the tags benchmark.

The pictures of the first ``TAGGED_LINES`` lines of the 10,000-picture grid (500 each)
get ``bench:tagged=yes`` and ``bench:sign=<one of SIGN_VALUES>`` (by slot index), with
plain ``PATCH /api/collections/{cid}/items/{pid}`` calls in threads and the bench token.
Only the bench area's own pictures are touched and only ``bench:*`` keys are used, so no
other test sees these tags (integration tests seed elsewhere and filter on their own
keys). Idempotent: pictures already tagged are skipped, so a second run costs one
search.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.seed import (  # noqa: E402
    BENCH_BBOX,
    SEARCH_LIMIT,
    _bbox_param,
    _request,
    slot_of,
)

TAG_KEY = "bench:tagged"
TAG_VALUE = "yes"
SIGN_KEY = "bench:sign"
SIGN_VALUES = ("FR:B14", "FR:AB4", "FR:C12", "FR:B1", "FR:A13b")
TAGGED_LINES = 10
TAGGED_COUNT = 5_000
TAG_FILTER = f"\"semantics.{TAG_KEY}\"='{TAG_VALUE}'"
WORKERS = 8


def _tags(item: dict) -> set:
    semantics = (item.get("properties") or {}).get("semantics") or []
    return {(s.get("key"), s.get("value")) for s in semantics if isinstance(s, dict)}


def ensure_tagged(api: str, token: str | None, log=print) -> int:
    """Make sure TAGGED_COUNT pictures of the bench area carry the bench tags; returns
    how many the filtered search finds."""
    api = api.rstrip("/")
    found = _request(
        token,
        "GET",
        f"{api}/search",
        params={"bbox": _bbox_param(BENCH_BBOX), "limit": SEARCH_LIMIT, "filter": TAG_FILTER},
    )
    found.raise_for_status()
    if len(found.json()["features"]) >= TAGGED_COUNT:
        return len(found.json()["features"])
    if not token:
        raise SystemExit("tagging the bench pictures needs PANORAMAX_TOKEN")
    answer = _request(
        token,
        "GET",
        f"{api}/search",
        params={"bbox": _bbox_param(BENCH_BBOX), "limit": SEARCH_LIMIT},
    )
    answer.raise_for_status()
    todo = []
    for item in answer.json()["features"]:
        lon, lat = item["geometry"]["coordinates"][:2]
        slot = slot_of(lon, lat)
        if slot is None or slot.line >= TAGGED_LINES:
            continue
        if (TAG_KEY, TAG_VALUE) in _tags(item):
            continue
        sign = SIGN_VALUES[slot.index % len(SIGN_VALUES)]
        todo.append((item["collection"], item["id"], sign))
    log(f"tagging {len(todo)} bench pictures")

    def tag(entry):
        collection, picture, sign = entry
        body = {
            "semantics": [
                {"key": TAG_KEY, "value": TAG_VALUE, "action": "add"},
                {"key": SIGN_KEY, "value": sign, "action": "add"},
            ]
        }
        url = f"{api}/collections/{collection}/items/{picture}"
        result = _request(token, "PATCH", url, json=body, timeout=60)
        if result.status_code != 200:
            raise AssertionError(f"PATCH {url}: {result.status_code} {result.text[:200]}")

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(tag, todo))
    found = _request(
        token,
        "GET",
        f"{api}/search",
        params={"bbox": _bbox_param(BENCH_BBOX), "limit": SEARCH_LIMIT, "filter": TAG_FILTER},
    )
    found.raise_for_status()
    return len(found.json()["features"])


if __name__ == "__main__":
    import os
    import time

    t0 = time.perf_counter()
    count = ensure_tagged(os.environ["PANORAMAX_API"], os.environ.get("PANORAMAX_TOKEN"))
    print(f"{count} tagged pictures in {time.perf_counter() - t0:.1f} s")
