"""Tags and annotations parsed, checked and turned into API bodies and CQL2 filters."""

import pytest

from panoramax_plugin.core import semantics as sem


def test_parse_tags_keeps_order_and_drops_odd_entries():
    raw = [
        {"key": "a", "value": "1"},
        {"key": 3, "value": "x"},
        "junk",
        {"key": "b", "value": "<b>2</b>"},
    ]
    assert sem.parse_tags(raw) == (sem.Tag("a", "1"), sem.Tag("b", "<b>2</b>"))
    assert sem.parse_tags({"key": "a"}) == ()


def test_annotation_from_the_servers_polygon_and_from_a_box():
    raw = {
        "id": "x1",
        "picture_id": "p",
        "shape": {
            "type": "Polygon",
            "coordinates": [[[10, 20], [110, 20], [110, 220], [10, 220], [10, 20]]],
        },
        "semantics": [
            {"key": "osm|traffic_sign", "value": "FR:B14"},
            {"key": "detection_model[osm|traffic_sign=yolo]", "value": "v1"},
            {"key": "detection_confidence[osm|traffic_sign=FR:B14]", "value": "0.87"},
        ],
    }
    annotation = sem.parse_annotation(raw)
    assert annotation.box == (10, 20, 110, 220)
    assert annotation.picture_id == "p"
    assert annotation.is_detection
    assert annotation.confidence == pytest.approx(0.87)
    assert annotation.main_tag == sem.Tag("osm|traffic_sign", "FR:B14")
    boxed = sem.parse_annotation({"id": "y", "shape": [5, 6, 7, 8]}, picture_id="q")
    assert boxed.box == (5, 6, 7, 8) and boxed.picture_id == "q" and not boxed.is_detection
    assert sem.parse_annotation({"id": "z", "shape": {"type": "Point"}}) is None
    assert sem.parse_annotation({"shape": [1, 2, 3, 4]}) is None
    assert sem.parse_annotations([raw, None, {"id": "w", "shape": [1, "a", 2, 3]}]) == (annotation,)


def test_picture_semantics_reads_a_stac_item():
    item = {
        "id": "p",
        "properties": {
            "semantics": [{"key": "k", "value": "v"}],
            "annotations": [{"id": "a", "shape": [0, 0, 1, 1]}],
        },
    }
    tags, annotations = sem.picture_semantics(item)
    assert tags == (sem.Tag("k", "v"),) and annotations[0].picture_id == "p"
    assert sem.picture_semantics({"id": "p"}) == ((), ())


def test_main_tag_prefers_the_sign_and_skips_detection_bookkeeping():
    tags = (
        sem.Tag("detection_model[x]", "m"),
        sem.Tag("note", "n"),
        sem.Tag("osm|highway", "bus_stop"),
    )
    assert sem.main_tag(tags).key == "osm|highway"
    assert sem.main_tag((sem.Tag("detection_model[x]", "m"),)) is None


def test_limits_are_checked_before_sending():
    assert sem.tag_problems("k", "v") == []
    assert sem.tag_problems("k" * 257, "v")
    assert sem.tag_problems("k" * 256, "v" * 2048) == []
    assert sem.tag_problems("k", "v" * 2049)
    assert sem.tag_problems("", "v") and sem.tag_problems("k", " ")
    assert sem.parse_tag_text(" osm|highway = bus_stop ") == sem.Tag("osm|highway", "bus_stop")
    assert sem.parse_tag_text("a=b=c") == sem.Tag("a", "b=c")
    with pytest.raises(ValueError):
        sem.parse_tag_text("no separator")


def test_replacement_is_delete_then_add():
    assert sem.replace_changes(sem.Tag("k", "old"), sem.Tag("k", "new")) == [
        {"key": "k", "value": "old", "action": "delete"},
        {"key": "k", "value": "new", "action": "add"},
    ]


def test_box_shape_and_problems():
    assert sem.box_shape((110.4, 220, 10, 19.6)) == [10, 20, 110, 220]
    assert sem.box_problems((0, 0, 10, 10), 100, 50) == []
    assert sem.box_problems((90, 0, 110, 10), 100, 50)
    assert sem.box_problems((5, 5, 5.2, 30), 100, 50)


def test_tag_filters():
    assert sem.tag_filter(any_tag=True) == "semantics IS NOT NULL"
    assert sem.tag_filter("osm|traffic_sign") == '"semantics.osm|traffic_sign" IS NOT NULL'
    assert (
        sem.tag_filter("osm|traffic_sign", ["FR:B14"]) == "\"semantics.osm|traffic_sign\"='FR:B14'"
    )
    assert sem.tag_filter("k", ["a", "b"]) == "\"semantics.k\" IN ('a', 'b')"
    with pytest.raises(ValueError):
        sem.tag_filter("a'b")
    with pytest.raises(ValueError):
        sem.tag_filter("k", ["it's"])
