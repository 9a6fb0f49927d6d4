"""Annotations of the local instance drawn in the viewer over what they outline, and boxes
drawn in the viewer given back in the instance's pixels.

Which corner the API's pixel coordinates count from is checked here: a flat and a 360°
picture are uploaded with a magenta square painted at known pixels (from the top-left
corner, y down), an annotation is posted with the square's box, read back unchanged, and
the viewer's outline (amber) must surround the magenta pixels of the rendered view. Then a
box dragged in draw mode around the square's rendered pixels gives the square's box back.
Created annotations are deleted, the uploaded sequences and upload sets too.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import requests
from PIL import Image, ImageDraw
from qgis.PyQt.QtCore import QEvent, QPointF, Qt
from qgis.PyQt.QtGui import QMouseEvent
from qgis.PyQt.QtWidgets import QApplication

from panoramax_plugin.core.camera import Camera
from panoramax_plugin.core.view_geometry import equirect_pixel
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from panoramax_plugin.viewer.render360 import unpack_rgb
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg, make_pano_jpeg
from tests.qt_wait import run_until
from tests.upload_instance import delete_upload_sets
from tests.viewer_harness import open_viewer

from .seeding import delete_sequences, upload_set

pytestmark = pytest.mark.integration

MAGENTA = (255, 0, 255)
FLAT_SIZE = (800, 600)
FLAT_BOX = (220, 140, 340, 260)  # source pixels from the top-left corner
TURNED_BOX = (500, 100, 620, 220)  # stored pixels of the picture stored turned (EXIF 6)
PANO_SIZE = (2048, 1024)
PANO_YAW, PANO_PITCH, PANO_HALF = 40.0, 12.0, 48  # the square's centre and half size (px)
SHOTS = Path("/tmp/shots-sem-annot")


def paint_square(path: Path, box) -> None:
    """Paint ``box`` magenta in the JPEG at ``path``, keeping its metadata."""
    image = Image.open(path)
    exif, xmp = image.info.get("exif"), image.info.get("xmp")
    image = image.convert("RGB")
    ImageDraw.Draw(image).rectangle((box[0], box[1], box[2] - 1, box[3] - 1), MAGENTA)
    options = {"quality": 95}
    if exif:
        options["exif"] = exif
    if xmp:
        options["xmp"] = xmp
    image.save(path, "JPEG", **options)


def turn_by_exif(path: Path, orientation: int) -> None:
    """Give the JPEG at ``path`` an EXIF orientation (its pixels stay as stored)."""
    image = Image.open(path)
    exif = image.getexif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())


def pano_box() -> tuple:
    col, row = equirect_pixel(PANO_YAW, PANO_PITCH, *PANO_SIZE)
    col, row = round(col), round(row)
    return (col - PANO_HALF, row - PANO_HALF, col + PANO_HALF, row + PANO_HALF)


@pytest.fixture(scope="module")
def painted(local_instance, tmp_path_factory):
    """A flat and a 360° picture with a magenta square each, uploaded: {kind: (id, seq)}."""
    folder = tmp_path_factory.mktemp("annot")
    rng = random.Random()
    lat, lon = rng.uniform(43.5, 49.0), rng.uniform(-0.5, 6.0)
    shots = line_of_shots(lat, lon, 2, spacing_m=5.0, bearing_deg=30.0)
    # seed 4: its disc is green, far from the square (a random disc may be amber or magenta)
    flat = make_flat_jpeg(
        folder / "flat.jpg", shots[0], width=FLAT_SIZE[0], height=FLAT_SIZE[1], seed=4
    )
    paint_square(flat, FLAT_BOX)
    # a phone held upright: a landscape array of pixels, to be turned 90° clockwise
    turned = make_flat_jpeg(
        folder / "turned.jpg", shots[0], width=FLAT_SIZE[0], height=FLAT_SIZE[1], seed=4
    )
    paint_square(turned, TURNED_BOX)
    turn_by_exif(turned, 6)
    pano = make_pano_jpeg(
        folder / "pano.jpg", shots[1], width=PANO_SIZE[0], height=PANO_SIZE[1], pose_heading=0.0
    )
    paint_square(pano, pano_box())
    api, token = local_instance.api, local_instance.token
    sets = [upload_set(api, token, [p], f"annot {p.stem} {lat:.5f}") for p in (flat, pano, turned)]
    ids = {}
    for kind, seeded in zip(("flat", "pano", "turned"), sets):
        assert len(seeded.sequence_ids) == 1 and seeded.picture_ids(), seeded
        ids[kind] = (seeded.picture_ids()[0], seeded.sequence_ids[0])
    yield ids
    delete_sequences(api, token, [s.sequence_ids[0] for s in sets])
    delete_upload_sets(api, token, [s.upload_set_id for s in sets])


@pytest.fixture()
def annotations(local_instance):
    """Post annotations (``post(pid, seq, box, tags)`` → answer); deleted afterwards."""
    headers = {"Authorization": f"Bearer {local_instance.token}"}
    made = []

    def post(picture_id, sequence_id, box, tags):
        answer = requests.post(
            f"{local_instance.api}/collections/{sequence_id}/items/{picture_id}/annotations",
            json={"shape": list(box), "semantics": [{"key": k, "value": v} for k, v in tags]},
            headers=headers,
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        made.append(answer.json()["id"])
        return answer.json()

    yield post
    for annotation_id in made:
        requests.delete(
            f"{local_instance.api}/annotations/{annotation_id}", headers=headers, timeout=30
        )


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    with open_viewer(
        desktop, local_instance.api, dock_size=(760, 760), window_size=(1100, 900), show=True
    ) as controller:
        yield controller


def rgb(widget) -> np.ndarray:
    array, _ = qimage_to_array(widget.grab().toImage())
    return unpack_rgb(array).astype(int)


def extent(mask: np.ndarray) -> tuple:
    rows, cols = np.nonzero(mask)
    assert rows.size, "nothing of that colour in the view"
    return int(cols.min()), int(rows.min()), int(cols.max()) + 1, int(rows.max()) + 1


def magenta(pixels) -> np.ndarray:
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return (r > 200) & (g < 80) & (b > 200)


def amber(pixels) -> np.ndarray:
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return (r > 220) & (g > 160) & (g < 230) & (b < 60)


def is_cyan(pixels) -> np.ndarray:
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return (r < 60) & (g > 180) & (b > 220)


def outline_around_square(view, qgis_app):
    """(square extent, outline extent) in widget pixels, labels left out. Only the pixels
    that turn amber when the annotations show count: the picture's noise may hold some."""
    layer = view.annotation_layer
    layer.visible = False
    view.update()
    qgis_app.processEvents()
    hidden = rgb(view)
    square = extent(magenta(hidden))
    layer.visible = True
    view.update()
    qgis_app.processEvents()
    shown = rgb(view)
    mask = amber(shown) & ~amber(hidden)
    # the label sprite is above the box: keep what lies at the square's height
    mask[: max(0, square[1] - 8), :] = False
    return square, extent(mask), shown


