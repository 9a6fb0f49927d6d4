"""The core's HTTP goes through QGIS networking: signals, proxy, errors, tasks."""

from __future__ import annotations

import json

import pytest
from qgis.core import (
    QgsApplication,
    QgsNetworkAccessManager,
    QgsSettings,
)

from panoramax_plugin.background.core_task import CoreTask
from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import NetworkError, NotPanoramaxError, ServerError
from panoramax_plugin.network.session import qgis_http_client
from tests.http_server import Canned, CannedServer, free_port, landing


def wait_for(task, qgis_app, timeout_s=20.0):
    """Run the Qt event loop until the task is finished (its callbacks have run)."""
    import time

    deadline = time.monotonic() + timeout_s
    done = []
    task.taskCompleted.connect(lambda: done.append(True))
    task.taskTerminated.connect(lambda: done.append(False))
    while not done and time.monotonic() < deadline:
        qgis_app.processEvents()
        time.sleep(0.01)
    qgis_app.processEvents()
    assert done, "task did not finish in time"
    return done[0]


@pytest.fixture()
def canned_instance():
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": Canned(
            body={
                "type": "FeatureCollection",
                "features": [
                    {
                        "id": "p1",
                        "collection": "s1",
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [4.8, 45.7]},
                        "properties": {"view:azimuth": 12},
                    }
                ],
            }
        ),
        "/api/boom": Canned(500, {"message": "database down", "status_code": 500}),
    }
    with CannedServer(routes) as server:
        yield server


def test_request_on_main_thread_is_seen_by_qgis_network_manager(
    qgis_app, canned_instance, seen_requests
):
    seen = seen_requests
    client = PanoramaxClient(canned_instance.base_url, http=qgis_http_client(timeout=10))
    result = client.search(bbox=(4, 45, 5, 46), limit=5)
    qgis_app.processEvents()  # the logger signals are queued from QGIS's network thread
    assert [p.id for p in result.pictures] == ["p1"]
    assert result.pictures[0].heading == 12
    assert any(url.startswith(canned_instance.base_url + "/api/search?") for url in seen), seen
    headers = canned_instance.requests[-1][2]
    # QGIS replaces any User-Agent with its own (the user's setting + QGIS/<version>)
    assert "QGIS/3" in headers["User-Agent"]


def test_request_from_task_goes_through_qgis_and_reaches_callbacks(
    qgis_app, canned_instance, seen_requests
):
    seen = seen_requests
    results = []

    def work(task):
        return PanoramaxClient(canned_instance.base_url, http=qgis_http_client(10)).discover()

    task = CoreTask("test discover", work, on_done=results.append)
    QgsApplication.taskManager().addTask(task)
    assert wait_for(task, qgis_app)
    assert results and results[0].version == "2.15.1"
    assert canned_instance.base_url + "/api" in seen


def test_exception_in_task_is_delivered_not_raised(qgis_app):
    errors = []

    def work(task):
        return PanoramaxClient(
            f"http://127.0.0.1:{free_port()}", http=qgis_http_client(5)
        ).discover()

    task = CoreTask("test unreachable", work, on_error=errors.append)
    QgsApplication.taskManager().addTask(task)
    assert wait_for(task, qgis_app) is False
    assert isinstance(errors[0], NetworkError)
    assert "Could not reach" in str(errors[0])


def test_http_error_and_non_panoramax_through_qgis(qgis_app, canned_instance):
    http = qgis_http_client(10)
    with pytest.raises(ServerError) as info:
        http.get_json(canned_instance.base_url + "/api/boom")
    assert "database down" in str(info.value)
    with CannedServer({"/api": Canned(200, "<html>hi</html>", content_type="text/html")}) as other:
        with pytest.raises(NotPanoramaxError):
            PanoramaxClient(other.base_url, http=http).discover()


def test_timeout_through_qgis_is_a_network_error(qgis_app):
    with CannedServer({"/api": Canned(body="{}", delay=2.0)}) as slow:
        with pytest.raises(NetworkError) as info:
            PanoramaxClient(slow.base_url, http=qgis_http_client(timeout=0.3)).discover()
    assert "did not answer in time" in str(info.value)


