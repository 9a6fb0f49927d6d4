"""The pictures layer's selection and the viewer follow each other, without echo."""

from __future__ import annotations

from panoramax_plugin.browse.controller import InstanceLayers
from panoramax_plugin.core.models import Picture
from panoramax_plugin.viewer.layer_selection import LayerSelectionSync

API = "http://127.0.0.1:9/api"


def make_layers():
    layers = InstanceLayers(API)
    layers.pictures.add_pictures(
        [Picture(f"p{i}", "s1", 4.0 + i / 1000, 45.0, rank=i) for i in range(3)]
    )
    return layers


def test_selecting_one_picture_asks_for_it_to_be_opened(qgis_app):
    layers = make_layers()
    sync, asked = LayerSelectionSync(lambda: layers), []
    sync.picture_selected.connect(lambda *args: asked.append(args))
    sync.watch(layers)
    layer = layers.pictures.layer

    layer.selectByIds([layers.pictures.feature_id("p1")])
    assert asked == [("p1", "s1", API)]

    layer.selectByIds([layers.pictures.feature_id(p) for p in ("p0", "p2")])  # two: no
    assert len(asked) == 1


def test_the_shown_picture_is_selected_without_being_opened_again(qgis_app):
    layers = make_layers()
    sync, asked = LayerSelectionSync(lambda: layers), []
    sync.picture_selected.connect(lambda *args: asked.append(args))
    sync.watch(layers)

    sync.highlight(Picture("p2", "s1", 4.002, 45.0))
    assert layers.pictures.layer.selectedFeatureIds() == [layers.pictures.feature_id("p2")]
    assert asked == []  # the viewer's own selection is not the user's

    sync.highlight(Picture("elsewhere", "s9", 0.0, 0.0))  # not in the layer: nothing selected
    assert layers.pictures.layer.selectedFeatureIds() == []


def test_no_layers_yet_is_not_an_error(qgis_app):
    LayerSelectionSync(lambda: None).highlight(Picture("p", None, 0.0, 0.0))
