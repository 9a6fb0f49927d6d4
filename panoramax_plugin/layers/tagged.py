"""The tagged pictures (or annotations) point layer: rows from ``core.tagged``, a column
per tag key (added as keys are met, up to ``core.tagged.MAX_KEY_COLUMNS``), categorized
by the main tag once loaded.

Main thread only. Fields ``picture_id``/``sequence_id``/``instance`` make the layer's
features open in the viewer through the plugin's layer actions (``integration.layer_actions``).
"""

from __future__ import annotations

from collections import Counter

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..compat import field_type
from ..core.tagged import ANNOTATION_COLUMNS, PICTURE_COLUMNS, KeyColumns
from .memory import add_to_project, make_fields, memory_layer
from .pictures import to_qdatetime
from .styles import _escaped, _http_url

MAX_CATEGORIES = 24
PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#800000",
    "#808000",
    "#000075",
    "#bfef45",
    "#dcbeff",
    "#ffe119",
    "#aaffc3",
    "#fabed4",
    "#a9a9a9",
)
OTHER_COLOR = "#495057"


class TaggedLayer:
    """One memory layer of tag rows (pictures or annotations)."""

    def __init__(self, name: str, annotations: bool = False):
        self.annotations = annotations
        self.columns = ANNOTATION_COLUMNS if annotations else PICTURE_COLUMNS
        self.layer = memory_layer("Point", name, self.columns)
        self.keys = KeyColumns()
        self.main_counts: Counter = Counter()
        self._date_index = [name for name, _ in self.columns].index("captured_at")
        self._fields = self.layer.fields()
        self.count = 0

    def add_to_project(self) -> None:
        add_to_project(self.layer)

    def _admit_keys(self, rows) -> None:
        added = self.keys.admit(key for row in rows for key in row.grouped)
        if added:
            provider = self.layer.dataProvider()
            provider.addAttributes([QgsField(name, field_type("string")) for _, name in added])
            self.layer.updateFields()
            self._fields = self.layer.fields()

    def add_rows(self, rows) -> int:
        """Add the rows as features (new keys get their column first)."""
        if not rows:
            return 0
        self._admit_keys(rows)
        features = row_features(rows, self._fields, self.keys, self._date_index)
        for row in rows:
            self.main_counts[row.main.text if row.main is not None else ""] += 1
        ok, added = self.layer.dataProvider().addFeatures(features)
        self.count += len(added)
        return len(added)

    def finish(self) -> None:
        """Extent and style, once every row is in."""
        self.layer.updateExtents()
        apply_tagged_style(self.layer, self.main_counts)
        self.layer.triggerRepaint()


def row_features(rows, fields, keys: KeyColumns, date_index: int) -> list:
    """``QgsFeature``s of rows: the fixed columns, then one per keyed tag column."""
    features = []
    for row in rows:
        attributes = list(row.fixed)
        attributes[date_index] = to_qdatetime(attributes[date_index])
        attributes.extend(keys.values(row.grouped))
        feature = QgsFeature(fields)
        feature.setAttributes(attributes)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(row.lon, row.lat)))
        features.append(feature)
    return features


def row_fields(columns, keys: KeyColumns):
    """``QgsFields`` of the fixed columns and the keyed tag columns."""
    fields = make_fields(columns)
    for key in keys.keys:
        fields.append(QgsField(keys.names[key], field_type("string")))
    return fields


def _symbol(color: str) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": color, "size": "2.6", "outline_color": "white"}
    )


def tagged_renderer(main_counts: Counter) -> QgsCategorizedSymbolRenderer:
    """A colour per main tag (the most frequent first, at most ``MAX_CATEGORIES``), the
    rest grey under "other tags"."""
    categories = []
    ranked = [value for value, _ in main_counts.most_common() if value]
    for index, value in enumerate(ranked[:MAX_CATEGORIES]):
        label = f"{value} ({main_counts[value]})"
        categories.append(QgsRendererCategory(value, _symbol(PALETTE[index % len(PALETTE)]), label))
    rest = sum(main_counts.values()) - sum(main_counts[v] for v in ranked[:MAX_CATEGORIES])
    if rest or not categories:  # "" is QGIS's "all other values"
        other = QCoreApplication.translate("TaggedLayer", "other tags ({count})").format(count=rest)
        categories.append(QgsRendererCategory("", _symbol(OTHER_COLOR), other))
    return QgsCategorizedSymbolRenderer("main_tag", categories)


def apply_tagged_style(layer, main_counts: Counter) -> None:
    layer.setRenderer(tagged_renderer(main_counts))
    layer.setMapTipTemplate(
        '<div style="max-width:260px">'
        f'<img src="[% {_http_url("thumb_url")} %]" width="250"/><br/>'
        f"<b>[% {_escaped('main_tag')} %]</b><br/>"
        "[% format_date(\"captured_at\", 'yyyy-MM-dd HH:mm') %]<br/>"
        f"[% {_escaped('tags')} %]"
        "</div>"
    )
    layer.setDisplayExpression('coalesce("main_tag", "picture_id")')