def drag(view, start, end, qgis_app):
    for kind, pos, button, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(kind, QPointF(*pos), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(view, event)
    qgis_app.processEvents()


def open_full(viewer, qgis_app, picture_id, sequence_id):
    """Open a picture and wait for its full-size file (small pictures have no sd file)."""
    viewer.open_id(picture_id, sequence_id)
    run_until(
        qgis_app,
        lambda: (picture_id, "sd") in viewer.images or (picture_id, "hd") in viewer.images,
    )


def wait_annotations(viewer, qgis_app, count):
    run_until(qgis_app, lambda: len(viewer.annotations.layer.annotations) == count)


def test_flat_picture_annotation_over_the_painted_square(
    viewer, painted, annotations, local_instance, qgis_app
):
    picture_id, sequence_id = painted["flat"]
    answer = annotations(picture_id, sequence_id, FLAT_BOX, [("osm|traffic_sign", "FR:B14")])
    ring = answer["shape"]["coordinates"][0]
    assert ring[0] == [FLAT_BOX[0], FLAT_BOX[1]] and ring[2] == [FLAT_BOX[2], FLAT_BOX[3]]
    item = requests.get(
        f"{local_instance.api}/collections/{sequence_id}/items/{picture_id}", timeout=30
    ).json()
    back = item["properties"]["annotations"]
    assert [a["shape"] for a in back] == [answer["shape"]]  # stored as sent: no flip

    open_full(viewer, qgis_app, picture_id, sequence_id)
    wait_annotations(viewer, qgis_app, 1)
    assert viewer.current.image_size == FLAT_SIZE
    view = viewer.dock.flat_view
    view.zoom_by(1.6, QPointF(view.width() * 0.3, view.height() * 0.3))  # zoomed and moved
    qgis_app.processEvents()
    square, outline, _ = outline_around_square(view, qgis_app)
    # the outline is stroked on the square's edges (2 px pen + 1.5 px shadow each side)
    assert outline == pytest.approx(square, abs=4), (square, outline)

    boxes = []
    viewer.annotationBoxDrawn.connect(boxes.append)
    viewer.annotations.set_drawing(True)
    drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
    viewer.annotations.set_drawing(False)
    assert len(boxes) == 1
    assert boxes[0] == pytest.approx(FLAT_BOX, abs=3), boxes

    clicked = []
    viewer.annotationActivated.connect(clicked.append)
    centre = ((square[0] + square[2]) / 2, (square[1] + square[3]) / 2)
    drag(view, centre, centre, qgis_app)
    assert [a.id for a in clicked] == [answer["id"]]


def test_a_picture_stored_turned_shows_its_annotation_upright(
    viewer, painted, annotations, local_instance, qgis_app
):
    """A phone picture stored landscape with EXIF orientation 6 is shown upright; the
    server counts annotation pixels in the stored frame (it refuses a box outside it), so
    the outline is turned with the picture and a drawn box is turned back."""
    picture_id, sequence_id = painted["turned"]
    outside_stored = requests.post(
        f"{local_instance.api}/collections/{sequence_id}/items/{picture_id}/annotations",
        json={"shape": [0, 650, 100, 750], "semantics": [{"key": "a", "value": "b"}]},
        headers={"Authorization": f"Bearer {local_instance.token}"},
        timeout=30,
    )
    assert outside_stored.status_code == 400  # inside the upright frame, not the stored one
    answer = annotations(picture_id, sequence_id, TURNED_BOX, [("osm|traffic_sign", "FR:B14")])

    open_full(viewer, qgis_app, picture_id, sequence_id)
    wait_annotations(viewer, qgis_app, 1)
    picture = viewer.current
    assert picture.orientation == 6 and picture.image_size == FLAT_SIZE
    assert picture.field_of_view == pytest.approx(54.5, abs=1.0)  # the server's 69° turned
    view = viewer.dock.flat_view
    assert view.image.width() < view.image.height()  # shown upright
    square, outline, _ = outline_around_square(view, qgis_app)
    assert outline == pytest.approx(square, abs=4), (square, outline)

    # drawn around the square, tagged and created through the plugin: the stored box
    # (its x beyond the upright width: checked against the stored frame, not the shown one)
    from panoramax_plugin.core.semantics import Tag

    boxes = []
    viewer.annotationBoxDrawn.connect(boxes.append)
    viewer.semantics.account_source = lambda url: (local_instance.token, "qgis-tester")
    viewer.semantics.ask_tags = lambda *_args, **_kw: [Tag("osm|traffic_sign", "FR:AB4")]
    actions = viewer.annotation_actions
    viewer.annotations.set_drawing(True)
    drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
    viewer.annotations.set_drawing(False)
    assert len(boxes) == 1
    assert boxes[0] == pytest.approx(TURNED_BOX, abs=3), boxes
    assert actions.job is not None, viewer.dock.status.text()
    run_until(qgis_app, lambda: actions.job is None)
    made = [
        a
        for a in server_annotations(local_instance.api, sequence_id, picture_id)
        if a["id"] != answer["id"]
    ]
    assert len(made) == 1, viewer.dock.status.text()
    wait_annotations(viewer, qgis_app, 2)  # the views read the picture again
    requests.delete(
        f"{local_instance.api}/annotations/{made[0]['id']}",
        headers={"Authorization": f"Bearer {local_instance.token}"},
        timeout=30,
    )
    ring = made[0]["shape"]["coordinates"][0]
    made_box = (ring[0][0], ring[0][1], ring[2][0], ring[2][1])
    assert made_box == pytest.approx(TURNED_BOX, abs=3), made_box

    clicked = []
    viewer.annotationActivated.connect(clicked.append)
    actions.menu_choice = lambda annotation: None  # no menu: only which one was hit
    centre = ((square[0] + square[2]) / 2, (square[1] + square[3]) / 2)
    drag(view, centre, centre, qgis_app)
    assert len(clicked) == 1 and clicked[0].id in (answer["id"], made[0]["id"])

    # the server's thumbnail keeps the stored frame without the tag: shown upright too
    viewer.loader.request(picture, "thumb")
    run_until(qgis_app, lambda: viewer.loader.cached(picture_id, "thumb") is not None)
    thumb = viewer.loader.cached(picture_id, "thumb")
    assert thumb.width() < thumb.height(), (thumb.width(), thumb.height())


def test_pano_annotation_over_the_painted_square(
    viewer, painted, annotations, local_instance, qgis_app
):
    picture_id, sequence_id = painted["pano"]
    box = pano_box()
    answer = annotations(
        picture_id,
        sequence_id,
        box,
        [
            ("osm|traffic_sign", "FR:B14"),
            ("detection_model[SGBlur]", "1.0"),
            ("detection_confidence[SGBlur]", "0.87"),
        ],
    )
    open_full(viewer, qgis_app, picture_id, sequence_id)
    wait_annotations(viewer, qgis_app, 1)
    annotation = viewer.annotations.layer.annotations[0]
    assert annotation.id == answer["id"] and annotation.is_detection
    view = viewer.dock.pano_view
    for camera in (Camera(PANO_YAW, 0.0, 70.0), Camera(PANO_YAW + 15.0, PANO_PITCH + 5.0, 50.0)):
        view.set_camera(camera)
        view._on_idle()  # the smooth frame at once
        qgis_app.processEvents()
        layer = view.annotation_layer
        layer.visible = False
        view.update()
        qgis_app.processEvents()
        hidden = rgb(view)
        square = extent(magenta(hidden))
        layer.visible = True
        view.update()
        qgis_app.processEvents()
        cyan = is_cyan(rgb(view)) & ~is_cyan(hidden)  # a detection: dashed cyan
        cyan[: max(0, square[1] - 8), :] = False
        outline = extent(cyan)
        assert outline == pytest.approx(square, abs=4), (camera, square, outline)

    boxes = []
    viewer.annotationBoxDrawn.connect(boxes.append)
    viewer.annotations.set_drawing(True)
    # looking at the square: a dock with less room (the tags section) must not clip it
    view.set_camera(Camera(PANO_YAW, PANO_PITCH, 70.0))
    view._on_idle()
    qgis_app.processEvents()
    layer.visible = False
    view.update()
    qgis_app.processEvents()
    square = extent(magenta(rgb(view)))
    layer.visible = True
    drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
    viewer.annotations.set_drawing(False)
    assert len(boxes) == 1
    assert boxes[0] == pytest.approx(box, abs=4), (boxes, box)


class YesBox:
    """Stands for QMessageBox: every question answered yes."""

    @staticmethod
    def question(*_args):
        from qgis.PyQt.QtWidgets import QMessageBox

        return QMessageBox.StandardButton.Yes


def server_annotations(api, sequence_id, picture_id) -> list:
    url = f"{api}/collections/{sequence_id}/items/{picture_id}"
    return requests.get(url, timeout=30).json()["properties"].get("annotations") or []


def test_an_annotation_drawn_tagged_edited_then_deleted_from_the_viewer(
    viewer, painted, local_instance, qgis_app
):
    """The whole round trip through the plugin: a box dragged around the painted square,
    tagged in the dialog, created on the instance at the square's pixels; clicked, its
    tags replaced; clicked again, deleted. The views follow each change."""
    from panoramax_plugin.core.semantics import Tag

    api, token = local_instance.api, local_instance.token
    picture_id, sequence_id = painted["flat"]
    viewer.semantics.account_source = lambda url: (token, "qgis-tester")
    typed = [[Tag("osm|traffic_sign", "FR:B14")], [Tag("osm|traffic_sign", "FR:AB4")]]
    viewer.semantics.ask_tags = lambda parent, title, initial, **_: typed.pop(0)
    actions = viewer.annotation_actions
    actions.message_box = YesBox
    choices = ["edit", "delete"]
    actions.menu_choice = lambda annotation: choices.pop(0)
    headers = {"Authorization": f"Bearer {token}"}
    try:
        open_full(viewer, qgis_app, picture_id, sequence_id)
        wait_annotations(viewer, qgis_app, 0)
        view = viewer.dock.flat_view
        square = extent(magenta(rgb(view)))
        viewer.annotations.set_drawing(True)
        drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
        viewer.annotations.set_drawing(False)
        assert actions.job is not None, viewer.dock.status.text()
        run_until(qgis_app, lambda: actions.job is None)
        made = server_annotations(api, sequence_id, picture_id)
        assert len(made) == 1, made
        ring = made[0]["shape"]["coordinates"][0]
        box = (
            min(p[0] for p in ring),
            min(p[1] for p in ring),
            max(p[0] for p in ring),
            max(p[1] for p in ring),
        )
        assert box == pytest.approx(FLAT_BOX, abs=3)
        assert made[0]["semantics"] == [{"key": "osm|traffic_sign", "value": "FR:B14"}]
        wait_annotations(viewer, qgis_app, 1)

        centre = ((square[0] + square[2]) / 2, (square[1] + square[3]) / 2)
        drag(view, centre, centre, qgis_app)  # a click: edit
        run_until(qgis_app, lambda: actions.job is None)
        made = server_annotations(api, sequence_id, picture_id)
        assert made[0]["semantics"] == [{"key": "osm|traffic_sign", "value": "FR:AB4"}]
        run_until(
            qgis_app,
            lambda: [a.main_tag.value for a in viewer.annotations.layer.annotations] == ["FR:AB4"],
        )

        drag(view, centre, centre, qgis_app)  # a click: delete (confirmed)
        run_until(qgis_app, lambda: actions.job is None)
        assert server_annotations(api, sequence_id, picture_id) == []
        wait_annotations(viewer, qgis_app, 0)
        assert not typed and not choices
    finally:
        for left in server_annotations(api, sequence_id, picture_id):
            requests.delete(f"{api}/annotations/{left['id']}", headers=headers, timeout=30)


def test_a_new_annotations_tags_are_kept_when_sending_fails(
    viewer, painted, local_instance, qgis_app
):
    """Refused (an expired sign-in), the tags typed for a box are not lost: the next box
    drawn on the picture opens the dialog with them."""
    from panoramax_plugin.core.semantics import Tag

    api, token = local_instance.api, local_instance.token
    picture_id, sequence_id = painted["flat"]
    sign = Tag("osm|traffic_sign", "FR:C1")
    offered = []

    def ask(parent, title, initial, **_):
        offered.append(tuple(initial))
        return list(initial) or [sign]

    viewer.semantics.account_source = lambda url: ("expired.token.value", "qgis-tester")
    viewer.semantics.ask_tags = ask
    actions = viewer.annotation_actions
    headers = {"Authorization": f"Bearer {token}"}
    try:
        open_full(viewer, qgis_app, picture_id, sequence_id)
        wait_annotations(viewer, qgis_app, 0)
        view = viewer.dock.flat_view
        square = extent(magenta(rgb(view)))
        viewer.annotations.set_drawing(True)
        drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
        assert actions.job is not None, viewer.dock.status.text()
        run_until(qgis_app, lambda: actions.job is None)
        assert "kept" in viewer.dock.status.text(), viewer.dock.status.text()
        assert server_annotations(api, sequence_id, picture_id) == []

        viewer.semantics.account_source = lambda url: (token, "qgis-tester")
        drag(view, (square[0], square[1]), (square[2], square[3]), qgis_app)
        run_until(qgis_app, lambda: actions.job is None)
        viewer.annotations.set_drawing(False)
        assert offered == [(), (sign,)]
        made = server_annotations(api, sequence_id, picture_id)
        assert [[(t["key"], t["value"]) for t in a["semantics"]] for a in made] == [
            [(sign.key, sign.value)]
        ]
        assert actions.unsent == {}
    finally:
        for annotation in server_annotations(api, sequence_id, picture_id):
            requests.delete(f"{api}/annotations/{annotation['id']}", headers=headers, timeout=30)
