"""Splitting full answers: every picture of an area arrives once, the ceiling is honest."""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone

import pytest

from panoramax_plugin.core.area_search import SearchFilters, search_area
from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.models import Picture
from tests.http_server import Canned, CannedServer, landing


def grid_points(count: int):
    side = math.ceil(math.sqrt(count))
    return [(f"p{i}", 4.0 + (i % side) * 0.001, 45.0 + (i // side) * 0.001) for i in range(count)]


def search_route(points, kinds=None, unsorted=False):
    """A search that behaves like GeoVisio's: bbox filter, nearest to the centre first, limit."""

    def answer(query):
        west, south, east, north = (float(v) for v in query["bbox"].split(","))
        limit = int(query.get("limit", 10))
        cx, cy = (west + east) / 2, (south + north) / 2
        inside = [p for p in points if west <= p[1] <= east and south <= p[2] <= north]
        inside.sort(key=lambda p: (p[1] - cx) ** 2 + (p[2] - cy) ** 2)
        if unsorted:  # a server that does not sort: the returned slice is arbitrary
            inside = inside[:limit][::-1] + inside[limit:]
        features = [
            {
                "type": "Feature",
                "id": pid,
                "collection": "s",
                "geometry": {"type": "Point", "coordinates": [x, y]},
                "properties": {
                    "pers:interior_orientation": {
                        "field_of_view": 360 if (kinds and kinds(pid)) else 70
                    }
                },
            }
            for pid, x, y in inside[:limit]
        ]
        return Canned(body={"type": "FeatureCollection", "features": features})

    return answer


@pytest.fixture()
def area():
    points = grid_points(400)
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": search_route(points, kinds=lambda pid: int(pid[1:]) % 4 == 0),
    }
    with CannedServer(routes) as server:
        yield server, points


BBOX = (3.9995, 44.9995, 4.0205, 45.0205)


def test_small_cap_splits_until_every_picture_is_loaded(area):
    server, points = area
    got = []
    outcome = search_area(
        PanoramaxClient(server.base_url), BBOX, page_limit=50, on_batch=got.extend
    )
    ids = [p.id for p in got]
    assert len(ids) == len(set(ids)) == 400
    assert set(ids) == {p[0] for p in points}
    assert outcome.complete and outcome.splits > 0 and outcome.requests > 8
    assert outcome.loaded == 400


def test_no_split_when_under_the_cap(area):
    server, _ = area
    outcome = search_area(PanoramaxClient(server.base_url), BBOX, page_limit=1000)
    assert outcome.requests == 1 and outcome.splits == 0 and outcome.loaded == 400


def test_ceiling_stops_and_says_what_is_left(area):
    server, _ = area
    outcome = search_area(PanoramaxClient(server.base_url), BBOX, page_limit=50, ceiling=120)
    assert not outcome.complete
    assert 120 <= outcome.loaded < 400
    assert outcome.unexplored_tiles


def test_type_filter_is_applied_to_every_answer(area):
    server, _ = area
    got = []
    outcome = search_area(
        PanoramaxClient(server.base_url),
        BBOX,
        SearchFilters(kind="360"),
        page_limit=50,
        on_batch=got.extend,
    )
    assert len(got) == 100 and all(p.is_360 for p in got)
    assert outcome.filtered_out == 300


def test_cancel_stops_before_the_next_request(area):
    server, _ = area
    calls = []
    outcome = search_area(
        PanoramaxClient(server.base_url),
        BBOX,
        page_limit=50,
        on_batch=calls.append,
        is_canceled=lambda: len(calls) >= 2,
    )
    assert outcome.canceled and not outcome.complete and len(calls) == 2


def test_filters_match():
    when = datetime(2024, 6, 1, tzinfo=timezone.utc)
    picture = Picture("a", "s", 1, 2, captured_at=when, producer="Alice", is_360=True)
    assert SearchFilters().matches(picture)
    assert SearchFilters(kind="360", producers=("alice",)).matches(picture)
    assert not SearchFilters(kind="flat").matches(picture)
    assert not SearchFilters(producers=("bob",)).matches(picture)
    assert not SearchFilters(start=datetime(2024, 7, 1, tzinfo=timezone.utc)).matches(picture)
    assert SearchFilters(end=datetime(2024, 7, 1, tzinfo=timezone.utc)).matches(picture)


def test_exact_cap_is_settled_by_the_expected_total(area):
    server, _ = area
    outcome = search_area(
        PanoramaxClient(server.base_url), BBOX, page_limit=400, expected_total=400
    )
    assert outcome.requests == 1 and outcome.complete and outcome.loaded == 400


def test_a_full_answer_only_searches_again_outside_its_circle():
    """400 pictures, cap 300: the nearest 300 cover a disc; only the corners are left."""
    points = grid_points(400)
    routes = {"/api": Canned(body=json.dumps(landing())), "/api/search": search_route(points)}
    with CannedServer(routes) as server:
        got = []
        outcome = search_area(
            PanoramaxClient(server.base_url), BBOX, page_limit=300, on_batch=got.extend
        )
    assert len({p.id for p in got}) == 400 and outcome.complete
    # plain quartering would download the 400 again (4 quarters of 100); the sixteenths
    # outside the circle hold only what the first answer could not reach
    assert outcome.splits == 1 and 1 < outcome.requests <= 13


def test_only_quarters_outside_the_circle_are_searched_again(area):
    server, _ = area
    got = []
    outcome = search_area(
        PanoramaxClient(server.base_url), BBOX, page_limit=200, on_batch=got.extend
    )
    assert len({p.id for p in got}) == 400 and outcome.complete
    searched = [r for r in server.requests if r[1].startswith("/api/search")]
    assert len(searched) == outcome.requests


def test_unsorted_answers_fall_back_to_plain_splitting():
    points = grid_points(100)
    routes = {
        "/api": Canned(body=json.dumps(landing())),
        "/api/search": search_route(points, unsorted=True),
    }
    with CannedServer(routes) as server:
        got = []
        outcome = search_area(
            PanoramaxClient(server.base_url),
            (4.0, 45.0, 4.009, 45.009),
            page_limit=100,
            on_batch=got.extend,
        )
    assert outcome.splits >= 1 and len({p.id for p in got}) == 100


def test_a_cql2_filter_goes_with_every_search_of_the_area(area):
    server, _ = area
    outcome = search_area(
        PanoramaxClient(server.base_url),
        BBOX,
        SearchFilters(cql_filter="semantics IS NOT NULL"),
        page_limit=200,
    )
    searched = [r[1] for r in server.requests if r[1].startswith("/api/search")]
    assert outcome.requests == len(searched) > 1
    assert all("filter=semantics+IS+NOT+NULL" in path for path in searched)
    assert not SearchFilters(cql_filter="x").is_empty
