"""The user's layers drawn in the picture: features near a synthetic picture, placed where
``core/view_geometry`` says they stand, following the views, clickable; the target marker."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPoint,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QEvent, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QMouseEvent
from qgis.PyQt.QtWidgets import QApplication

from panoramax_plugin.core import view_geometry as vg
from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.models import Picture
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from panoramax_plugin.viewer.dock import ViewerDock
from panoramax_plugin.viewer.overlay import FlatPose, OverlayMarker, OverlayScene, PanoPose
from panoramax_plugin.viewer.overlay_controller import OverlayController
from panoramax_plugin.viewer.overlay_features import PALETTE, LayerChoice, read_choices
from panoramax_plugin.viewer.overlay_painter import TARGET_COLOR
from panoramax_plugin.viewer.render360 import pack_rgb

LON, LAT = 4.8358, 45.764  # Lyon: inside Lambert-93's area
HEADING = 30.0
CAMERA_HEIGHT = 2.0
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier

# (name, azimuth from north, horizontal distance m, height m)
SIGNS = (
    ("ahead", 30.0, 10.0, 0.0),  # straight along the picture's heading
    ("right", 75.0, 20.0, 0.0),
    ("left", 350.0, 15.0, 2.5),  # a sign panel 2.5 m up (the feature's z)
    ("behind", 210.0, 12.0, 0.0),
    ("far", 30.0, 80.0, 0.0),  # beyond the 50 m default
)


# --- helpers ------------------------------------------------------------------------------


def send_mouse(widget, kind, pos, button=LEFT, buttons=LEFT) -> None:
    event = QMouseEvent(kind, QPointF(*pos), button, buttons, NO_MODIFIER)
    QApplication.sendEvent(widget, event)


def click(widget, pos) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, pos)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, pos, LEFT, NO_BUTTON)


def drag(widget, start, end, steps: int = 5) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        pos = (
            start[0] + (end[0] - start[0]) * i / steps,
            start[1] + (end[1] - start[1]) * i / steps,
        )
        send_mouse(widget, QEvent.Type.MouseMove, pos, NO_BUTTON, LEFT)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, end, LEFT, NO_BUTTON)


def pixel(image: QImage, x: float, y: float) -> tuple[int, int, int]:
    color = QColor(image.pixel(round(x), round(y)))
    return color.red(), color.green(), color.blue()


def near_color(image: QImage, x: float, y: float, rgb, tolerance: int = 30, reach: int = 1):
    """Whether a pixel within ``reach`` of (x, y) has colour ``rgb``."""
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            px, py = round(x) + dx, round(y) + dy
            if 0 <= px < image.width() and 0 <= py < image.height():
                if all(abs(a - b) <= tolerance for a, b in zip(pixel(image, px, py), rgb)):
                    return True
    return False


def equirect_source(width: int = 1024, height: int = 512) -> np.ndarray:
    """Sky over ground with a darker column every 30° of yaw (RGB32)."""
    rgb = np.empty((height, width, 3), dtype=np.uint8)
    rgb[: height // 2] = (120, 170, 220)
    rgb[height // 2 :] = (90, 90, 80)
    rgb[:, :: width // 12] = (40, 40, 40)
    return np.ascontiguousarray(pack_rgb(rgb))


def flat_image(width: int = 800, height: int = 600) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(100, 120, 100))
    return image


def to_l93(lon: float, lat: float) -> QgsPointXY:
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance(),
    )
    return transform.transform(QgsPointXY(lon, lat))


def sign_layer(signs=SIGNS, name: str = "Road signs") -> QgsVectorLayer:
    """A Lambert-93 PointZ layer, one feature per (name, azimuth, distance, height)."""
    layer = QgsVectorLayer(
        "PointZ?crs=EPSG:2154&field=name:string&field=kind:string", name, "memory"
    )
    assert layer.isValid()
    features = []
    for label, azimuth, distance, height in signs:
        lon, lat = vg.destination(LON, LAT, azimuth, distance)
        xy = to_l93(lon, lat)
        feature = QgsFeature(layer.fields())
        feature.setAttributes([label, "sign"])
        feature.setGeometry(QgsGeometry(QgsPoint(xy.x(), xy.y(), height)))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def picture(is_360: bool = True, heading=HEADING, fov=None) -> Picture:
    return Picture("pic-1", "seq-1", LON, LAT, heading=heading, is_360=is_360, field_of_view=fov)


def expected_pano(name: str, pose: PanoPose, signs=SIGNS):
    """Widget position of a sign by view_geometry alone (None when not in view)."""
    label, azimuth, distance, height = next(s for s in signs if s[0] == name)
    lon, lat = vg.destination(LON, LAT, azimuth, distance)
    s = vg.sight(LON, LAT, CAMERA_HEIGHT, lon, lat, height)
    return vg.view_point(
        pose.camera, vg.yaw_toward(HEADING, s.azimuth), s.elevation, pose.width, pose.height
    )


def placed_by_label(controller, pose):
    placed, _target = controller.scene.place(pose)
    return {item.marker.label: item for item in placed}


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture()
def project(qgis_app):
    project = QgsProject.instance()
    yield project
    project.removeAllMapLayers()
    project.removeEntry("PanoramaxWorkbench", "overlay_layers")


@pytest.fixture()
def dock(desktop):
    dock = ViewerDock(desktop.window)
    desktop.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.resize(700, 760)
    desktop.window.resize(1100, 800)
    desktop.window.show()
    yield dock
    dock.close()


@pytest.fixture()
def overlay(dock, project, desktop):
    settings = PluginSettings()
    controller = OverlayController(dock, settings, PluginLogger(desktop), project=project)
    yield controller
    controller.unload()


def show_pano(dock, controller, pic=None):
    dock.show_pano()
    dock.pano_view.set_source(equirect_source())
    controller.show_picture(pic or picture())
    QApplication.processEvents()
    return dock.pano_view


# --- tests --------------------------------------------------------------------------------


def test_markers_stand_where_view_geometry_says_for_several_cameras(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    view = show_pano(dock, overlay)
    assert {m.label for m in overlay.scene.markers} == {"ahead", "right", "left", "behind"}
    # independent check: 10 m ahead on the ground, seen from 2 m up, hfov 90° -> y = h/2 + f*0.2
    pose = view.overlay_pose()
    ahead = placed_by_label(overlay, pose)["ahead"]
    assert ahead.x == pytest.approx(pose.width / 2.0, abs=0.05)
    assert ahead.y == pytest.approx(pose.height / 2.0 + pose.width / 2.0 * 0.2, abs=0.05)
    for camera in (
        Camera(),
        Camera(45.0, -10.0, 60.0),
        Camera(-30.0, 20.0, 110.0),
        Camera(180.0, 0.0, 90.0),
    ):
        view.set_camera(camera)
        pose = view.overlay_pose()
        placed = placed_by_label(overlay, pose)
        for name in ("ahead", "right", "left", "behind"):
            want = expected_pano(name, pose)
            in_view = (
                want is not None
                and -60 <= want[0] <= pose.width + 60
                and -60 <= want[1] <= pose.height + 60
            )
            assert (name in placed) == in_view, (camera, name)
            if in_view:
                assert placed[name].x == pytest.approx(want[0], abs=0.05), (camera, name)
                assert placed[name].y == pytest.approx(want[1], abs=0.05), (camera, name)
    assert "far" not in placed  # never collected: 80 m away


def test_markers_are_painted_and_follow_drag_and_zoom(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    view = show_pano(dock, overlay)
    color = PALETTE[0]
    before = expected_pano("ahead", view.overlay_pose())
    assert near_color(view.grab().toImage(), *before, color)
    # drag right by 100 px: the picture turns by 100 px worth of degrees at the centre, the
    # marker moves right with it (less than 100 px: the pinhole compresses the centre)
    start = (before[0] - 150, before[1] - 60)
    drag(view, start, (start[0] + 100, start[1]))
    assert view.camera.yaw == pytest.approx(-100 * 90.0 / view.width())
    after = expected_pano("ahead", view.overlay_pose())
    assert before[0] + 60 < after[0] < before[0] + 100
    assert placed_by_label(overlay, view.overlay_pose())["ahead"].x == pytest.approx(after[0])
    shot = view.grab().toImage()
    assert near_color(shot, *after, color)
    assert not near_color(shot, *before, color, reach=0)
    # zoom in: the marker moves away from the centre, still where the geometry says
    view.zoom_by(1.5)
    zoomed = expected_pano("ahead", view.overlay_pose())
    assert abs(zoomed[0] - view.width() / 2) > abs(after[0] - view.width() / 2)
    assert near_color(view.grab().toImage(), *zoomed, color)


def test_flat_picture_shows_only_what_is_in_its_field_of_view(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    dock.show_flat()
    view = dock.flat_view
    view.set_image(flat_image())
    overlay.show_picture(picture(is_360=False, fov=60.0))
    QApplication.processEvents()
    pose = view.overlay_pose()
    assert isinstance(pose, FlatPose)
    placed = placed_by_label(overlay, pose)
    assert set(placed) == {"ahead"}  # right (45° off), left (40° off), behind: outside 60°
    lon, lat = vg.destination(LON, LAT, 30.0, 10.0)
    s = vg.sight(LON, LAT, CAMERA_HEIGHT, lon, lat, 0.0)
    source = vg.flat_pixel(vg.yaw_toward(HEADING, s.azimuth), s.elevation, 60.0, 800, 600)
    want = view.widget_point_at(QPointF(*source))
    assert (placed["ahead"].x, placed["ahead"].y) == pytest.approx((want.x(), want.y()), abs=0.05)
    assert near_color(view.grab().toImage(), want.x(), want.y(), PALETTE[0])
    view.zoom_by(2.0, QPointF(100, 100))
    moved = view.widget_point_at(QPointF(*source))
    placed = placed_by_label(overlay, view.overlay_pose())
    assert (placed["ahead"].x, placed["ahead"].y) == pytest.approx((moved.x(), moved.y()), abs=0.05)
    # a wider picture sees the left and right signs too
    overlay.show_picture(picture(is_360=False, fov=100.0))
    assert set(placed_by_label(overlay, view.overlay_pose())) == {"ahead", "left", "right"}


def test_click_selects_double_click_opens_the_form_elsewhere_drags(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    view = show_pano(dock, overlay)
    opened = []
    overlay.form_opener = lambda lyr, feature: opened.append((lyr.id(), feature["name"]))
    pose = view.overlay_pose()
    ahead = placed_by_label(overlay, pose)["ahead"]
    camera = view.camera
    click(view, (ahead.x + 3, ahead.y - 2))
    assert layer.selectedFeatureIds() == [ahead.marker.feature_id]
    assert layer.getFeature(ahead.marker.feature_id)["name"] == "ahead"
    assert view.camera == camera and not view.is_dragging  # not a drag
    send_mouse(view, QEvent.Type.MouseButtonDblClick, (ahead.x, ahead.y))
    send_mouse(view, QEvent.Type.MouseButtonRelease, (ahead.x, ahead.y), LEFT, NO_BUTTON)
    assert opened == [(layer.id(), "ahead")]
    # away from any marker the drag turns the view as before
    drag(view, (40, 40), (90, 40))
    assert view.camera != camera
    assert layer.selectedFeatureIds() == [ahead.marker.feature_id]


def test_double_click_without_iface_opens_an_attribute_dialog(overlay, project, dock, monkeypatch):
    import qgis.utils

    monkeypatch.setattr(qgis.utils, "iface", None)
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), "")])
    view = show_pano(dock, overlay)
    marker = next(m for m in overlay.scene.markers if m.feature_id >= 0)
    dialog = overlay.open_form(marker)
    assert dialog is not None and dialog.isVisible()
    assert overlay._forms == [dialog]
    dialog.close()
    QApplication.processEvents()
    assert view.marker_at(QPointF(-500, -500)) is None


def test_distance_setting_and_persisted_choices(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), 'upper("name")')], distance_m=100.0)
    show_pano(dock, overlay)
    assert "FAR" in {m.label for m in overlay.scene.markers}
    assert read_choices(project) == [LayerChoice(layer.id(), 'upper("name")')]
    assert PluginSettings.load().overlay_distance_m == 100.0
    # the chooser shows them; unticking the layer removes its markers
    chooser = dock.overlay_button.chooser
    check, expression = chooser.row(layer.id())
    assert check.isChecked() and expression.expression() == 'upper("name")'
    assert chooser.distance.value() == 100.0
    check.setChecked(False)
    assert overlay.choices == [] and overlay.scene.markers == []
    assert read_choices(project) == []
    chooser.distance.setValue(30.0)
    check.setChecked(True)
    assert overlay.distance_m == 30.0
    assert {m.label for m in overlay.scene.markers} == {"AHEAD", "RIGHT", "LEFT", "BEHIND"}
    expression.setExpression('"kind" || \' \' || "name"')  # the user edits the label
    assert {m.label for m in overlay.scene.markers} == {
        "sign ahead",
        "sign right",
        "sign left",
        "sign behind",
    }
    assert read_choices(project)[0].label_expression == '"kind" || \' \' || "name"'
    overlay.set_choices([LayerChoice(layer.id(), "")], distance_m=50.0)


def test_lines_polygons_odd_layers_never_raise(overlay, project, dock):
    to_local = [
        to_l93(*vg.destination(LON, LAT, az, d))
        for az, d in ((0, 30), (90, 30), (180, 30), (270, 30), (0, 200), (90, 200))
    ]
    lines = QgsVectorLayer("LineString?crs=EPSG:2154&field=name:string", "Kerbs", "memory")
    polygons = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=name:string", "Plots", "memory")
    no_crs = QgsVectorLayer("Point?field=name:string", "No CRS", "memory")
    no_crs.setCrs(QgsCoordinateReferenceSystem())
    odd = QgsVectorLayer("Point?crs=EPSG:2154&field=name:string", "Odd", "memory")
    features = {
        lines: [
            ("square", QgsGeometry.fromPolylineXY(to_local[:4])),
            # a long line passing 200 m away north then east: no vertex in range, too far
            ("far line", QgsGeometry.fromPolylineXY([to_local[4], to_local[5]])),
            # a long line through the picture's spot with both vertices 200 m away
            (
                "crossing",
                QgsGeometry.fromPolylineXY(
                    [
                        to_l93(*vg.destination(LON, LAT, 0, 200)),
                        to_l93(*vg.destination(LON, LAT, 180, 200)),
                    ]
                ),
            ),
        ],
        polygons: [
            ("plot", QgsGeometry.fromMultiPolygonXY([[to_local[:4] + [to_local[0]]]])),
        ],
        no_crs: [("nowhere", QgsGeometry.fromPointXY(QgsPointXY(LON, LAT)))],
        odd: [
            ("null", QgsGeometry()),
            ("empty", QgsGeometry.fromWkt("Point EMPTY")),
            ("multi", QgsGeometry.fromMultiPointXY([to_local[0], to_local[4]])),
        ],
    }
    for layer, items in features.items():
        made = []
        for name, geometry in items:
            feature = QgsFeature(layer.fields())
            feature.setAttributes([name])
            feature.setGeometry(geometry)
            made.append(feature)
        layer.dataProvider().addFeatures(made)
        project.addMapLayer(layer)
    assert not no_crs.crs().isValid()
    overlay.set_choices([LayerChoice(layer.id(), '"name"') for layer in features])
    view = show_pano(dock, overlay)
    by_label: dict = {}
    for marker in overlay.scene.markers:
        by_label.setdefault(marker.label, []).append(marker)
    assert len(by_label["square"]) == 4 and len({m.chain for m in by_label["square"]}) == 1
    assert len(by_label["plot"]) == 5  # the closed ring's 5 vertices, one chain
    assert "far line" not in by_label
    crossing = by_label["crossing"]  # the nearest point: right at the camera's foot
    assert len(crossing) == 1 and crossing[0].chain is None
    assert vg.sight(LON, LAT, 0, crossing[0].lon, crossing[0].lat).distance_m < 0.01
    assert len(by_label["multi"]) == 1  # the part 200 m away is left out
    assert "nowhere" not in by_label and "null" not in by_label
    assert any("No CRS" in problem for problem in overlay.problems)
    view.set_camera(Camera(yaw=-30.0, pitch=-20.0, hfov=110.0))
    view.grab()  # lines and polygons paint
    # removing a chosen layer drops it
    project.removeMapLayer(lines.id())
    assert lines not in [project.mapLayer(c.layer_id) for c in overlay.choices]
    assert "square" not in {m.label for m in overlay.scene.markers}


def test_picture_without_heading_draws_nothing(overlay, project, dock):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), "")])
    view = show_pano(dock, overlay, picture(heading=None))
    assert overlay.scene.markers  # collected, but not placed: the direction is unknown
    assert overlay.scene.place(view.overlay_pose()) == ([], None)
    view.grab()


def test_scene_projection_of_a_picture_and_hit_testing():
    scene = OverlayScene(camera_height_m=2.0)
    scene.set_picture(picture())
    lon, lat = vg.destination(LON, LAT, HEADING, 10.0)
    scene.set_markers([OverlayMarker(lon, lat, label="a", layer_id="L", feature_id=7)])
    pose = PanoPose(Camera(), 640, 400)
    (placed,), target = scene.place(pose)
    assert target is None
    assert scene.marker_at(pose, placed.x + 5, placed.y + 5).feature_id == 7
    assert scene.marker_at(pose, placed.x + 12, placed.y) is None
    assert scene.place(pose)[0][0] is placed  # cached for the same pose


def test_target_marker_through_the_viewer_controller(desktop, dock, project):
    from panoramax_plugin.viewer.controller import ViewerController

    controller = ViewerController(dock, desktop.canvas, PluginLogger(desktop), PluginSettings())
    try:
        view = show_pano(dock, controller.overlay)
        lon, lat = vg.destination(LON, LAT, HEADING + 20.0, 25.0)
        assert controller.set_target_marker(lon, lat, 1.0, "Bus stop 12")
        _placed, target = controller.overlay.scene.place(view.overlay_pose())
        s = vg.sight(LON, LAT, CAMERA_HEIGHT, lon, lat, 1.0)
        want = vg.view_point(view.camera, 20.0, s.elevation, view.width(), view.height())
        assert (target.x, target.y) == pytest.approx(want, abs=0.05)
        rgb = (TARGET_COLOR.red(), TARGET_COLOR.green(), TARGET_COLOR.blue())
        shot = view.grab().toImage()
        assert near_color(shot, target.x + 14, target.y, rgb, reach=2)  # the ring
        assert view.marker_at(QPointF(target.x, target.y)) is None  # not clickable
        assert not controller.set_target_marker(math.nan, lat)
        assert controller.overlay.scene.target is None
        controller.set_target_marker(lon, lat, 0.0, "again")
        controller.clear_target_marker()
        assert controller.overlay.scene.place(view.overlay_pose()) == ([], None)
    finally:
        controller.unload()


def test_overlay_paint_failure_leaves_the_picture(overlay, project, dock):
    view = show_pano(dock, overlay)

    class Broken:
        def paint(self, painter, pose):
            raise RuntimeError("boom")

        def marker_at(self, pose, x, y):
            raise RuntimeError("boom")

    view.set_overlay(Broken())
    shot = view.grab().toImage()
    assert pixel(shot, 5, 5) == (120, 170, 220)  # the sky was drawn
    drag(view, (100, 100), (150, 100))  # hit testing failed: logged, the drag still works
    assert view.camera.yaw != 0.0


def test_screenshot_of_the_dock_with_overlays(overlay, project, dock, desktop):
    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    view = show_pano(dock, overlay)
    kerb = QgsVectorLayer("LineString?crs=EPSG:2154&field=name:string", "Kerb", "memory")
    feature = QgsFeature(kerb.fields())
    feature.setAttributes(["kerb"])
    feature.setGeometry(
        QgsGeometry.fromPolylineXY(
            [
                to_l93(*vg.destination(LON, LAT, az, 6.0 / math.cos(math.radians(az - 90))))
                for az in (20.0, 50.0, 80.0, 110.0, 140.0)
            ]
        )
    )  # a straight kerb 6 m to the right of the camera, parallel to north-south
    kerb.dataProvider().addFeatures([feature])
    project.addMapLayer(kerb)
    overlay.set_choices([LayerChoice(layer.id(), '"name"'), LayerChoice(kerb.id(), '"name"')])
    view.set_camera(Camera(yaw=10.0, pitch=-15.0, hfov=110.0))
    lon, lat = vg.destination(LON, LAT, 60.0, 18.0)
    overlay.set_target(lon, lat, 0.0, "Target")
    QApplication.processEvents()
    assert dock.grab().save("/tmp/overlay_screenshot.png")
    chooser = dock.overlay_button.chooser
    chooser.rebuild()  # as when the menu opens: the rows keep what they show
    assert chooser.row(kerb.id())[0].isChecked() and chooser.row(layer.id())[0].isChecked()
    assert chooser.choices() == overlay.choices
    chooser.adjustSize()
    assert chooser.grab().save("/tmp/overlay_chooser.png")


def test_edits_of_a_chosen_layer_show_after_a_moment(overlay, project, dock):
    from qgis.PyQt.QtTest import QTest

    layer = sign_layer()
    project.addMapLayer(layer)
    overlay.set_choices([LayerChoice(layer.id(), '"name"')])
    show_pano(dock, overlay)
    ahead = next(m for m in overlay.scene.markers if m.label == "ahead")
    moved = to_l93(*vg.destination(LON, LAT, 200.0, 5.0))  # the sign was behind, in fact
    assert layer.startEditing()
    assert layer.changeGeometry(ahead.feature_id, QgsGeometry(QgsPoint(moved.x(), moved.y(), 0)))
    assert layer.commitChanges()
    QTest.qWait(OverlayController.EDIT_DELAY_MS + 150)
    ahead = next(m for m in overlay.scene.markers if m.label == "ahead")
    assert vg.sight(LON, LAT, 0, ahead.lon, ahead.lat).azimuth == pytest.approx(200.0, abs=0.01)
