"""My pictures on the map (issue #15 item 4) against the real local instance: a picture
moved by dragging its point (read back within 1 m; beyond 1 km asked, refused → nothing
sent; Escape → nothing sent), and the relative-heading fix previewed on the map and in
the viewer before it is sent (canceled → nothing sent, confirmed → read back)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from panoramax_plugin.core.mine import distance_km

from .test_mine import fresh_sequence, mine
from .test_mine_view import FakeBox, Logger, cleanup, load, wait_task  # noqa: F401

pytestmark = pytest.mark.integration

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")


@pytest.fixture()
def canvas(qgis_app):
    from qgis.gui import QgsMapCanvas

    canvas = QgsMapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(MERCATOR)
    canvas.show()
    qgis_app.processEvents()
    yield canvas
    canvas.hide()
    canvas.deleteLater()
    qgis_app.processEvents()


@pytest.fixture()
def view(local_instance, qgis_app, roomy_thread_pool, canvas):
    from panoramax_plugin.mine.actions import MineActions
    from panoramax_plugin.mine.loader import Account, MineLoader

    loader = MineLoader()
    loader.set_account(Account(local_instance.api, local_instance.token, "test"))
    box, logger = FakeBox(), Logger()
    controller = SimpleNamespace(current=None, map_sync=None)
    actions = MineActions(loader, logger, message_box=box, canvas=canvas, viewer=lambda: controller)
    yield loader, actions, box, logger, controller
    loader.cancel()


def to_canvas(canvas, lon, lat) -> QgsPointXY:
    transform = QgsCoordinateTransform(
        WGS84, canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    return transform.transform(QgsPointXY(lon, lat))


def zoom_on(qgis_app, canvas, lon, lat, half_width_m):
    centre = to_canvas(canvas, lon, lat)
    canvas.setExtent(
        QgsRectangle(
            centre.x() - half_width_m,
            centre.y() - half_width_m,
            centre.x() + half_width_m,
            centre.y() + half_width_m,
        )
    )
    qgis_app.processEvents()


def pixel(canvas, lon, lat) -> QPoint:
    point = canvas.getCoordinateTransform().transform(to_canvas(canvas, lon, lat))
    return QPoint(round(point.x()), round(point.y()))


def mouse(canvas, kind, where: QPoint, button=Qt.MouseButton.LeftButton):
    from qgis.gui import QgsMapMouseEvent

    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    return QgsMapMouseEvent(canvas, kind, where, button, buttons, Qt.KeyboardModifier.NoModifier)


def drag(tool, canvas, start: QPoint, end: QPoint, escape=False):
    """Press at ``start``, move halfway then to ``end``, release (Escape before it)."""
    from qgis.PyQt.QtGui import QKeyEvent

    tool.canvasPressEvent(mouse(canvas, QEvent.Type.MouseButtonPress, start))
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    for where in (middle, end):
        tool.canvasMoveEvent(mouse(canvas, QEvent.Type.MouseMove, where, Qt.MouseButton.NoButton))
    assert tool.marker is not None and tool.line is not None  # they follow the drag
    assert tool.line.numberOfVertices() == 2
    if escape:
        tool.keyPressEvent(
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
        )
    tool.canvasReleaseEvent(mouse(canvas, QEvent.Type.MouseButtonRelease, end))


def released_at(canvas, where: QPoint):
    point = canvas.getCoordinateTransform().toMapCoordinates(where.x(), where.y())
    back = QgsCoordinateTransform(
        canvas.mapSettings().destinationCrs(), WGS84, QgsProject.instance()
    )
    wgs84 = back.transform(point)
    return wgs84.x(), wgs84.y()


def test_a_picture_moved_by_dragging_its_point(
    view,
    canvas,
    local_instance,
    qgis_app,
    tmp_path,
    cleanup,  # noqa: F811
):
    from panoramax_plugin.mine.move_tool import MovePictureTool

    loader, actions, box, logger, _controller = view
    seeded, ids, shots = fresh_sequence(local_instance, tmp_path, count=3)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    wait_task(qgis_app, loader.load_pictures([sequence_id]))
    before = me.picture(sequence_id, ids[1])
    tool = MovePictureTool(canvas, actions)
    canvas.setMapTool(tool)
    tasks = []
    tool.moved.connect(tasks.append)

    # a few tens of metres, canvas in Web Mercator: sent on release, read back
    zoom_on(qgis_app, canvas, before.lon, before.lat, 150)
    start = pixel(canvas, before.lon, before.lat)
    end = pixel(canvas, before.lon + 0.0003, before.lat - 0.0002)
    drag(tool, canvas, start, end)
    assert tasks and tasks[-1] is not None and not box.questions
    wait_task(qgis_app, tasks[-1])
    expected = released_at(canvas, end)
    moved = me.picture(sequence_id, ids[1])
    assert distance_km(moved.lon, moved.lat, *expected) * 1000 < 1.0
    assert distance_km(moved.lon, moved.lat, before.lon, before.lat) * 1000 > 15
    point = loader.pictures.feature(ids[1]).geometry().asPoint()
    assert distance_km(point.x(), point.y(), *expected) * 1000 < 1.0
    assert tool.marker is None and tool.line is None
    line = loader.sequences.feature(sequence_id).geometry().asPolyline()
    assert len(line) == 3
    assert distance_km(line[1].x(), line[1].y(), *expected) * 1000 < 1.0

    # Escape during the drag: nothing sent
    count = len(tasks)
    start = pixel(canvas, moved.lon, moved.lat)
    drag(tool, canvas, start, QPoint(start.x() + 60, start.y()), escape=True)
    assert len(tasks) == count and tool.marker is None

    # beyond 1 km: asked; "no" → nothing sent
    zoom_on(qgis_app, canvas, moved.lon, moved.lat, 4000)
    start = pixel(canvas, moved.lon, moved.lat)
    box.answer = False
    drag(tool, canvas, start, pixel(canvas, moved.lon + 0.03, moved.lat))
    assert tasks[-1] is None and "km" in box.questions[-1]
    again = me.picture(sequence_id, ids[1])
    assert distance_km(again.lon, again.lat, moved.lon, moved.lat) * 1000 < 0.1
    canvas.unsetMapTool(tool)


def test_a_relative_heading_previewed_then_canceled_or_sent(
    view,
    canvas,
    local_instance,
    qgis_app,
    tmp_path,
    cleanup,  # noqa: F811
):
    from panoramax_plugin.viewer.map_sync import MapSync

    loader, actions, box, logger, controller = view
    seeded, ids, shots = fresh_sequence(local_instance, tmp_path, count=3)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    wait_task(qgis_app, loader.load_pictures([sequence_id]))
    headings = [round(p.heading) for p in me.iter_pictures(sequence_id)]
    first = me.picture(sequence_id, ids[0])
    zoom_on(qgis_app, canvas, first.lon, first.lat, 100)
    # the viewer shows the first picture, looking east
    controller.map_sync = MapSync(canvas)
    controller.current = SimpleNamespace(id=ids[0])
    controller.map_sync.show(first.lon, first.lat, 90.0, 60.0)

    seen = []

    def question(parent, title, text, *args):
        preview = actions.preview
        apex = to_canvas(canvas, first.lon, first.lat)
        cone = preview.cones[ids[0]].centroid().asPoint()
        seen.append(
            {
                "headings": {k: round(v[2]) % 360 for k, v in preview.headings.items()},
                "south": cone.y() < apex.y()
                and abs(cone.x() - apex.x()) < abs(cone.y() - apex.y()),
                "viewer": controller.map_sync.last[2],
                "band": preview.band is not None,
            }
        )
        return FakeBox.question(box, parent, title, text, *args)

    box.question = question
    box.answer = False
    assert actions.set_relative_heading(90, [sequence_id]) is None
    assert seen[-1]["headings"] == {i: 180 for i in ids}
    assert seen[-1]["south"] and seen[-1]["band"]
    assert round(seen[-1]["viewer"]) == 180  # the viewer's cone turned too
    assert actions.preview is None and round(controller.map_sync.last[2]) == 90  # put back
    assert [round(p.heading) for p in me.iter_pictures(sequence_id)] == headings

    box.answer = True
    finished = []
    actions.finished.connect(lambda *args: finished.append(args))
    wait_task(qgis_app, actions.set_relative_heading(-90, [sequence_id]))
    assert seen[-1]["headings"] == {i: 0 for i in ids}
    assert finished[-1] == ("relative_heading", 1, 0)
    assert [round(p.heading) % 360 for p in me.iter_pictures(sequence_id)] == [0] * 3
    assert round(loader.pictures.feature(ids[0])["heading"]) % 360 == 0
    assert actions.preview is None
    controller.map_sync.clear()


def test_the_box_hands_the_map_over_to_the_mover(canvas, qgis_app):
    from panoramax_plugin.current_instance import CurrentInstance
    from panoramax_plugin.mine.box import MineBox

    box = MineBox(Logger(), CurrentInstance(), canvas=canvas)
    assert not box.buttons["move"].isEnabled()  # nobody signed in
    assert box.start_moving() is box.move_tool and canvas.mapTool() is box.move_tool
    assert box.actions.canvas is canvas
    box.unload()
    assert canvas.mapTool() is not box.move_tool
    without = MineBox(Logger(), CurrentInstance())
    assert without.move_tool is None and without.start_moving() is None
    without.unload()


def test_a_press_off_the_earth_of_an_orthographic_map_is_refused_not_raised(view, canvas, qgis_app):
    """An orthographic map's corners have no longitude/latitude: pressing or releasing
    there drops the drag with a message instead of raising from the mouse handler."""
    from panoramax_plugin.mine.move_tool import MovePictureTool

    loader, actions, box, logger, _controller = view
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("ESRI:102035"))  # orthographic
    assert canvas.mapSettings().destinationCrs().isValid()
    canvas.setExtent(QgsRectangle(-9.0e6, -9.0e6, 9.0e6, 9.0e6))  # the whole disc and beyond
    qgis_app.processEvents()
    tool = MovePictureTool(canvas, actions)
    tasks = []
    tool.moved.connect(tasks.append)
    corner = QPoint(2, 2)
    tool.canvasPressEvent(mouse(canvas, QEvent.Type.MouseButtonPress, corner))
    assert tool.dragged is None and tool.marker is None
    assert any("longitude" in text for level, text in logger.lines if level == "warning")

    tool.dragged = ("s", "p", (5.0, 45.0))  # a drag under way, released off the earth
    tool.canvasReleaseEvent(mouse(canvas, QEvent.Type.MouseButtonRelease, corner))
    assert tool.dragged is None and tasks == []
