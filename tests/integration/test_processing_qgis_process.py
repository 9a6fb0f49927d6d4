"""Search pictures and Best pictures of features through the real ``qgis_process`` command
line, in a fresh profile where the plugin is installed and enabled with ``qgis_process
plugins enable`` (Debian's ``qgis_process`` wrapper adds ``--noversioncheck``, which the
command rejects: ``qgis_process.bin`` is called)."""

from __future__ import annotations

import pytest

from .processing_support import make_qgis_process_profile, qgis_process_run
from .test_processing_search import extent_text, server_ids


@pytest.fixture(scope="module")
def qgis_process_profile(tmp_path_factory):
    """A fresh QGIS profile with the plugin installed and enabled (skipped, saying why,
    where ``qgis_process.bin`` is absent)."""
    return make_qgis_process_profile(tmp_path_factory.mktemp("qgis-process-profile"))


def read_layer(path):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return layer


def test_search_pictures_in_qgis_process(
    qgis_process_profile, local_instance, seeded_place, tmp_path
):
    out = tmp_path / "pictures.gpkg"
    code, answer, stdout, stderr = qgis_process_run(
        qgis_process_profile,
        "panoramax:searchpictures",
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": str(out),
        },
    )
    assert code == 0, stdout[-3000:] + stderr[-3000:]
    assert answer["results"]["COMPLETE"] is True
    ids = {f["id"] for f in read_layer(out).getFeatures()}
    assert ids == server_ids(local_instance.api, seeded_place.bbox)
    assert any("search is complete" in line for line in answer["log"]["info"])


def test_best_pictures_in_qgis_process(
    qgis_process_profile, local_instance, seeded_place, tmp_path
):
    from panoramax_plugin.core.client import PanoramaxClient

    from .test_processing_best import points_layer, towards

    client = PanoramaxClient(local_instance.api)
    last_id = seeded_place.flat_ids[-1]
    last = client.search(ids=[last_id], limit=1).pictures[0]
    layer = points_layer(
        [("ahead", towards(last.lon, last.lat, last.heading, 5.0))], crs="EPSG:2154"
    )
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    source = tmp_path / "targets.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(
        layer, str(source), QgsCoordinateTransformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    out, folder = tmp_path / "best.csv", tmp_path / "views"
    code, answer, stdout, stderr = qgis_process_run(
        qgis_process_profile,
        "panoramax:bestpicturesoffeatures",
        {
            "INPUT": str(source),
            "COUNT": 2,
            "DISTANCE": 20,
            "INSTANCE": local_instance.api,
            "OUTPUT_GEOMETRY": 0,
            "OUTPUT": str(out),
            "JPEG_FOLDER": str(folder),
        },
    )
    assert code == 0, stdout[-3000:] + stderr[-3000:]
    rows = list(read_layer(out).getFeatures())
    best = next(r for r in rows if str(r["rank"]) == "1")
    assert best["picture_id"] == last_id
    assert abs(float(best["yaw"])) < 2.0
    jpegs = [p.name for p in folder.iterdir()]
    assert len(jpegs) == 1 and jpegs[0].startswith("feature_") and jpegs[0].endswith(".jpg")


def test_a_bad_input_is_an_error_not_a_traceback(qgis_process_profile, local_instance):
    code, _answer, stdout, stderr = qgis_process_run(
        qgis_process_profile,
        "panoramax:searchpictures",
        {"INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert code != 0
    assert "EXTENT" in stdout + stderr and "Traceback" not in stdout + stderr
