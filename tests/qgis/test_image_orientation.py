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
