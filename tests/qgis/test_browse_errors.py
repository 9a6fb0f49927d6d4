"""Browse with a misbehaving server: clear messages, consistent layers, no request storm."""

from __future__ import annotations

import json
import time

import pytest
from qgis.core import QgsProject, QgsRectangle

from panoramax_plugin.browse.controller import BrowseController
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.http_server import Canned, CannedServer, free_port, landing
from tests.qt_wait import run_until as _run_until

BBOX = (4.0, 45.0, 4.1, 45.1)


def feature(pid, lon=4.05, lat=45.05, seq="s1"):
    return {
        "type": "Feature",
        "id": pid,
        "collection": seq,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"geovisio:rank_in_collection": 1, "view:azimuth": 10},
    }


def run_until(qgis_app, condition, timeout_s=30.0):
    _run_until(qgis_app, condition, timeout_s)


@pytest.fixture()
def make_controller(desktop, qgis_app):
    made = []

    def make(api_url):
        controller = BrowseController(desktop.canvas, PluginLogger(desktop), PluginSettings())
        controller.set_instance(api_url)
        messages, results = [], []
        controller.message.connect(lambda level, text: messages.append((level, text)))
        controller.load_finished.connect(results.append)
        made.append(controller)
        return controller, messages, results

    yield make
    for controller in made:
        controller.unload()
    QgsProject.instance().removeAllMapLayers()


def critical(messages):
    return [text for level, text in messages if level == "critical"]


def test_unreachable_instance(make_controller, qgis_app):
    controller, messages, _ = make_controller(f"http://127.0.0.1:{free_port()}/api")
    controller.load_bbox(BBOX)
    run_until(qgis_app, lambda: critical(messages))
    assert "Could not reach 127.0.0.1" in critical(messages)[0]
    assert not controller.is_loading()


def test_not_a_panoramax_url(make_controller, qgis_app):
    with CannedServer({"/api": Canned(200, "<html>shop</html>", content_type="text/html")}) as s:
        controller, messages, _ = make_controller(s.base_url + "/api")
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: critical(messages))
    assert "not with a Panoramax API description" in critical(messages)[0]


def test_http_error_keeps_what_was_loaded(make_controller, qgis_app):
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": Canned(
            body={"type": "FeatureCollection", "features": [feature("a"), feature("b", 4.06)]}
        ),
        "/api/collections": Canned(body={"collections": [], "links": []}),
    }
    with CannedServer(routes) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: results)
        layer = controller.current_layers().pictures.layer
        assert layer.featureCount() == 2
        server.routes["/api/search"] = Canned(503, {"message": "maintenance"})
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: critical(messages))
    assert "HTTP 503" in critical(messages)[0] and "maintenance" in critical(messages)[0]
    assert "not complete for this area" in critical(messages)[0]
    assert layer.featureCount() == 2


def test_malformed_items_do_not_discard_the_others(make_controller, qgis_app):
    bad_geometry = dict(feature("bad"), geometry=None)
    no_id = dict(feature("x"))
    del no_id["id"]
    odd = feature("odd")
    odd["properties"] = {"view:azimuth": "north", "datetime": "not a date", "new:thing": [1]}
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": Canned(
            body={
                "type": "FeatureCollection",
                "features": [feature("good"), bad_geometry, no_id, odd],
            }
        ),
        "/api/collections": Canned(body={"collections": [], "links": []}),
    }
    with CannedServer(routes) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: results)
    layer = controller.current_layers().pictures.layer
    assert sorted(f["id"] for f in layer.getFeatures()) == ["good", "odd"]
    assert "2 malformed pictures were skipped" in messages[-1][1]


def test_auto_refresh_debounces_a_pan(make_controller, desktop, qgis_app):
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": Canned(body={"type": "FeatureCollection", "features": []}),
        "/api/collections": Canned(body={"collections": [], "links": []}),
    }
    with CannedServer(routes) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        desktop.canvas.resize(400, 300)
        desktop.canvas.setExtent(QgsRectangle(4.0, 45.0, 4.01, 45.01))
        controller.set_auto_refresh(True)
        run_until(qgis_app, lambda: results)  # the first refresh, at switch-on
        before = len([r for r in server.requests if "/api/search" in r[1]])
        for step in range(20):  # 20 extents in 2 s
            desktop.canvas.setExtent(
                QgsRectangle(4.0 + step * 0.001, 45.0, 4.01 + step * 0.001, 45.01)
            )
            deadline = time.monotonic() + 0.1
            while time.monotonic() < deadline:
                qgis_app.processEvents()
                time.sleep(0.005)
        run_until(qgis_app, lambda: len(results) >= 2)
        searches = [r for r in server.requests if "/api/search" in r[1]][before:]
    assert len(searches) == 1
    from urllib.parse import parse_qs, urlsplit

    west, _, east, _ = (
        float(v) for v in parse_qs(urlsplit(searches[0][1]).query)["bbox"][0].split(",")
    )
    assert (west + east) / 2 == pytest.approx(4.024, abs=1e-4)  # where the map rested


