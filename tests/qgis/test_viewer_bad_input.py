"""The viewer dock against a scripted server: bad answers give a message, never a crash.

A real HTTP server on 127.0.0.1 (``tests/http_server.py``) plays a small Panoramax
instance: a landing page, one sequence of pictures whose items and files each test
scripts (missing, still processing, damaged, truncated, too slow, HTML in the text).
After each failure the viewer must still open and navigate to a good picture.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from qgis.PyQt.QtCore import Qt

from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.fixtures.pictures import (
    Shot,
    make_flat_jpeg,
    make_pano_jpeg,
    make_truncated_jpeg,
)
from tests.http_server import Canned, CannedServer, landing
from tests.qt_wait import run_until

SEQUENCE = str(uuid.UUID(int=1))
LAT, LON = 45.7640, 4.8357
WHEN = datetime(2024, 6, 2, 12, 0, 2, tzinfo=timezone(timedelta(hours=2)))
TIMEOUT_S = 1.0  # the viewer's HTTP timeout in these tests (PluginSettings.timeout_s)
SLOW_S = 2.5  # how long the "slow" routes take to answer


def new_id() -> str:
    return str(uuid.uuid4())


def item(
    picture_id: str,
    *,
    prev: str | None = None,
    next: str | None = None,
    is_360: bool = False,
    producer: str = "qgis-tester",
    camera: tuple = ("SyntheticCam", "Flat-1"),
    licence: str = "CC-BY-SA-4.0",
) -> dict:
    """A GeoVisio item (trimmed to what the plugin reads); hrefs on the canned server."""
    links = [
        {
            "rel": "self",
            "href": f"{{base}}/api/collections/{SEQUENCE}/items/{picture_id}",
            "type": "application/geo+json",
        }
    ]
    for rel, other in (("prev", prev), ("next", next)):
        if other:
            links.append(
                {
                    "rel": rel,
                    "id": other,
                    "href": f"{{base}}/api/collections/{SEQUENCE}/items/{other}",
                    "geometry": {"type": "Point", "coordinates": [LON, LAT]},
                    "type": "application/geo+json",
                }
            )
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": picture_id,
        "collection": SEQUENCE,
        "geometry": {"type": "Point", "coordinates": [LON, LAT]},
        "properties": {
            "datetime": "2024-06-02T10:00:02+00:00",
            "datetimetz": "2024-06-02T12:00:02+02:00",
            "view:azimuth": 45,
            "license": licence,
            "geovisio:producer": producer,
            "geovisio:status": "ready",
            "pers:interior_orientation": {
                "camera_manufacturer": camera[0],
                "camera_model": camera[1],
                "field_of_view": 360 if is_360 else 69,
            },
        },
        "providers": [{"name": producer, "roles": ["producer"]}],
        "assets": {
            level: {"href": f"{{base}}/pics/{picture_id}/{level}.jpg", "type": "image/jpeg"}
            for level in ("thumb", "sd", "hd")
        },
        "links": links,
    }


def search_route(server):
    """``/api/search?ids=…``: the items of the sequence route whose id is asked for."""

    def answer(query):
        features = []
        for picture_id in (query.get("ids") or "").split(","):
            route = server.routes.get(f"/api/collections/{SEQUENCE}/items/{picture_id}")
            if isinstance(route, Canned) and route.status == 200:
                features.append(route.body)
        return Canned(200, {"type": "FeatureCollection", "features": features, "links": []})

    return answer


class FakeInstance:
    """A canned server with helpers to script pictures."""

    def __init__(self, server: CannedServer, jpeg: bytes, pano: bytes, truncated: bytes):
        self.server = server
        self.api = f"{server.base_url}/api"
        self.jpeg, self.pano, self.truncated = jpeg, pano, truncated

    def add_item(self, picture_id: str, canned: Canned) -> None:
        self.server.routes[f"/api/collections/{SEQUENCE}/items/{picture_id}"] = canned

    def add_files(self, picture_id: str, canned: Canned, levels=("thumb", "sd", "hd")) -> None:
        for level in levels:
            self.server.routes[f"/pics/{picture_id}/{level}.jpg"] = canned

    def picture(self, picture_id: str | None = None, files: Canned | None = None, **fields) -> str:
        """A picture whose item is served and whose files are good JPEGs (or ``files``)."""
        picture_id = picture_id or new_id()
        self.add_item(picture_id, Canned(200, item(picture_id, **fields)))
        body = self.pano if fields.get("is_360") else self.jpeg
        self.add_files(picture_id, files or Canned(200, body, "image/jpeg"))
        return picture_id

    def hits(self, fragment: str) -> int:
        return sum(1 for _, path, _, _ in self.server.requests if fragment in path)


@pytest.fixture(scope="module")
def pictures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_input")
    shot = Shot(LAT, LON, WHEN, heading=45.0)
    jpeg = make_flat_jpeg(folder / "good.jpg", shot, width=320, height=240, seed=3).read_bytes()
    pano = make_pano_jpeg(folder / "pano.jpg", shot, width=512, height=256, seed=4).read_bytes()
    truncated = make_truncated_jpeg(folder / "cut.jpg", shot, seed=5).read_bytes()
    return jpeg, pano, truncated


@pytest.fixture()
def fake(pictures):
    with CannedServer() as server:
        server.routes["/api"] = server.routes["/api/"] = Canned(200, landing())
        server.routes["/api/search"] = search_route(server)
        yield FakeInstance(server, *pictures)


@pytest.fixture()
def viewer(desktop, fake, qgis_app):
    from panoramax_plugin.viewer.controller import ViewerController
    from panoramax_plugin.viewer.dock import ViewerDock

    dock = ViewerDock(desktop.window)
    desktop.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.resize(520, 640)
    desktop.window.show()
    settings = PluginSettings(timeout_s=TIMEOUT_S, viewer_cache_mb=32)
    controller = ViewerController(dock, desktop.canvas, PluginLogger(desktop), settings)
    controller.set_instance(fake.api)
    images = []
    controller.image_shown.connect(lambda pid, level: images.append((pid, level)))
    controller.images = images
    yield controller
    controller.unload()
    dock.close()
    dock.deleteLater()
    qgis_app.processEvents()


def status(viewer) -> str:
    return viewer.dock.status.text()


def settled(viewer) -> bool:
    """No item being read and no file of the current picture under way."""
    if viewer.item_task is not None:
        return False
    current = viewer.current
    return current is None or not any(
        viewer.loader.is_pending(current.id, level) for level in ("thumb", "sd", "hd")
    )


def open_good(viewer, qgis_app, picture_id: str) -> None:
    """Open a good picture and check that it shows, with no message left."""
    viewer.open_id(picture_id, SEQUENCE)
    run_until(qgis_app, lambda: (picture_id, "sd") in viewer.images, 15)
    assert viewer.current.id == picture_id
    assert status(viewer) == "", status(viewer)
    view = viewer.dock.stack.currentWidget()
    if view is viewer.dock.flat_view:
        assert not view.image.isNull()
    else:
        assert view.has_source
    frame = view.grab().toImage()
    assert frame.pixelColor(frame.width() // 2, frame.height() // 2).isValid()


def test_a_missing_picture_says_so_and_navigation_goes_on(viewer, fake, qgis_app):
    second = new_id()
    first = fake.picture(next=second)
    fake.picture(second, prev=first)
    open_good(viewer, qgis_app, first)

    missing = new_id()  # no route: the canned server answers 404
    viewer.open_id(missing, SEQUENCE)
    run_until(qgis_app, lambda: "does not exist" in status(viewer), 10)
    assert missing in status(viewer)
    assert viewer.current.id == first  # still the picture shown, its buttons still work
    viewer.open_id(new_id())  # without a sequence: found by search, or not
    run_until(qgis_app, lambda: viewer.item_task is None and "does not exist" in status(viewer))

    viewer.go("next")
    run_until(qgis_app, lambda: (second, "sd") in viewer.images, 15)
    assert viewer.current.id == second and status(viewer) == ""

    # playing into a picture that is gone stops, saying why; the buttons still work
    last, gone = new_id(), new_id()
    fake.picture(last, next=gone, prev=second)
    viewer.open_id(last, SEQUENCE)
    run_until(qgis_app, lambda: (last, "sd") in viewer.images, 15)
    viewer.dock.speed.setValue(0.2)
    viewer.dock.play_button.setChecked(True)
    run_until(qgis_app, lambda: "does not exist" in status(viewer), 10)
    assert not viewer.dock.play_button.isChecked() and not viewer.play_timer.isActive()
    assert viewer.current.id == last
    viewer.go("prev")
    run_until(qgis_app, lambda: viewer.current.id == second, 10)


def test_a_picture_still_processing_says_so_then_opens(viewer, fake, qgis_app):
    good = fake.picture()
    open_good(viewer, qgis_app, good)
    busy = new_id()
    fake.add_item(busy, Canned(102, b""))  # GeoVisio: HTTP 102, empty body
    viewer.open_id(busy, SEQUENCE)
    run_until(qgis_app, lambda: viewer.item_task is None and status(viewer) != "", 10)
    assert "still being processed" in status(viewer)
    assert viewer.current.id == good

    fake.picture(busy)  # processed now: the same request succeeds
    open_good(viewer, qgis_app, busy)


@pytest.mark.parametrize("is_360", [False, True], ids=["flat", "360"])
def test_a_damaged_picture_file_says_so_and_the_next_one_shows(viewer, fake, qgis_app, is_360):
    good = new_id()
    damaged = fake.picture(
        next=good, is_360=is_360, files=Canned(200, b"<html>not a picture</html>", "image/jpeg")
    )
    fake.picture(good, prev=damaged)
    viewer.open_id(damaged, SEQUENCE)
    run_until(qgis_app, lambda: viewer.current is not None and settled(viewer), 10)
    run_until(qgis_app, lambda: "damaged" in status(viewer), 5)
    view = viewer.dock.stack.currentWidget()
    assert view is (viewer.dock.pano_view if is_360 else viewer.dock.flat_view)
    # the picture area says it too (not "Loading…" for ever, not an older picture)
    assert "damaged" in view.message
    assert not (view.has_source if is_360 else not view.image.isNull())
    assert not any(pid == damaged for pid, _ in viewer.images)

    viewer.go("next")
    run_until(qgis_app, lambda: (good, "sd") in viewer.images, 15)
    assert viewer.current.id == good and status(viewer) == ""


def test_a_truncated_picture_file_is_shown_with_a_warning(viewer, fake, qgis_app):
    good = fake.picture()
    open_good(viewer, qgis_app, good)
    cut = fake.picture(files=Canned(200, fake.truncated, "image/jpeg"))
    viewer.open_id(cut, SEQUENCE)
    run_until(qgis_app, lambda: (cut, "sd") in viewer.images, 10)
    # what could be decoded is shown, and the status says the file is incomplete
    assert "incomplete" in status(viewer)
    assert not viewer.dock.flat_view.image.isNull()

    open_good(viewer, qgis_app, good)  # the warning goes with the picture


def test_a_server_that_does_not_answer_in_time(viewer, fake, qgis_app):
    good = fake.picture()
    slow = new_id()
    fake.add_item(slow, Canned(200, item(slow), delay=SLOW_S))
    viewer.open_id(slow, SEQUENCE)
    run_until(qgis_app, lambda: viewer.item_task is None and status(viewer) != "", SLOW_S + 3)
    assert "did not answer in time" in status(viewer)
    open_good(viewer, qgis_app, good)

    # the item comes at once, but its files are too slow
    slow_files = fake.picture(files=Canned(200, fake.jpeg, "image/jpeg", delay=SLOW_S))
    viewer.open_id(slow_files, SEQUENCE)
    run_until(qgis_app, lambda: "did not answer in time" in status(viewer), SLOW_S + 3)
    assert viewer.current.id == slow_files
    assert "did not answer in time" in viewer.dock.flat_view.message
    open_good(viewer, qgis_app, good)


SCRIPT = "<script>alert('x')</script>"


def test_html_and_script_from_the_server_are_shown_as_text(viewer, fake, qgis_app):
    from qgis.PyQt.QtGui import QTextDocument

    tricky = fake.picture(
        producer=f"{SCRIPT}<b>Bob</b>",
        camera=("<img src=x onerror=alert(1)>", "<i>Cam</i>"),
        licence="<a href='http://example.com'>CC0</a>",
    )
    open_good(viewer, qgis_app, tricky)
    details = viewer.dock.details
    assert details.textFormat() == Qt.TextFormat.PlainText
    text = details.text()
    assert f"Producer: {SCRIPT}<b>Bob</b>" in text
    assert "<img src=x onerror=alert(1)> <i>Cam</i>" in text
    assert "<a href='http://example.com'>CC0</a>" in text
    # shown as typed: the label is as wide as the literal text, tags included (rich
    # text would have swallowed the tags and made the line shorter)
    metrics = details.fontMetrics()
    line = f"Producer: {SCRIPT}<b>Bob</b>"
    rich = QTextDocument()
    rich.setHtml(line)
    assert metrics.horizontalAdvance(rich.toPlainText()) < metrics.horizontalAdvance(line)
    details.setWordWrap(False)
    assert details.sizeHint().width() >= metrics.horizontalAdvance(line)
    details.setWordWrap(True)

    # a server error message with markup, in the status line
    evil = new_id()
    fake.add_item(evil, Canned(500, {"message": f"{SCRIPT}<h1>no</h1>", "status_code": 500}))
    viewer.open_id(evil, SEQUENCE)
    run_until(qgis_app, lambda: viewer.item_task is None and status(viewer) != "", 10)
    assert viewer.dock.status.textFormat() == Qt.TextFormat.PlainText
    assert f"{SCRIPT}<h1>no</h1>" in status(viewer)
    open_good(viewer, qgis_app, tricky)


def test_the_viewer_leaves_the_qgis_task_manager_alone(viewer, fake, qgis_app):
    """Its jobs run in its own pool: QGIS 3.22's task manager can lose a queued task
    (a prefetch then never started), and the global pool's threads serve map rendering."""
    from qgis.core import QgsApplication

    added = []
    manager = QgsApplication.taskManager()
    manager.taskAdded.connect(added.append)
    try:
        second = new_id()
        first = fake.picture(next=second)
        fake.picture(second, prev=first)
        open_good(viewer, qgis_app, first)
        viewer.go("next")
        run_until(qgis_app, lambda: (second, "sd") in viewer.images, 15)
    finally:
        manager.taskAdded.disconnect(added.append)
    assert added == []


