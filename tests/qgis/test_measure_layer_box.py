"""The “Add to layer” box of the measure panel (offscreen, message box and form injected)."""

from __future__ import annotations

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt import sip

from panoramax_plugin.measure.layer_box import LayerBox
from tests.qgis.measure_layers import (
    canceling_form,
    disk_count,
    disk_field_names,
    make_gpkg,
    ray,
    triangulated,
    user_form,
)


@pytest.fixture()
def project_layers(qgis_app, tmp_path):
    path = tmp_path / "inventory.gpkg"
    signs = QgsVectorLayer(make_gpkg(path, known=("pnx_method",)), "signs", "ogr")
    rays = QgsVectorLayer("LineString?crs=EPSG:4326&field=sign_type:string", "rays", "memory")
    parcels = QgsVectorLayer("Polygon?crs=EPSG:4326", "parcels", "memory")
    locked = QgsVectorLayer("Point?crs=EPSG:4326", "locked", "memory")
    locked.setReadOnly(True)
    layers = [signs, rays, parcels, locked]
    assert all(layer.isValid() for layer in layers)
    QgsProject.instance().addMapLayers(layers)
    yield path, signs, rays, parcels, locked
    for layer in layers:
        if not sip.isdeleted(layer) and layer.isEditable():
            layer.rollBack()
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


class Asked:
    def __init__(self, answer):
        self.answer, self.calls = answer, []

    def __call__(self, parent, layer, missing):
        self.calls.append((layer.name(), [known.name for known in missing]))
        return self.answer


def make_box(ask, form):
    box = LayerBox(ask_fields=ask, form=form)
    messages = []
    box.message.connect(lambda text, level: messages.append((text, level)))
    return box, messages


def combo_names(box):
    combo = box.layer_combo
    return {combo.layer(i).name() for i in range(combo.count())}


def test_only_point_and_line_layers_that_can_be_edited_are_offered(project_layers):
    box, _ = make_box(Asked(False), user_form())
    assert combo_names(box) == {"signs", "rays"}


def test_the_button_says_why_it_is_disabled(project_layers):
    path, signs, rays, parcels, locked = project_layers
    box, _ = make_box(Asked(False), user_form())
    box.set_layer(signs)
    assert not box.add_button.isEnabled()
    assert "Measure something" in box.add_button.toolTip()

    box.set_observation(triangulated())
    assert box.add_button.isEnabled()
    assert "signs" in box.add_button.toolTip()

    box.set_layer(rays)  # a point measure into a line layer
    assert not box.add_button.isEnabled()
    assert "point layer" in box.add_button.toolTip()

    box.set_observation(ray())
    assert box.add_button.isEnabled()

    box.set_observation(None)
    assert not box.add_button.isEnabled()


def test_add_with_the_fields_offered_and_accepted(project_layers):
    path, signs, *_ = project_layers
    ask = Asked(True)
    box, messages = make_box(ask, user_form(sign_type="A1"))
    added = []
    box.added.connect(lambda layer_id, fid: added.append((layer_id, fid)))
    box.set_layer(signs)
    box.set_observation(triangulated())

    box.add_button.click()

    assert ask.calls and ask.calls[0][0] == "signs"
    assert "pnx_method" not in ask.calls[0][1] and "pnx_unc_m" in ask.calls[0][1]
    assert messages[-1][1] == Qgis.MessageLevel.Success, messages
    assert "signs" in messages[-1][0]
    assert added and added[0][0] == signs.id()
    feature = next(signs.getFeatures())
    assert feature["sign_type"] == "A1" and feature["pnx_unc_m"] == pytest.approx(0.346)
    assert disk_count(path) == 0 and "pnx_unc_m" not in disk_field_names(path)
    assert signs.commitChanges()
    assert disk_count(path) == 1 and "pnx_unc_m" in disk_field_names(path)


def test_fields_declined_are_not_asked_again_and_the_measure_is_still_added(project_layers):
    path, signs, *_ = project_layers
    ask = Asked(False)
    box, messages = make_box(ask, user_form())
    box.set_layer(signs)
    box.set_observation(triangulated())

    box.add_button.click()
    box.add_button.click()

    assert len(ask.calls) == 1
    assert [level for _, level in messages] == [Qgis.MessageLevel.Success] * 2
    assert signs.featureCount() == 2
    assert "pnx_unc_m" not in [f.name() for f in signs.fields()]
    assert next(signs.getFeatures())["pnx_method"] == "triangulated"


def test_a_canceled_form_undoes_the_fields_added_for_it(project_layers):
    path, signs, *_ = project_layers
    box, messages = make_box(Asked(True), canceling_form)
    box.set_layer(signs)
    box.set_observation(triangulated())

    box.add_button.click()

    assert messages[-1][1] == Qgis.MessageLevel.Info
    assert not signs.isEditable()  # edit mode was started for this only
    assert "pnx_unc_m" not in [f.name() for f in signs.fields()]
    assert signs.featureCount() == 0


def test_a_canceled_form_keeps_the_users_edit_session(project_layers):
    path, signs, *_ = project_layers
    assert signs.startEditing()
    box, messages = make_box(Asked(True), canceling_form)
    box.set_layer(signs)
    box.set_observation(triangulated())

    box.add_button.click()

    assert messages[-1][1] == Qgis.MessageLevel.Info
    assert signs.isEditable()  # the user's session: never rolled back by us
    assert "pnx_unc_m" in [f.name() for f in signs.fields()]  # what they agreed to add


def test_a_refused_measure_is_reported_not_raised(project_layers):
    path, signs, *_ = project_layers
    box, messages = make_box(Asked(True), user_form())
    box.set_layer(signs)
    box.set_observation(ray())  # a ray into a point layer
    assert not box.add_button.isEnabled()

    box._on_add()  # as if the panel triggered it anyway

    assert messages == [(messages[0][0], Qgis.MessageLevel.Warning)]
    assert "second picture" in messages[0][0]
    assert signs.featureCount() == 0 and not signs.isEditable()
