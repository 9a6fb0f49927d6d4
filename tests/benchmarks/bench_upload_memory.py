"""Upload memory benchmark: RSS growth while the plugin uploads ~300 MB of pictures.

BENCH upload_rss_growth_mb   peak RSS during the upload (sampled from /proc/self/statm every
                             20 ms, in a thread) minus RSS just before it, while the plugin's
                             uploader sends 30 fresh ~10 MB JPEGs (4000x3000 random pixels)
                             with its default parallelism and waits until they are processed
                             (target <= 60: files are streamed from disk, never held whole)

Informative: BENCH upload_300mb_s (the whole upload, until processed) and the total size.
The pictures are generated in child processes, so the generator's buffers are not in this
process's heap when the upload starts. The plugin side is QtFileSender + the QGIS HTTP
client when panoramax_plugin.upload.qt_sender exists, else RequestsFileSender +
HttpClient(make_session()) (BENCH_UPLOAD_SENDER=requests forces the latter). The created
sequences are deleted afterwards.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.upload_bench_support import (  # noqa: E402
    PluginSide,
    RssSampler,
    check_ready,
    delete_upload_set,
    fresh_walk,
    instance_env,
    rss_bytes,
)

COUNT = 30
WIDTH, HEIGHT, QUALITY = 4000, 3000, 90  # random pixels: ~10.7 MB per JPEG
TARGET_MB = 60
MB = 1024 * 1024


def main() -> int:
    api, token, _site = instance_env()
    side = PluginSide()
    side.start()
    from panoramax_plugin.core.upload_state import SENT
    from panoramax_plugin.core.uploader import UploadOptions

    with tempfile.TemporaryDirectory(prefix="bench-upload-memory-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = fresh_walk(
            folder / "pictures",
            COUNT,
            width=WIDTH,
            height=HEIGHT,
            quality=QUALITY,
            kind="noisy",
            prefix="big",
        )
        total = sum(p.stat().st_size for p in paths)
        print(f"# plugin sender: {side.label}; parallel={UploadOptions.parallel} (UploadOptions)")
        print(
            f"# {COUNT} fresh {WIDTH}x{HEIGHT} noisy JPEGs, {total / MB:.0f} MB "
            f"(made in {time.perf_counter() - start:.1f} s)"
        )
        options = UploadOptions(title=f"bench-upload-memory {time.time():.0f}", wait_ready_s=300)
        gc.collect()
        before = rss_bytes()
        state = None
        try:
            with RssSampler(0.02) as sampler:
                start = time.perf_counter()
                state = side.upload(api, token, paths, options, folder / "state")
                elapsed = time.perf_counter() - start
            sent = [f for f in state.files.values() if f.status == SENT]
            if len(sent) != COUNT:
                problems = {f.name: (f.status, f.message) for f in state.files.values()}
                raise AssertionError(f"not every file was sent: {problems}")
            check_ready(api, token, state.upload_set_id, COUNT)
        finally:
            if state is not None:
                delete_upload_set(api, token, state.upload_set_id)

    growth = (sampler.peak - before) / MB
    print(
        f"# RSS before {before / MB:.0f} MB, peak {sampler.peak / MB:.0f} MB "
        f"({sampler.samples} samples)"
    )
    print(f"BENCH upload_rss_growth_mb {growth:.1f} MB")
    print(f"BENCH upload_300mb_s {elapsed:.2f} s")
    verdict = "met" if growth <= TARGET_MB else "NOT met"
    print(f"# target: upload_rss_growth_mb <= {TARGET_MB}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
