"""Tagged pictures against the local instance: a fresh upload tagged here, the layer
compared with what the server returns for the same filter, the cap split, a rejected
filter's message, a refused one's reason.

Finding (GeoVisio 2.15.1): a semantics filter also matches a picture whose *annotations*
carry the tag, while the picture itself has none (``test_key_filter_matches_the_server``).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
import requests
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

from panoramax_plugin.browse.controller import BrowseController
from panoramax_plugin.browse.tagged_controller import TaggedController
from panoramax_plugin.core.tagged import TagQuery
from panoramax_plugin.integration.layer_actions import layer_picture_fields
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.qt_wait import run_until

from .seeding import delete_sequences, upload_set

pytestmark = pytest.mark.integration


class Tagged:
    def __init__(self, api, token, bbox, ids, sequence, key, annotation_ids):
        self.api, self.token, self.bbox, self.ids = api, token, bbox, ids
        self.sequence, self.key, self.annotation_ids = sequence, key, annotation_ids


@pytest.fixture(scope="module")
def tagged_place(local_instance, tmp_path_factory):
    """Six pictures: 0 tagged KEY=FR:B14 (+ a second key), 1 KEY=FR:AB4, 2 no tag but an
    annotation KEY=FR:B14 (a detection), 3 another key only, 4-5 nothing."""
    api, token = local_instance.api, local_instance.token
    rng = random.Random()
    lat, lon = rng.uniform(43.5, 49.0), rng.uniform(-0.5, 6.0)
    day = datetime(2018, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=2))) + timedelta(
        days=rng.randrange(0, 1500)
    )
    folder = tmp_path_factory.mktemp("tagged")
    shots = line_of_shots(lat, lon, 6, spacing_m=6.0, bearing_deg=90.0, start_time=day)
    paths = [make_flat_jpeg(folder / f"t_{i:02d}.jpg", s) for i, s in enumerate(shots)]
    seeded = upload_set(api, token, paths, f"it tagged {lat:.5f}")
    assert len(seeded.sequence_ids) == 1, seeded
    by_name = {f["file_name"]: f["picture_id"] for f in seeded.files}
    ids = [by_name[p.name] for p in paths]
    sequence = seeded.sequence_ids[0]
    key = f"it{rng.randrange(10**6)}:sign"  # this run's own key
    headers = {"Authorization": f"Bearer {token}"}

    def tag(picture_id, *pairs):
        body = {"semantics": [{"key": k, "value": v, "action": "add"} for k, v in pairs]}
        url = f"{api}/collections/{sequence}/items/{picture_id}"
        answer = requests.patch(url, json=body, headers=headers, timeout=30)
        assert answer.status_code == 200, answer.text

    tag(ids[0], (key, "FR:B14"), (f"{key}_extra", "x"))
    tag(ids[1], (key, "FR:AB4"))
    tag(ids[3], (f"{key}_other", "1"))
    answer = requests.post(
        f"{api}/collections/{sequence}/items/{ids[2]}/annotations",
        json={
            "shape": [2, 2, 30, 20],
            "semantics": [
                {"key": key, "value": "FR:B14"},
                {"key": f"detection_model[{key}=FR:B14]", "value": "it-model/1"},
                {"key": f"detection_confidence[{key}=FR:B14]", "value": "0.8"},
            ],
        },
        headers=headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    annotation = answer.json()["id"]
    place = Tagged(
        api,
        token,
        (lon - 0.002, lat - 0.002, lon + 0.002, lat + 0.002),
        ids,
        sequence,
        key,
        [annotation],
    )
    yield place
    # the tags and the annotation go first, then the pictures themselves
    for picture_id, pairs in (
        (ids[0], [(key, "FR:B14"), (f"{key}_extra", "x")]),
        (ids[1], [(key, "FR:AB4")]),
        (ids[3], [(f"{key}_other", "1")]),
    ):
        body = {"semantics": [{"key": k, "value": v, "action": "delete"} for k, v in pairs]}
        requests.patch(
            f"{api}/collections/{sequence}/items/{picture_id}",
            json=body,
            headers=headers,
            timeout=30,
        )
    requests.delete(f"{api}/annotations/{annotation}", headers=headers, timeout=30)
    delete_sequences(api, token, [sequence])


@pytest.fixture()
def tagged(desktop, local_instance, qgis_app):
    browse = BrowseController(desktop.canvas, PluginLogger(desktop), PluginSettings())
    browse.set_instance(local_instance.api)
    controller = TaggedController(browse)
    controller.messages = []
    controller.layers = []
    controller.message.connect(lambda level, text: controller.messages.append((level, text)))
    controller.load_finished.connect(controller.layers.append)
    yield controller
    controller.unload()
    browse.unload()
    QgsProject.instance().removeAllMapLayers()


def load(controller, qgis_app, bbox, query, annotations=False):
    controller.layers.clear()
    controller.messages.clear()
    assert controller.load_bbox(bbox, query, annotations) is not None, controller.messages
    run_until(
        qgis_app,
        lambda: controller.layers or any(level == "critical" for level, _ in controller.messages),
    )
    assert controller.layers, controller.messages
    return controller.layers[-1]


def server_ids(place, cql):
    answer = requests.get(
        f"{place.api}/search",
        params={"bbox": ",".join(f"{v:.7f}" for v in place.bbox), "limit": 1000, "filter": cql},
        timeout=60,
    )
    answer.raise_for_status()
    return sorted(f["id"] for f in answer.json()["features"])


def features(tagged_layer):
    return {f["picture_id"]: f for f in tagged_layer.layer.getFeatures()}


def test_key_filter_matches_the_server(tagged, tagged_place, qgis_app):
    query = TagQuery(key=tagged_place.key)
    layer = load(tagged, qgis_app, tagged_place.bbox, query)
    ids = tagged_place.ids
    assert sorted(features(layer)) == server_ids(tagged_place, query.cql())
    assert sorted(features(layer)) == sorted(ids[:3])  # the annotation's picture included
    rows = features(layer)
    first = rows[ids[0]]
    assert first["main_tag"] == f"{tagged_place.key}=FR:B14"
    assert first["matched_in"] == "picture" and first["tag_count"] == 2
    assert first[f"tag:{tagged_place.key}"] == "FR:B14"
    assert first[f"tag:{tagged_place.key}_extra"] == "x"
    assert first["sequence_id"] == tagged_place.sequence
    assert first["captured_at"].isValid()
    by_annotation = rows[ids[2]]
    assert by_annotation["matched_in"] == "annotation" and by_annotation["tags"] == ""
    assert by_annotation["main_value"] == "FR:B14"
    assert layer.layer.id() in QgsProject.instance().mapLayers()
    renderer = layer.layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "main_tag"
    values = {c.value() for c in renderer.categories()}
    assert {f"{tagged_place.key}=FR:B14", f"{tagged_place.key}=FR:AB4"} <= values
    fields = layer_picture_fields(layer.layer)  # the viewer's layer actions apply
    assert fields is not None and fields.picture == "picture_id"


def test_key_value_and_any_tag_match_the_server(tagged, tagged_place, qgis_app):
    ids = tagged_place.ids
    query = TagQuery(key=tagged_place.key, values=("FR:B14",))
    layer = load(tagged, qgis_app, tagged_place.bbox, query)
    assert sorted(features(layer)) == server_ids(tagged_place, query.cql())
    assert sorted(features(layer)) == sorted([ids[0], ids[2]])
    both = TagQuery(key=tagged_place.key, values=("FR:B14", "FR:AB4"))
    layer = load(tagged, qgis_app, tagged_place.bbox, both)
    assert sorted(features(layer)) == server_ids(tagged_place, both.cql()) == sorted(ids[:3])
    anything = TagQuery(any_tag=True)
    layer = load(tagged, qgis_app, tagged_place.bbox, anything)
    assert sorted(features(layer)) == server_ids(tagged_place, anything.cql())
    assert set(ids[:4]) <= set(features(layer)) and not set(ids[4:]) & set(features(layer))


def test_annotations_variant_one_point_per_matching_annotation(tagged, tagged_place, qgis_app):
    query = TagQuery(key=tagged_place.key, values=("FR:B14",))
    layer = load(tagged, qgis_app, tagged_place.bbox, query, annotations=True)
    rows = list(layer.layer.getFeatures())
    assert [r["annotation_id"] for r in rows] == tagged_place.annotation_ids
    row = rows[0]
    assert row["picture_id"] == tagged_place.ids[2] and row["box"] == "2,2,30,20"
    assert row["is_detection"] is True and row["confidence"] == pytest.approx(0.8)
    assert row["main_tag"] == f"{tagged_place.key}=FR:B14"
    assert "annotations" in layer.layer.name()


def test_more_than_the_cap_is_split_like_browse(tagged, tagged_place, qgis_app, monkeypatch):
    from panoramax_plugin.browse import load_task

    original = load_task.LoadPicturesTask.__init__

    def small_cap(self, *args, **kwargs):
        kwargs["page_limit"] = 2
        original(self, *args, **kwargs)

    monkeypatch.setattr(load_task.LoadPicturesTask, "__init__", small_cap)
    query = TagQuery(key=tagged_place.key)
    layer = load(tagged, qgis_app, tagged_place.bbox, query)
    outcome = tagged.last_result.outcome
    assert outcome.splits > 0 and outcome.complete and outcome.requests > 1
    assert sorted(features(layer)) == server_ids(tagged_place, query.cql())


def test_a_filter_the_server_rejects_shows_its_message(
    tagged, tagged_place, qgis_app, monkeypatch, desktop
):
    monkeypatch.setattr(TagQuery, "cql", lambda self: "\"semantics.it\" LIKE 'a%'")
    tagged.messages.clear()
    tagged.message.connect(
        lambda level, text: PluginLogger(desktop).error(text) if level == "critical" else None
    )
    tagged.load_bbox(tagged_place.bbox, TagQuery(key="it"))
    run_until(qgis_app, lambda: any(level == "critical" for level, _ in tagged.messages))
    level, text = tagged.messages[-1]
    assert "Unsupported filter parameter" in text and "400" in text, text
    assert not tagged.layers and not tagged.is_loading()
    shown = [item.text() for item in desktop.bar.items()]
    assert any("Unsupported filter parameter" in t for t in shown), shown


def test_a_filter_refused_before_sending_says_why(tagged, tagged_place, qgis_app):
    from panoramax_plugin.browse.tagged_box import TaggedBox

    assert tagged.load_bbox(tagged_place.bbox, TagQuery(key="k", values=("it's",))) is None
    level, text = tagged.messages[-1]
    assert level == "warning" and "quote" in text
    box = TaggedBox()
    refused = []
    box.refused.connect(refused.append)
    box.mode.setCurrentIndex(box.mode.findData("value"))
    box.key.setText("osm|traffic_sign")
    box.values.setText("it's")
    box.load_button.click()
    assert refused and "quote" in box.status.text()
    box.key.setText("")
    box.load_button.click()
    assert "key" in box.status.text()


def test_processing_search_tagged_pictures_matches_the_server(tagged_place, tmp_path):
    from qgis.core import QgsProcessingException

    from .processing_support import layer_of, ready_processing, run_algorithm

    west, south, east, north = tagged_place.bbox
    base = {
        "EXTENT": f"{west},{east},{south},{north} [EPSG:4326]",
        "INSTANCE": tagged_place.api,
        "KEY": tagged_place.key,
    }
    processing = ready_processing()
    result = run_algorithm(
        processing,
        "searchtaggedpictures",
        {**base, "MODE": 2, "VALUES": "FR:B14 | FR:AB4", "OUTPUT": str(tmp_path / "t.gpkg")},
    )
    layer = layer_of(result)
    query = TagQuery(key=tagged_place.key, values=("FR:B14", "FR:AB4"))
    assert sorted(f["picture_id"] for f in layer.getFeatures()) == server_ids(
        tagged_place, query.cql()
    )
    assert result["COMPLETE"] is True and result["COUNT"] == 3
    assert f"tag:{tagged_place.key}" in layer.fields().names()
    # the refused run below raises through sip, which keeps the exception and the frames
    # above it (this one) alive to the end: a file layer still held here was freed after
    # GDAL at exit and crashed QGIS 3.40/3.44
    del layer
    notes = run_algorithm(
        processing,
        "searchtaggedpictures",
        {**base, "MODE": 1, "VARIANT": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    rows = list(layer_of(notes).getFeatures())
    assert [r["annotation_id"] for r in rows] == tagged_place.annotation_ids
    with pytest.raises(QgsProcessingException, match="quote"):
        run_algorithm(
            processing,
            "searchtaggedpictures",
            {**base, "MODE": 2, "VALUES": "it's", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
