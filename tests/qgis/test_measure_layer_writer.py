"""An Observation into the user's own layer: geometry, fields, edit buffer, undo, refusals."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDateTime

from panoramax_plugin.core.observation import KNOWN_FIELDS
from panoramax_plugin.measure.layer_writer import (
    ADDED,
    CANCELED,
    FAILED,
    REFUSED,
    add_known_fields,
    add_observation,
    layer_problem,
    missing_known_fields,
    observation_feature,
)
from tests.qgis.measure_layers import (
    CAPTURED,
    canceling_form,
    disk_count,
    disk_field_names,
    make_gpkg,
    ray,
    single,
    triangulated,
    user_form,
)


def lambert93(lon, lat) -> QgsPointXY:
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance().transformContext(),
    )
    return transform.transform(QgsPointXY(lon, lat))


@pytest.fixture()
def gpkg(qgis_app, tmp_path):
    path = tmp_path / "inventory.gpkg"
    layer = QgsVectorLayer(make_gpkg(path), "signs", "ogr")
    assert layer.isValid()
    yield path, layer
    if layer.isEditable():
        layer.rollBack()
    # pytest keeps fixture values up to the end of the session: an OGR layer still alive
    # when QGIS exits crashed it (segmentation fault after the last test)
    sip.delete(layer)


def only_feature(layer):
    features = list(layer.getFeatures())
    assert len(features) == 1
    return features[0]


def test_a_triangulated_measure_goes_to_the_edit_buffer_of_a_lambert93_geopackage(gpkg):
    path, layer = gpkg
    observation = triangulated()
    form = user_form(sign_type="B14", state="leaning")
    assert layer_problem(layer, observation) is None

    result = add_observation(layer, observation, form=form)

    assert result.status == ADDED, result.message
    assert result.feature_id is not None and result.feature_id < 0  # in the buffer, not saved
    assert layer.isEditable()
    assert layer.editBuffer().isFeatureAdded(result.feature_id)
    feature = only_feature(layer)
    expected = lambert93(observation.lon, observation.lat)
    point = feature.geometry().asPoint()
    assert point.distance(expected) < 0.01
    assert feature["sign_type"] == "B14" and feature["state"] == "leaning"  # the user's own
    assert feature["pnx_method"] == "triangulated"  # known fields the layer has
    assert isinstance(feature["pnx_date"], QDateTime)
    assert feature["pnx_date"].toSecsSinceEpoch() == int(CAPTURED.timestamp())
    # the form was shown the prepared feature: geometry and known fields already there
    assert form.seen[0]["pnx_method"] == "triangulated"
    assert disk_count(path) == 0  # nothing reached the file

    assert layer.commitChanges()
    assert disk_count(path) == 1


def test_undo_removes_the_added_measure(gpkg):
    path, layer = gpkg
    result = add_observation(layer, triangulated(), form=user_form())
    assert result.status == ADDED and layer.featureCount() == 1

    layer.undoStack().undo()

    assert layer.featureCount() == 0
    assert layer.isEditable()  # the edit session is the user's now: saving or not is theirs
    assert layer.commitChanges()
    assert disk_count(path) == 0


def test_missing_known_fields_are_added_through_the_edit_buffer(gpkg):
    path, layer = gpkg
    missing = missing_known_fields(layer)
    assert [known.name for known in missing] == [
        known.name for known in KNOWN_FIELDS if known.name not in ("pnx_method", "pnx_date")
    ]
    assert not layer.isEditable()

    assert add_known_fields(layer, missing) is None

    assert layer.isEditable()  # started for it
    assert missing_known_fields(layer) == []
    assert "pnx_unc_m" not in disk_field_names(path)  # not on disk before the user saves
    result = add_observation(layer, triangulated(), form=user_form())
    assert result.status == ADDED
    feature = only_feature(layer)
    assert feature["pnx_pics"] == "pic-a,pic-b"
    assert feature["pnx_yaws"] == "12.50,48.25"
    assert feature["pnx_unc_m"] == pytest.approx(0.346)
    assert feature["pnx_cross"] == pytest.approx(35.75)
    assert feature["pnx_inst"] == "http://127.0.0.1:5000/api"

    layer.undoStack().undo()  # the feature
    layer.undoStack().undo()  # the fields: one command for all of them
    assert len(missing_known_fields(layer)) == len(missing)

    layer.undoStack().redo()
    layer.undoStack().redo()
    assert layer.commitChanges()
    assert "pnx_unc_m" in disk_field_names(path)
    assert disk_count(path) == 1


def test_a_canceled_form_adds_nothing_and_leaves_the_layer_as_it_was(gpkg):
    path, layer = gpkg
    result = add_observation(layer, triangulated(), form=canceling_form)

    assert result.status == CANCELED, result.message
    assert not layer.isEditable()  # editing started for this only: stopped again
    assert layer.featureCount() == 0 and disk_count(path) == 0


def test_a_canceled_form_keeps_the_users_own_edits(gpkg):
    path, layer = gpkg
    assert layer.startEditing()
    own = QgsVectorLayerUtils.createFeature(
        layer, QgsGeometry.fromPointXY(QgsPointXY(650000, 6860000))
    )
    own.setAttribute(layer.fields().lookupField("sign_type"), "mine")
    assert layer.addFeature(own)

    result = add_observation(layer, triangulated(), form=canceling_form)

    assert result.status == CANCELED
    assert layer.isEditable()
    assert [f["sign_type"] for f in layer.getFeatures()] == ["mine"]
    assert layer.featureCount() == 1


def test_a_point_from_one_picture_and_a_multipoint_z_layer_in_another_crs(qgis_app):
    layer = QgsVectorLayer(
        "MultiPointZ?crs=EPSG:3857&field=sign_type:string&field=pnx_height:double"
        "&field=pnx_method:string(8)",
        "multi",
        "memory",
    )
    result = add_observation(layer, single(), form=user_form())

    assert result.status == ADDED, result.message
    feature = only_feature(layer)
    geometry = feature.geometry()
    assert geometry.wkbType() == QgsWkbTypes.Type.MultiPointZ
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance().transformContext(),
    )
    expected = transform.transform(QgsPointXY(2.3522, 48.8566))
    assert QgsPointXY(geometry.constGet().geometryN(0)).distance(expected) < 0.01
    assert feature["pnx_height"] == pytest.approx(2.5)
    assert feature["pnx_method"] == "single p"  # cut to the field's length


def test_a_line_layer_gets_a_ray_as_a_two_vertex_line(qgis_app, tmp_path):
    path = tmp_path / "rays.gpkg"
    layer = QgsVectorLayer(make_gpkg(path, geometry="line", known=("pnx_yaws",)), "rays", "ogr")
    observation = ray()
    assert layer_problem(layer, observation) is None

    result = add_observation(layer, observation, form=user_form())

    assert result.status == ADDED, result.message
    line = only_feature(layer).geometry().asPolyline()
    assert len(line) == 2
    for vertex, (lon, lat) in zip(line, observation.line):
        assert QgsPointXY(vertex).distance(lambert93(lon, lat)) < 0.01
    assert only_feature(layer)["pnx_yaws"] == "42.00"
    layer.rollBack()


def test_default_values_of_the_layer_are_honoured(qgis_app):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=state:string&field=sign_type:string", "d", "memory"
    )
    from qgis.core import QgsDefaultValue

    layer.setDefaultValueDefinition(0, QgsDefaultValue("'to check'"))
    feature = observation_feature(layer, triangulated())
    assert feature["state"] == "to check"
    assert add_observation(layer, triangulated(), form=lambda lyr, f: f).status == ADDED
    assert only_feature(layer)["state"] == "to check"


class FakeTools:
    """QGIS's vector layer tools as the desktop has them: the feature form (accepted here)
    adds the feature in an edit command. ``modern``: the parentWidget/showModal/hideParent
    signature of QGIS >= 3.26; otherwise QGIS 3.22's three parameters."""

    def __init__(self, modern=True, accept=True):
        self.modern, self.accept, self.calls = modern, accept, []

    def addFeature(self, layer, values, geometry, *more):
        if more and not self.modern:
            raise TypeError("addFeature(): too many arguments")
        self.calls.append((dict(values), QgsGeometry(geometry), more))
        feature = QgsVectorLayerUtils.createFeature(layer, geometry, values)
        if not self.accept:
            return False, feature
        layer.beginEditCommand("Features added")
        layer.addFeature(feature)
        layer.endEditCommand()
        return True, feature


