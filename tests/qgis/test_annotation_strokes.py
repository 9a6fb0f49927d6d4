"""How the annotation layer strokes outlines in the 360° view (numpy frame, drawLines):
same polylines as the pure-Python geometry, shadow and even dashes when still, a lighter
drag frame, the same pixels whichever way the points reach Qt."""

from __future__ import annotations

import random

import numpy as np
import pytest
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from panoramax_plugin.core import annotation_geometry as ag
from panoramax_plugin.core.annotation_geometry import box_polygon
from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.semantics import Annotation, Tag
from panoramax_plugin.core.view_geometry import view_points
from panoramax_plugin.viewer import annotation_layer as al
from panoramax_plugin.viewer.overlay import PanoPose
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from panoramax_plugin.viewer.render360 import unpack_rgb

W, H = 5760, 2880
VIEW_W, VIEW_H = 1280, 720
DETECTION = (
    Tag("detection_model[m/1]", "m/1"),
    Tag("detection_confidence[m/1]", "0.9"),
)


def annotations(count=40, seed=5):
    rng = random.Random(seed)
    made = []
    for index in range(count):
        w, h = rng.uniform(40, 400), rng.uniform(40, 400)
        x, y = rng.uniform(0, W - w), rng.uniform(H * 0.2, H * 0.8 - h)
        if index < 2:  # across the seam
            x = W - w / 2
        ring = tuple((px - W if px > W else px, py) for px, py in box_polygon((x, y, x + w, y + h)))
        tags = (Tag("osm|traffic_sign", f"S{index}"),) + (DETECTION if index % 3 == 0 else ())
        made.append(Annotation(f"a{index}", (x, y, x + w, y + h), tags, "p", ring))
    return made


@pytest.fixture()
def layer(qgis_app):
    layer = al.AnnotationLayer()
    layer.set_annotations(annotations(), (W, H), True)
    return layer


def render(layer, pose, moving=False):
    image = QImage(VIEW_W, VIEW_H, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(128, 128, 128))
    painter = QPainter(image)
    layer.paint(painter, pose, moving)
    painter.end()
    array, _ = qimage_to_array(image)
    return unpack_rgb(array).astype(int)


def count(rgb, color):
    return int(np.all(rgb == color, axis=2).sum())


@pytest.mark.parametrize(
    "camera",
    [Camera(-60.0, -5.0, 90.0), Camera(175.0, 30.0, 60.0), Camera(10.0, -70.0, 110.0)],
)
def test_placed_polylines_are_view_polylines(layer, camera):
    pose = PanoPose(camera, VIEW_W, VIEW_H)
    placed = layer.place(pose)
    assert placed
    ids = [item.annotation.id for item, _lines, _label in placed]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))  # the annotations' order
    for item, lines, label_at in placed:
        expected = ag.view_polylines(item.units, camera, VIEW_W, VIEW_H)
        assert [[tuple(p) for p in line.tolist()] for line in lines] == expected
        label = view_points(camera, [item.label_unit], VIEW_W, VIEW_H)[0]
        assert label_at == label
    # every annotation with an outline on the widget is placed
    shown = {id(i) for i, _l, _p in placed}
    for item in layer._prepared:
        lines = ag.view_polylines(item.units, camera, VIEW_W, VIEW_H)
        on_widget = any(0 <= x <= VIEW_W and 0 <= y <= VIEW_H for line in lines for x, y in line)
        assert not on_widget or id(item) in shown


def test_still_frame_has_shadows_and_dashes_drag_frame_is_lighter(layer):
    pose = PanoPose(Camera(-60.0, -5.0, 90.0), VIEW_W, VIEW_H)
    still = render(layer, pose)
    moving = render(layer, pose, moving=True)
    shadow = (16, 16, 16)
    assert count(still, shadow) > 1000 and count(moving, shadow) == 0
    for rgb in (still, moving):  # both kinds drawn, in their colours
        assert count(rgb, (255, 196, 0)) > 500 and count(rgb, (0, 220, 255)) > 300


def test_even_dashes_when_still(qgis_app):
    # one straight detection edge in the middle of the view: dashes 10 px, gaps 2 px
    layer = al.AnnotationLayer()
    box = (W / 2 - 300, H / 2 - 10, W / 2 + 300, H / 2 + 10)
    layer.set_annotations(
        [Annotation("d", box, (Tag("osm|x", "y"),) + DETECTION, "p", box_polygon(box))],
        (W, H),
        True,
    )
    rgb = render(layer, PanoPose(Camera(0.0, 0.0, 60.0), VIEW_W, VIEW_H))
    cyan = np.all(rgb == (0, 220, 255), axis=2)
    top = [row for row in range(VIEW_H // 2) if cyan[row].sum() > 50]  # the top edge
    assert 0 < len(top) <= 4
    line = cyan[top].any(axis=0)[300 : VIEW_W - 300]  # its middle, seen from above
    assert line.any()
    edges = np.flatnonzero(np.diff(line.astype(int)))
    runs = np.diff(edges)
    dashes, gaps = (runs[1::2], runs[::2]) if line[edges[0]] else (runs[::2], runs[1::2])
    assert len(dashes) > 20
    assert set(dashes.tolist()) == {10} and set(gaps.tolist()) == {2}  # as Qt's DashLine


def test_selected_drawn_in_its_colour(layer):
    pose = PanoPose(Camera(-60.0, -5.0, 90.0), VIEW_W, VIEW_H)
    item = next(
        item
        for item, lines, _label in layer.place(pose)
        if any(0 < x < VIEW_W and 0 < y < VIEW_H for line in lines for x, y in line.tolist())
    )
    layer.selected_id = item.annotation.id
    assert count(render(layer, pose), (255, 64, 160)) > 100
    layer.selected_id = None
    assert count(render(layer, pose), (255, 64, 160)) == 0


def test_sip_array_and_fallback_draw_the_same(layer, monkeypatch):
    pose = PanoPose(Camera(100.0, 10.0, 80.0), VIEW_W, VIEW_H)
    assert al._sip_arrays_work()  # the fast way works on this PyQt
    fast = render(layer, pose)
    monkeypatch.setattr(al, "_PAIRS_FROM_BUFFER", False)
    assert np.array_equal(render(layer, pose), fast)
    assert np.array_equal(render(layer, pose, moving=True), render(layer, pose, True))


def test_nothing_to_draw(qgis_app):
    layer = al.AnnotationLayer()
    layer.set_annotations([], (W, H), True)
    pose = PanoPose(Camera(), VIEW_W, VIEW_H)
    assert layer.place(pose) == []
    assert count(render(layer, pose), (128, 128, 128)) == VIEW_W * VIEW_H
    # one box wholly behind the camera
    box = (10.0, 1400.0, 60.0, 1450.0)
    layer.set_annotations([Annotation("b", box, (), "p", box_polygon(box))], (W, H), True)
    assert layer.place(pose) == []
    assert count(render(layer, pose), (128, 128, 128)) == VIEW_W * VIEW_H