def test_a_load_with_a_known_instance_costs_two_requests(make_controller, qgis_app):
    from panoramax_plugin.core.client import PanoramaxClient

    with CannedServer(one_picture_routes()) as server:
        instance = PanoramaxClient(server.base_url).discover()
        server.requests.clear()
        controller, messages, results = make_controller(server.base_url + "/api")
        controller.set_instance(server.base_url + "/api", instance)
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: results)
        paths = [path.split("?")[0] for _, path, _, _ in server.requests]
    assert sorted(paths) == ["/api/collections", "/api/search"], paths  # in parallel


def one_picture_routes() -> dict:
    """An instance whose search finds one picture, in no listed sequence."""
    return {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": Canned(body={"type": "FeatureCollection", "features": [feature("a")]}),
        "/api/collections": Canned(body={"collections": [], "links": []}),
    }


def task_ended(task) -> bool:
    try:
        return task.status() in (task.TaskStatus.Complete, task.TaskStatus.Terminated)
    except RuntimeError:  # ended, and deleted by QGIS's task manager
        return True


def test_the_gc_is_held_only_while_loading(make_controller, qgis_app):
    import gc

    with CannedServer(one_picture_routes()) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        controller.load_bbox(BBOX)
        assert not gc.isenabled()
        run_until(qgis_app, lambda: results)
        assert gc.isenabled()
        task = controller.load_bbox(BBOX)
        controller.cancel()
        assert not controller.steps.gc_held
        # the canceled search may still be parsing in its thread, under a pause of its
        # own: the collector is back once that thread has stopped
        run_until(qgis_app, lambda: task_ended(task), 30)
        assert gc.isenabled()
    with CannedServer({"/api": Canned(500, {"message": "x"})}) as broken:
        controller, messages, _ = make_controller(broken.base_url + "/api")
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: critical(messages))
        assert gc.isenabled()


def test_picture_files_are_retried_after_a_server_error(qgis_app):
    """The viewer's image fetch retries a 500 (GeoVisio's racy first derivative)."""
    from panoramax_plugin.network.session import qgis_http_client
    from panoramax_plugin.viewer.image_loader import fetch_with_retries

    class Task:
        def check_canceled(self):
            pass

    answers = iter(
        [
            Canned(500, {"message": "writer got too much data"}),
            Canned(200, b"\xff\xd8jpeg", content_type="image/jpeg"),
        ]
    )
    with CannedServer({"/sd.jpg": lambda query: next(answers)}) as server:
        data = fetch_with_retries(
            qgis_http_client(10), server.base_url + "/sd.jpg", Task(), pause_s=0.01
        )
    assert data == b"\xff\xd8jpeg"
    assert len(server.requests) == 2


def test_a_search_qgis_never_started_is_started_again(make_controller, qgis_app, monkeypatch):
    """QGIS 3.22 can lose a queued task: the load starts a new one instead of hanging."""
    from panoramax_plugin.background import core_task  # start_task adds every task
    from panoramax_plugin.background.lost_task import LostTaskWatch
    from tests.qgis.lost_tasks import DroppingTaskManager

    manager = DroppingTaskManager(lambda task: True)
    monkeypatch.setattr(core_task, "QgsApplication", manager)
    monkeypatch.setattr(LostTaskWatch, "interval_ms", 100)
    with CannedServer(one_picture_routes()) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        lost = controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: results, 10)
        searches = [path for _, path, _, _ in server.requests if path.startswith("/api/search")]
    assert manager.dropped == [lost] and task_ended(lost)
    assert len(searches) == 1 and not critical(messages)
    assert controller.layers[server.base_url + "/api"].pictures.layer.featureCount() == 1


def test_a_failure_while_filling_the_layers_ends_the_load_and_says_so(
    make_controller, qgis_app, monkeypatch
):
    """A step on the main thread that raises (here the picture layer refusing features)
    must not leave QGIS's timer slot: the load ends, the GC is back, the user is told."""
    import gc

    from panoramax_plugin.layers.pictures import PicturesLayer

    def broken(self, pictures):
        raise RuntimeError("the layer refused the features")

    monkeypatch.setattr(PicturesLayer, "add_pictures", broken)
    with CannedServer(one_picture_routes()) as server:
        controller, messages, results = make_controller(server.base_url + "/api")
        controller.load_bbox(BBOX)
        run_until(qgis_app, lambda: any(level == "critical" for level, _ in messages), 30)
        assert not controller.steps.gc_held and gc.isenabled()
        assert not controller.is_loading()
        critical = [text for level, text in messages if level == "critical"]
        assert "refused the features" in critical[-1]
