"""The pictures point layer: fields, features from models, no duplicates.

The controller feeds it a few hundred pictures per event-loop turn, so the GUI
never waits long.
"""

from __future__ import annotations

from datetime import timezone

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, Qt

from ..core.models import Picture
from .memory import add_to_project, make_fields, memory_layer
from .styles import apply_pictures_style

PICTURE_FIELDS = (
    ("id", "string"),
    ("sequence_id", "string"),
    ("rank", "int"),
    ("captured_at", "datetime"),  # UTC
    ("captured_local", "string"),  # ISO 8601 with the capture's own offset
    ("heading", "double"),
    ("type", "string"),  # flat | 360
    ("producer", "string"),
    ("camera", "string"),
    ("h_accuracy_m", "double"),
    ("pixel_density", "double"),
    ("license", "string"),
    ("instance", "string"),
    ("home_instance", "string"),
    ("thumb_url", "string"),
    ("sd_url", "string"),
    ("hd_url", "string"),
)


def picture_fields() -> QgsFields:
    return make_fields(PICTURE_FIELDS)


def to_qdatetime(value) -> QDateTime | None:
    """An aware Python datetime as a UTC ``QDateTime`` (QGIS shows it in local time)."""
    if value is None:
        return None
    utc = value.astimezone(timezone.utc)
    return QDateTime.fromMSecsSinceEpoch(int(utc.timestamp() * 1000), Qt.TimeSpec.UTC)


def picture_attributes(picture: Picture) -> list:
    captured = picture.captured_at
    return [
        picture.id,
        picture.sequence_id,
        picture.rank,
        to_qdatetime(captured),
        captured.isoformat() if captured else None,
        picture.heading,
        picture.kind,
        picture.producer,
        picture.camera,
        picture.horizontal_accuracy,
        picture.pixel_density,
        picture.license,
        picture.instance_url,
        picture.home_url or picture.instance_url,
        picture.asset_url("thumb"),
        picture.asset_url("sd"),
        picture.asset_url("hd"),
    ]


def picture_features(pictures, fields: QgsFields) -> list:
    """``QgsFeature``s for the pictures."""
    features = []
    for picture in pictures:
        feature = QgsFeature(fields)
        feature.setAttributes(picture_attributes(picture))
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(picture.lon, picture.lat)))
        features.append(feature)
    return features


class PicturesLayer:
    """Owns the memory layer of pictures and an index of ids already in it."""

    def __init__(self, name: str | None = None):
        name = name or QCoreApplication.translate("PicturesLayer", "Panoramax pictures")
        self.layer = memory_layer("Point", name, PICTURE_FIELDS)
        self.fields = self.layer.fields()
        self._fids: dict = {}  # picture id -> feature id
        self._positions: dict = {}  # picture id -> (lon, lat), for cheap area queries
        apply_pictures_style(self.layer)

    def add_to_project(self) -> None:
        add_to_project(self.layer)

    def __len__(self) -> int:
        return len(self._fids)

    def contains(self, picture_id: str) -> bool:
        return picture_id in self._fids

    def add_features(self, features) -> int:
        """Add the features whose picture is not in the layer yet; returns how many."""
        id_index = self.fields.indexOf("id")
        fresh = []
        for feature in features:
            picture_id = feature.attribute(id_index)
            if picture_id not in self._fids:
                self._fids[picture_id] = None
                fresh.append(feature)
        if not fresh:
            return 0
        ok, added = self.layer.dataProvider().addFeatures(fresh)
        for feature in added:
            picture_id = feature.attribute(id_index)
            self._fids[picture_id] = feature.id()
            point = feature.geometry().asPoint()
            self._positions[picture_id] = (point.x(), point.y())
        self.layer.updateExtents()
        return len(added)

    def add_pictures(self, pictures) -> int:
        """Build and add the features of pictures not in the layer yet."""
        return self.add_features(
            picture_features([p for p in pictures if p.id not in self._fids], self.fields)
        )

    def feature_id(self, picture_id: str):
        return self._fids.get(picture_id)

    def remove_pictures(self, picture_ids) -> int:
        fids = [self._fids.pop(pid) for pid in picture_ids if self._fids.get(pid) is not None]
        for picture_id in picture_ids:
            self._positions.pop(picture_id, None)
        if fids:
            self.layer.dataProvider().deleteFeatures(fids)
            self.layer.updateExtents()
        return len(fids)

    def ids_in_bbox(self, bbox) -> set:
        """Picture ids of features inside a WGS84 box (for reconciling a refresh)."""
        west, south, east, north = bbox
        return {
            picture_id
            for picture_id, (lon, lat) in self._positions.items()
            if west <= lon <= east and south <= lat <= north
        }
