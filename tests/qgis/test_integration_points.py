"""The plugin's QGIS integration points without a network: the locator filter reads ids
and links, the expression functions build URLs in a feature context, the feature actions
show up on the right layers, and unload leaves nothing registered."""

from __future__ import annotations

from unittest import mock

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsLocatorContext,
    QgsPointXY,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsGui

from panoramax_plugin.integration.expressions import ExpressionFunctions
from panoramax_plugin.integration.layer_actions import (
    PictureLayerActions,
    feature_picture,
    layer_picture_fields,
)
from panoramax_plugin.integration.locator import PanoramaxLocatorFilter, decode, result_data
from panoramax_plugin.layers.pictures import PICTURE_FIELDS
from tests.qgis.conftest import import_plugin_package

PIC = "890b6268-7716-4e34-ada9-69985e6c1657"
SEQ = "b3bae33e-cba0-4a2c-9a1e-2b1e2f0c7d11"
FUNCTIONS = [
    "panoramax_thumb_url",
    "panoramax_sd_url",
    "panoramax_hd_url",
    "panoramax_viewer_url",
    "panoramax_viewer_url_toward",
]


# ---------------------------------------------------------------------- locator
def _fetch(locator_filter, text):
    found = []
    locator_filter.resultFetched.connect(found.append)
    try:
        locator_filter.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    finally:
        locator_filter.resultFetched.disconnect(found.append)
    return [(r.displayString, decode(result_data(r))) for r in found]


@pytest.fixture()
def locator_filter(qgis_app):
    opener = mock.Mock()
    locator_filter = PanoramaxLocatorFilter(opener)
    yield locator_filter
    locator_filter.deleteLater()


def test_a_bare_id_may_be_a_picture_or_a_sequence(locator_filter):
    assert _fetch(locator_filter, f" {PIC.upper()} ") == [
        (f"Open picture {PIC}", ("picture", None, PIC, None)),
        (f"Open sequence {PIC}", ("sequence", None, None, PIC)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"https://panoramax.ign.fr/#focus=pic&pic={PIC}&map=19/48.1/-1.7",
            [
                (
                    f"Open picture {PIC} (on panoramax.ign.fr)",
                    ("picture", "https://panoramax.ign.fr/api", PIC, None),
                )
            ],
        ),
        (
            f"https://panoramax.openstreetmap.fr/?pic={PIC}&seq={SEQ}",
            [
                (
                    f"Open picture {PIC} (on panoramax.openstreetmap.fr)",
                    ("picture", "https://panoramax.openstreetmap.fr/api", PIC, SEQ),
                )
            ],
        ),
        (
            f"http://127.0.0.1:5000/api/collections/{SEQ}",
            [
                (
                    f"Open sequence {SEQ} (on 127.0.0.1:5000)",
                    ("sequence", "http://127.0.0.1:5000/api", None, SEQ),
                )
            ],
        ),
        (
            f"https://street.example.org/#focus=map&seq={SEQ}",
            [
                (
                    f"Open sequence {SEQ} (on street.example.org)",
                    ("sequence", "https://street.example.org/api", None, SEQ),
                )
            ],
        ),
        ("bakery", []),
        ("https://panoramax.ign.fr/", []),
    ],
)
def test_links_give_one_result(locator_filter, text, expected):
    assert _fetch(locator_filter, text) == expected


def test_the_filter_clones_and_stops_when_cancelled(locator_filter):
    clone = locator_filter.clone()
    assert isinstance(clone, PanoramaxLocatorFilter) and clone.opener is locator_filter.opener
    assert clone.prefix() == "pnx" and clone.useWithoutPrefix()
    found = []
    clone.resultFetched.connect(found.append)
    feedback = QgsFeedback()
    feedback.cancel()
    clone.fetchResults(PIC, QgsLocatorContext(), feedback)
    assert found == []
    clone.deleteLater()


def test_trigger_hands_the_ids_to_the_opener(locator_filter):
    results = []
    locator_filter.resultFetched.connect(results.append)
    locator_filter.fetchResults(
        f"http://127.0.0.1:5000/#pic={PIC}&seq={SEQ}", QgsLocatorContext(), QgsFeedback()
    )
    locator_filter.triggerResult(results[0])
    locator_filter.opener.open_picture.assert_called_once_with(
        PIC, SEQ, "http://127.0.0.1:5000/api"
    )
    results.clear()
    locator_filter.fetchResults(PIC, QgsLocatorContext(), QgsFeedback())
    locator_filter.triggerResult(results[1])  # "Open sequence"
    locator_filter.opener.open_sequence.assert_called_once_with(PIC, None)


# ---------------------------------------------------------------------- expressions
@pytest.fixture()
def functions(qgis_app):
    QgsSettings().setValue("panoramax/instance_key", "osm-fr")
    registered = ExpressionFunctions()
    registered.register()
    yield registered
    registered.unregister()
    QgsSettings().remove("panoramax/instance_key")


