"""Every loop over server answers ends, whatever the server does: ``next`` links that
loop or never end (pystac-client's paging), a search that ignores its bbox."""

from __future__ import annotations

import threading

import pytest

from panoramax_plugin.core import stac
from panoramax_plugin.core.area_search import default_max_requests, search_area
from panoramax_plugin.core.client import PanoramaxClient
from tests.hostile_server import (
    HostileServer,
    Reply,
    feature,
    feature_collection,
    landing,
    search_ignoring_bbox,
    self_next_collections,
)

LANDING = Reply(body=landing())


def ends_within(seconds, function):
    """``function()``'s result, failing (not hanging) when it runs longer than ``seconds``."""
    box = {}

    def run():
        try:
            box["value"] = function()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: the loop has no bound"
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_a_collections_next_link_to_itself_stops():
    """Before: 19,952 requests in 40 s (pystac-client follows it for ever)."""
    routes = {"/api": LANDING, "/api/collections": self_next_collections()}
    with HostileServer(routes) as srv:
        client = PanoramaxClient(srv.base_url)
        sequences = ends_within(10, lambda: list(client.list_sequences(page_size=10)))
    assert [s.id for s in sequences] == [f"s{i}" for i in range(10)]
    assert srv.hits["/api/collections"] <= 2


def test_collections_pages_that_never_end_stop_at_the_page_bound(monkeypatch):
    monkeypatch.setattr(stac, "MAX_PAGES", 5)

    def endless(query, server):
        page = int(query.get("page", 0))
        collections = [
            {"type": "Collection", "id": f"s{page}-{i}", "links": [], "extent": {}}
            for i in range(10)
        ]
        href = f"{server.base_url}/api/collections?limit=10&page={page + 1}"
        return Reply(body={"collections": collections, "links": [{"rel": "next", "href": href}]})

    with HostileServer({"/api": LANDING, "/api/collections": endless}) as srv:
        client = PanoramaxClient(srv.base_url)
        sequences = ends_within(10, lambda: list(client.list_sequences(page_size=10)))
    assert len(sequences) == 50 and srv.hits["/api/collections"] == 5


def test_a_search_that_ignores_its_bbox_is_not_split_for_ever():
    """Before: 907 requests in 40 s (9,868 here): every quarter came back full."""
    routes = {"/api": LANDING, "/api/search": search_ignoring_bbox(500)}
    with HostileServer(routes) as srv:
        client = PanoramaxClient(srv.base_url)
        outcome = ends_within(
            20, lambda: search_area(client, (4.0, 45.0, 5.0, 46.0), page_limit=100)
        )
    assert outcome.ignored_area > 0 and not outcome.complete
    assert outcome.requests < 60 and outcome.loaded == 100


def test_a_server_whose_answers_never_settle_stops_at_the_request_bound():
    """The same pictures moved inside whatever box is asked: no answer ever says more."""

    def liar(query, server):
        west, south, east, north = (float(v) for v in query["bbox"].split(","))
        limit = int(query["limit"])
        features = [
            feature(f"p{i}", west + (east - west) * (i + 0.5) / limit, (south + north) / 2)
            for i in range(limit)
        ]
        return Reply(body=feature_collection(features))

    with HostileServer({"/api": LANDING, "/api/search": liar}) as srv:
        client = PanoramaxClient(srv.base_url)
        outcome = ends_within(
            30, lambda: search_area(client, (4.0, 45.0, 5.0, 46.0), page_limit=10, max_requests=40)
        )
    assert outcome.request_limit_hit and not outcome.complete
    assert outcome.requests == 40 and srv.hits["/api/search"] == 40
    assert outcome.unexplored_tiles


@pytest.mark.parametrize(
    "ceiling, page_limit, expected", [(50_000, 10_000, 200), (500_000, 10_000, 2000)]
)
def test_the_default_request_bound_is_generous(ceiling, page_limit, expected):
    assert default_max_requests(ceiling, page_limit) == expected
