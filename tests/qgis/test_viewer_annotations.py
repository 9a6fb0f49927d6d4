"""Annotations in the viewer's widgets without an instance: styles, toggle, escaped tooltip,
click, draw mode across the 360° seam; screenshots in /tmp/shots-sem-annot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from qgis.PyQt.QtCore import QEvent, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QMouseEvent
from qgis.PyQt.QtWidgets import QApplication

from panoramax_plugin.core.annotation_geometry import box_polygon
from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.semantics import Annotation, Tag
from panoramax_plugin.viewer.annotation_layer import AnnotationLayer, label_text, tooltip_html
from panoramax_plugin.viewer.dock import ViewerDock
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from panoramax_plugin.viewer.render360 import pack_rgb, unpack_rgb

SHOTS = Path("/tmp/shots-sem-annot")
DETECTION = (
    Tag("detection_model[SGBlur-yolo11n/0.1.0]", "SGBlur-yolo11n/0.1.0"),
    Tag("detection_confidence[SGBlur-yolo11n/0.1.0]", "0.87"),
)


def annotation(aid, box, *tags, width=None):
    ring = box_polygon(box)
    if width is not None:  # across the seam: the right part given past the left edge
        ring = tuple((x - width if x > width else x, y) for x, y in ring)
    return Annotation(aid, box, tuple(tags), "p", ring)


def flat_annotations():
    return [
        annotation("h1", (120, 90, 260, 230), Tag("osm|traffic_sign", "FR:B14")),
        annotation("h2", (420, 260, 600, 420), Tag("osm|amenity", "bench")),
        annotation("d1", (640, 80, 760, 200), Tag("osm|traffic_sign", "FR:AB4"), *DETECTION),
        annotation("x1", (300, 420, 420, 540), Tag("note", "<b>bold</b> & <i>x</i>")),
    ]


def send(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, QPointF(*pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget, start, end):
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(widget, QEvent.Type.MouseButtonPress, start, left, left)
    send(widget, QEvent.Type.MouseMove, end, none, left)
    send(widget, QEvent.Type.MouseButtonRelease, end, left, none)


def pixels(widget):
    array, _ = qimage_to_array(widget.grab().toImage())
    return unpack_rgb(array).astype(int)


@pytest.fixture()
def dock(qgis_app):
    dock = ViewerDock()
    dock.resize(900, 760)
    dock.show()
    qgis_app.processEvents()
    yield dock
    dock.close()
    dock.deleteLater()


def test_labels_and_tooltip_are_plain_text():
    human, _, detection, markup = flat_annotations()
    assert label_text(human) == "FR:B14"
    assert label_text(detection) == "FR:AB4 · 87 %"
    assert label_text(markup) == "note=<b>bold</b> & <i>x</i>"
    tip = tooltip_html(markup)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;" in tip and "<b>bold" not in tip
    assert "detection_confidence[SGBlur-yolo11n/0.1.0]=0.87" in tooltip_html(detection)


def test_flat_view_draws_toggles_and_clicks(dock, qgis_app):
    view = dock.show_flat()
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor(90, 110, 90))
    view.set_image(image)
    layer = AnnotationLayer()
    layer.set_annotations(flat_annotations(), (1600, 1200), False)  # the sd file: half size
    view.set_annotation_layer(layer)
    qgis_app.processEvents()
    shown = pixels(view)
    pose = view.overlay_pose()
    # h1's left edge (source x 120 -> image x 60) at mid-height
    x = round(pose.offset_x + 60 * pose.zoom)
    y = round(pose.offset_y + 80 * pose.zoom)
    assert tuple(shown[y, x]) == (255, 196, 0)
    layer.visible = False
    view.update()
    assert tuple(pixels(view)[y, x]) == (90, 110, 90)
    layer.visible = True
    clicked = []
    view.annotation_clicked.connect(clicked.append)
    centre = (pose.offset_x + 95 * pose.zoom, pose.offset_y + 80 * pose.zoom)
    drag(view, centre, centre)
    assert [a.id for a in clicked] == ["h1"]
    drag(view, centre, (centre[0] + 40, centre[1]))  # a drag pans, never clicks
    assert len(clicked) == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    layer.selected_id = None
    view.fit()
    dock.grab().save(str(SHOTS / "annotations_flat.png"))


def pano_source(width=4096, height=2048):
    y, x = np.mgrid[0:height, 0:width]
    r = (x * 255 // width).astype(np.uint8)
    g = (y * 255 // height).astype(np.uint8)
    b = np.full_like(r, 120)
    return pack_rgb(np.dstack([r, g, b]))


def test_pano_view_seam_and_draw_mode(dock, qgis_app):
    width, height = 4096, 2048
    view = dock.show_pano()
    view.set_source(pano_source(width, height))
    layer = AnnotationLayer()
    layer.set_annotations(
        [
            annotation(
                "seam", (4000, 900, 4196, 1010), Tag("osm|traffic_sign", "FR:C1"), width=width
            ),
            annotation("h", (3700, 850, 3850, 1000), Tag("osm|highway", "street_lamp")),
            annotation("d", (280, 950, 380, 1060), Tag("osm|traffic_sign", "FR:B14"), *DETECTION),
        ],
        (width, height),
        True,
    )
    view.set_annotation_layer(layer)
    view.set_camera(Camera(170.0, 2.0, 90.0))
    view._on_idle()
    qgis_app.processEvents()
    placed = layer.place(view.overlay_pose())
    assert {item.annotation.id for item, _l, _p in placed} == {"seam", "h", "d"}
    seam_lines = next(lines for item, lines, _p in placed if item.annotation.id == "seam")
    xs = [x for line in seam_lines for x, _ in line]
    assert max(xs) - min(xs) < 200  # one box across the seam, not one spanning the view
    hover = view.annotation_at(QPointF(sum(xs) / len(xs), seam_lines[0][0][1] + 10))
    assert hover is not None and hover.id == "seam"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dock.grab().save(str(SHOTS / "annotations_360.png"))

    boxes = []
    view.annotation_rect_drawn.connect(
        lambda rect: boxes.append(layer.source_box(view.overlay_pose(), rect))
    )
    view.set_drawing(True)
    centre_x = view.width() / 2
    drag(view, (centre_x - 20, 200), (centre_x + 60, 260))
    view.set_drawing(False)
    assert len(boxes) == 1
    minx, miny, maxx, maxy = boxes[0]
    assert 0 <= minx < maxx <= width and 0 <= miny < maxy <= height
