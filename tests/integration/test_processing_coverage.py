"""*Coverage along lines* (``panoramax:coveragealonglines``) against the local instance."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from tests.fixtures.pictures import EARTH_RADIUS_M

from .processing_b_support import (  # noqa: F401  (a fixture)
    RecordingFeedback,
    processing_b_fixture,
    run_collecting,
)

pytestmark = pytest.mark.integration
ALG = "panoramax:coveragealonglines"


def offset(lat, lon, east_m, north_m):
    """(lon, lat) ``east_m``/``north_m`` from a point, as the picture fixtures place shots."""
    dlat = math.degrees(north_m / EARTH_RADIUS_M)
    dlon = math.degrees(east_m / (EARTH_RADIUS_M * math.cos(math.radians(lat))))
    return lon + dlon, lat + dlat


def along(lat, lon, distance_m, side_m=0.0):
    """A point ``distance_m`` along the flat sequence's bearing (45 deg), ``side_m`` to its
    right (south-east)."""
    u = math.sqrt(0.5)
    return offset(lat, lon, distance_m * u + side_m * u, distance_m * u - side_m * u)


def lines_layer(seeded_place, crs="EPSG:4326"):
    """Line "by": through the flat pictures, from 100 m before the first to the last
    (42 m); line "far": the same, 200 m to the south-east."""
    lon0 = (seeded_place.bbox[0] + seeded_place.bbox[2]) / 2
    lat0 = (seeded_place.bbox[1] + seeded_place.bbox[3]) / 2
    layer = QgsVectorLayer(f"LineString?crs={crs}&field=name:string", "roads", "memory")
    to_layer = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem(crs),
        QgsProject.instance(),
    )
    features = []
    for name, side in (("by", 0.0), ("far", 200.0)):
        points = [
            to_layer.transform(QgsPointXY(*along(lat0, lon0, d, side))) for d in (-100.0, 0.0, 42.0)
        ]
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name])
        feature.setGeometry(QgsGeometry.fromPolylineXY(points))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def ellipsoid_length(layer, feature):
    measure = QgsDistanceArea()
    measure.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    return measure.measureLength(feature.geometry())


def by_name(layer):
    return {f["name"]: f for f in layer.getFeatures()}


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:2154"])
def test_a_line_by_the_pictures_is_covered_and_one_200_m_away_is_not(
    processing_b, local_instance, seeded_place, crs, tmp_path
):
    # the seeded flat pictures start at the bbox centre and go 42 m north-east
    layer = lines_layer(seeded_place, crs)
    lengths = {f["name"]: ellipsoid_length(layer, f) for f in layer.getFeatures()}
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {
            "INPUT": layer,
            "DISTANCE": 20,
            "INSTANCE": local_instance.api,
            "OUTPUT": str(tmp_path / "gaps.gpkg"),
        },
    )
    assert results is not None, feedback.errors
    out = QgsVectorLayer(results["OUTPUT"], "gaps", "ogr")
    assert out.crs().authid() == crs
    rows = by_name(out)
    assert set(rows) == {"by", "far"}
    by, far = rows["by"], rows["far"]
    assert by["total_m"] == pytest.approx(lengths["by"], abs=1.0)
    assert by["total_m"] == pytest.approx(142.0, abs=1.0)
    # covered: 20 m before the first picture to the last one (the 360 pictures, 44 m
    # north, cover nothing more); uncovered: the first 80 m
    assert by["covered_m"] == pytest.approx(62.0, abs=1.0)
    assert by["uncovered_m"] == pytest.approx(80.0, abs=1.0)
    assert by["uncovered_share"] == pytest.approx(80.0 / 142.0, abs=0.01)
    assert ellipsoid_length(out, by) == pytest.approx(80.0, abs=1.0)
    assert far["covered_m"] == pytest.approx(0.0, abs=1e-6)
    assert far["uncovered_share"] == pytest.approx(1.0)
    assert ellipsoid_length(out, far) == pytest.approx(lengths["far"], abs=1.0)
    assert results["REQUESTS"] <= 2
    assert any("search requests" in text for text in feedback.infos)


def test_older_pictures_do_not_count(processing_b, local_instance, seeded_place):
    layer = lines_layer(seeded_place)
    parameters = {
        "INPUT": layer,
        "DISTANCE": 20,
        "INSTANCE": local_instance.api,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    # between the flat pictures and the 360 ones (40 days later): only the 360 ones count
    between = (seeded_place.flat_start + timedelta(days=10)).date().isoformat()
    results, feedback = run_collecting(processing_b, ALG, {**parameters, "OLDER_THAN": between})
    assert results is not None, feedback.errors
    by = by_name(results["OUTPUT"])["by"]
    # the last 360 picture (24 m east, 44.5 m north of the first flat one) covers the
    # line's end from 34.6 m along: chord of its 20 m circle
    north = math.radians(0.0004) * EARTH_RADIUS_M
    t = (24.0 + north) * math.sqrt(0.5)
    d2 = 24.0**2 + north**2 - t * t
    start = t - math.sqrt(400.0 - d2)
    assert by["covered_m"] == pytest.approx(42.0 - start, abs=0.5)
    later = (seeded_place.pano_start + timedelta(days=2)).date().isoformat()
    results, feedback = run_collecting(processing_b, ALG, {**parameters, "OLDER_THAN": later})
    assert results is not None, feedback.errors
    by = by_name(results["OUTPUT"])["by"]
    assert by["covered_m"] == pytest.approx(0.0, abs=1e-6)
    assert by["uncovered_share"] == pytest.approx(1.0)


def test_bad_inputs_are_clear_errors(processing_b, local_instance, seeded_place):
    empty = QgsVectorLayer("LineString?crs=EPSG:4326", "empty", "memory")
    base = {"DISTANCE": 20, "INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"}
    results, feedback = run_collecting(processing_b, ALG, {**base, "INPUT": empty})
    assert results is None
    assert any("no features" in text for text in feedback.errors), feedback.errors

    no_crs = QgsVectorLayer("LineString?crs=", "no crs", "memory")
    assert not no_crs.crs().isValid()
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("LineString(2 45, 2.001 45)"))
    no_crs.dataProvider().addFeatures([feature])
    results, feedback = run_collecting(processing_b, ALG, {**base, "INPUT": no_crs})
    assert results is None
    assert any("coordinate reference system" in text for text in feedback.errors)

    layer = lines_layer(seeded_place)
    results, feedback = run_collecting(
        processing_b, ALG, {**base, "INPUT": layer, "INSTANCE": "http://127.0.0.1:9/api"}
    )
    assert results is None
    assert any("instance cannot be used" in text for text in feedback.errors), feedback.errors
    assert not any("Traceback" in text for text in feedback.errors)


def test_cancel_leaves_no_output(processing_b, local_instance, seeded_place, tmp_path):
    layer = lines_layer(seeded_place)
    target = tmp_path / "gaps.gpkg"
    results, feedback = run_collecting(
        processing_b,
        ALG,
        {"INPUT": layer, "DISTANCE": 20, "INSTANCE": local_instance.api, "OUTPUT": str(target)},
        RecordingFeedback(cancel_after=1),
    )
    assert results is None
    assert not target.exists()
