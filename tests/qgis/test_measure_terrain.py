"""Measures on a terrain model: a GeoTIFF DEM (Lambert-93) of a street rising 10 % to the
north; the ground distance from one picture follows the slope where flat ground would be
twice as far. And the click directions the measure tool reads from each view."""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.measure_session import DISTANCE, MeasureSession, PictureClick
from panoramax_plugin.core.view_geometry import destination, view_point
from panoramax_plugin.measure.terrain import raster_terrain
from panoramax_plugin.viewer.click_direction import click_direction
from panoramax_plugin.viewer.overlay import FlatPose, PanoPose

LON, LAT = 2.3522, 48.8566
CELL_M = 0.25
RISE = 0.1  # metres per metre, toward grid north


def sloped_dem(path, centre_xy, size_m=120.0):
    cells = int(size_m / CELL_M)
    x0, y0 = centre_xy[0] - size_m / 2.0, centre_xy[1] + size_m / 2.0
    rows = (np.arange(cells) + 0.5) * CELL_M  # distance below the top edge
    heights = 100.0 + RISE * ((y0 - rows) - centre_xy[1])
    grid = np.repeat(heights[:, None], cells, axis=1).astype(np.float32)
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), cells, cells, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((x0, CELL_M, 0.0, y0, 0.0, -CELL_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(grid)
    dataset.GetRasterBand(1).SetNoDataValue(-9999.0)
    dataset.FlushCache()
    dataset = None


@pytest.fixture()
def dem(tmp_path, qgis_app):
    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance(),
    )
    centre = to_l93.transform(QgsPointXY(LON, LAT))
    path = tmp_path / "street_dem.tif"
    sloped_dem(path, (centre.x(), centre.y()))
    layer = QgsRasterLayer(str(path), "dem")
    assert layer.isValid()
    return layer, to_l93


def test_the_raster_is_read_as_terrain(dem):
    layer, _ = dem
    terrain = raster_terrain(layer)
    assert terrain(LON, LAT) == pytest.approx(100.0, abs=RISE * CELL_M)
    assert terrain(LON + 1.0, LAT) is None  # off the model
    assert raster_terrain(None) is None
    assert raster_terrain(QgsVectorLayer("Point?crs=EPSG:4326", "p", "memory")) is None


def test_a_ground_distance_follows_the_slope(dem):
    layer, to_l93 = dem
    terrain = raster_terrain(layer)
    bearing = 0.0
    ground = destination(LON, LAT, bearing, 10.0)
    rise = terrain(*ground) - terrain(LON, LAT)
    assert rise == pytest.approx(1.0, abs=0.1)  # grid north is within a degree of true north
    pitch = math.degrees(math.atan2(rise - 2.0, 10.0))
    click = PictureClick("p", LON, LAT, 0.0, 0.0, pitch)
    flat = MeasureSession(DISTANCE).click(click).ground
    on_slope = MeasureSession(DISTANCE, terrain=terrain).click(click).ground
    assert on_slope.distance_m == pytest.approx(10.0, rel=0.05)
    assert flat.distance_m > 15.0  # flat ground puts it far beyond
    assert on_slope.on_terrain and on_slope.ground_m == pytest.approx(rise, abs=0.1)


def test_click_directions_invert_the_views():
    camera = Camera(25.0, -8.0, 70.0)
    pose = PanoPose(camera, 800, 450)
    x, y = view_point(camera, 31.0, -12.0, 800, 450)
    yaw, pitch = click_direction(pose, x, y)
    assert (yaw, pitch) == (pytest.approx(31.0, abs=1e-6), pytest.approx(-12.0, abs=1e-6))
    assert click_direction(pose, -5.0, 10.0) is None
    flat = FlatPose(4000, 3000, 0.2, 10.0, 20.0)  # widget = offset + image * zoom
    yaw, pitch = click_direction(flat, 10.0 + 2000 * 0.2, 20.0 + 1500 * 0.2, 60.0)
    assert (yaw, pitch) == (pytest.approx(0.0), pytest.approx(0.0))
    yaw, _ = click_direction(flat, 10.0 + 4000 * 0.2, 20.0 + 1500 * 0.2, 60.0)
    assert yaw == pytest.approx(30.0)  # the right edge: half the field of view
    assert click_direction(flat, 5.0, 5.0, 60.0) is None  # the margin around the picture
