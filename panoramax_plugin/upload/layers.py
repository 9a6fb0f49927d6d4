"""The pre-flight preview layer and the upload report layer (temporary, WGS84 points)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProject,
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


def preview_layer(name: str, check_rows, labels: dict):
    """The check's rows (``file_table.CheckRow``) on the map; None if no file has a position."""
    rows = []
    for row in check_rows:
        meta = row.meta
        point = (meta.lon, meta.lat) if meta and meta.lat is not None else None
        values = [
            row.path,
            row.key,
            "" if row.key == "ready" else row.text,
            None if row.sequence is None else row.sequence + 1,
            row.duplicate_of,
            meta.captured_at.isoformat() if meta and meta.captured_at else "",
            meta.heading if meta else None,
            bool(meta and meta.is_360),
            meta.camera if meta else "",
        ]
        rows.append((point, values))
    if not any(point for point, _ in rows):
        return None
    return status_layer(name, PREVIEW_FIELDS, rows, labels)


def report_layer(name: str, report_rows, metas, labels: dict):
    """The report's rows (``file_table.ReportRow``), placed where ``metas`` say."""
    positions = {m.path: (m.lon, m.lat) for m in metas if m.lat is not None}
    rows = [(positions.get(row.file), list(row)) for row in report_rows]
    return status_layer(name, REPORT_FIELDS, rows, labels)


def remove(layer) -> None:
    """Take an earlier preview or report out of the project (None: nothing to do)."""
    if layer is not None:
        try:
            QgsProject.instance().removeMapLayer(layer.id())
        except RuntimeError:  # already deleted with the project
            pass
