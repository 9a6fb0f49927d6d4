"""Tagged pictures: a recorded search answer turned into picture and annotation rows.

``tests/fixtures/tagged_search.json`` is the local GeoVisio 2.15.1's answer to
``filter="semantics.osm|traffic_sign" IS NOT NULL`` over the benchmark area, with one
picture tagged ``bench:*`` whose annotations carry ``osm|traffic_sign=FR:B14`` (with a
detection's model and confidence) and ``osm|highway=street_lamp``, and one picture with
no tag of its own but an annotation ``osm|traffic_sign=FR:AB4``: the server's filter
matches annotations' tags too.
"""

import json
from pathlib import Path

import pytest

from panoramax_plugin.core import client as client_module
from panoramax_plugin.core import tagged
from panoramax_plugin.core.area_search import SearchFilters, search_area
from panoramax_plugin.core.semantics import Tag

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tagged_search.json"
TAGGED = "c98be603-c463-451b-afe7-feb03717618c"
ANNOTATED_ONLY = "59478399-6243-40b3-8ec0-5106e58a32d3"
SIGNS = tagged.TagQuery(key="osm|traffic_sign")


@pytest.fixture(scope="module")
def pictures():
    body = json.loads(FIXTURE.read_text())
    parsed = [
        tagged.tagged_picture_from_feature(f, "http://x/api/search") for f in body["features"]
    ]
    return {p.id: p for p in parsed}


def test_items_keep_their_tags_and_annotations(pictures):
    picture = pictures[TAGGED]
    assert picture.tags == (Tag("bench:sign", "FR:AB4"), Tag("bench:tagged", "yes"))
    assert len(picture.annotations) == 2 and picture.sequence_id
    assert pictures[ANNOTATED_ONLY].tags == ()
    assert picture.kind == "flat" and picture.captured_at is not None  # still a Picture


def test_picture_rows_say_where_the_filter_matched(pictures):
    columns = [name for name, _ in tagged.PICTURE_COLUMNS]
    row = dict(zip(columns, tagged.picture_row(pictures[TAGGED], SIGNS).fixed))
    assert row["picture_id"] == TAGGED
    assert row["matched_in"] == "annotation"  # the sign is on an annotation only
    # the picture's own tags do not hold the sign: the main tag is the annotation's
    assert (row["main_key"], row["main_value"]) == ("osm|traffic_sign", "FR:B14")
    assert row["tags"] == "bench:sign=FR:AB4; bench:tagged=yes"
    assert json.loads(row["tags_json"]) == {"bench:sign": "FR:AB4", "bench:tagged": "yes"}
    assert row["tag_count"] == 2 and row["annotation_count"] == 2
    assert "osm|highway=street_lamp" in row["annotation_tags"]
    only = dict(zip(columns, tagged.picture_row(pictures[ANNOTATED_ONLY], SIGNS).fixed))
    assert only["main_tag"] == "osm|traffic_sign=FR:AB4" and only["tags"] == ""
    any_tag = dict(zip(columns, tagged.picture_row(pictures[TAGGED]).fixed))
    assert any_tag["matched_in"] == "both" and any_tag["main_tag"] == "bench:sign=FR:AB4"


def test_annotation_rows_keep_the_matching_annotations_only(pictures):
    columns = [name for name, _ in tagged.ANNOTATION_COLUMNS]
    rows = tagged.rows_for(pictures.values(), SIGNS, annotations=True)
    by_picture = {r.fixed[1]: dict(zip(columns, r.fixed)) for r in rows}
    assert len(rows) == 2  # the street lamp is not a sign
    sign = by_picture[TAGGED]
    assert sign["box"] == "10,5,40,30" and sign["is_detection"] is True
    assert sign["confidence"] == pytest.approx(0.93)
    assert sign["main_tag"] == "osm|traffic_sign=FR:B14"
    assert by_picture[ANNOTATED_ONLY]["is_detection"] is False
    assert by_picture[ANNOTATED_ONLY]["confidence"] is None
    lamps = tagged.rows_for(
        pictures.values(), tagged.TagQuery("osm|highway", ("street_lamp",)), True
    )
    assert [r.fixed[7] for r in lamps] == ["osm|highway=street_lamp"]
    assert len(tagged.rows_for(pictures.values(), None, annotations=True)) == 3


def test_key_columns_first_met_up_to_the_limit():
    columns = tagged.KeyColumns(limit=2)
    assert columns.admit(["a", "b"]) == [("a", "tag:a"), ("b", "tag:b")]
    assert columns.admit(["a", "c"]) == [] and columns.overflow == {"c"}
    assert columns.values({"b": ["1", "2"], "c": ["3"]}) == [None, "1; 2"]


def test_queries_from_the_box_and_their_filters():
    assert tagged.TagQuery.from_text("any").cql() == "semantics IS NOT NULL"
    assert (
        tagged.TagQuery.from_text("key", " osm|shop ").cql() == '"semantics.osm|shop" IS NOT NULL'
    )
    query = tagged.TagQuery.from_text("value", "osm|traffic_sign", "FR:B14 | DE:274[60],1040-30")
    assert query.values == ("FR:B14", "DE:274[60],1040-30")
    assert query.cql() == "\"semantics.osm|traffic_sign\" IN ('FR:B14', 'DE:274[60],1040-30')"
    assert query.label == "osm|traffic_sign=FR:B14|DE:274[60],1040-30"
    with pytest.raises(ValueError):
        tagged.TagQuery.from_text("key", "  ")
    with pytest.raises(ValueError):
        tagged.TagQuery.from_text("value", "k", " | ")
    with pytest.raises(ValueError, match="quote"):
        tagged.TagQuery.from_text("value", "k", "it's").cql()
    assert tagged.TagQuery(key="k", values=("v",)).matches([Tag("k", "v")])
    assert not tagged.TagQuery(key="k", values=("v",)).matches([Tag("k", "w")])
    assert not tagged.TagQuery(any_tag=True).matches([])


class RecordedHttp:
    """Answers every search with the recorded body; remembers the params."""

    def __init__(self):
        self.params = []

    def request(self, method, url, params=None, **kwargs):
        self.params.append(params)

        class Answer:
            content = FIXTURE.read_bytes()
            headers = {"Content-Type": "application/geo+json"}

        Answer.url = url
        return Answer()


def test_search_area_parses_with_the_tagged_parser():
    from panoramax_plugin.core.models import Instance

    http = RecordedHttp()
    client = client_module.PanoramaxClient(
        "http://x/api",
        http=http,
        instance=Instance(api_url="http://x/api", links={"search": "http://x/api/search"}),
    )
    found = []
    outcome = search_area(
        client,
        (2.8, 42.6, 2.9, 42.7),
        SearchFilters(cql_filter=SIGNS.cql()),
        on_batch=found.extend,
        parse=tagged.tagged_picture_from_feature,
    )
    assert outcome.loaded == 2 and all(isinstance(p.tags, tuple) for p in found)
    assert http.params[0]["filter"] == '"semantics.osm|traffic_sign" IS NOT NULL'


def test_a_key_query_styles_by_its_own_key(pictures):
    query = tagged.TagQuery(key="bench:tagged")
    row = tagged.picture_row(pictures[TAGGED], query)
    assert row.main == Tag("bench:tagged", "yes")  # not bench:sign, first in order
    assert tagged.picture_row(pictures[TAGGED]).main == Tag("bench:sign", "FR:AB4")
