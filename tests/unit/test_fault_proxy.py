"""The fault proxy itself, in front of a canned upstream: each fault as the core sees it."""

from __future__ import annotations

import time

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import (
    AnswerTimeoutError,
    NetworkError,
    ServerError,
    TruncatedAnswerError,
)
from panoramax_plugin.core.http import HttpClient
from tests.fault_proxy import FaultProxy, latency, reset, status, trickle, truncate
from tests.hostile_server import HostileServer, Reply, feature, feature_collection, landing


@pytest.fixture()
def upstream():
    routes = {
        "/api": Reply(body=landing()),
        "/api/search": Reply(body=feature_collection([feature("p1")])),
        "/file.jpg": Reply(body=b"\xff\xd8" + b"j" * 20_000, content_type="image/jpeg"),
    }
    with HostileServer(routes) as server:
        yield server


def test_plain_forwarding_rewrites_links_to_come_back_through_the_proxy(upstream):
    with FaultProxy(upstream.base_url) as proxy:
        client = PanoramaxClient(proxy.url("/api"))
        assert client.discover().search_url == proxy.url("/api/search")
        assert [p.id for p in client.search(limit=5).pictures] == ["p1"]
        assert proxy.hits("/api/search") == 1 and not proxy.faults


def test_status_bursts_latency_and_counters(upstream):
    with FaultProxy(upstream.base_url) as proxy:
        proxy.add(r"^/api/search", status(503), times=2)
        proxy.add(r"^/api$", latency(0.3))
        http = HttpClient(timeout=5)
        for _ in range(2):
            with pytest.raises(ServerError):
                http.get_json(proxy.url("/api/search"))
        assert http.get_json(proxy.url("/api/search"))["features"]  # the burst is over
        started = time.monotonic()
        http.get_json(proxy.url("/api"))
        assert time.monotonic() - started >= 0.3
        assert proxy.faults == {"status": 2, "latency": 1} and proxy.hits() == 4


def test_429_carries_retry_after(upstream):
    with FaultProxy(upstream.base_url) as proxy:
        proxy.add("/api/search", status(429, retry_after=2), times=1)
        response = HttpClient().session.get(proxy.url("/api/search"))
    assert response.status_code == 429 and response.headers["Retry-After"] == "2"


def test_reset_truncate_and_trickle_reach_the_core_as_typed_errors(upstream):
    with FaultProxy(upstream.base_url) as proxy:
        proxy.add("/file.jpg", reset(), times=1)
        proxy.add("/file.jpg", truncate(0.5), times=1)
        proxy.add("/file.jpg", trickle(2000), times=1)
        http = HttpClient(timeout=1.0)
        with pytest.raises(NetworkError):
            http.get_bytes(proxy.url("/file.jpg"))
        with pytest.raises(TruncatedAnswerError):
            http.get_bytes(proxy.url("/file.jpg"))
        with pytest.raises(AnswerTimeoutError):  # 20 kB at 2 kB/s against 1 s
            http.get_bytes(proxy.url("/file.jpg"))
        assert len(http.get_bytes(proxy.url("/file.jpg"))) == 20_002
        assert proxy.faults == {"reset": 1, "truncate": 1, "trickle": 1}
