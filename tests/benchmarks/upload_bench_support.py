"""Shared plumbing of the upload and pre-flight benchmarks (not a benchmark itself).

- the local instance's URL and token from the environment (``make bench`` sources it);
- fresh geotagged pictures, made in child processes (2 at a time, so the parent's heap
  stays as it was: the memory benchmark measures the uploader, not the generator);
- the plugin's uploader as QGIS runs it (``QtFileSender`` + the QGIS HTTP client, in a
  worker thread while the main thread runs Qt's event loop), or the pure-Python
  fallback (``RequestsFileSender`` + ``HttpClient(make_session())``) when the QGIS side
  of the upload is not there;
- an RSS sampler (``/proc/self/statm`` every 20 ms) and clean-up of created sequences.

Nothing in here imports QGIS at module level: the picture generators run in spawned
children, which import this module.
"""

from __future__ import annotations

import os
import random
import secrets
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta, timezone
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from panoramax_plugin.core.uploader import UploadFeedback  # noqa: E402

GENERATOR_PROCESSES = 2  # the machine has 2 cores


# --- environment ----------------------------------------------------------------------


def instance_env() -> tuple:
    """(api URL, token or None, site URL) of the local instance; exits when unset."""
    api = os.environ.get("PANORAMAX_API", "").rstrip("/")
    if not api:
        raise SystemExit(
            "PANORAMAX_API is not set: run through `make bench`, or first "
            'set -a; eval "$(bash scripts/panoramax-instance.sh env)"; set +a'
        )
    token = os.environ.get("PANORAMAX_TOKEN") or None
    site = os.environ.get("PANORAMAX_URL", "").rstrip("/")
    if not site:
        site = api[: -len("/api")] if api.endswith("/api") else api
    deadline = time.monotonic() + 90  # other test runs may be restarting the shared instance
    while True:
        try:
            requests.get(api, timeout=10).raise_for_status()
            break
        except requests.RequestException as exc:
            if time.monotonic() > deadline:
                raise SystemExit(f"the instance at {api} does not answer: {exc}") from exc
            time.sleep(2)
    return api, token, site


# --- fresh pictures -----------------------------------------------------------------------


def random_walk_start(rng: random.Random) -> tuple:
    """A random place in mainland France and a random local time: fresh for the instance."""
    lat = rng.uniform(43.5, 49.0)
    lon = rng.uniform(-0.5, 6.0)
    start = datetime(2020, 4, 1, 8, 0, tzinfo=timezone(timedelta(hours=2))) + timedelta(
        days=rng.randrange(0, 1500), minutes=rng.randrange(0, 600)
    )
    return lat, lon, start


def _flat_job(job: tuple) -> str:
    from tests.fixtures.pictures import make_flat_jpeg

    path, shot, width, height, quality = job
    return str(make_flat_jpeg(path, shot, width=width, height=height, quality=quality))


def _noisy_job(job: tuple) -> str:
    """A large JPEG of random pixels (barely compressible) with the fixtures' full EXIF."""
    import io

    from PIL import Image

    from tests.fixtures import pictures  # _exif_bytes: the fixtures' EXIF writer

    path, shot, width, height, quality = job
    exif = pictures._exif_bytes(
        shot.captured_at,
        shot,
        make="SyntheticCam",
        model="Noise-12MP",
        width=width,
        height=height,
        focal_length_mm=4.5,
        focal_length_35mm=26,
    )
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(buffer.getvalue())
    return str(path)


def _pano_job(job: tuple) -> str:
    from tests.fixtures.pictures import make_pano_jpeg

    path, shot, width, height, quality = job
    return str(
        make_pano_jpeg(
            path, shot, width=width, height=height, quality=quality, pose_heading=shot.heading
        )
    )


JOBS = {"flat": _flat_job, "noisy": _noisy_job, "pano": _pano_job}


