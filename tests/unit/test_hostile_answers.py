"""Readers of server answers against a hostile instance: wrong types, impossible
coordinates, script URLs. One bad item is skipped and counted; the page survives;
whatever fails is a typed error, never bare Python text such as "'id'"."""

from __future__ import annotations

import math

import pytest

from panoramax_plugin.core.client import PanoramaxClient, bbox_param
from panoramax_plugin.core.errors import InvalidResponseError, NotPanoramaxError
from panoramax_plugin.core.models import (
    picture_from_feature,
    sequence_from_collection,
    valid_bbox,
)
from tests.hostile_server import (
    IMPOSSIBLE_POSITIONS,
    HostileServer,
    Reply,
    feature,
    feature_collection,
    impossible_features,
    landing,
    wrong_types_features,
)

LANDING = Reply(body=landing())


def test_numbers_where_text_goes_skip_one_item_not_the_page():
    """Before: TypeError "'int' object is not iterable" lost the whole search page."""
    routes = {
        "/api": LANDING,
        "/api/search": Reply(body=feature_collection(wrong_types_features())),
    }
    with HostileServer(routes) as srv:
        result = PanoramaxClient(srv.base_url).search(limit=100)
    ids = [p.id for p in result.pictures]
    assert "good" in ids and len(ids) == 9 and result.malformed == 2  # id object, WKT geometry
    odd = {p.id: p for p in result.pictures}["camera-numbers"]
    assert (odd.camera, odd.license, odd.status, odd.producer, odd.captured_at) == (None,) * 5
    assert {p.id: p for p in result.pictures}["collection-number"].sequence_id == "42"
    for picture in result.pictures:
        assert all(isinstance(url, str) for url in picture.assets.values())


def test_any_surprise_in_one_feature_is_a_malformed_feature():
    from panoramax_plugin.core.models import MalformedFeature

    weird = [
        {**feature("x"), "properties": {"pers:interior_orientation": {"field_of_view": "a"}}},
        {**feature("y"), "asset_templates": {"tiles": {"href": ["no"]}}},
    ]
    for raw in weird:
        picture_from_feature(raw)  # odd fields: dropped, the picture kept
    for raw in ({"id": "z", "geometry": {"type": "Point", "coordinates": "ab"}}, 5, None):
        with pytest.raises(MalformedFeature):
            picture_from_feature(raw)
    with pytest.raises(MalformedFeature):
        sequence_from_collection({"id": ["x"]})


def test_a_landing_page_whose_links_are_a_number_is_not_panoramax():
    """Before: TypeError for ``"links": 5``."""
    with HostileServer({"/api": Reply(body={**landing(), "links": 5})}) as srv:
        with pytest.raises(NotPanoramaxError):
            PanoramaxClient(srv.base_url).discover()


def test_an_items_page_whose_features_are_not_a_list_is_an_invalid_response():
    routes = {
        "/api": LANDING,
        "/api/collections/s1/items": Reply(body={"features": 7, "links": 3}),
    }
    with HostileServer(routes) as srv:
        with pytest.raises(InvalidResponseError):
            list(PanoramaxClient(srv.base_url).iter_sequence_pictures("s1"))


def test_impossible_coordinates_never_reach_a_layer():
    """Before: latitude 1000, longitude 1e308, -91 and 181 were accepted (5 of 7)."""
    routes = {"/api": LANDING, "/api/search": Reply(body=feature_collection(impossible_features()))}
    with HostileServer(routes) as srv:
        result = PanoramaxClient(srv.base_url).search(limit=100)
    assert [p.id for p in result.pictures] == ["good"]
    assert result.malformed == len(IMPOSSIBLE_POSITIONS)


def test_impossible_links_and_sequence_boxes_are_dropped():
    raw = feature("p")
    raw["links"] = [
        {
            "rel": "next",
            "href": "http://h/api/collections/s/items/q",
            "id": "q",
            "geometry": {"type": "Point", "coordinates": [4.8, 1000]},
        },
    ]
    picture = picture_from_feature(raw)
    assert picture.next is not None and (picture.next.lon, picture.next.lat) == (None, None)
    for bbox in ([0, 0, math.nan, 1], [5, 0, 1, 1], [0, 0, 1, 1000], [0, 0, 1e308, 1]):
        collection = {"id": "s", "extent": {"spatial": {"bbox": [bbox]}}}
        assert sequence_from_collection(collection).bbox is None
    assert valid_bbox([0, 0, 1, 1]) == (0.0, 0.0, 1.0, 1.0)


def test_a_nan_search_box_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="finite"):
        bbox_param((math.nan, 0, 1, 1))
    with pytest.raises(ValueError, match="inverted"):
        bbox_param((2, 0, 1, 1))


def test_script_and_file_urls_are_not_picture_files():
    raw = feature("p")
    raw["assets"] = {
        "thumb": {"href": "javascript:alert(1)"},
        "sd": {"href": "file:///etc/passwd"},
        "hd": {"href": "/api/pictures/p/hd.jpg"},
    }
    picture = picture_from_feature(raw, base_url="https://panoramax.example/api/search")
    assert picture.assets == {"hd": "https://panoramax.example/api/pictures/p/hd.jpg"}
