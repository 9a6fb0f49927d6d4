"""*Best pictures of features* (``panoramax:bestpicturesoffeatures``) against the local
instance (``seeded_place``: 8 flat pictures 6 m apart heading 45°, 4 panoramas 8 m apart
heading 90° ~44 m north)."""

from __future__ import annotations

import math

import pytest

from panoramax_plugin.core.camera import wrap_yaw
from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.view_geometry import sight

from .processing_support import layer_of, ready_processing, run_algorithm
from .test_feature_pictures_instance import towards

ALG = "bestpicturesoffeatures"


@pytest.fixture(scope="module")
def placed(local_instance, seeded_place):
    client = PanoramaxClient(local_instance.api)
    ids = seeded_place.flat_ids + seeded_place.pano_ids
    by_id = {p.id: p for p in client.search(ids=ids, limit=len(ids)).pictures}
    assert set(by_id) == set(ids)
    return [by_id[i] for i in seeded_place.flat_ids], [by_id[i] for i in seeded_place.pano_ids]


def points_layer(points, crs="EPSG:4326"):
    """A memory layer of ``points`` (WGS84 lon/lat), stored in ``crs``."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorLayer,
    )

    layer = QgsVectorLayer(f"Point?crs={crs}&field=name:string", "targets", "memory")
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem(crs),
        QgsProject.instance(),
    )
    features = []
    for name, (lon, lat) in points:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name])
        feature.setGeometry(QgsGeometry.fromPointXY(transform.transform(QgsPointXY(lon, lat))))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def test_rows_per_feature_with_yaw_and_pitch_toward_it_and_jpegs(local_instance, placed, tmp_path):
    from qgis.PyQt.QtGui import QImage

    flat, panos = placed
    last = flat[-1]
    ahead = towards(last.lon, last.lat, last.heading, 5.0)
    south = towards(panos[1].lon, panos[1].lat, 180.0, 5.0)
    layer = points_layer([("ahead", ahead), ("south", south)], crs="EPSG:3857")
    fids = {f["name"]: f.id() for f in layer.getFeatures()}
    folder = tmp_path / "views"
    result = run_algorithm(
        ready_processing(),
        ALG,
        {
            "INPUT": layer,
            "COUNT": 3,
            "DISTANCE": 30,
            "INSTANCE": local_instance.api,
            "OUTPUT_GEOMETRY": 1,
            "OUTPUT": str(tmp_path / "best.gpkg"),
            "JPEG_FOLDER": str(folder),
        },
    )
    out = layer_of(result)
    rows = list(out.getFeatures())
    by_feature = {}
    for row in rows:
        by_feature.setdefault(row["feature_id"], []).append(row)
    assert set(by_feature) == set(fids.values())
    for feature_rows in by_feature.values():
        assert [r["rank"] for r in feature_rows] == list(range(1, len(feature_rows) + 1))
        assert len(feature_rows) <= 3
        scores = [r["score"] for r in feature_rows]
        assert scores == sorted(scores, reverse=True)
    pictures = {p.id: p for p in flat + panos}
    targets = {fids["ahead"]: ahead, fids["south"]: south}
    for row in rows:
        picture = pictures.get(row["picture_id"])
        if picture is None:
            continue  # a picture of another test's seed nearby
        seen = sight(picture.lon, picture.lat, 2.0, *targets[row["feature_id"]])
        assert row["distance_m"] == pytest.approx(seen.distance_m, abs=0.05)
        assert row["yaw"] == pytest.approx(wrap_yaw(seen.azimuth - picture.heading), abs=0.1)
        assert row["pitch"] == pytest.approx(seen.elevation, abs=0.1)
        point = row.geometry().asPoint()
        assert (point.x(), point.y()) == pytest.approx((picture.lon, picture.lat), abs=1e-6)
        assert f"pic={picture.id}&xyz=" in row["link"]  # turned toward the feature
        heading = float(row["link"].split("&xyz=")[1].split("/")[0])
        assert heading == pytest.approx(seen.azimuth, abs=0.01)
        assert row["thumb_url"].startswith("http")
    best_ahead = by_feature[fids["ahead"]][0]
    assert best_ahead["picture_id"] == last.id and best_ahead["yaw"] == pytest.approx(0, abs=2)
    best_south = by_feature[fids["south"]][0]
    assert best_south["type"] == "360"
    assert best_south["yaw"] == pytest.approx(wrap_yaw(180 - panos[1].heading), abs=2)
    assert best_south["pitch"] == pytest.approx(-math.degrees(math.atan2(2.0, 5.0)), abs=1)
    # one JPEG per feature: the view turned toward it (360: rendered, not the panorama)
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f"feature_{fid}.jpg" for fid in fids.values()), files
    view = QImage(str(folder / f"feature_{fids['south']}.jpg"))
    assert (view.width(), view.height()) == (1920, 1080)
    assert best_south["jpeg"] == str(folder / f"feature_{fids['south']}.jpg")
    assert not QImage(best_ahead["jpeg"]).isNull()
    assert result["FEATURES_WITH_PICTURES"] == 2 and result["PICTURES"] == len(rows)


def test_a_table_or_lines_toward_the_feature(local_instance, placed):
    from qgis.core import QgsWkbTypes

    flat, _panos = placed
    last = flat[-1]
    ahead = towards(last.lon, last.lat, last.heading, 5.0)
    layer = points_layer([("ahead", ahead)])
    base = {
        "INPUT": layer,
        "COUNT": 2,
        "INSTANCE": local_instance.api,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    table = layer_of(run_algorithm(ready_processing(), ALG, {**base, "OUTPUT_GEOMETRY": 0}))
    assert table.wkbType() == QgsWkbTypes.Type.NoGeometry and table.featureCount() == 2
    lines = layer_of(run_algorithm(ready_processing(), ALG, {**base, "OUTPUT_GEOMETRY": 2}))
    best = next(f for f in lines.getFeatures() if f["rank"] == 1)
    start, end = best.geometry().asPolyline()
    assert (start.x(), start.y()) == pytest.approx(ahead, abs=1e-7)
    assert (end.x(), end.y()) == pytest.approx((last.lon, last.lat), abs=1e-6)


def test_selected_features_only(local_instance, placed):
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject

    flat, panos = placed
    ahead = towards(flat[-1].lon, flat[-1].lat, flat[-1].heading, 5.0)
    south = towards(panos[1].lon, panos[1].lat, 180.0, 5.0)
    layer = points_layer([("ahead", ahead), ("south", south)])
    QgsProject.instance().addMapLayer(layer)
    try:
        chosen = next(f.id() for f in layer.getFeatures() if f["name"] == "south")
        layer.selectByIds([chosen])
        result = run_algorithm(
            ready_processing(),
            ALG,
            {
                "INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                "INSTANCE": local_instance.api,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        assert {f["feature_id"] for f in layer_of(result).getFeatures()} == {chosen}
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
