"""Observations and layers shared by the "into my layer" tests."""

from __future__ import annotations

from datetime import datetime, timezone

from panoramax_plugin.core.observation import (
    METHOD_RAY,
    METHOD_SINGLE,
    METHOD_TRIANGULATED,
    Observation,
)

CAPTURED = datetime(2024, 5, 17, 9, 30, 12, tzinfo=timezone.utc)


def triangulated(lon=2.3522, lat=48.8566) -> Observation:
    return Observation(
        METHOD_TRIANGULATED,
        lon,
        lat,
        picture_ids=("pic-a", "pic-b"),
        instance="http://127.0.0.1:5000/api",
        bearings=(12.5, 48.25),
        pitches=(1.5, -0.75),
        captured_at=CAPTURED,
        crossing_angle_deg=35.754,
        uncertainty_m=0.3456,
        distance_m=14.2,
    )


def single(lon=2.3522, lat=48.8566) -> Observation:
    return Observation(METHOD_SINGLE, lon, lat, picture_ids=("pic-a",), height_m=2.5)


def ray() -> Observation:
    line = ((2.3500, 48.8500), (2.3504, 48.8503))
    return Observation(
        METHOD_RAY, *line[0], picture_ids=("pic-a",), bearings=(42.0,), pitches=(0.5,), line=line
    )


def user_form(sign_type="B14", state="good"):
    """An injected feature form: the user fills their own attributes and accepts."""
    seen = []

    def form(layer, feature):
        seen.append(feature)
        feature.setAttribute(layer.fields().lookupField("sign_type"), sign_type)
        if layer.fields().lookupField("state") >= 0:
            feature.setAttribute(layer.fields().lookupField("state"), state)
        return feature

    form.seen = seen
    return form


def canceling_form(layer, feature):
    return None


def make_gpkg(path, name="signs", geometry="point", epsg=2154, known=("pnx_method", "pnx_date")):
    """A GeoPackage layer written with OGR (not QGIS): user fields sign_type and state, and
    some of the plugin's known fields."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    kinds = {"point": ogr.wkbPoint, "line": ogr.wkbLineString, "polygon": ogr.wkbPolygon}
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer(name, srs, kinds[geometry])
    layer.CreateField(ogr.FieldDefn("sign_type", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("state", ogr.OFTString))
    types = {"pnx_date": ogr.OFTDateTime, "pnx_unc_m": ogr.OFTReal, "pnx_cross": ogr.OFTReal}
    for field in known:
        layer.CreateField(ogr.FieldDefn(field, types.get(field, ogr.OFTString)))
    source = None
    return f"{path}|layername={name}"


def disk_count(path, name="signs") -> int:
    """Features on disk, read by OGR alone (a connection of its own)."""
    from osgeo import ogr

    source = ogr.Open(str(path))
    try:
        return source.GetLayerByName(name).GetFeatureCount()
    finally:
        source = None


def disk_field_names(path, name="signs") -> list:
    from osgeo import ogr

    source = ogr.Open(str(path))
    try:
        definition = source.GetLayerByName(name).GetLayerDefn()
        return [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    finally:
        source = None
