"""Map tips are HTML that QGIS fills with expression results as is: every server value
in them must be escaped, the thumbnail URL (an attribute) quotes included."""

from __future__ import annotations

from html.parser import HTMLParser

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
)

from panoramax_plugin.core.models import picture_from_feature
from panoramax_plugin.layers.pictures import PicturesLayer
from panoramax_plugin.layers.sequences import SequencesLayer
from tests.hostile_server import XSS, html_features


def rendered_tip(layer, feature) -> str:
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    return QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [name for name, _ in attrs]))

    handle_startendtag = handle_starttag


def assert_no_markup_from_the_server(html: str) -> None:
    """Only the template's own tags and attributes: nothing from the server is markup."""
    parser = _Tags()
    parser.feed(html)
    for tag, attributes in parser.tags:
        assert tag in {"div", "img", "br", "b"}, parser.tags
        assert set(attributes) <= {"style", "src", "width"}, parser.tags


def test_picture_map_tip_escapes_every_server_value(qgis_app):
    """Before: ``<img src="http://x/t.jpg" onerror="alert(1)" width="250"/>``."""
    picture = picture_from_feature(html_features()[0], base_url="http://x/api/search")
    assert picture.asset_url("thumb") == 'http://x/t.jpg" onerror="alert(1)'
    layer = PicturesLayer("xss")
    layer.add_pictures([picture])
    feature = next(layer.layer.getFeatures())
    html = rendered_tip(layer.layer, feature)
    assert_no_markup_from_the_server(html)
    assert "&quot;" in html and "&lt;script&gt;" in html


def test_a_non_http_thumbnail_never_reaches_the_map_tip(qgis_app):
    layer = PicturesLayer("js")
    layer.add_pictures([picture_from_feature(html_features()[0])])
    feature = QgsFeature(next(layer.layer.getFeatures()))
    index = layer.layer.fields().indexOf("thumb_url")
    feature.setAttribute(index, "javascript:alert(1)")  # even if one got into the layer
    html = rendered_tip(layer.layer, feature)
    assert 'src=""' in html and "javascript" not in html


def test_sequence_map_tip_escapes_every_server_value(qgis_app):
    layer = SequencesLayer("xss")
    fields = layer.layer.fields()
    feature = QgsFeature(fields)
    values = {"title": XSS, "producer": XSS, "type": XSS, "picture_count": 3}
    feature.setAttributes([values.get(fields.at(i).name()) for i in range(fields.count())])
    html = rendered_tip(layer.layer, feature)
    assert_no_markup_from_the_server(html)
    assert html.count("&lt;script&gt;") == 3
