"""*Search pictures* (``panoramax:searchpictures``) through ``processing.run`` and the real
``qgis_process`` command line, against the local instance (``seeded_place``: 8 flat
pictures, then 4 panoramas 40 days later)."""

from __future__ import annotations

import requests

from .processing_support import layer_of, ready_processing, run_algorithm

ALG = "searchpictures"


def extent_text(bbox, crs="EPSG:4326") -> str:
    west, south, east, north = bbox
    return f"{west},{east},{south},{north} [{crs}]"


def server_ids(api: str, bbox, **params) -> set:
    answer = requests.get(
        f"{api}/search",
        params={"bbox": ",".join(f"{v:.7f}" for v in bbox), "limit": 10000, **params},
        timeout=60,
    )
    answer.raise_for_status()
    return {f["id"] for f in answer.json()["features"]}


def ids_of(layer) -> list:
    return [f["id"] for f in layer.getFeatures()]


def test_the_layer_holds_what_the_server_returns_with_the_browse_fields(
    local_instance, seeded_place, tmp_path
):
    from panoramax_plugin.layers.pictures import picture_fields

    out = tmp_path / "pictures.gpkg"
    result = run_algorithm(
        ready_processing(),
        ALG,
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": str(out),
        },
    )
    layer = layer_of(result)
    ids = ids_of(layer)
    assert len(ids) == len(set(ids))
    assert set(ids) == server_ids(local_instance.api, seeded_place.bbox)
    assert set(ids) >= set(seeded_place.flat_ids + seeded_place.pano_ids)
    assert result["COUNT"] == len(ids) and result["COMPLETE"] is True
    wanted = [f.name() for f in picture_fields()]
    assert [f.name() for f in layer.fields()][-len(wanted) :] == wanted  # gpkg adds fid
    by_id = {f["id"]: f for f in layer.getFeatures()}
    first = by_id[seeded_place.flat_ids[0]]
    assert first["sequence_id"] == seeded_place.flat_sequence and first["type"] == "flat"
    assert by_id[seeded_place.pano_ids[0]]["type"] == "360"
    assert first["thumb_url"].startswith("http")


def test_an_extent_in_lambert_93_is_transformed(local_instance, seeded_place):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsRectangle,
    )

    west, south, east, north = seeded_place.bbox
    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance(),
    )
    # a box inside the seeded one once back in WGS84, so the answer is the same pictures
    inner = to_l93.transformBoundingBox(
        QgsRectangle(west + 0.0005, south + 0.0005, east - 0.0005, north - 0.0005)
    )
    text = (
        f"{inner.xMinimum()},{inner.xMaximum()},{inner.yMinimum()},{inner.yMaximum()} [EPSG:2154]"
    )
    result = run_algorithm(
        ready_processing(),
        ALG,
        {"EXTENT": text, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    ids = set(ids_of(layer_of(result)))
    assert ids >= set(seeded_place.flat_ids + seeded_place.pano_ids)
    assert ids <= server_ids(local_instance.api, seeded_place.bbox)


def test_type_dates_and_producer_filter(local_instance, seeded_place):
    base = {
        "EXTENT": extent_text(seeded_place.bbox),
        "INSTANCE": local_instance.api,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    panos = set(ids_of(layer_of(run_algorithm(ready_processing(), ALG, {**base, "TYPE": 2}))))
    assert panos >= set(seeded_place.pano_ids) and not panos & set(seeded_place.flat_ids)
    flats = set(ids_of(layer_of(run_algorithm(ready_processing(), ALG, {**base, "TYPE": 1}))))
    assert flats >= set(seeded_place.flat_ids) and not flats & set(seeded_place.pano_ids)
    day = seeded_place.flat_start.date().isoformat()
    same_day = run_algorithm(ready_processing(), ALG, {**base, "START_DATE": day, "END_DATE": day})
    ids = set(ids_of(layer_of(same_day)))
    assert ids >= set(seeded_place.flat_ids) and not ids & set(seeded_place.pano_ids)
    nobody = run_algorithm(ready_processing(), ALG, {**base, "PRODUCER": "no such producer"})
    assert nobody["COUNT"] == 0


def test_a_tag_filter_goes_to_the_server(local_instance, seeded_place):
    """A CQL2 filter on a tag set here on one seeded picture keeps that picture only."""
    picture = seeded_place.flat_ids[2]
    value = f"procA-{picture[:8]}"
    patched = requests.patch(
        f"{local_instance.api}/collections/{seeded_place.flat_sequence}/items/{picture}",
        json={"semantics": [{"key": "procA_test", "value": value, "action": "add"}]},
        headers={"Authorization": f"Bearer {local_instance.token}"},
        timeout=60,
    )
    assert patched.status_code in (200, 304), patched.text
    base = {
        "EXTENT": extent_text(seeded_place.bbox),
        "INSTANCE": local_instance.api,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    tagged = run_algorithm(
        ready_processing(), ALG, {**base, "TAG_FILTER": f"\"semantics.procA_test\"='{value}'"}
    )
    assert ids_of(layer_of(tagged)) == [picture]


def test_a_full_answer_is_split_as_browse_does(local_instance, seeded_place, monkeypatch):
    from qgis.core import QgsProcessingFeedback

    from panoramax_plugin.processing import area_support

    monkeypatch.setattr(area_support, "PAGE_LIMIT", 3)
    messages = []

    class Recording(QgsProcessingFeedback):
        def pushInfo(self, text):
            messages.append(text)
            super().pushInfo(text)

    result = run_algorithm(
        ready_processing(),
        ALG,
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        feedback=Recording(),
    )
    ids = ids_of(layer_of(result))
    assert len(ids) == len(set(ids))
    assert set(ids) == server_ids(local_instance.api, seeded_place.bbox)
    assert result["COMPLETE"] is True
    assert any("splits" in m and " 0 splits" not in m for m in messages), messages
    assert any("complete" in m for m in messages), messages

    monkeypatch.setattr(area_support, "CEILING", 5)
    capped = run_algorithm(
        ready_processing(),
        ALG,
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert capped["COMPLETE"] is False and capped["COUNT"] >= 5