def _layer(fields="field=picture_id:string&field=name:string", crs="EPSG:4326"):
    layer = QgsVectorLayer(f"Point?crs={crs}&{fields}", "mine", "memory")
    assert layer.isValid()
    return layer


def _feature(layer, values, x=2.0, y=48.0):
    feature = QgsFeature(layer.fields())
    for name, value in values.items():
        feature[name] = value
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
    return feature


def _evaluate(text, layer, feature):
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    expression = QgsExpression(text)
    assert not expression.hasParserError(), expression.parserErrorString()
    value = expression.evaluate(context)
    return value, expression.evalErrorString()


def test_functions_are_registered_with_help(functions):
    assert functions.names == FUNCTIONS
    for name in FUNCTIONS:
        assert QgsExpression.isFunctionName(name)
        function = QgsExpression.Functions()[QgsExpression.functionIndex(name)]
        assert function.groups() == ["Panoramax"]
        assert name in function.helpText() and "picture_id" in function.helpText()


def test_urls_from_a_feature(functions):
    layer = _layer()
    feature = _feature(layer, {"picture_id": PIC})
    osm = "https://panoramax.openstreetmap.fr"
    assert _evaluate('panoramax_thumb_url("picture_id")', layer, feature) == (
        f"{osm}/api/pictures/{PIC}/thumb.jpg",  # the plugin's instance (settings)
        "",
    )
    assert _evaluate("panoramax_sd_url(\"picture_id\", 'ign')", layer, feature)[0] == (
        f"https://panoramax.ign.fr/api/pictures/{PIC}/sd.jpg"
    )
    assert _evaluate("panoramax_hd_url(\"picture_id\", 'http://127.0.0.1:5000')", layer, feature)[
        0
    ] == (f"http://127.0.0.1:5000/api/pictures/{PIC}/hd.jpg")
    assert _evaluate('panoramax_viewer_url("picture_id")', layer, feature)[0] == (
        f"{osm}/#focus=pic&pic={PIC}"
    )
    assert _evaluate(
        "panoramax_viewer_url(\"picture_id\", 'federated', heading:=-90, pitch:=10)",
        layer,
        feature,
    )[0] == (f"https://api.panoramax.xyz/#focus=pic&pic={PIC}&xyz=270/10/0")
    # a link as the id: its own instance
    link = f"https://panoramax.ign.fr/#focus=pic&pic={PIC}"
    assert _evaluate(f"panoramax_thumb_url('{link}')", layer, feature)[0] == (
        f"https://panoramax.ign.fr/api/pictures/{PIC}/thumb.jpg"
    )


def test_viewer_url_toward_a_point_in_the_layer_crs(functions):
    layer = _layer(crs="EPSG:2154")  # Lambert-93: the points are read in it
    feature = _feature(layer, {"picture_id": PIC}, x=652000.0, y=6862000.0)
    value, error = _evaluate(
        'panoramax_viewer_url_toward("picture_id", $geometry, '
        "translate($geometry, 0, 100), 'ign')",
        layer,
        feature,
    )
    assert error == ""
    heading = float(value.split("&xyz=")[1].split("/")[0])
    # grid north is not true north in Lambert-93 (a little east of Paris: ~0.3°)
    assert value.startswith(f"https://panoramax.ign.fr/#focus=pic&pic={PIC}&xyz=")
    assert min(heading, 360 - heading) < 2.0
    east, _ = _evaluate(
        'panoramax_viewer_url_toward("picture_id", $geometry, '
        "translate($geometry, 50, 0), 'ign')",
        layer,
        feature,
    )
    assert 88.0 < float(east.split("&xyz=")[1].split("/")[0]) < 92.0


def test_null_and_bad_arguments(functions):
    layer = _layer()
    feature = _feature(layer, {"picture_id": None})
    for name in FUNCTIONS[:4]:
        assert _evaluate(f'{name}("picture_id")', layer, feature) == (None, "")
    assert (
        _evaluate("panoramax_viewer_url_toward(NULL, $geometry, $geometry)", layer, feature)[0]
        is None
    )
    assert _evaluate("panoramax_thumb_url('')", layer, feature) == (None, "")
    value, error = _evaluate("panoramax_thumb_url('bakery')", layer, feature)
    assert value is None and "not a Panoramax picture id" in error
    value, error = _evaluate(f"panoramax_thumb_url('{PIC}', 'ftp://x')", layer, feature)
    assert value is None and "web address" in error
    value, error = _evaluate(f"panoramax_viewer_url('{PIC}', heading:='north')", layer, feature)
    assert value is None and "heading must be a number" in error
    value, error = _evaluate(f"panoramax_viewer_url_toward('{PIC}', 3, $geometry)", layer, feature)
    assert value is None and "picture_point must be a geometry" in error


