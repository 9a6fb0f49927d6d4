"""How "My pictures" looks: what is public, hidden, still processing or being deleted is
told apart at a glance on the map, pictures show their heading, and the attribute table
and forms show readable names for the server's codes (value maps over the codes)."""

from __future__ import annotations

from qgis.core import (
    QgsEditorWidgetSetup,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRuleBasedRenderer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..layers.styles import _arrow, _circle, _escaped
from .labels import STATUS_LABELS, VISIBILITY_LABELS, label

PUBLIC_COLOR = "#1c7ed6"
HIDDEN_COLOR = "#868e96"
PROCESSING_COLOR = "#f08c00"
DELETING_COLOR = "#e03131"

DELETING = "coalesce(\"pending\", '') = 'deleting'"
HIDDEN = "coalesce(\"visibility\", 'anyone') <> 'anyone'"
NOT_READY = "coalesce(\"status\", 'ready') <> 'ready'"


def _rules(symbols: dict) -> QgsRuleBasedRenderer:
    """Exclusive rules, in this order of importance: being deleted, hidden, not ready,
    public (the ELSE rule)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, symbol, text in (
        (DELETING, symbols["deleting"], QCoreApplication.translate("MyStyles", "Being deleted")),
        (
            f"NOT ({DELETING}) AND {HIDDEN}",
            symbols["hidden"],
            QCoreApplication.translate("MyStyles", "Hidden"),
        ),
        (
            f"NOT ({DELETING}) AND NOT ({HIDDEN}) AND {NOT_READY}",
            symbols["processing"],
            QCoreApplication.translate("MyStyles", "Not ready"),
        ),
        ("ELSE", symbols["public"], QCoreApplication.translate("MyStyles", "Public")),
    ):
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, text))
    return QgsRuleBasedRenderer(root)


def _line(color: str, width: float, dashed: bool = False) -> QgsLineSymbol:
    properties = {"line_color": color, "line_width": str(width), "capstyle": "round"}
    if dashed:
        properties["line_style"] = "dash"
    return QgsLineSymbol.createSimple(properties)


def _point(color: str) -> QgsMarkerSymbol:
    symbol = QgsMarkerSymbol()
    symbol.changeSymbolLayer(0, _circle(color, 2.4))
    symbol.appendSymbolLayer(_arrow(color, 2.4, 2.0))
    return symbol


def _value_maps(layer) -> None:
    for name, labels in (("status", STATUS_LABELS), ("visibility", VISIBILITY_LABELS)):
        index = layer.fields().indexOf(name)
        if index < 0:
            continue
        pairs = [{label(labels, code): code} for code in labels]
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {"map": pairs}))


def apply_my_sequences_style(layer) -> None:
    layer.setRenderer(
        _rules(
            {
                "deleting": _line(DELETING_COLOR, 0.9, dashed=True),
                "hidden": _line(HIDDEN_COLOR, 0.9, dashed=True),
                "processing": _line(PROCESSING_COLOR, 0.9),
                "public": _line(PUBLIC_COLOR, 0.9),
            }
        )
    )
    _value_maps(layer)
    layer.setDisplayExpression('coalesce("title", "id")')
    layer.setMapTipTemplate(
        f"<b>[% {_escaped('title')} %]</b><br/>"
        "[% format_date(\"first_capture\", 'yyyy-MM-dd') %] · "
        f"[% {_escaped('picture_count')} %] · "
        '[% represent_value("visibility") %] · [% represent_value("status") %]'
    )


def apply_my_pictures_style(layer) -> None:
    layer.setRenderer(
        _rules(
            {
                "deleting": _point(DELETING_COLOR),
                "hidden": _point(HIDDEN_COLOR),
                "processing": _point(PROCESSING_COLOR),
                "public": _point(PUBLIC_COLOR),
            }
        )
    )
    _value_maps(layer)
    layer.setDisplayExpression('"id"')