def file_only(fake, picture_id: str, files: Canned):
    """A picture known by its files only (as the item-preview thumbnail is)."""
    from panoramax_plugin.core.models import Picture

    fake.add_files(picture_id, files, levels=("sd",))
    return Picture(
        picture_id,
        None,
        0.0,
        0.0,
        assets={"sd": f"{fake.server.base_url}/pics/{picture_id}/sd.jpg"},
    )


def test_a_canceled_fetch_ending_late_keeps_the_newer_one_pending(viewer, fake, qgis_app):
    loader = viewer.loader
    ready = []
    loader.ready.connect(lambda pid, level, image: ready.append((pid, level)))
    picture_id = new_id()
    picture = file_only(fake, picture_id, Canned(200, fake.jpeg, "image/jpeg", delay=0.6))
    key = (picture_id, "sd")
    loader.request(picture, "sd")
    canceled = loader._tasks[key][0]
    run_until(qgis_app, lambda: fake.hits(f"/pics/{picture_id}/sd.jpg") == 1, 5)
    loader.cancel_all()  # the user moved on...
    time.sleep(0.2)
    loader.request(picture, "sd")  # ...and came back while the first fetch still runs
    newer = loader._tasks[key][0]
    run_until(qgis_app, lambda: canceled.finished, 10)
    # the canceled fetch ended first: the newer one is still known to be under way
    assert loader.is_pending(picture_id, "sd") and loader._tasks[key][0] is newer
    run_until(qgis_app, lambda: key in ready, 10)
    assert ready == [key] and not loader.is_pending(picture_id, "sd")


