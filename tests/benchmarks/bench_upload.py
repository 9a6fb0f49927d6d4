"""Upload benchmark: the plugin's uploader against the official CLI, on the local instance.

BENCH upload_40_flat_s        40 fresh flat 12 MP pictures (4000x3000, ~3.5 MB, 5 m and 2 s
                              apart, a random place) sent by the plugin's uploader with its
                              default parallelism, until the upload set is processed (ready)
BENCH upload_40_flat_cli_s    the same with the official `panoramax_cli upload --wait` (PyPI,
                              its defaults), another fresh set of 40; wall time of the command
BENCH upload_40_flat_ratio    plugin / CLI, same run (target <= 0.8)

Informative (no target):
BENCH upload_40_flat_send_s       plugin: until the last file is sent
BENCH upload_40_flat_cli_startup_s  `panoramax_cli --version` (interpreter + imports)

The CLI lives in its own venv (build/cli-venv), installed by
scripts/install-panoramax-cli.sh when missing. Each side gets its own fresh pictures (the
instance refuses bytes it has seen); the sequences are deleted afterwards.
BENCH_UPLOAD_ROUNDS=N (default 2): rounds, the order of the two sides alternating; the best
of each side is printed. BENCH_UPLOAD_SENDER=requests forces the pure-Python sender;
BENCH_UPLOAD_PIXELS=2048x1536 changes the picture size.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.upload_bench_support import (  # noqa: E402
    PluginSide,
    TimedFeedback,
    check_ready,
    delete_upload_set,
    fresh_walk,
    instance_env,
)

COUNT = 40
WIDTH, HEIGHT = (int(v) for v in os.environ.get("BENCH_UPLOAD_PIXELS", "4000x3000").split("x"))
TARGET_RATIO = 0.8
CLI_TIMEOUT_S = 600


def install_cli() -> Path:
    """The panoramax_cli executable, installed into build/cli-venv when missing."""
    script = ROOT / "scripts" / "install-panoramax-cli.sh"
    done = subprocess.run(
        ["bash", str(script), str(ROOT / "build" / "cli-venv")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit("could not install panoramax_cli (scripts/install-panoramax-cli.sh)")
    return Path(done.stdout.strip().splitlines()[-1])


def cli_version(cli: Path) -> tuple:
    start = time.perf_counter()
    done = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip(), time.perf_counter() - start


def plugin_round(side: PluginSide, api, token, folder: Path) -> tuple:
    """(seconds to ready, seconds until all sent, upload set id)."""
    from panoramax_plugin.core.upload_state import SENT
    from panoramax_plugin.core.uploader import UploadOptions

    paths = fresh_walk(folder / "plugin", COUNT, width=WIDTH, height=HEIGHT, prefix="plugin")
    options = UploadOptions(title=f"bench-upload plugin {time.time():.0f}", wait_ready_s=300)
    feedback = TimedFeedback()
    start = time.perf_counter()
    state = side.upload(api, token, paths, options, folder / "state", feedback)
    elapsed = time.perf_counter() - start
    sent = (feedback.all_sent_at or time.perf_counter()) - start
    statuses = [f.status for f in state.files.values()]
    if statuses.count(SENT) != COUNT:
        problems = {f.name: (f.status, f.message) for f in state.files.values() if f.status != SENT}
        delete_upload_set(api, token, state.upload_set_id)
        raise AssertionError(f"plugin upload: not every file sent: {problems}")
    try:
        check_ready(api, token, state.upload_set_id, COUNT)
    except AssertionError:
        delete_upload_set(api, token, state.upload_set_id)
        raise
    return elapsed, sent, state.upload_set_id


def cli_round(cli: Path, api, token, site, folder: Path) -> tuple:
    """(seconds of `panoramax_cli upload --wait`, upload set id)."""
    pictures = folder / "cli"
    fresh_walk(pictures, COUNT, width=WIDTH, height=HEIGHT, prefix="cli")
    command = [
        str(cli),
        "upload",
        str(pictures),
        "--api-url",
        site,
        "--title",
        f"bench-upload cli {time.time():.0f}",
        "--wait",
    ]
    if token:
        command += ["--token", token]
    log = folder / "cli.log"
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
    with open(log, "w", encoding="utf-8") as output:
        start = time.perf_counter()
        done = subprocess.run(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=folder,
            timeout=CLI_TIMEOUT_S,
            check=False,
        )
        elapsed = time.perf_counter() - start
    id_file = pictures / "_panoramax.txt"
    upload_set_id = None
    if id_file.exists():
        text = id_file.read_text(encoding="utf-8").strip()
        upload_set_id = text.split("=", 1)[1] if "=" in text else text
    if done.returncode != 0 or not upload_set_id:
        delete_upload_set(api, token, upload_set_id)
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise AssertionError(f"panoramax_cli failed (exit {done.returncode}):\n{tail}")
    try:
        check_ready(api, token, upload_set_id, COUNT)
    except AssertionError:
        delete_upload_set(api, token, upload_set_id)
        raise
    return elapsed, upload_set_id


def main() -> int:
    api, token, site = instance_env()
    cli = install_cli()
    version, startup = cli_version(cli)
    side = PluginSide()
    side.start()
    from panoramax_plugin.core.uploader import UploadOptions

    rounds = max(1, int(os.environ.get("BENCH_UPLOAD_ROUNDS", "2")))
    print(f"# plugin sender: {side.label}; parallel={UploadOptions.parallel} (UploadOptions)")
    print(f"# reference: {version} ({cli}), its defaults (--parallel-uploads 1), --wait")
    print(f"# {COUNT} fresh {WIDTH}x{HEIGHT} flat pictures per side, {rounds} round(s)")
    plugin_runs, sent_runs, cli_runs, created = [], [], [], []
    try:
        for index in range(rounds):
            with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
                folder = Path(tmp)
                order = ("plugin", "cli") if index % 2 == 0 else ("cli", "plugin")
                for which in order:
                    if which == "plugin":
                        elapsed, sent, set_id = plugin_round(side, api, token, folder)
                        plugin_runs.append(elapsed)
                        sent_runs.append(sent)
                    else:
                        elapsed, set_id = cli_round(cli, api, token, site, folder)
                        cli_runs.append(elapsed)
                    created.append(set_id)
                    print(f"# round {index + 1} {which}: {elapsed:.2f} s (upload set {set_id})")
    finally:
        for set_id in created:
            delete_upload_set(api, token, set_id)

    plugin_s, cli_s = min(plugin_runs), min(cli_runs)
    ratio = plugin_s / cli_s
    print(f"BENCH upload_40_flat_s {plugin_s:.2f} s")
    print(f"BENCH upload_40_flat_send_s {min(sent_runs):.2f} s")
    print(f"BENCH upload_40_flat_cli_s {cli_s:.2f} s")
    print(f"BENCH upload_40_flat_cli_startup_s {startup:.2f} s")
    print(f"BENCH upload_40_flat_ratio {ratio:.2f} x")
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"# target: upload_40_flat_ratio <= {TARGET_RATIO}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