def test_qgis_proxy_settings_are_honoured(qgis_app):
    """With a proxy set in QGIS, the request for another host reaches the proxy."""
    routes = {"/api": Canned(body=json.dumps(landing("http://panoramax.invalid")))}
    settings = QgsSettings()
    keys = [
        "proxy/proxyEnabled",
        "proxy/proxyHost",
        "proxy/proxyPort",
        "proxy/proxyType",
        "proxy/proxyExcludedUrls",
        "proxy/noProxyUrls",
    ]
    saved = {key: settings.value(key) for key in keys}
    with CannedServer(routes) as proxy:
        try:
            settings.setValue("proxy/proxyEnabled", True)
            settings.setValue("proxy/proxyHost", "127.0.0.1")
            settings.setValue("proxy/proxyPort", proxy.httpd.server_address[1])
            settings.setValue("proxy/proxyType", "HttpProxy")
            settings.setValue("proxy/proxyExcludedUrls", "")
            settings.setValue("proxy/noProxyUrls", "")
            QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
            instance = PanoramaxClient(
                "http://panoramax.invalid", http=qgis_http_client(10)
            ).discover()
        finally:
            for key, value in saved.items():
                if value is None:
                    settings.remove(key)
                else:
                    settings.setValue(key, value)
            QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
        method, path, _headers, _ = proxy.requests[0]
    assert method == "GET" and path == "http://panoramax.invalid/api"
    assert instance.search_url == "http://panoramax.invalid/api/search"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "identity"])
def test_compressed_answers_are_decoded(qgis_app, encoding):
    """The transport negotiates compression itself and inflates in Python."""
    import gzip
    import zlib

    from panoramax_plugin.network import qgis_transport

    raw = json.dumps(landing("http://127.0.0.1")).encode()
    body = {"gzip": gzip.compress, "deflate": zlib.compress, "identity": bytes}[encoding](raw)
    routes = {"/api": Canned(body=body, headers={"Content-Encoding": encoding})}
    with CannedServer(routes) as server:
        client = PanoramaxClient(server.base_url, http=qgis_http_client(10))
        assert client.discover().version == "2.15.1"
        sent = server.requests[-1][2]
    assert sent["Accept-Encoding"] == qgis_transport.ACCEPT_ENCODING.decode()


def test_error_after_success_on_the_same_url_is_not_hidden_by_the_cache(qgis_app):
    """QGIS 3.22 served a cached 200 (bodies glued) when the same URL later failed."""
    with CannedServer({"/api/x": Canned(200, {"ok": 1})}) as server:
        http = qgis_http_client(10)
        assert http.get_json(server.base_url + "/api/x") == {"ok": 1}
        server.routes["/api/x"] = Canned(503, {"message": "maintenance"})
        with pytest.raises(ServerError) as info:
            http.get_json(server.base_url + "/api/x")
        assert "maintenance" in str(info.value)
        server.routes["/api/x"] = Canned(200, {"ok": 2})
        assert http.get_json(server.base_url + "/api/x") == {"ok": 2}


def test_our_answers_do_not_stay_in_qgis_disk_cache(qgis_app):
    """API answers change (uploads, processing): none is served from the cache later."""
    from qgis.PyQt.QtCore import QUrl

    cacheable = Canned(200, {"ok": 1}, headers={"Cache-Control": "public, max-age=3600"})
    with CannedServer({"/api/x": cacheable}) as server:
        url = server.base_url + "/api/x"
        assert qgis_http_client(10).get_json(url) == {"ok": 1}
        cache = QgsNetworkAccessManager.instance().cache()
        assert cache is not None and not cache.metaData(QUrl(url)).isValid()


def test_many_threads_fetching_one_url_at_once(qgis_app):
    """Removing a URL from the shared cache in one thread cancelled another thread's
    insertion of it; QGIS then crashed (seen with the viewer's thumbnail fetches)."""
    from panoramax_plugin.background import job_pool as background
    from tests.qt_wait import run_until

    body = b"\xff\xd8" + b"x" * 200_000
    cacheable = Canned(200, body, "image/jpeg", headers={"Cache-Control": "max-age=3600"})
    with CannedServer({"/thumb.jpg": cacheable}) as server:
        url = server.base_url + "/thumb.jpg"
        results, errors = [], []

        def fetch_many(job):
            http = qgis_http_client(10)
            return [len(http.get_bytes(url)) for _ in range(15)]

        for _ in range(background.MAX_THREADS):
            background.start(background.Job("fetch", fetch_many, results.append, errors.append))
        run_until(qgis_app, lambda: len(results) + len(errors) == background.MAX_THREADS, 60)
    assert errors == []
    assert results == [[len(body)] * 15] * background.MAX_THREADS