def test_a_fetch_that_never_ends_is_given_up(viewer, fake, qgis_app):
    loader = viewer.loader
    loader.timeout_s = 10.0
    loader._stale_after_s = lambda: 0.3
    ready = []
    loader.ready.connect(lambda pid, level, image: ready.append(pid))
    picture_id = new_id()
    picture = file_only(fake, picture_id, Canned(200, fake.jpeg, "image/jpeg", delay=SLOW_S))
    loader.request(picture, "sd")
    run_until(qgis_app, lambda: fake.hits(f"/pics/{picture_id}/sd.jpg") == 1, 5)
    assert not loader.request(picture, "sd")  # still waited for
    fake.add_files(picture_id, Canned(200, fake.jpeg, "image/jpeg"), levels=("sd",))
    time.sleep(0.35)
    began = time.monotonic()
    loader.request(picture, "sd")  # the first one is late: a new fetch
    run_until(qgis_app, lambda: picture_id in ready, 5)
    assert time.monotonic() - began < SLOW_S - 0.5 and loader.fetches == 2


def test_opening_a_picture_drops_the_item_still_being_read(viewer, fake, qgis_app):
    shown = fake.picture()
    open_good(viewer, qgis_app, shown)
    slow = new_id()
    fake.add_item(slow, Canned(200, item(slow), delay=0.6))
    fake.add_files(slow, Canned(200, fake.jpeg, "image/jpeg"))
    viewer.open_id(slow, SEQUENCE)
    run_until(qgis_app, lambda: fake.hits(f"/items/{slow}") == 1, 5)
    viewer.open_id(shown, SEQUENCE)  # known already: shown at once
    assert viewer.current.id == shown and viewer.item_task is None
    time.sleep(0.9)  # the slow item has come meanwhile: it must not replace the picture
    qgis_app.processEvents()
    assert viewer.current.id == shown


def test_truncation_is_found_after_the_first_scan_only(pictures, qgis_app):
    from panoramax_plugin.viewer.image_loader import decode_image, image_warning, jpeg_is_truncated
    from tests.fixtures.pictures import insert_app1

    jpeg, pano, truncated = pictures
    # an EXIF thumbnail ends with its own end marker, before the picture's first scan
    with_thumbnail = insert_app1(jpeg, b"Exif\x00\x00" + b"\xff\xd8\x00\x00\xff\xd9")
    for whole in (jpeg, pano, with_thumbnail, with_thumbnail + b"trailing bytes"):
        assert not jpeg_is_truncated(whole)
        assert image_warning(decode_image(whole)) == ""
    for cut in (truncated, with_thumbnail[: len(with_thumbnail) * 2 // 3]):
        assert jpeg_is_truncated(cut)
        assert "incomplete" in image_warning(decode_image(cut))
    assert not jpeg_is_truncated(b"<html>not a picture</html>")
