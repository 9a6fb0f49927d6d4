"""Pictures are decoded upright as their EXIF orientation says (QImage.fromData does not)."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtGui import QColor, QImage

from panoramax_plugin.viewer.image_loader import _oriented


def marked() -> QImage:
    """4×2, red top-left pixel."""
    image = QImage(4, 2, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    image.setPixelColor(0, 0, QColor(255, 0, 0))
    return image


def red_at(image: QImage) -> tuple:
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).red() == 255:
                return x, y, image.width(), image.height()
    return None


@pytest.mark.parametrize(
    "orientation, expected",
    [
        (1, (0, 0, 4, 2)),
        (2, (3, 0, 4, 2)),  # mirrored
        (3, (3, 1, 4, 2)),  # 180°
        (4, (0, 1, 4, 2)),  # flipped
        (5, (0, 0, 2, 4)),  # transposed
        (6, (1, 0, 2, 4)),  # 90° clockwise
        (7, (1, 3, 2, 4)),  # transverse
        (8, (0, 3, 2, 4)),  # 90° counter-clockwise
        (None, (0, 0, 4, 2)),
        ((6,), (1, 0, 2, 4)),
    ],
)
def test_exif_orientations_turn_the_picture_upright(qgis_app, orientation, expected):
    assert red_at(_oriented(marked(), orientation)) == expected


@pytest.mark.parametrize("orientation", range(1, 9))
def test_the_core_frames_agree_with_the_turned_image(qgis_app, orientation):
    """Every stored pixel's centre lands, by core.orientation, on the pixel the image turned
    by Qt shows it at (what the viewer draws annotations with is what it shows)."""
    from panoramax_plugin.core.orientation import to_upright, upright_size

    for x, y in ((0, 0), (3, 0), (2, 1), (1, 1)):
        image = QImage(4, 2, QImage.Format.Format_RGB32)
        image.fill(QColor(0, 0, 0))
        image.setPixelColor(x, y, QColor(255, 0, 0))
        shown = red_at(_oriented(image, orientation))
        ux, uy = to_upright(x + 0.5, y + 0.5, (4, 2), orientation)
        assert shown == (int(ux), int(uy), *upright_size((4, 2), orientation))


def test_a_thumbnail_without_its_tag_is_turned_as_the_item_says(qgis_app):
    """GeoVisio 2.15.1's thumbnails keep the stored frame and drop the EXIF orientation:
    the item's orientation turns them; a file already upright is left alone."""
    from types import SimpleNamespace

    from panoramax_plugin.viewer.image_loader import decode_image
    from tests.fixtures.pictures import line_of_shots, make_flat_jpeg

    path = make_flat_jpeg(
        "/tmp/panoramax-untagged.jpg", line_of_shots(45.0, 5.0, 1)[0], width=80, height=60, seed=1
    )
    data = path.read_bytes()
    item = SimpleNamespace(is_360=False, orientation=6, image_size=(800, 600))
    turned = decode_image(data, tags={}, picture=item)
    assert (turned.width(), turned.height()) == (60, 80)
    upright_item = SimpleNamespace(is_360=False, orientation=6, image_size=(600, 800))
    kept = decode_image(data, tags={}, picture=upright_item)  # already the upright shape
    assert (kept.width(), kept.height()) == (80, 60)
    tagged = decode_image(data, tags={"Exif.Image.Orientation": 1}, picture=item)
    assert (tagged.width(), tagged.height()) == (80, 60)  # the file's own tag wins


def test_a_preview_thumbnail_turned_for_no_item_is_fetched_again_for_the_item(qgis_app):
    """The viewer asks for the thumbnail before the item arrives (no orientation known):
    once the item says 6, that stored-frame image is not reused, cached or pending."""
    from panoramax_plugin.core.models import Picture
    from panoramax_plugin.viewer.image_loader import ImageLoader
    from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
    from tests.hostile_server import HostileServer, Reply
    from tests.qt_wait import run_until

    path = make_flat_jpeg(
        "/tmp/panoramax-preview.jpg", line_of_shots(45.0, 5.0, 1)[0], width=80, height=60, seed=2
    )
    from PIL import Image

    Image.open(path).save(path, "JPEG")  # no EXIF at all, as GeoVisio's thumbnails
    thumb = Reply(body=path.read_bytes(), content_type="image/jpeg")
    with HostileServer({"/thumb.jpg": thumb}) as server:
        url = server.base_url + "/thumb.jpg"
        preview = Picture("p1", None, 0.0, 0.0, assets={"thumb": url})
        item = Picture(
            "p1", "s1", 5.0, 45.0, assets={"thumb": url}, orientation=6, image_size=(800, 600)
        )
        loader = ImageLoader(10, 10.0)
        shown = []
        loader.ready.connect(lambda pid, level, image: shown.append(image.size()))

        loader.request(preview, "thumb")
        loader.request(item, "thumb")  # while the preview's fetch is pending
        run_until(qgis_app, lambda: shown, 20)
        assert [(s.width(), s.height()) for s in shown] == [(60, 80)]  # upright only

        shown.clear()
        loader.cache.clear()
        loader.request(preview, "thumb")
        run_until(qgis_app, lambda: shown, 20)
        assert (shown[-1].width(), shown[-1].height()) == (80, 60)  # as stored: no item yet
        loader.request(item, "thumb")  # cached for no orientation: fetched again
        run_until(qgis_app, lambda: len(shown) == 2, 20)
        assert (shown[-1].width(), shown[-1].height()) == (60, 80)
        assert loader.request(item, "thumb") is True  # now cached for the item