def _patch_in_task(qgis_app, work):
    """Run ``work(task)`` in a QGIS task; (result, error)."""
    results, errors = [], []
    task = CoreTask("test patch", work, on_done=results.append, on_error=errors.append)
    QgsApplication.taskManager().addTask(task)
    wait_for(task, qgis_app, timeout_s=30)
    return (results or [None])[0], (errors or [None])[0]


def test_patch_with_json_body_from_a_task_and_on_the_main_thread(qgis_app, seen_requests):
    echo = Canned(200, {"id": "s1", "title": "new", "geovisio:visibility": "owner-only"})
    with CannedServer({"/api/collections/s1": echo}) as server:
        url = server.url("/api/collections/s1")

        def work(task):
            return (
                qgis_http_client(10)
                .request("PATCH", url, json={"title": "new", "visibility": "owner-only"})
                .json()
            )

        result, error = _patch_in_task(qgis_app, work)
        assert error is None and result["title"] == "new"
        on_main = qgis_http_client(10).request("PATCH", url, json={"title": "main"}).json()
        assert on_main["id"] == "s1"
        qgis_app.processEvents()
    method, path, headers, body = server.requests[0]
    assert (method, path) == ("PATCH", "/api/collections/s1")
    assert json.loads(body) == {"title": "new", "visibility": "owner-only"}
    assert headers["Content-Type"] == "application/json"
    assert "QGIS/3" in headers["User-Agent"]  # through QGIS's manager
    assert json.loads(server.requests[1][3]) == {"title": "main"}
    assert url in seen_requests


def test_patch_errors_carry_the_server_message(qgis_app):
    from panoramax_plugin.core.errors import AuthenticationError, HttpError, NotFoundError

    routes = {
        "/forbidden": Canned(403, {"message": "You're not authorized to edit this sequence"}),
        "/bad": Canned(400, {"message": "Impossible to parse parameters", "details": [1]}),
    }
    with CannedServer(routes) as server:

        def work(task):
            http = qgis_http_client(10)
            caught = []
            for path in ("/forbidden", "/bad", "/missing"):
                try:
                    http.request("PATCH", server.url(path), json={"heading": 12})
                except HttpError as exc:
                    caught.append(exc)
            return caught

        caught, error = _patch_in_task(qgis_app, work)
    assert error is None
    assert isinstance(caught[0], AuthenticationError) and caught[0].status == 403
    assert "not authorized to edit this sequence" in str(caught[0])
    assert caught[1].status == 400 and "Impossible to parse" in str(caught[1])
    assert caught[1].details == [1]
    assert isinstance(caught[2], NotFoundError)


@pytest.mark.parametrize("where", ["task", "main"])
def test_patch_timeout_is_a_network_error(qgis_app, where):
    with CannedServer({"/slow": Canned(body="{}", delay=3.0)}) as slow:
        url = slow.url("/slow")
        if where == "main":
            with pytest.raises(NetworkError) as info:
                qgis_http_client(timeout=0.3).request("PATCH", url, json={})
            error = info.value
        else:

            def work(task):
                return qgis_http_client(timeout=0.3).request("PATCH", url, json={})

            _result, error = _patch_in_task(qgis_app, work)
    assert isinstance(error, NetworkError)
    assert "did not answer in time" in str(error)


def test_patch_answer_too_large_is_refused(qgis_app):
    from panoramax_plugin.core.errors import AnswerTooLargeError

    with CannedServer({"/big": Canned(200, b"x" * 300_000)}) as server:

        def work(task):
            return qgis_http_client(10).request(
                "PATCH", server.url("/big"), json={}, max_bytes=1000
            )

        _result, error = _patch_in_task(qgis_app, work)
    assert isinstance(error, AnswerTooLargeError)
