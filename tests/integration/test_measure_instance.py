"""Measuring from pictures through the real local instance, on a known-object street.

A synthetic 360° street (4 pictures 6 m apart) with a pole and a panel beside it goes up
through the upload-set API. The viewer opens its pictures from the server; in measure mode
the test clicks where each object's colour shows in the rendered view (its painted centre,
found as a user would see it), picture after picture. The position triangulated from the
rays must be within 0.25 m of the object; one picture's clicks at the pole's foot and top
give its distance within 5 % and its height within 10 %.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.look_at import LookTarget, camera_toward_target
from panoramax_plugin.core.measure_session import DISTANCE, HEIGHT
from panoramax_plugin.core.view_geometry import ground_offset, sight
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from tests.fixtures.street_scene import colour_mask, find_colour_centre
from tests.qgis.measure_layers import user_form
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

from .seeding import delete_sequences
from .turn_toward import (
    aim_height,
    random_day,
    random_place,
    read_back,
    street_objects,
    write_and_upload,
)

pytestmark = pytest.mark.integration

STREET = 60.0
LAYOUT = (
    ("pole", 10.0, 6.0, 2.5, 0.12, "pole"),
    ("panel", 16.0, -7.0, 2.6, 0.35, "panel"),
)
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def street(local_instance, tmp_path_factory):
    rng = random.Random()
    start = random_place(rng)
    objects = street_objects(start, STREET, LAYOUT)
    uploaded = write_and_upload(
        local_instance.api,
        local_instance.token,
        tmp_path_factory.mktemp("measure"),
        f"measure {start[1]:.5f}",
        objects,
        start=start,
        azimuth_deg=STREET,
        spacing_m=6.0,
        count=4,
        start_time=random_day(rng),
        size=(4096, 2048),
    )
    try:
        read_back(PanoramaxClient(local_instance.api), uploaded)
        yield uploaded
    finally:
        delete_sequences(local_instance.api, local_instance.token, uploaded.seeded.sequence_ids)


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    with open_viewer(
        desktop,
        local_instance.api,
        timeout_s=10.0,
        dock_size=(900, 1100),
        window_size=(1600, 1200),
        show=True,
    ) as controller:
        yield controller


def open_toward(viewer, qgis_app, picture, obj, hfov=50.0):
    """Open ``picture`` in the viewer, turned toward ``obj``; the view's pixels (no overlay)."""
    viewer.open_id(picture.id, picture.sequence_id)
    run_until(
        qgis_app,
        lambda: (
            viewer.current is not None
            and viewer.current.id == picture.id
            and any(pid == picture.id and level != "thumb" for pid, level in viewer.images)
        ),
        30,
    )
    assert viewer.current is not None and viewer.current.id == picture.id
    target = LookTarget(obj.lon, obj.lat, aim_height(viewer.current, obj, 2.0))
    camera = camera_toward_target(viewer.current, target, hfov)
    view = viewer.dock.pano_view
    view.set_camera(camera)
    overlay = view.overlay
    view.set_overlay(None)  # the measure's own marks must not hide the object
    pixels, _image = qimage_to_array(view.grab().toImage())
    view.set_overlay(overlay)
    return view, np.array(pixels)


def inventory(folder):
    """The user's sign inventory: an empty GeoPackage point layer in Lambert-93."""
    path = str(folder / "signs.gpkg")
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=sign_type:string(20)", "signs", "memory")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    writer = QgsVectorFileWriter.writeAsVectorFormatV3
    error = writer(layer, path, QgsProject.instance().transformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    saved = QgsVectorLayer(path, "signs", "ogr")
    assert saved.isValid()
    return saved


def test_triangulate_a_pole_and_a_panel_from_clicks(viewer, street, qgis_app, desktop, tmp_path):
    tool = viewer.measure
    tool.set_active(True)
    assert viewer.dock.measure_area.isVisible() or not viewer.dock.isVisible()
    for obj in street.objects:
        tool.clear()
        for index in (0, 2):
            picture = street.pictures[index]
            view, pixels = open_toward(viewer, qgis_app, picture, obj)
            centre = find_colour_centre(pixels, obj.colour)
            assert centre is not None, f"{obj.name} not seen in picture {index}"
            state = tool.click_at(*centre)
        result = state.triangulation
        assert result is not None, state.message
        error = math.hypot(*ground_offset(obj.lon, obj.lat, result.lon, result.lat))
        assert error < 0.25, f"{obj.name}: {error:.3f} m"
        assert result.crossing_angle_deg >= 10.0
        assert "Crossing angle" in tool.panel.result.text()
        drawn = tool.map_items.geometries
        assert len(drawn["rays"]) == 2 and drawn["ellipse"] is not None
        assert drawn["point"] is not None
        # a third picture: a residual, still on the object
        view, pixels = open_toward(viewer, qgis_app, street.pictures[1], obj)
        state = tool.click_at(*find_colour_centre(pixels, obj.colour))
        assert state.triangulation.residual_m is not None
        error = math.hypot(
            *ground_offset(obj.lon, obj.lat, state.triangulation.lon, state.triangulation.lat)
        )
        assert error < 0.25, f"{obj.name} from 3 rays: {error:.3f} m"
        observation = tool.session.observation()
        assert observation.method == "triangulated" and len(observation.picture_ids) == 3
    # into the user's GeoPackage inventory, in Lambert-93, through the measure panel
    layer = inventory(tmp_path)
    QgsProject.instance().addMapLayer(layer)
    try:
        box = tool.layer_box
        box._ask_fields = lambda parent, layer, missing: True  # the user says yes
        box._form = user_form("B14")
        box.set_layer(layer)
        assert box.add_button.isEnabled(), box.add_button.toolTip()
        box.add_button.click()
        assert layer.isEditable() and layer.featureCount() == 1
        feature = next(layer.getFeatures())
        assert feature["sign_type"] == "B14" and feature["pnx_method"] == "triangulated"
        assert len(feature["pnx_pics"].split(",")) == 3
        to_wgs84 = QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance())
        point = to_wgs84.transform(feature.geometry().asPoint())
        last = street.objects[-1]
        assert math.hypot(*ground_offset(last.lon, last.lat, point.x(), point.y())) < 0.25
        layer.undoStack().undo()
        assert layer.featureCount() == 0
        layer.rollBack()
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewer.dock.grab().save(str(SHOTS / "measure_dock.png"))
    canvas = desktop.canvas
    extent = drawn["ellipse"].boundingBox()
    for ray in drawn["rays"]:
        extent.combineExtentWith(ray.boundingBox())
    canvas.setExtent(extent.buffered(5e-5))
    canvas.refresh()
    qgis_app.processEvents()
    canvas.grab().save(str(SHOTS / "measure_map.png"))


