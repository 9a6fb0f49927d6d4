"""Every bad-input case of the core client gives a typed error with a clear message."""

import json

import pytest

from panoramax_plugin.core.client import PanoramaxClient, bbox_param
from panoramax_plugin.core.errors import (
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    NotPanoramaxError,
    ServerError,
)
from panoramax_plugin.core.http import HttpClient
from tests.http_server import Canned, CannedServer, free_port, landing


def landing_route():
    return {"/api": Canned(body=json.dumps(landing()))}


def test_unreachable_host_is_a_network_error():
    client = PanoramaxClient(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(NetworkError) as info:
        client.discover()
    assert "Could not reach 127.0.0.1" in str(info.value)


def test_timeout_is_a_network_error():
    with CannedServer({"/api": Canned(body="{}", delay=1.0)}) as server:
        client = PanoramaxClient(server.base_url, http=HttpClient(timeout=0.2))
        with pytest.raises(NetworkError) as info:
            client.discover()
    assert "did not answer in time" in str(info.value)


def test_http_500_is_a_server_error():
    routes = landing_route()
    routes["/api/search"] = Canned(500, {"message": "boom", "status_code": 500})
    with CannedServer(routes) as server:
        with pytest.raises(ServerError) as info:
            PanoramaxClient(server.base_url).search(bbox=(0, 0, 1, 1))
    assert info.value.status == 500
    assert "boom" in str(info.value) and "Try again later" in str(info.value)


def test_non_json_search_body_is_an_invalid_response():
    routes = landing_route()
    routes["/api/search"] = Canned(200, "<html>oops</html>", content_type="text/html")
    with CannedServer(routes) as server:
        with pytest.raises(InvalidResponseError) as info:
            PanoramaxClient(server.base_url).search(bbox=(0, 0, 1, 1))
    assert "is not a list of pictures (text/html)" in str(info.value)


@pytest.mark.parametrize(
    "canned",
    [
        Canned(200, "<html><body>My blog</body></html>", content_type="text/html"),
        Canned(200, {"hello": "world"}),
        Canned(404, "Not Found", content_type="text/plain"),
    ],
    ids=["html-page", "other-json", "no-api-path"],
)
def test_non_panoramax_url_is_refused_clearly(canned):
    with CannedServer({"/api": canned}) as server:
        with pytest.raises(NotPanoramaxError) as info:
            PanoramaxClient(server.base_url).discover()
    assert "Check the instance address" in str(info.value)


def test_unknown_sequence_is_not_found():
    routes = landing_route()
    routes["/api/collections/nope"] = Canned(404, {"message": "Collection doesn't exist"})
    with CannedServer(routes) as server:
        with pytest.raises(NotFoundError) as info:
            PanoramaxClient(server.base_url).get_sequence("nope")
    assert "sequence nope does not exist" in str(info.value)


def test_malformed_items_are_skipped_not_fatal():
    good = {
        "id": "a",
        "type": "Feature",
        "collection": "s",
        "geometry": {"type": "Point", "coordinates": [1, 2]},
        "properties": {},
    }
    bad = {"id": "b", "type": "Feature", "geometry": None, "properties": {}}
    routes = landing_route()
    routes["/api/search"] = Canned(body={"type": "FeatureCollection", "features": [good, bad]})
    with CannedServer(routes) as server:
        result = PanoramaxClient(server.base_url).search(bbox=(0, 0, 2, 3), limit=10)
    assert [p.id for p in result.pictures] == ["a"]
    assert result.malformed == 1 and not result.capped


def test_search_sends_bbox_datetime_and_user_agent():
    from datetime import datetime, timezone

    routes = landing_route()
    routes["/api/search"] = Canned(body={"type": "FeatureCollection", "features": []})
    with CannedServer(routes) as server:
        PanoramaxClient(server.base_url).search(
            bbox=(4.8, 45.7, 4.9, 45.8),
            start=datetime(2024, 6, 1, tzinfo=timezone.utc),
            limit=50,
        )
        method, path, headers, _ = server.requests[-1]
    assert method == "GET"
    assert "bbox=4.8000000%2C45.7000000%2C4.9000000%2C45.8000000" in path
    assert "datetime=2024-06-01T00%3A00%3A00Z%2F.." in path
    assert "limit=50" in path
    assert headers["User-Agent"].startswith("QGISPanoramax")


def test_search_sends_a_cql2_filter_only_when_given():
    routes = landing_route()
    routes["/api/search"] = Canned(body={"type": "FeatureCollection", "features": []})
    with CannedServer(routes) as server:
        client = PanoramaxClient(server.base_url)
        client.search(bbox=(4.8, 45.7, 4.9, 45.8), cql_filter=" semantics IS NOT NULL ")
        with_filter = server.requests[-1][1]
        client.search(bbox=(4.8, 45.7, 4.9, 45.8), cql_filter="  ")
        blank = server.requests[-1][1]
    assert "filter=semantics+IS+NOT+NULL&" in with_filter + "&"
    assert "filter=" not in blank


def test_bbox_validation():
    with pytest.raises(ValueError):
        bbox_param((1, 0, 0, 1))
    with pytest.raises(ValueError):
        bbox_param((1, 2, 3))
    assert bbox_param((-200, -95, 200, 95)) == "-180.0000000,-90.0000000,180.0000000,90.0000000"