@pytest.mark.parametrize("modern", [True, False], ids=["qgis-3.26+", "qgis-3.22"])
def test_qgis_own_feature_form_gets_the_geometry_and_the_known_values(gpkg, modern):
    path, layer = gpkg
    tools = FakeTools(modern=modern)

    result = add_observation(layer, triangulated(), tools=tools)

    assert result.status == ADDED, result.message
    values, geometry, more = tools.calls[-1]
    names = {layer.fields().at(index).name() for index in values}
    assert names == {"pnx_method", "pnx_date"}  # only what the plugin knows: the rest is the user's
    assert geometry.asPoint().distance(lambert93(2.3522, 48.8566)) < 0.01
    assert only_feature(layer)["pnx_method"] == "triangulated"
    layer.undoStack().undo()
    assert layer.featureCount() == 0
    assert disk_count(path) == 0


def test_qgis_own_feature_form_canceled(gpkg):
    path, layer = gpkg
    result = add_observation(layer, triangulated(), tools=FakeTools(accept=False))
    assert result.status == CANCELED
    assert not layer.isEditable() and layer.featureCount() == 0


def memory(kind, name="layer"):
    return QgsVectorLayer(f"{kind}?crs=EPSG:4326&field=sign_type:string", name, "memory")


def assert_refused(layer, observation, *words):
    message = layer_problem(layer, observation)
    assert message, "a message was expected"
    for word in words:
        assert word in message, message
    count = layer.featureCount() if isinstance(layer, QgsVectorLayer) else None
    result = add_observation(layer, observation, form=user_form())
    assert result.status == REFUSED and result.message == message
    if isinstance(layer, QgsVectorLayer):
        assert layer.featureCount() == count
        assert not layer.isEditable()