def generate(jobs: list, kind: str = "flat") -> list:
    """Run picture jobs ``(path, shot, width, height, quality)`` in 2 spawned processes."""
    context = get_context("spawn")
    with ProcessPoolExecutor(max_workers=GENERATOR_PROCESSES, mp_context=context) as pool:
        return [Path(p) for p in pool.map(JOBS[kind], jobs, chunksize=max(1, len(jobs) // 8))]


def fresh_walk(
    folder: Path,
    count: int,
    *,
    width: int,
    height: int,
    quality: int = 85,
    kind: str = "flat",
    spacing_m: float = 5.0,
    interval_s: float = 2.0,
    prefix: str = "pic",
) -> list:
    """``count`` fresh pictures ``spacing_m`` and ``interval_s`` apart, somewhere random."""
    from tests.fixtures.pictures import line_of_shots

    rng = random.Random(secrets.randbits(64))
    lat, lon, start = random_walk_start(rng)
    shots = line_of_shots(
        lat,
        lon,
        count,
        spacing_m=spacing_m,
        bearing_deg=rng.uniform(0, 360),
        start_time=start,
        interval_s=interval_s,
    )
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [
        (str(folder / f"{prefix}_{i:03d}.jpg"), shot, width, height, quality)
        for i, shot in enumerate(shots)
    ]
    return generate(jobs, kind)


# --- the plugin's uploader ------------------------------------------------------------------


class PluginSide:
    """The plugin's uploader as QGIS would run it, or the pure-Python fallback.

    ``qgis=True`` needs ``panoramax_plugin.upload.qt_sender`` (and QGIS): a
    ``QgsApplication`` is created (offscreen) and uploads run in a worker thread while
    the main thread runs Qt's event loop, as under a ``QgsTask``.
    """

    def __init__(self, prefer_qgis: bool = True):
        self.app = None
        self.label = "RequestsFileSender + HttpClient(make_session()) (no QGIS)"
        self.qgis = False
        if prefer_qgis and os.environ.get("BENCH_UPLOAD_SENDER", "qgis") != "requests":
            try:
                import panoramax_plugin.upload.qt_sender  # noqa: F401
            except ImportError as exc:
                print(f"# panoramax_plugin.upload.qt_sender not usable ({exc}): requests sender")
            else:
                self.qgis = True
                self.label = "QtFileSender + qgis_http_client() (QGIS networking)"

    def start(self) -> None:
        if not self.qgis:
            return
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from qgis.core import QgsApplication

        self.app = QgsApplication.instance() or QgsApplication([], False)
        self.app.initQgis()

    def parts(self) -> tuple:
        """(http client, file sender), made in the thread that will use them."""
        if self.qgis:
            from panoramax_plugin.network.session import qgis_http_client
            from panoramax_plugin.upload.qt_sender import QtFileSender

            return qgis_http_client(timeout=60), QtFileSender()

    def runner(self):
        """How the uploader sends N files at once: Qt threads as in QGIS, else Python ones."""
        if self.qgis:
            from panoramax_plugin.background.qthreads import run_in_qthreads

            return run_in_qthreads
        return None
        from panoramax_plugin.core.http import HttpClient, make_session
        from panoramax_plugin.core.uploader import RequestsFileSender

        return HttpClient(make_session(), timeout=60), RequestsFileSender()

    def run_in_worker(self, function, timeout_s: float = 600.0):
        """``function()`` in a worker thread; Qt's event loop runs here meanwhile."""
        outcome: dict = {}

        def target():
            try:
                outcome["value"] = function()
            except BaseException as exc:  # re-raised in the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=target, name="bench-upload-task")
        worker.start()
        if self.app is not None:
            from qgis.PyQt.QtCore import QEventLoop, QTimer

            loop = QEventLoop()
            poll = QTimer()
            poll.setInterval(10)
            poll.timeout.connect(lambda: loop.quit() if not worker.is_alive() else None)
            QTimer.singleShot(int(timeout_s * 1000), loop.quit)
            poll.start()
            if worker.is_alive():
                loop.exec()
            poll.stop()
        worker.join(timeout=None if self.app is None else 1.0)
        if worker.is_alive():
            raise TimeoutError(f"upload still running after {timeout_s} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def upload(self, api: str, token, paths, options, state_folder: Path, feedback=None):
        """Run one upload to the end (processed); returns the final ``UploadState``."""
        from panoramax_plugin.core.upload_state import StateStore
        from panoramax_plugin.core.uploader import Uploader

        def task():
            http, sender = self.parts()
            uploader = Uploader(
                api,
                http,
                sender,
                StateStore(str(state_folder)),
                token=token,
                feedback=feedback,
                run_parallel=self.runner(),
            )
            return uploader.run([str(p) for p in paths], options)

        return self.run_in_worker(task, timeout_s=options.wait_ready_s + 300)


class TimedFeedback(UploadFeedback):
    """Notes when the last file was sent (the uploader then waits for processing)."""

    def __init__(self):
        self.all_sent_at = None
        self.messages = []

    def message(self, text: str) -> None:
        self.messages.append(text)
        if self.all_sent_at is None and "processing" in text:
            self.all_sent_at = time.perf_counter()


# --- server side ------------------------------------------------------------------------


def auth(token) -> dict:
    return {"Authorization": f"Bearer {token}"} if token else {}


def upload_set_info(api: str, token, upload_set_id: str) -> dict:
    answer = requests.get(f"{api}/upload_sets/{upload_set_id}", headers=auth(token), timeout=30)
    answer.raise_for_status()
    return answer.json()


def check_ready(api: str, token, upload_set_id: str, expected: int) -> list:
    """Sequence ids of a processed set holding ``expected`` pictures; raises otherwise."""
    info = upload_set_info(api, token, upload_set_id)
    status = info.get("items_status") or {}
    if not info.get("ready") or status.get("prepared") != expected:
        raise AssertionError(
            f"upload set {upload_set_id}: ready={info.get('ready')} items={status} "
            f"(expected {expected} prepared)"
        )
    return [str(c["id"]) for c in info.get("associated_collections") or []]


def delete_upload_set(api: str, token, upload_set_id: str | None) -> None:
    """Delete the sequences an upload set made (and the set); errors only printed."""
    if not upload_set_id:
        return
    from tests.integration.seeding import delete_sequences

    try:
        info = upload_set_info(api, token, upload_set_id)
        delete_sequences(api, token, [c["id"] for c in info.get("associated_collections") or []])
        requests.delete(f"{api}/upload_sets/{upload_set_id}", headers=auth(token), timeout=30)
    except requests.RequestException as exc:
        print(f"# clean-up of upload set {upload_set_id} failed: {exc}")


# --- memory -----------------------------------------------------------------------------


def rss_bytes() -> int:
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class RssSampler:
    """Samples this process's RSS every ``interval_s`` in a thread; keeps the peak."""

    def __init__(self, interval_s: float = 0.02):
        self.interval_s = interval_s
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        with open("/proc/self/statm", "rb") as handle:
            while not self._stop.is_set():
                handle.seek(0)
                value = int(handle.read().split()[1]) * self.page
                if value > self.peak:
                    self.peak = value
                self.samples += 1
                self._stop.wait(self.interval_s)

    def __enter__(self):
        self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        return False
