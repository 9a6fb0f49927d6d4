"""Parsing of real GeoVisio 2.15.1 responses into the core models."""

from datetime import timedelta

import pytest

from panoramax_plugin.core.models import (
    MalformedFeature,
    instance_from_landing,
    picture_from_feature,
    sequence_from_collection,
)
from tests.samples import sample

BASE = "http://127.0.0.1:5000/api/collections/x/items/y"


def test_360_item_parsed_with_links_and_assets():
    item = sample("item_360.json")
    picture = picture_from_feature(item, BASE, "http://127.0.0.1:5000/api")
    assert picture.id == "8df007b2-d8eb-43bf-8299-24a27a49eeab"
    assert picture.sequence_id == "2457ebb4-b410-465b-ab1d-a3fb4483b79c"
    assert (picture.lon, picture.lat) == (4.8358, 45.764)
    assert picture.is_360 and picture.kind == "360"
    assert picture.heading == 90
    assert picture.rank == 1
    assert picture.captured_at.utcoffset() == timedelta(hours=2)
    assert picture.captured_at.hour == 12
    assert picture.producer == "Default account"
    assert picture.camera == "SyntheticCam Pano-360"
    assert picture.license == "CC-BY-SA-4.0"
    assert picture.horizontal_accuracy == 2.5
    assert picture.pixel_density == 11
    assert picture.asset_url("sd").endswith("/sd.jpg")
    assert set(picture.assets) == {"thumb", "sd", "hd"}
    assert picture.tiles_template.endswith("{TileCol}_{TileRow}.jpg")
    assert picture.prev is None
    assert picture.next.id == "358f5c12-5795-4fd2-b64c-52bf8d5b8d27"
    assert picture.next.lon == pytest.approx(4.83586)
    assert picture.next.collection_id == picture.sequence_id
    assert [r.id for r in picture.related] == ["5736b027-4933-4147-a422-16ac3dd041d3"]
    assert picture.related[0].datetime.year == 2024


def test_flat_item_is_not_360():
    picture = picture_from_feature(sample("item_flat.json"), BASE)
    assert not picture.is_360
    assert picture.kind == "flat"
    assert picture.field_of_view and picture.field_of_view < 180


def test_relative_asset_hrefs_become_absolute():
    item = sample("item_flat.json")
    item = dict(item, assets={"sd": {"href": "/api/pictures/abc/sd.jpg"}})
    picture = picture_from_feature(item, "https://other.example/api/collections/c/items/i")
    assert picture.asset_url("sd") == "https://other.example/api/pictures/abc/sd.jpg"


def test_360_from_field_of_view_string_and_type():
    feature = {
        "id": "a",
        "geometry": {"type": "Point", "coordinates": [1, 2]},
        "properties": {"pers:interior_orientation": {"field_of_view": "360"}},
    }
    assert picture_from_feature(feature).is_360
    feature["properties"] = {"type": "equirectangular"}
    assert picture_from_feature(feature).is_360


@pytest.mark.parametrize(
    "feature",
    [
        {"geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"id": "a"},
        {"id": "a", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}},
        {"id": "a", "geometry": {"type": "Point", "coordinates": ["x", 2]}},
        "not a dict",
    ],
)
def test_malformed_features_are_refused(feature):
    with pytest.raises(MalformedFeature):
        picture_from_feature(feature)


def test_unknown_and_odd_fields_are_tolerated():
    feature = {
        "id": "a",
        "geometry": {"type": "Point", "coordinates": [1, 2]},
        "properties": {
            "view:azimuth": "north",
            "datetime": "yesterday",
            "geovisio:rank_in_collection": None,
            "new:field": {"x": 1},
        },
        "links": ["junk", {"rel": "next"}],
    }
    picture = picture_from_feature(feature)
    assert picture.heading is None and picture.captured_at is None and picture.next is None


def test_collection_parsed():
    seq = sequence_from_collection(sample("collection.json"), BASE)
    assert seq.id == "1c898fac-319f-4435-82d3-b4dd93ea2518"
    assert seq.title == "QGIS plugin test - flat"
    assert seq.picture_count == 10
    assert seq.length_km == 0.045
    assert seq.is_360 is False and seq.kind == "flat"
    assert seq.producer == "qgis-tester"
    assert seq.camera == "SyntheticCam Flat-1"
    assert seq.first_captured_at < seq.last_captured_at
    assert seq.items_url.endswith("/items")
    assert seq.bbox[0] == pytest.approx(4.8357)


def test_landing_links_by_rel():
    instance = instance_from_landing(sample("landing.json"), "http://127.0.0.1:5000/api")
    assert instance.version == "2.15.1"
    assert instance.search_url == "http://127.0.0.1:5000/api/search"
    assert instance.tiles_url.endswith("/api/map/{z}/{x}/{y}.mvt")
    assert instance.tiles_style_url.endswith("/api/map/style.json")
