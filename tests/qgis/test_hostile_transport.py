"""The QGIS transport against a hostile instance: whole-call time, truncation, size
caps (gzip inflated by zlib here, so capped here too). Calls run on a QThread, as
the plugin's tasks and jobs do; one runs on the main thread (QGIS then makes the
request on a thread of its own: only the timer can stop it)."""

from __future__ import annotations

import json
import time

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import (
    AnswerTimeoutError,
    AnswerTooLargeError,
    NetworkError,
    TruncatedAnswerError,
)
from panoramax_plugin.network.session import qgis_http_client
from tests.hostile_server import HostileServer, Reply, feature, feature_collection, gzip_bomb
from tests.http_server import landing


def on_qthread(qgis_app, function, timeout_s=30.0):
    """``function()`` on a QThread; returns its result or raises its exception."""
    from panoramax_plugin.background.qthreads import QThreadCall

    def guarded():
        try:
            return ("ok", function())
        except BaseException as exc:  # handed back to the test
            return ("error", exc)

    thread = QThreadCall(guarded)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not thread.wait(20):
        qgis_app.processEvents()
        assert time.monotonic() < deadline, "the call did not end"
    kind, value = thread.result
    if kind == "error":
        raise value
    return value


def test_trickled_body_ends_at_the_timeout_through_qgis(qgis_app):
    """Before: 13 s for a 12-byte body at 1 byte/s against a 5 s timeout (Qt's transfer
    timeout only notices silence)."""
    body = b'{"x": "' + b"y" * 40 + b'"}'
    with HostileServer({"/slow": Reply(body=body, trickle=0.1)}) as srv:
        started = time.monotonic()
        with pytest.raises(AnswerTimeoutError):
            on_qthread(qgis_app, lambda: qgis_http_client(1.0).get_json(srv.base_url + "/slow"))
        assert time.monotonic() - started < 2.0
        started = time.monotonic()
        with pytest.raises(AnswerTimeoutError):  # main thread: the timer alone
            qgis_http_client(1.0).get_json(srv.base_url + "/slow")
        assert time.monotonic() - started < 2.0


def test_trickled_discovery_through_qgis_gives_up(qgis_app):
    body = json.dumps(landing()).replace("{base}", "http://x")
    with HostileServer({"/api": Reply(body=body, trickle=0.1, chunk=len(body) // 40)}) as srv:
        started = time.monotonic()
        with pytest.raises(NetworkError):
            on_qthread(
                qgis_app,
                lambda: PanoramaxClient(srv.base_url, http=qgis_http_client(1.0)).discover(),
            )
    assert time.monotonic() - started < 2.0


def test_a_steady_big_answer_still_arrives_through_qgis(qgis_app):
    data = bytes(range(256)) * 4096
    with HostileServer({"/big": Reply(body=data, trickle=0.05, chunk=64 << 10)}) as srv:
        got = on_qthread(qgis_app, lambda: qgis_http_client(0.5).get_bytes(srv.base_url + "/big"))
    assert got == data


def test_truncated_answers_through_qgis_are_errors(qgis_app):
    """Before: half a picture returned as the picture; cut JSON blamed on the address."""
    data = b"\xff\xd8" + b"x" * 100_000
    body = json.dumps(landing())
    routes = {
        "/hd.jpg": Reply(body=data, content_type="image/jpeg", cut_after=50_000),
        "/api": Reply(body=body, cut_after=len(body) // 2),
    }
    with HostileServer(routes) as srv:
        with pytest.raises(TruncatedAnswerError) as info:
            on_qthread(qgis_app, lambda: qgis_http_client(5).get_bytes(srv.base_url + "/hd.jpg"))
        assert "50000 of 100002 bytes" in str(info.value)
        with pytest.raises(TruncatedAnswerError):
            on_qthread(
                qgis_app, lambda: PanoramaxClient(srv.base_url, http=qgis_http_client(5)).discover()
            )


def test_oversized_and_bomb_answers_through_qgis_stop_at_the_cap(qgis_app):
    """Before: a 200 MB answer to a 10-item search was read whole; a 1 MB gzip bomb was
    inflated to 1 GiB."""
    item = feature("p", description="z" * 20_000)
    big = feature_collection([{**item, "id": f"p{i}"} for i in range(400)])
    routes = {
        "/api": Reply(body=landing()),
        "/api/search": Reply(body=big),
        "/bomb": Reply(body=gzip_bomb(256 << 20), headers={"Content-Encoding": "gzip"}),
    }
    with HostileServer(routes) as srv:
        with pytest.raises(AnswerTooLargeError):
            on_qthread(
                qgis_app,
                lambda: PanoramaxClient(srv.base_url, http=qgis_http_client(10)).search(limit=10),
            )
        with pytest.raises(AnswerTooLargeError):
            on_qthread(
                qgis_app,
                lambda: qgis_http_client(10).get_json(srv.base_url + "/bomb", max_bytes=8 << 20),
            )


def test_a_normal_answer_through_qgis_reads_as_before(qgis_app):
    features = feature_collection([feature("p1"), feature("p2")])
    routes = {"/api": Reply(body=landing()), "/api/search": Reply(body=features, gzip=True)}
    with HostileServer(routes) as srv:
        result = on_qthread(
            qgis_app,
            lambda: PanoramaxClient(srv.base_url, http=qgis_http_client(10)).search(limit=10),
        )
    assert [p.id for p in result.pictures] == ["p1", "p2"]


_STUCK: list = []


def test_concurrent_trickles_all_end_at_their_deadline(qgis_app):
    """Before: the deadline's cancel came from a Python timer thread; with a few calls
    under way at once, QGIS sometimes deleted a reply without aborting it and that call
    waited for ever (in 4 of 4 runs of this loop, within three rounds): a viewer thread
    lost for the session, and on a loaded CI machine later pictures never came."""
    from panoramax_plugin.background.qthreads import QThreadCall

    body = b"x" * 5000

    def trickled(url):
        def call():
            try:
                qgis_http_client(0.5).get_bytes(url)
            except AnswerTimeoutError:
                return "timeout"
            except Exception as error:  # nothing may leave QThread.run (PyQt aborts)
                return repr(error)
            return "answered"

        return call

    with HostileServer({"/t": Reply(body=body, trickle=0.05, chunk=20)}) as srv:
        for _round in range(6):
            calls = [QThreadCall(trickled(srv.base_url + "/t")) for _ in range(4)]
            for call in calls:
                call.start()
            deadline = time.monotonic() + 8.0
            # wait() releases the GIL: a thread still finishing (isFinished() is already
            # true while it deletes its objects, which takes the GIL) can end before the
            # QThread is dropped; deleting it first would wait for it holding the GIL
            while not all(call.wait(20) for call in calls):
                qgis_app.processEvents()
                if time.monotonic() > deadline:
                    _STUCK.extend(calls)  # a QThread deleted while it runs aborts Python
                    pytest.fail("a call never ended")
            assert [call.result for call in calls] == ["timeout"] * 4
