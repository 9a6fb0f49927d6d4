"""Styles that read at a glance: heading arrows, 360° apart from flat, sequences by age.

Map tips show the thumbnail and the date; every server value put into HTML is
escaped by the expression itself (quotes included: the thumbnail URL sits in an
attribute, and only http(s) URLs go there), since QGIS inserts expression results
as raw HTML.
"""

from __future__ import annotations

from qgis.core import (
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRuleBasedRenderer,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSymbolLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QPointF
from qgis.PyQt.QtGui import QColor

from ..core.i18n import QT_TRANSLATE_NOOP

FLAT_COLOR = "#1b6fc2"
PANO_COLOR = "#e8590c"
AGE_CLASSES = (  # (label, expression on the last capture date, colour)
    (
        QT_TRANSLATE_NOOP("PanoramaxStyles", "less than 1 year"),
        "\"last_capture\" >= now() - to_interval('365 days')",
        "#2b8a3e",
    ),
    (
        QT_TRANSLATE_NOOP("PanoramaxStyles", "1 to 2 years"),
        "\"last_capture\" < now() - to_interval('365 days') "
        "AND \"last_capture\" >= now() - to_interval('730 days')",
        "#94d82d",
    ),
    (
        QT_TRANSLATE_NOOP("PanoramaxStyles", "2 to 5 years"),
        "\"last_capture\" < now() - to_interval('730 days') "
        "AND \"last_capture\" >= now() - to_interval('1826 days')",
        "#fab005",
    ),
    (
        QT_TRANSLATE_NOOP("PanoramaxStyles", "more than 5 years"),
        "\"last_capture\" < now() - to_interval('1826 days')",
        "#c92a2a",
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PanoramaxStyles", text)


_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"))


def _escaped(field: str) -> str:
    """Expression that HTML-escapes a field's text for a map tip (text and attributes:
    quotes too, so a value cannot leave an ``src="…"``)."""
    expression = f"coalesce(to_string(\"{field}\"), '')"
    for char, entity in _HTML_ESCAPES:
        literal = char.replace("'", "''")  # a quote inside an expression string is doubled
        expression = f"replace({expression}, '{literal}', '{entity}')"
    return expression


def _http_url(field: str) -> str:
    """Expression: the field's URL, HTML-escaped, only when it is http(s) (else empty)."""
    return f"if(regexp_match(coalesce(\"{field}\", ''), '^https?://'), {_escaped(field)}, '')"


def _arrow(color: str, size: float, ahead: float) -> QgsSimpleMarkerSymbolLayer:
    """A triangle pointing along the heading, ``ahead`` mm in front of the point.

    The triangle points up (north) at angle 0 and QGIS rotates the offset with the
    angle, so heading = angle, clockwise from north, as on a compass.
    """
    arrow = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Shape.Triangle, size, 0)
    arrow.setColor(QColor(color))
    arrow.setStrokeColor(QColor("white"))
    arrow.setStrokeWidth(0.2)
    arrow.setOffset(QPointF(0, -ahead))
    arrow.setDataDefinedProperty(
        QgsSymbolLayer.Property.PropertyAngle, QgsProperty.fromExpression('coalesce("heading", 0)')
    )
    return arrow


def _circle(color: str, size: float) -> QgsSimpleMarkerSymbolLayer:
    circle = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Shape.Circle, size, 0)
    circle.setColor(QColor(color))
    circle.setStrokeColor(QColor("white"))
    circle.setStrokeWidth(0.3)
    return circle


def pictures_renderer() -> QgsRuleBasedRenderer:
    """360° pictures: orange disc; flat: smaller blue dot; both with a heading arrow."""
    root = QgsRuleBasedRenderer.Rule(None)

    pano = QgsMarkerSymbol()
    pano.changeSymbolLayer(0, _circle(PANO_COLOR, 3.4))
    pano.appendSymbolLayer(_arrow(PANO_COLOR, 2.0, 2.2))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            pano,
            0,
            0,
            "\"type\" = '360'",
            QCoreApplication.translate("PanoramaxStyles", "360° picture"),
        )
    )

    flat = QgsMarkerSymbol()
    flat.changeSymbolLayer(0, _circle(FLAT_COLOR, 2.2))
    flat.appendSymbolLayer(_arrow(FLAT_COLOR, 2.6, 2.0))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            flat,
            0,
            0,
            '"type" = \'flat\' AND "heading" IS NOT NULL',
            QCoreApplication.translate("PanoramaxStyles", "Flat picture"),
        )
    )

    unknown = QgsMarkerSymbol()
    unknown.changeSymbolLayer(0, _circle(FLAT_COLOR, 2.2))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            unknown,
            0,
            0,
            '"type" = \'flat\' AND "heading" IS NULL',
            QCoreApplication.translate("PanoramaxStyles", "Flat picture without heading"),
        )
    )
    return QgsRuleBasedRenderer(root)


def apply_pictures_style(layer) -> None:
    layer.setRenderer(pictures_renderer())
    layer.setMapTipTemplate(
        '<div style="max-width:260px">'
        f'<img src="[% {_http_url("thumb_url")} %]" width="250"/><br/>'
        "<b>[% format_date(\"captured_at\", 'yyyy-MM-dd HH:mm') %]</b> "
        f"([% {_escaped('type')} %])<br/>"
        f"[% {_escaped('producer')} %]"
        "</div>"
    )
    layer.setDisplayExpression('"id"')


def sequences_renderer() -> QgsRuleBasedRenderer:
    """Sequences coloured by the age of their last capture."""
    root = QgsRuleBasedRenderer.Rule(None)
    for label, expression, color in AGE_CLASSES:
        symbol = QgsLineSymbol.createSimple(
            {"line_color": color, "line_width": "0.9", "capstyle": "round", "joinstyle": "round"}
        )
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, _tr(label)))
    undated = QgsLineSymbol.createSimple({"line_color": "#868e96", "line_width": "0.7"})
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            undated,
            0,
            0,
            '"last_capture" IS NULL',
            QCoreApplication.translate("PanoramaxStyles", "no date"),
        )
    )
    return QgsRuleBasedRenderer(root)


def apply_sequences_style(layer) -> None:
    layer.setRenderer(sequences_renderer())
    layer.setMapTipTemplate(
        f"<b>[% {_escaped('title')} %]</b><br/>"
        "[% format_date(\"first_capture\", 'yyyy-MM-dd') %] · "
        f"[% {_escaped('picture_count')} %] [% {_escaped('type')} %]<br/>"
        f"[% {_escaped('producer')} %]"
    )
    layer.setDisplayExpression('coalesce("title", "id")')
