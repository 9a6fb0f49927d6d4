"""*Sequences of an area* (``panoramax:sequencesofarea``) against the local instance
(``seeded_place``: a flat sequence of 8 pictures, a 360° one of 4, 40 days later)."""

from __future__ import annotations

from .processing_support import layer_of, ready_processing, run_algorithm
from .test_processing_search import extent_text

ALG = "sequencesofarea"


def test_lines_of_the_area_with_the_browse_fields(local_instance, seeded_place, tmp_path):
    from qgis.core import QgsWkbTypes

    from panoramax_plugin.layers.sequences import sequence_fields

    result = run_algorithm(
        ready_processing(),
        ALG,
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "OUTPUT": str(tmp_path / "sequences.gpkg"),
        },
    )
    layer = layer_of(result)
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry
    wanted = [f.name() for f in sequence_fields()]
    assert [f.name() for f in layer.fields()][-len(wanted) :] == wanted
    by_id = {f["id"]: f for f in layer.getFeatures()}
    assert {seeded_place.flat_sequence, seeded_place.pano_sequence} <= set(by_id)
    flat = by_id[seeded_place.flat_sequence]
    assert flat["picture_count"] == 8 and flat["loaded_pictures"] == 8
    assert flat["type"] == "flat" and by_id[seeded_place.pano_sequence]["type"] == "360"
    line = flat.geometry().asPolyline()
    assert len(line) == 8 and flat.geometry().length() > 0
    assert result["COUNT"] == len(by_id) and result["COMPLETE"] is True


def test_dates_keep_the_sequences_captured_then(local_instance, seeded_place):
    day = seeded_place.pano_start.date().isoformat()
    result = run_algorithm(
        ready_processing(),
        ALG,
        {
            "EXTENT": extent_text(seeded_place.bbox),
            "INSTANCE": local_instance.api,
            "START_DATE": day,
            "END_DATE": day,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    ids = {f["id"] for f in layer_of(result).getFeatures()}
    assert seeded_place.pano_sequence in ids and seeded_place.flat_sequence not in ids


def test_a_layer_extent_gives_the_area(local_instance, seeded_place):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    west, south, east, north = seeded_place.bbox
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "corners", "memory")
    features = []
    for x, y in ((west, south), (east, north)):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    result = run_algorithm(
        ready_processing(),
        ALG,
        {"INPUT": layer, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    ids = {f["id"] for f in layer_of(result).getFeatures()}
    assert {seeded_place.flat_sequence, seeded_place.pano_sequence} <= ids
