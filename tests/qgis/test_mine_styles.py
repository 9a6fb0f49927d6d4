"""My pictures' layers: public, hidden, not ready and being deleted told apart on the map
(one rule each, exclusive), and readable names for the server's codes."""

from __future__ import annotations

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsRenderContext,
)

from panoramax_plugin.core.mine import MySequence
from panoramax_plugin.mine.labels import ORDER_LABELS, code_of, labelled
from panoramax_plugin.mine.layers import MyPicturesLayer, MySequencesLayer


def sequence(key, visibility, status):
    return MySequence(
        id=key,
        title=key,
        status=status,
        visibility=visibility,
        picture_count=2,
        start=None,
        end=None,
        created=None,
        updated=None,
        length_km=0.1,
        bbox=(2.0, 48.0, 2.001, 48.001),
        upload_set_id=None,
        sorted_by=None,
    )


def rule_labels(layer):
    renderer = layer.renderer()
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer)
    )
    renderer.startRender(context, layer.fields())
    found = {}
    labels = {
        key: text for key, text in ((i.ruleKey(), i.label()) for i in renderer.legendSymbolItems())
    }
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        keys = renderer.legendKeysForFeature(feature, context)
        found[feature["id"]] = sorted(labels[key] for key in keys if key in labels)
    renderer.stopRender(context)
    return found


def test_each_state_has_its_own_rule_and_codes_read_as_names(qgis_app):
    layer = MySequencesLayer()
    layer.set_sequences(
        [
            sequence("public", "anyone", "ready"),
            sequence("hidden", "owner-only", "waiting-for-process"),
            sequence("processing", "anyone", "preparing"),
            sequence("deleting", "owner-only", "ready"),
            sequence("unknown", None, None),
        ]
    )
    layer.set_pending(["deleting"], "deleting")
    assert rule_labels(layer.layer) == {
        "public": ["Public"],
        "hidden": ["Hidden"],
        "processing": ["Not ready"],
        "deleting": ["Being deleted"],
        "unknown": ["Public"],
    }
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer.layer))
    context.setFeature(layer.feature("hidden"))
    shown = QgsExpression('represent_value("visibility") || \'/\' || represent_value("status")')
    assert shown.evaluate(context) == "Only me/Waiting to be processed"
    assert MyPicturesLayer().layer.renderer().type() == "RuleRenderer"


def test_choices_show_names_and_give_codes():
    pairs = labelled(ORDER_LABELS, ["+gpsdate", "-filename", "+newcode"])
    assert pairs[0] == ("GPS time, oldest first", "+gpsdate")
    assert pairs[2] == ("+newcode", "+newcode")  # a code the plugin does not know yet
    assert code_of(pairs, "File name, Z to A") == "-filename"
    assert code_of(pairs, "-filename") == "-filename"
