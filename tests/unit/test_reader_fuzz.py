"""Bounded, seeded fuzz of the picture reader: every mutated JPEG ends with a status.

``READER_FUZZ_CASES`` cases (default 4000) of seed ``READER_FUZZ_SEED`` (default fixed)
are read in a child process (``tests.unit.reader_fuzz``) whose address space is capped at
its size plus 512 MiB; a case silent for 3 s counts as a hang. Bases: the project's
generated JPEGs, plus the real pictures of ``../shared/data`` when they are there. A
failure prints the cases to replay: ``make_case(bases, seed, i)`` rebuilds case ``i``.
"""

from __future__ import annotations

import json
import os

from tests.unit.reader_fuzz import REAL_PICTURES, generated_bases, run_isolated, summary

CASES = int(os.environ.get("READER_FUZZ_CASES", "4000"))
SEED = os.environ.get("READER_FUZZ_SEED", "20240602")
MAX_MS = 1000.0  # per case, tracemalloc on, on a busy 2-core machine (about 1 ms typical)
MAX_PEAK_KIB = 4096  # per case: the file's first 256 KiB and a little parsing


def failed(record: dict) -> bool:
    if record.get("hang") or "died" in record or "raised" in record:
        return True
    return bool(
        record["status"] not in ("ready", "not_ready")
        or (record["status"] == "not_ready" and not record["problem"])
        or record["bad"]
        or record["breaks_prediction"]
        or record["parses"] > 1
        or record["ms"] > MAX_MS
        or record["peak_kib"] > MAX_PEAK_KIB
    )


def fuzz(tmp_path, reader: str, count: int) -> list:
    generated_bases(tmp_path)
    real = REAL_PICTURES.is_dir()
    records = list(run_isolated(SEED, count, tmp_path, real=real, reader=reader, memory_mib=512))
    assert len(records) == count
    bad = [record for record in records if failed(record)]
    assert not bad, (
        f"{len(bad)} of {count} cases failed (seed {SEED}, real pictures: {real}): "
        f"{json.dumps(summary(records))}\nfirst ones: {json.dumps(bad[:5], indent=1)}"
    )
    return records


def test_every_fuzzed_picture_ends_with_a_status(tmp_path):
    records = fuzz(tmp_path, "pure", CASES)
    statuses = {record["status"] for record in records}
    assert statuses == {"ready", "not_ready"}  # the mutations leave some pictures sendable
