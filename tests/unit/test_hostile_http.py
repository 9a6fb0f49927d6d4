"""The core's HTTP against a hostile instance: whole-call time, truncation, size caps,
and the typed errors the user sees instead of Python's own (requests path)."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest

from panoramax_plugin.core.client import PanoramaxClient, search_answer_cap
from panoramax_plugin.core.errors import (
    AnswerTimeoutError,
    AnswerTooLargeError,
    InvalidResponseError,
    NetworkError,
    PanoramaxError,
    TruncatedAnswerError,
)
from panoramax_plugin.core.http import HttpClient, decode_json
from tests.hostile_server import (
    HostileServer,
    Reply,
    deep_json,
    feature,
    feature_collection,
    gzip_bomb,
    landing,
)

LANDING = Reply(body=landing())


def test_a_body_trickled_a_byte_at_a_time_ends_at_the_timeout():
    """Before: 13 s for 12 bytes at 1 byte/s against a 5 s timeout."""
    with HostileServer({"/slow": Reply(body=b'{"x": "' + b"y" * 40 + b'"}', trickle=0.1)}) as srv:
        started = time.monotonic()
        with pytest.raises(AnswerTimeoutError) as info:
            HttpClient(timeout=1.0).get_json(srv.base_url + "/slow")
    assert time.monotonic() - started < 1.8
    assert isinstance(info.value, NetworkError)
    assert "did not answer in time" in str(info.value)


def test_a_trickled_landing_page_does_not_hold_discovery():
    """Before: discovery held 40 s (and more) by a landing page trickled over 40 s."""
    body = json.dumps(landing()).replace("{base}", "http://x")
    with HostileServer({"/api": Reply(body=body, trickle=0.1, chunk=len(body) // 40)}) as srv:
        started = time.monotonic()
        with pytest.raises(NetworkError):
            PanoramaxClient(srv.base_url, http=HttpClient(timeout=1.0)).discover()
    assert time.monotonic() - started < 1.8


def test_a_big_answer_arriving_steadily_is_not_cut_by_the_timeout():
    """The time allowed grows with the bytes received: real slow downloads still work."""
    data = bytes(range(256)) * 4096  # 1 MiB in 64 kB pieces, one every 0.05 s: ~0.8 s
    with HostileServer({"/big": Reply(body=data, trickle=0.05, chunk=64 << 10)}) as srv:
        assert HttpClient(timeout=0.5).get_bytes(srv.base_url + "/big") == data


def test_a_picture_cut_before_its_content_length_is_an_error_not_half_a_picture():
    """Before: 50,000 of 100,002 bytes returned as the picture."""
    data = b"\xff\xd8" + b"x" * 100_000
    route = Reply(body=data, content_type="image/jpeg", cut_after=50_000)
    with HostileServer({"/hd.jpg": route}) as srv:
        with pytest.raises(TruncatedAnswerError) as info:
            HttpClient(timeout=5).get_bytes(srv.base_url + "/hd.jpg")
    assert "50000 of 100002 bytes" in str(info.value)
    assert "Check your connection" in str(info.value)


def test_truncated_json_is_blamed_on_the_connection_not_on_the_address():
    """Before: "Is this the address of a Panoramax API?" for a landing page cut in half."""
    body = json.dumps(landing())
    with HostileServer({"/api": Reply(body=body, cut_after=len(body) // 2)}) as srv:
        with pytest.raises(TruncatedAnswerError) as info:
            PanoramaxClient(srv.base_url).discover()
    assert "Panoramax API" not in str(info.value)
    assert "was cut before the whole answer arrived" in str(info.value)


def test_a_search_answer_far_larger_than_asked_is_refused_early():
    """Before: a 200 MB answer to a 10-item search was read whole (1.46 GB in QGIS)."""
    item = feature("p", description="z" * 20_000)
    features = [{**item, "id": f"p{i}"} for i in range(400)]  # ~8 MB for limit=10
    routes = {"/api": LANDING, "/api/search": Reply(body=feature_collection(features))}
    with HostileServer(routes) as srv:
        with pytest.raises(AnswerTooLargeError) as info:
            PanoramaxClient(srv.base_url).search(limit=10)
    assert info.value.limit == search_answer_cap(10) < 8 << 20
    assert "real answers are far smaller" in str(info.value)
    assert search_answer_cap(10_000) > 150 << 20  # generous for a real 10,000-item search


def test_a_gzip_bomb_stops_at_the_cap_without_inflating_it_all():
    """Before: a 1 MB gzip that inflates to 1 GiB used 2.1 GB (3 GB in this process)."""
    bomb = gzip_bomb(256 << 20)
    routes = {"/bomb": Reply(body=bomb, headers={"Content-Encoding": "gzip"})}
    with HostileServer(routes) as srv:
        tracemalloc.start()
        try:
            with pytest.raises(AnswerTooLargeError):
                HttpClient(timeout=5).get_json(srv.base_url + "/bomb", max_bytes=8 << 20)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 40 << 20, f"peak {peak / 2**20:.0f} MiB"


def test_a_normal_gzip_answer_reads_as_before():
    with HostileServer({"/api": Reply(body=landing(), gzip=True)}) as srv:
        instance = PanoramaxClient(srv.base_url).discover()
        sent = HttpClient().request("GET", srv.base_url + "/api").request.headers
    assert instance.search_url == srv.base_url + "/api/search"
    assert sent["Accept-Encoding"] == "gzip, deflate"  # no brotli: it has no size cap here


def test_deeply_nested_json_is_an_invalid_response_not_a_recursion_error():
    """Before: RecursionError reached the user as bare Python text."""
    routes = {
        "/api": LANDING,
        "/api/search": Reply(body=deep_json(100_000)),
        "/deep": Reply(body=deep_json(100_000)),
    }
    with HostileServer(routes) as srv:
        with pytest.raises(InvalidResponseError) as info:
            PanoramaxClient(srv.base_url).search(limit=10)
        assert "nested too deeply" in str(info.value)
        response = HttpClient().request("GET", srv.base_url + "/deep")
        with pytest.raises(InvalidResponseError):
            decode_json(response)


def test_every_failure_above_is_a_panoramax_error():
    for error in (AnswerTimeoutError, TruncatedAnswerError, AnswerTooLargeError):
        assert issubclass(error, PanoramaxError)