def test_layers_that_cannot_take_the_measure_say_why(qgis_app, tmp_path):
    assert_refused(None, triangulated(), "Choose")
    assert_refused(memory("LineString", "roads"), triangulated(), "point layer", "roads")
    assert_refused(memory("Polygon", "parcels"), triangulated(), "polygon", "parcels")
    assert_refused(memory("Polygon", "parcels"), ray(), "line layer")
    assert_refused(memory("Point", "signs"), ray(), "second picture", "line layer")
    assert_refused(memory("None", "table"), triangulated(), "no geometry")

    locked = memory("Point", "locked")
    locked.setReadOnly(True)
    assert_refused(locked, triangulated(), "read-only", "locked")

    csv = tmp_path / "points.csv"
    csv.write_text("x,y,sign_type\n2.35,48.85,B14\n")
    text = QgsVectorLayer(
        f"file://{csv}?delimiter=,&xField=x&yField=y&crs=EPSG:4326", "csv", "delimitedtext"
    )
    assert text.isValid()
    assert_refused(text, triangulated(), "cannot take new features", "GeoPackage")

    from osgeo import gdal

    tif = str(tmp_path / "dem.tif")
    gdal.GetDriverByName("GTiff").Create(tif, 4, 4, 1).FlushCache()
    raster = QgsRasterLayer(tif, "dem")
    assert raster.isValid()
    assert_refused(raster, triangulated(), "not a vector layer", "dem")


def test_fields_on_a_source_that_cannot_take_them(qgis_app, tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x,y\n2.35,48.85\n")
    text = QgsVectorLayer(
        f"file://{csv}?delimiter=,&xField=x&yField=y&crs=EPSG:4326", "csv", "delimitedtext"
    )
    message = add_known_fields(text, missing_known_fields(text))
    assert message and "cannot take new fields" in message
    assert not text.isEditable()


def test_a_broken_form_is_a_message_not_an_exception(gpkg):
    path, layer = gpkg

    def broken(layer, feature):
        raise RuntimeError("form exploded")

    result = add_observation(layer, triangulated(), form=broken)

    assert result.status == FAILED and "form exploded" in result.message
    assert not layer.isEditable() and layer.featureCount() == 0
