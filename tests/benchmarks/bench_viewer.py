"""Viewer benchmarks against the local instance (a fresh 360° sequence of 31 pictures).

BENCH viewer_first_pixels_ms  open request -> first painted pixels of a 360° picture
                              (median of 5 pictures not seen before; target <= 200)
BENCH viewer_first_pixels_raw_fetch_ms   reference: the server's item + thumbnail alone
                              (plain requests, pictures not fetched before: GeoVisio
                              makes the thumbnail then, ~200 ms for these panoramas)
BENCH viewer_first_pixels_server_ready_ms  the same opens once the instance has the
                              thumbnails (viewer cache emptied): the viewer's own share
BENCH viewer_cache_mb         process memory growth after visiting 30 pictures one after
                              the other (sd files; target <= 400, bounded by the cache)
BENCH viewer_cache_held_mb    what the viewer's image cache holds at the end
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil  # noqa: E402
from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer  # noqa: E402

from tests.fixtures.pictures import line_of_shots, make_pano_jpeg  # noqa: E402
from tests.integration.seeding import delete_sequences, upload_set  # noqa: E402

COUNT = 31
# The application lives at module level and goes last. A local of main() was destroyed
# when main() returned, before the dock (a top-level window, owned by Python, kept alive
# by the controller <-> dock connections and by fetches not handed over yet): PyQt's
# clean-up at exit then deleted the dock without an application, a segfault in
# QWidget::~QWidget. run() now deletes its widgets itself, the application still there.
app = None


def wait(condition, timeout_s=60.0) -> None:
    """Qt's C++ event loop until ``condition()`` (polled every 2 ms)."""
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError("benchmark step timed out")


def seed(api: str, token: str | None):
    folder = Path(tempfile.mkdtemp(prefix="bench-viewer-"))
    shots = line_of_shots(42.55, 2.95, COUNT, spacing_m=5.0, bearing_deg=90.0)
    paths = [
        make_pano_jpeg(
            folder / f"pano_{i:03d}.jpg", shot, width=4096, height=2048, pose_heading=shot.heading
        )
        for i, shot in enumerate(shots)
    ]
    seeded = upload_set(api, token, paths, "bench-viewer 360", timeout_s=300)
    by_name = {f["file_name"]: f["picture_id"] for f in seeded.files}
    return seeded, [by_name[p.name] for p in paths]


def main() -> None:
    global app
    api = os.environ["PANORAMAX_API"]
    token = os.environ.get("PANORAMAX_TOKEN")
    seeded, ids = seed(api, token)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        run(app, api, seeded, ids)
    finally:
        delete_sequences(api, token, seeded.sequence_ids)
    app.exitQgis()


def first_pixels(viewer, dock, shown, ids, sequence) -> list:
    """Milliseconds from each open to the first render of that picture in the dock."""
    firsts = []
    for picture_id in ids:
        renders = dock.pano_view.render_count
        shown_before = len(shown)
        start = time.perf_counter()
        viewer.open_id(picture_id, sequence)
        try:
            wait(
                lambda pid=picture_id, before=renders, seen=shown_before: (
                    any(p == pid for p, _ in shown[seen:]) and dock.pano_view.render_count > before
                ),
                20,
            )
        except TimeoutError:
            raise SystemExit(
                f"no pixels: shown={shown} renders={dock.pano_view.render_count} "
                f"status={dock.status.text()!r} current={viewer.current}"
            ) from None
        firsts.append((time.perf_counter() - start) * 1000)
        wait(lambda pid=picture_id, seen=shown_before: (pid, "sd") in shown[seen:])
    return firsts


def run(app, api, seeded, ids) -> None:
    from panoramax_plugin.settings import PluginSettings
    from panoramax_plugin.viewer.controller import ViewerController
    from panoramax_plugin.viewer.dock import ViewerDock
    from tests.qgis.desktop_stub import DesktopStub

    class Quiet:
        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    desktop = DesktopStub()
    dock = ViewerDock(None)  # a top-level window: shown, so it really paints
    dock.resize(900, 700)
    dock.show()
    viewer = ViewerController(dock, desktop.canvas, Quiet(), PluginSettings())
    viewer.set_instance(api)
    try:
        measure(viewer, dock, seeded, ids, api)
    finally:
        teardown(viewer, dock, desktop)


def teardown(viewer, dock, desktop) -> None:
    """What the plugin's unload does, then the widgets go while the application exists.

    The viewer's fetches still under way (canceled, they end their request) are waited
    for: their callbacks hold the controller, and a worker must not outlive the
    interpreter. Then the controller, the dock and the stub's window are deleted.
    """
    from panoramax_plugin.background import job_pool as background

    viewer.unload()
    dock.close()
    try:
        wait(lambda: background.pending() == 0, 60)
    finally:
        for qobject in (viewer, dock, desktop.window):
            qobject.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def measure(viewer, dock, seeded, ids, api) -> None:
    sequence = seeded.sequence_ids[0]
    shown = []
    viewer.image_shown.connect(lambda pid, level: shown.append((pid, level)))

    # first pixels: pictures opened directly (not prefetched), thumb first
    firsts = first_pixels(viewer, dock, shown, ids[-5:], sequence)
    print(f"BENCH viewer_first_pixels_ms {statistics.median(firsts):.0f} ms")
    # reference, same run: the server's answer alone for pictures not fetched before
    # (item JSON + thumbnail, which GeoVisio makes on first request), plain requests
    import requests

    raw = []
    for picture_id in ids[5:10]:
        start = time.perf_counter()
        requests.get(f"{api}/collections/{sequence}/items/{picture_id}", timeout=60).json()
        thumb = requests.get(f"{api}/pictures/{picture_id}/thumb.jpg", timeout=60).content
        assert thumb[:2] == b"\xff\xd8"
        raw.append((time.perf_counter() - start) * 1000)
    print(f"BENCH viewer_first_pixels_raw_fetch_ms {statistics.median(raw):.0f} ms")
    # the same pictures again, the instance's thumbnails made: what the viewer itself costs
    viewer.loader.cache.clear()
    viewer.prefetched.clear()
    viewer.open_id(ids[0], sequence)  # somewhere else first: each open below is a change
    wait(lambda: (ids[0], "sd") in shown)
    again = first_pixels(viewer, dock, shown, ids[-5:], sequence)
    print(f"BENCH viewer_first_pixels_server_ready_ms {statistics.median(again):.0f} ms")

    # memory: walk 30 pictures with "next", each until its sd file is shown
    process = psutil.Process()
    viewer.loader.cache.clear()
    before = process.memory_info().rss
    viewer.open_id(ids[0], sequence)
    wait(lambda: (ids[0], "sd") in shown)
    for index in range(1, 30):
        viewer.go("next")
        try:
            wait(lambda index=index: (ids[index], "sd") in shown, 20)
        except TimeoutError:
            raise SystemExit(
                f"step {index}: current={viewer.current.id if viewer.current else None} "
                f"want={ids[index]} status={dock.status.text()!r} "
                f"levels={[lv for p, lv in shown if p == ids[index]]} "
                f"item_task={viewer.item_task}"
            ) from None
    grown = (process.memory_info().rss - before) / 2**20
    print(f"BENCH viewer_cache_mb {grown:.0f} MB")
    print(f"BENCH viewer_cache_held_mb {viewer.loader.cache.size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