def test_distance_and_height_of_the_pole_from_one_picture(viewer, street, qgis_app):
    tool = viewer.measure
    tool.set_active(True)
    pole = street.objects[0]
    picture = street.pictures[0]
    view, pixels = open_toward(viewer, qgis_app, picture, pole, hfov=40.0)
    mask = colour_mask(pixels, pole.colour)
    rows, cols = np.nonzero(mask)
    assert rows.size, "the pole is not in the view"
    column = float(cols.mean()) + 0.5
    foot_y, top_y = float(rows.max()) + 1.0, float(rows.min())
    truth = sight(viewer.current.lon, viewer.current.lat, 2.0, pole.lon, pole.lat, 0.0)
    tool.panel.mode.setCurrentIndex(tool.panel.mode.findData(DISTANCE))
    state = tool.click_at(column, foot_y)
    assert state.ground is not None, state.message
    assert state.ground.distance_m == pytest.approx(truth.distance_m, rel=0.05)
    assert "±" in tool.panel.result.text()
    tool.panel.mode.setCurrentIndex(tool.panel.mode.findData(HEIGHT))
    tool.click_at(column, foot_y)
    state = tool.click_at(column, top_y)
    assert state.height is not None, state.message
    assert state.height.height_m == pytest.approx(pole.height_m, rel=0.10)
    assert tool.session.observation().height_m == pytest.approx(pole.height_m, rel=0.10)
    # the camera height set in the panel reaches the measures and the overlay alike
    tool.panel.camera_height.setValue(2.5)
    assert tool.session.camera_height_m == 2.5
    assert viewer.overlay.scene.camera_height_m == 2.5
    tool.panel.camera_height.setValue(2.0)
    # a click above the horizon in distance mode: a message, nothing measured
    tool.panel.mode.setCurrentIndex(tool.panel.mode.findData(DISTANCE))
    state = tool.click_at(column, 1.0)
    assert state.ground is None and "below the horizon" in state.message
    assert "below the horizon" in tool.panel.message.text()
    # outside the picture (a flat picture's margin, or beyond the widget)
    state = tool.click_at(-50.0, -50.0)
    assert "outside the picture" in state.message


def test_triangulate_from_two_flat_pictures(viewer, local_instance, seeded_place, qgis_app):
    """Flat pictures: a click at the pixel where a place must show (the picture's lens, the
    viewer's zoom and pan) gives a ray through it; two pictures of the walk place it."""
    from panoramax_plugin.core.view_geometry import (
        DEFAULT_FLAT_HFOV,
        destination,
        flat_pixel,
        yaw_toward,
    )

    tool = viewer.measure
    tool.set_active(True)
    ahead = PanoramaxClient(local_instance.api).get_picture(
        seeded_place.flat_ids[4], seeded_place.flat_sequence
    )
    # the walk goes north-east (45°), pictures 6 m apart: a place 6 m ahead of picture 4
    # and 6 m to the right, seen by pictures 1 and 3 (a weak but accepted crossing)
    target = destination(ahead.lon, ahead.lat, 90.0, 6.0 * math.sqrt(2.0))
    for index in (1, 3):
        picture_id = seeded_place.flat_ids[index]
        viewer.open_id(picture_id, seeded_place.flat_sequence)
        run_until(
            qgis_app,
            lambda picture_id=picture_id: (
                viewer.current is not None
                and viewer.current.id == picture_id
                and any(pid == picture_id and lv != "thumb" for pid, lv in viewer.images)
            ),
            30,
        )
        picture = viewer.current
        pose = viewer.dock.flat_view.overlay_pose()
        seen = sight(picture.lon, picture.lat, 2.0, target[0], target[1], 2.0)
        hfov = picture.field_of_view or DEFAULT_FLAT_HFOV
        pixel = flat_pixel(
            yaw_toward(picture.heading, seen.azimuth),
            seen.elevation,
            hfov,
            pose.image_width,
            pose.image_height,
        )
        assert pixel is not None, "the place is outside the flat picture's field of view"
        x = pose.offset_x + pixel[0] * pose.zoom
        y = pose.offset_y + pixel[1] * pose.zoom
        state = tool.click_at(x, y)
    result = state.triangulation
    assert result is not None, state.message
    error = math.hypot(*ground_offset(target[0], target[1], result.lon, result.lat))
    assert error < 0.25, f"{error:.3f} m"
    assert result.height_m == pytest.approx(2.0, abs=0.2)
    assert result.warnings  # under 20°: a picture further along would be surer
