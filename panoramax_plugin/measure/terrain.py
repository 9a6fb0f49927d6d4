"""A raster layer of the project as the terrain under the measures (``core`` ``Terrain``).

The height at a WGS84 point is the raster's first band sampled there (nearest cell, through
``QgsRasterDataProvider.sample``), in the raster's CRS; no data and points off the raster give
None, which the core turns into a message. Main thread: it reads the provider the project owns.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
)

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def raster_terrain(layer, band: int = 1):
    """``terrain(lon, lat) -> height | None`` reading ``layer`` (None when not usable)."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        return None
    provider = layer.dataProvider()
    if provider is None:
        return None
    transform = QgsCoordinateTransform(WGS84, layer.crs(), QgsProject.instance())
    extent = layer.extent()

    def terrain(lon: float, lat: float):
        try:
            point = transform.transform(QgsPointXY(lon, lat))
        except QgsCsException:
            return None
        if not extent.contains(point):
            return None
        value, ok = provider.sample(point, band)
        if not ok or value is None or not math.isfinite(value):
            return None
        return float(value)

    return terrain
