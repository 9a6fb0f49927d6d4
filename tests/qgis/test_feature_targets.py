"""The user's features (any CRS, any geometry) as WGS84 targets: the truth is made by
transforming known WGS84 positions into the layer's CRS first."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from panoramax_plugin.assets.feature_targets import target_from_feature
from panoramax_plugin.core.feature_pictures import TargetError

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
LON, LAT = 2.3522, 48.8566  # Paris
UTM31 = "EPSG:32631"
LAMBERT93 = "EPSG:2154"


def to_crs(authid: str, points):
    transform = QgsCoordinateTransform(
        WGS84, QgsCoordinateReferenceSystem(authid), QgsProject.instance()
    )
    return [transform.transform(QgsPointXY(lon, lat)) for lon, lat in points]


def layer_with(kind: str, authid: str | None, geometry: QgsGeometry | None):
    uri = f"{kind}?crs={authid}&field=name:string" if authid else f"{kind}?field=name:string"
    layer = QgsVectorLayer(uri, "assets", "memory")
    assert layer.isValid()
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "sign 12")
    if geometry is not None:
        feature.setGeometry(geometry)
    layer.dataProvider().addFeatures([feature])
    layer.setDisplayExpression('"name"')
    return layer, next(layer.getFeatures())


@pytest.mark.parametrize("authid", [LAMBERT93, UTM31])
def test_a_point_in_a_projected_crs_comes_back_to_its_wgs84_place(qgis_app, authid):
    (point,) = to_crs(authid, [(LON, LAT)])
    layer, feature = layer_with("Point", authid, QgsGeometry.fromPointXY(point))
    target = target_from_feature(layer, feature)
    assert target.kind == "point"
    ((lon, lat),) = target.parts[0]
    assert lon == pytest.approx(LON, abs=1e-7)
    assert lat == pytest.approx(LAT, abs=1e-7)
    assert target.label == "sign 12"
    assert target.feature_id == feature.id()


@pytest.mark.parametrize("authid", [LAMBERT93, UTM31])
def test_lines_and_polygons_keep_their_vertices(qgis_app, authid):
    path = [(LON, LAT), (LON + 0.0005, LAT), (LON + 0.0005, LAT + 0.0003)]
    line, feature = layer_with(
        "LineString", authid, QgsGeometry.fromPolylineXY(to_crs(authid, path))
    )
    target = target_from_feature(line, feature)
    assert target.kind == "line"
    assert [(round(x, 7), round(y, 7)) for x, y in target.parts[0]] == [
        (round(x, 7), round(y, 7)) for x, y in path
    ]
    ring = path + [(LON, LAT + 0.0003), (LON, LAT)]
    polygon, feature = layer_with(
        "Polygon", authid, QgsGeometry.fromPolygonXY([to_crs(authid, ring)])
    )
    target = target_from_feature(polygon, feature)
    assert target.kind == "polygon"
    assert len(target.parts[0]) == len(ring)


def test_multipart_features_keep_every_part(qgis_app):
    parts = [
        [QgsPointXY(LON, LAT), QgsPointXY(LON + 0.001, LAT)],
        [QgsPointXY(LON, LAT + 0.001), QgsPointXY(LON + 0.001, LAT + 0.001)],
    ]
    layer, feature = layer_with(
        "MultiLineString", "EPSG:4326", QgsGeometry.fromMultiPolylineXY(parts)
    )
    target = target_from_feature(layer, feature)
    assert target.kind == "line" and len(target.parts) == 2


def test_a_layer_without_crs_says_what_to_do(qgis_app):
    layer, feature = layer_with("Point", None, QgsGeometry.fromPointXY(QgsPointXY(650000, 6860000)))
    layer.setCrs(QgsCoordinateReferenceSystem())
    with pytest.raises(TargetError, match="no coordinate reference system"):
        target_from_feature(layer, feature)


def test_a_feature_without_geometry_says_so(qgis_app):
    layer, feature = layer_with("Point", "EPSG:4326", None)
    with pytest.raises(TargetError, match="sign 12 has no geometry"):
        target_from_feature(layer, feature)
