"""Fuzz benchmark of the picture reader: seeded mutations of real and generated JPEGs.

BENCH reader_fuzz_raises            cases where read_picture() raised (pure reader)
BENCH reader_fuzz_hangs             cases silent over 3 s (killed by the watchdog)
BENCH reader_fuzz_bad_values        cases with a non-finite / out-of-range value accepted
BENCH reader_fuzz_breaks_prediction cases whose result breaks predict_dispatch()
BENCH reader_fuzz_parsed_twice      cases where the pure parser ran twice on one file
BENCH reader_fuzz_max_ms            slowest case (tracemalloc on)
BENCH reader_fuzz_median_ms         median case
BENCH reader_fuzz_max_peak_mib      largest tracemalloc peak of one case
BENCH reader_fuzz_max_held_mib      largest memory still held after a case returned
BENCH reader_fuzz_qgis_*            the same through the QGIS reader (exiv2 + fallback)

Each case runs in a child process (``tests.unit.reader_fuzz``) with its address space
capped at its size plus 3 GiB; the watchdog counts a case silent over 3 s as a hang, kills
the child and goes on with the next case. Options: ``--cases N`` (default 5000),
``--qgis-cases N`` (default 2000, 0 to skip), ``--seed S`` (default 20240602),
``--json FILE`` (every record). Exits 0 whatever the reader does: the numbers are the result.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.unit.reader_fuzz import generated_bases, run_isolated, summary  # noqa: E402


def run(label, seed, count, folder, reader, records_out):
    began = time.perf_counter()
    records = []
    for record in run_isolated(seed, count, folder, reader=reader, memory_mib=3072):
        records.append(record)
    wall = time.perf_counter() - began
    result = summary(records)
    result["wall_s"] = round(wall, 1)
    print(f"# {label}: {json.dumps(result)}", flush=True)
    records_out.extend(dict(record, reader=reader) for record in records)
    prefix = "reader_fuzz" if reader == "pure" else "reader_fuzz_qgis"
    print(f"BENCH {prefix}_cases {result['cases']} count")
    print(f"BENCH {prefix}_raises {result['raises_total']} count")
    for name, number in sorted(result["raises"].items()):
        print(f"BENCH {prefix}_raises_{name} {number} count")
    print(f"BENCH {prefix}_hangs {result['hangs']} count")
    print(f"BENCH {prefix}_died {result['died']} count")
    print(f"BENCH {prefix}_bad_values {result['bad_values_accepted']} count")
    print(f"BENCH {prefix}_breaks_prediction {result['breaks_prediction']} count")
    print(f"BENCH {prefix}_parsed_twice {result['parsed_twice']} count")
    print(f"BENCH {prefix}_median_ms {result['median_ms']} ms")
    print(f"BENCH {prefix}_p99_ms {result['p99_ms']} ms")
    print(f"BENCH {prefix}_max_ms {result['max_ms']} ms")
    print(f"BENCH {prefix}_over_1s {result['over_1s']} count")
    if result["max_peak_kib"] is not None:
        print(f"BENCH {prefix}_max_peak_mib {result['max_peak_kib'] / 1024:.2f} MiB")
        print(f"BENCH {prefix}_max_held_mib {result['max_held_kib'] / 1024:.2f} MiB")
    print(f"BENCH {prefix}_wall_s {result['wall_s']} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--qgis-cases", type=int, default=2000)
    parser.add_argument("--seed", default="20240602")
    parser.add_argument("--json", help="write every case's record to this file")
    args = parser.parse_args()
    records: list = []
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-bases-") as folder:
        generated_bases(folder)
        if args.cases:
            run("pure reader", args.seed, args.cases, folder, "pure", records)
        if args.qgis_cases:
            try:
                import qgis.core  # noqa: F401
            except ImportError:
                print("# QGIS is not importable here: the QGIS reader is not measured")
            else:
                run("QGIS reader", args.seed, args.qgis_cases, folder, "qgis", records)
    if args.json:
        Path(args.json).write_text(json.dumps(records), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
