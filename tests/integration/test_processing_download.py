"""*Download pictures* (``panoramax:downloadpictures``) against the local instance."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsFeature,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.layers.pictures import PicturesLayer

from .processing_b_support import (  # noqa: F401  (a fixture)
    RecordingFeedback,
    processing_b_fixture,
    run_collecting,
)

pytestmark = pytest.mark.integration
ALG = "panoramax:downloadpictures"


@pytest.fixture()
def pictures_layer(local_instance, seeded_place):
    """The browse pictures layer of the seeded place (12 pictures), in the project."""
    pictures = PanoramaxClient(local_instance.api).search(bbox=seeded_place.bbox, limit=100)
    layer = PicturesLayer("seeded pictures")
    layer.add_pictures(
        [p for p in pictures.pictures if p.id in seeded_place.flat_ids + seeded_place.pano_ids]
    )
    assert layer.layer.featureCount() == 12
    QgsProject.instance().addMapLayer(layer.layer)
    yield layer.layer
    QgsProject.instance().removeMapLayer(layer.layer.id())


def is_whole_jpeg(path) -> bool:
    data = path.read_bytes()
    return data[:2] == b"\xff\xd8" and data.rstrip(b"\x00")[-2:] == b"\xff\xd9"


def index_rows(path):
    layer = QgsVectorLayer(str(path), "index", "ogr")
    assert layer.isValid()
    return {f["picture_id"]: f for f in layer.getFeatures()}


def test_download_writes_files_and_index_then_resumes(
    processing_b, local_instance, pictures_layer, tmp_path
):
    folder = tmp_path / "pictures"
    folder.mkdir()
    first = next(pictures_layer.getFeatures())["id"]
    (folder / f"{first}_thumb.jpg.part").write_bytes(b"half a file from a crash")
    parameters = {
        "INPUT": pictures_layer,
        "LEVEL": 0,
        "INSTANCE": local_instance.api,
        "FOLDER": str(folder),
        "OUTPUT": str(tmp_path / "index.gpkg"),
    }
    results, feedback = run_collecting(processing_b, ALG, parameters)
    assert results is not None, feedback.errors
    files = sorted(folder.glob("*.jpg"))
    assert len(files) == 12
    assert all(is_whole_jpeg(f) for f in files)
    assert not list(folder.glob("*.part"))
    rows = index_rows(results["OUTPUT"])
    assert len(rows) == 12 and results["DOWNLOADED"] == 12
    for picture_id, row in rows.items():
        assert row["status"] == "downloaded"
        assert row["path"] == str(folder / f"{picture_id}_thumb.jpg")
        assert row["bytes"] == (folder / f"{picture_id}_thumb.jpg").stat().st_size
        assert row["level"] == "thumb"
        assert not row.geometry().isNull()
    stamps = {f.name: f.stat().st_mtime_ns for f in files}

    parameters["OUTPUT"] = str(tmp_path / "index2.gpkg")
    results, feedback = run_collecting(processing_b, ALG, parameters)
    assert results is not None, feedback.errors
    assert results["DOWNLOADED"] == 0
    assert {r["status"] for r in index_rows(results["OUTPUT"]).values()} == {"existing"}
    assert {f.name: f.stat().st_mtime_ns for f in folder.glob("*.jpg")} == stamps


def test_selected_features_only_and_ids_from_any_layer(
    processing_b, local_instance, seeded_place, pictures_layer, tmp_path
):
    pictures_layer.selectByIds([f.id() for f in pictures_layer.getFeatures()][:3])
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {
            "INPUT": QgsProcessingFeatureSourceDefinition(pictures_layer.id(), True),
            "LEVEL": 0,
            "INSTANCE": local_instance.api,
            "FOLDER": str(tmp_path / "selected"),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert results is not None, feedback.errors
    assert len(list((tmp_path / "selected").glob("*.jpg"))) == 3

    # a table with only ids (no geometry, no URLs): URLs and positions from the instance
    table = QgsVectorLayer("None?field=pid:string", "ids", "memory")
    features = []
    for picture_id in [*seeded_place.flat_ids[:2], "00000000-0000-0000-0000-000000000000"]:
        feature = QgsFeature(table.fields())
        feature.setAttributes([picture_id])
        features.append(feature)
    table.dataProvider().addFeatures(features)
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {
            "INPUT": table,
            "ID_FIELD": "pid",
            "LEVEL": 1,
            "INSTANCE": local_instance.api,
            "FOLDER": str(tmp_path / "by_id"),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert results is not None, feedback.errors
    rows = {f["picture_id"]: f for f in results["OUTPUT"].getFeatures()}
    assert [rows[i]["status"] for i in seeded_place.flat_ids[:2]] == ["downloaded"] * 2
    assert rows["00000000-0000-0000-0000-000000000000"]["status"] == "not_found"
    assert not rows[seeded_place.flat_ids[0]].geometry().isNull()
    names = sorted(p.name for p in (tmp_path / "by_id").glob("*.jpg"))
    assert names == sorted(f"{i}_sd.jpg" for i in seeded_place.flat_ids[:2])


def test_cancel_leaves_no_half_file_and_no_index(
    processing_b, local_instance, pictures_layer, tmp_path
):
    folder = tmp_path / "pictures"
    index = tmp_path / "index.gpkg"
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {
            "INPUT": pictures_layer,
            "LEVEL": 2,
            "INSTANCE": local_instance.api,
            "FOLDER": str(folder),
            "OUTPUT": str(index),
        },
        RecordingFeedback(cancel_after=1),
    )
    assert results is None
    assert not index.exists()
    assert not list(folder.glob("*.part"))
    done = list(folder.glob("*.jpg"))
    assert len(done) < 12
    assert all(is_whole_jpeg(f) for f in done)


def test_a_folder_that_cannot_be_written_is_a_clear_error(
    processing_b, local_instance, pictures_layer, tmp_path
):
    a_file = tmp_path / "not_a_folder"
    a_file.write_text("x")
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {
            "INPUT": pictures_layer,
            "LEVEL": 0,
            "INSTANCE": local_instance.api,
            "FOLDER": str(a_file / "sub"),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert results is None
    assert any("cannot be written" in text for text in feedback.errors), feedback.errors
