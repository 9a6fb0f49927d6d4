"""Bad input to Search pictures, Sequences of an area and Best pictures of features: each a
clear Processing error (never a traceback); cancel mid-run leaves no output; a model and a
batch of one algorithm."""

from __future__ import annotations

import pytest

from tests.http_server import free_port

from .processing_support import layer_of, ready_processing, run_algorithm
from .test_processing_best import points_layer, towards
from .test_processing_search import extent_text


def error_of(processing, name, parameters, feedback=None) -> str:
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(processing, name, parameters, feedback=feedback)
    return str(info.value)


class Recording:
    """A feedback that keeps what it was told (errors, infos) for the checks."""

    def __new__(cls, cancel_at=None):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.errors, self.infos = [], []
                if cancel_at is not None:
                    self.progressChanged.connect(
                        lambda value: self.cancel() if value >= cancel_at else None
                    )

            def reportError(self, text, fatal=False):
                self.errors.append(text)
                super().reportError(text, fatal)

            def pushInfo(self, text):
                self.infos.append(text)
                super().pushInfo(text)

        return _Feedback()


def test_an_unreachable_instance_says_so(seeded_place):
    api = f"http://127.0.0.1:{free_port()}/api"
    for name in ("searchpictures", "sequencesofarea"):
        text = error_of(
            ready_processing(),
            name,
            {
                "EXTENT": extent_text(seeded_place.bbox),
                "INSTANCE": api,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        assert "Could not reach 127.0.0.1" in text and "Traceback" not in text
    layer = points_layer([("a", (seeded_place.bbox[0], seeded_place.bbox[1]))])
    text = error_of(
        ready_processing(),
        "bestpicturesoffeatures",
        {"INPUT": layer, "INSTANCE": api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "Could not reach 127.0.0.1" in text


def test_an_invalid_instance_says_so(seeded_place):
    text = error_of(
        ready_processing(),
        "searchpictures",
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": "ftp://nowhere",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert "ftp://nowhere" in text or "nowhere" in text


def test_no_area_an_empty_layer_and_a_layer_without_crs(local_instance):
    from qgis.core import QgsVectorLayer

    text = error_of(
        ready_processing(),
        "searchpictures",
        {"INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "EXTENT" in text
    empty = QgsVectorLayer("Point?crs=EPSG:4326", "empty", "memory")
    text = error_of(
        ready_processing(),
        "searchpictures",
        {"INPUT": empty, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "empty" in text
    text = error_of(
        ready_processing(),
        "bestpicturesoffeatures",
        {"INPUT": empty, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "no features" in text
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsPointXY

    no_crs = QgsVectorLayer("Point", "nocrs", "memory")
    no_crs.setCrs(QgsCoordinateReferenceSystem())

    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(2.0, 48.0)))
    no_crs.dataProvider().addFeatures([feature])
    no_crs.updateExtents()
    assert not no_crs.crs().isValid()
    for name in ("searchpictures", "bestpicturesoffeatures"):
        text = error_of(
            ready_processing(),
            name,
            {"INPUT": no_crs, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
        )
        assert "no coordinate reference system" in text, text


def test_bad_dates_and_a_folder_that_cannot_be_written(local_instance, seeded_place, tmp_path):
    base = {
        "EXTENT": extent_text(seeded_place.bbox),
        "INSTANCE": local_instance.api,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    assert "start date comes after" in error_of(
        ready_processing(),
        "searchpictures",
        {**base, "START_DATE": "2021-01-02", "END_DATE": "2021-01-01"},
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    layer = points_layer([("a", (seeded_place.bbox[0], seeded_place.bbox[1]))])
    text = error_of(
        ready_processing(),
        "bestpicturesoffeatures",
        {
            "INPUT": layer,
            "INSTANCE": local_instance.api,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "JPEG_FOLDER": str(blocker / "views"),
        },
    )
    assert "cannot be written" in text


def test_a_server_refused_tag_filter_is_a_clear_error(local_instance, seeded_place):
    text = error_of(
        ready_processing(),
        "searchpictures",
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "TAG_FILTER": "bogus ==",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert "Unsupported filter parameter" in text or "400" in text, text


def test_cancel_mid_search_leaves_no_file(local_instance, seeded_place, tmp_path, monkeypatch):
    from panoramax_plugin.processing import area_support

    monkeypatch.setattr(area_support, "PAGE_LIMIT", 3)  # several answers: a cancel between
    out = tmp_path / "pictures.gpkg"
    feedback = Recording(cancel_at=3)
    text = error_of(
        ready_processing(),
        "searchpictures",
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": str(out),
        },
        feedback=feedback,
    )
    assert "Canceled" in text
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cancel_while_writing_jpegs_leaves_no_file(local_instance, seeded_place, tmp_path):
    from panoramax_plugin.core.client import PanoramaxClient

    client = PanoramaxClient(local_instance.api)
    ids = seeded_place.flat_ids
    pictures = {p.id: p for p in client.search(ids=ids, limit=len(ids)).pictures}
    points = [
        (f"p{i}", towards(pictures[i_].lon, pictures[i_].lat, pictures[i_].heading, 4.0))
        for i, i_ in enumerate(ids)
    ]
    layer = points_layer(points)
    folder = tmp_path / "views"
    out = tmp_path / "best.gpkg"
    feedback = Recording(cancel_at=71)  # the searches are done: the JPEGs are under way
    text = error_of(
        ready_processing(),
        "bestpicturesoffeatures",
        {
            "INPUT": layer,
            "INSTANCE": local_instance.api,
            "OUTPUT": str(out),
            "JPEG_FOLDER": str(folder),
        },
        feedback=feedback,
    )
    assert "Canceled" in text
    assert not out.exists()
    assert list(folder.iterdir()) == []  # no JPEG, no staging folder


def test_a_batch_and_a_model_of_search_pictures(local_instance, seeded_place, tmp_path):
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterExtent,
        QgsProject,
    )

    # a batch: the same algorithm over two parameter sets (as the batch dialog runs it)
    west, south, east, north = seeded_place.bbox
    halves = [(west, south, (west + east) / 2, north), ((west + east) / 2, south, east, north)]
    counts = []
    for i, half in enumerate(halves):
        result = run_algorithm(
            ready_processing(),
            "searchpictures",
            {
                "EXTENT": extent_text(half),
                "INSTANCE": local_instance.api,
                "OUTPUT": str(tmp_path / f"half{i}.gpkg"),
            },
        )
        counts.append(result["COUNT"])
    whole = run_algorithm(
        ready_processing(),
        "searchpictures",
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert sum(counts) >= whole["COUNT"] >= len(seeded_place.flat_ids + seeded_place.pano_ids)

    # a model: one child, its extent from the model's input
    model = QgsProcessingModelAlgorithm("search", "tests")
    model.addModelParameter(
        QgsProcessingParameterExtent("area", "Area"), QgsProcessingModelParameter("area")
    )
    child = QgsProcessingModelChildAlgorithm("panoramax:searchpictures")
    child.setChildId("search")
    child.addParameterSources(
        "EXTENT", [QgsProcessingModelChildParameterSource.fromModelParameter("area")]
    )
    child.addParameterSources(
        "INSTANCE", [QgsProcessingModelChildParameterSource.fromStaticValue(local_instance.api)]
    )
    child.addParameterSources("TYPE", [QgsProcessingModelChildParameterSource.fromStaticValue(2)])
    output = QgsProcessingModelOutput("panos")
    output.setChildOutputName("OUTPUT")
    output.setChildId("search")
    child.setModelOutputs({"panos": output})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    destination = tmp_path / "model.gpkg"
    outputs, ok = model.run(
        {"area": extent_text(seeded_place.bbox), "search:panos": str(destination)},
        context,
        QgsProcessingFeedback(),
    )
    assert ok, outputs
    panos = layer_of({"OUTPUT": outputs["search:panos"]})
    ids = {f["id"] for f in panos.getFeatures()}
    assert ids >= set(seeded_place.pano_ids) and not ids & set(seeded_place.flat_ids)
