"""The pre-flight preview layer and the upload report layer (temporary, WGS84 points)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
)

from ..layers.memory import add_to_project, memory_layer

PREVIEW_FIELDS = [
    ("file", "string"),
    ("status", "string"),
    ("reason", "string"),
    ("sequence", "int"),
    ("duplicate_of", "string"),
    ("captured_at", "string"),
    ("heading", "double"),
    ("is_360", "bool"),
    ("camera", "string"),
]
REPORT_FIELDS = [
    ("file", "string"),
    ("status", "string"),
    ("picture_id", "string"),
    ("sequence_id", "string"),
    ("link", "string"),
    ("reason", "string"),
]
STATUS_COLOURS = {
    "ready": "#2e9e44",
    "sent": "#2e9e44",
    "already_sent": "#4a7fd6",
    "duplicate": "#f0a020",
    "not_ready": "#d03030",
    "rejected": "#d03030",
    "failed": "#8a2be2",
    "pending": "#888888",
}


def _styled(layer, labels: dict) -> None:
    categories = []
    for value, label in labels.items():
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": STATUS_COLOURS.get(value, "#888888"), "size": "2.6"}
        )
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))


def _fill(layer, rows) -> None:
    features = []
    for geometry_point, values in rows:
        feature = QgsFeature(layer.fields())
        if geometry_point is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*geometry_point)))
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()


def status_layer(name: str, spec, rows, labels: dict):
    """A temporary point layer coloured by ``status``; rows: ((lon, lat) or None, values).

    ``spec`` is PREVIEW_FIELDS (the pre-flight check) or REPORT_FIELDS (after an upload);
    files without a position are kept, without geometry, so the table lists them all.
    """
    layer = memory_layer("Point", name, spec)
    _fill(layer, rows)
    _styled(layer, labels)
    add_to_project(layer)
    return layer