def test_a_custom_instance_from_the_settings(functions):
    QgsSettings().setValue("panoramax/instance_key", "custom")
    QgsSettings().setValue("panoramax/custom_url", "http://127.0.0.1:5000/")
    try:
        layer = _layer()
        value, _ = _evaluate(f"panoramax_thumb_url('{PIC}')", layer, _feature(layer, {}))
        assert value == f"http://127.0.0.1:5000/api/pictures/{PIC}/thumb.jpg"
        QgsSettings().setValue("panoramax/custom_url", "")
        value, error = _evaluate(f"panoramax_thumb_url('{PIC}')", layer, _feature(layer, {}))
        assert value is None and "No Panoramax instance" in error
    finally:
        QgsSettings().remove("panoramax/custom_url")


# ---------------------------------------------------------------------- layer actions
def _pictures_layer():
    fields = "&".join(f"field={name}:{kind}" for name, kind in PICTURE_FIELDS)
    fields = fields.replace(":datetime", ":datetime")
    return _layer(fields)


@pytest.fixture()
def actions(qgis_app, desktop):
    opener = mock.Mock()
    installed = PictureLayerActions(opener, desktop.bar)
    installed.install()
    yield installed
    installed.remove()


def _ours(actions, layer):
    return [
        a.text()
        for a in QgsGui.mapLayerActionRegistry().mapLayerActions(layer)
        if a in actions.actions
    ]


def test_actions_on_picture_layers_only(actions):
    expected = ["Open in the Panoramax viewer", "Open in the Panoramax web viewer"]
    assert _ours(actions, _pictures_layer()) == expected
    assert _ours(actions, _layer("field=Panoramax:string")) == expected  # the OSM key
    assert _ours(actions, _layer("field=pnx_pics:string&field=pnx_inst:string")) == expected
    assert _ours(actions, _layer("field=name:string&field=id:string")) == []
    assert _ours(actions, _layer("field=sequence_id:string")) == []


def test_which_picture_a_feature_is(qgis_app):
    browse = _pictures_layer()
    feature = _feature(
        browse,
        {
            "id": PIC,
            "sequence_id": SEQ,
            "instance": "https://api.panoramax.xyz/api",
            "home_instance": "https://panoramax.ign.fr/api",
        },
    )
    fields = layer_picture_fields(browse)
    assert feature_picture(fields, feature) == ("https://api.panoramax.xyz/api", PIC, SEQ)
    assert feature_picture(fields, feature, web=True) == ("https://panoramax.ign.fr/api", PIC, SEQ)
    measures = _layer("field=pnx_pics:string&field=pnx_inst:string")
    feature = _feature(measures, {"pnx_pics": f"{PIC},{SEQ}", "pnx_inst": "osm-fr"})
    assert feature_picture(layer_picture_fields(measures), feature) == (
        "https://panoramax.openstreetmap.fr/api",
        PIC,
        None,
    )
    plain = _layer()
    assert (
        feature_picture(layer_picture_fields(plain), _feature(plain, {"picture_id": None})) is None
    )
    assert (
        feature_picture(layer_picture_fields(plain), _feature(plain, {"picture_id": "bakery"}))
        is None
    )


def test_open_in_viewer_and_web_viewer(actions, desktop):
    layer = _layer("field=picture_id:string&field=instance:string")
    feature = _feature(layer, {"picture_id": PIC, "instance": "ign"})
    actions.open_action.triggerForFeature(layer, feature)
    actions.opener.open_picture.assert_called_once_with(
        PIC, None, "https://panoramax.ign.fr/api", centre="if_outside"
    )
    with mock.patch(
        "panoramax_plugin.integration.layer_actions.QDesktopServices.openUrl"
    ) as open_url:
        actions.web_action.triggerForFeature(layer, feature)
    assert open_url.call_count == 1
    assert open_url.call_args[0][0].toString() == (f"https://panoramax.ign.fr/#focus=pic&pic={PIC}")
    # a feature without an id: said, nothing opened
    actions.open_action.triggerForFeature(layer, _feature(layer, {"picture_id": None}))
    assert actions.opener.open_picture.call_count == 1
    assert any("no Panoramax picture id" in item.text() for item in desktop.bar.items())


# ---------------------------------------------------------------------- the plugin
def test_plugin_load_and_unload_leave_nothing_registered(desktop, qgis_app):
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    package = import_plugin_package()
    plugin = package.classFactory(desktop)
    plugin.initGui()
    try:
        assert all(QgsExpression.isFunctionName(name) for name in FUNCTIONS)
        assert [f.name() for f in desktop.locator.filters()] == ["panoramax"]
        layer = _pictures_layer()
        texts = [a.text() for a in QgsGui.mapLayerActionRegistry().mapLayerActions(layer)]
        assert "Open in the Panoramax viewer" in texts
    finally:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(QgsExpression.isFunctionName(name) for name in FUNCTIONS)
    assert desktop.locator.filters() == []
    texts = [a.text() for a in QgsGui.mapLayerActionRegistry().mapLayerActions(_pictures_layer())]
    assert "Open in the Panoramax viewer" not in texts
    assert "Open in the Panoramax web viewer" not in texts
