"""Zero-copy bridges between ``QImage`` (``Format_RGB32``) and numpy ``uint32`` arrays.

One ``uint32`` element is one ``0xAARRGGBB`` pixel (Qt stores RGB32 as native-endian 32-bit
words), which is what :mod:`.render360` works on.

Neither direction copies pixels, so each side must outlive the other's view of it:

* :func:`qimage_to_array` returns the (possibly converted) ``QImage`` with the array: keep
  that image referenced as long as the array is used;
* :func:`array_to_qimage` stores the array on the returned ``QImage`` (``image.array``), so
  the memory lives as long as that Python wrapper. A C++ copy of the image (a ``QPixmap``
  made from it, a copy kept by another widget) does not hold the array: copy the image
  (``image.copy()``) before handing it to code that keeps it.
"""

from __future__ import annotations

import numpy as np
from qgis.PyQt.QtGui import QImage

RGB32 = QImage.Format.Format_RGB32


def qimage_to_array(image: QImage) -> tuple[np.ndarray, QImage]:
    """A read-only ``(height, width)`` ``uint32`` view over the pixels of ``image``.

    The image is converted to ``Format_RGB32`` first when it is in another format (the
    alpha channel, if any, is dropped). Returns ``(array, rgb32_image)``: the array is a
    view over ``rgb32_image``'s memory (rows ``bytesPerLine`` apart), valid while that
    image is alive and unmodified. A null image gives a ``(0, 0)`` array.
    """
    if image.isNull():
        return np.empty((0, 0), dtype=np.uint32), image
    if image.format() != RGB32:
        image = image.convertToFormat(RGB32)
    height, width = image.height(), image.width()
    stride = image.bytesPerLine()
    # constBits(): no detach (bits() would deep-copy an implicitly shared image)
    pointer = image.constBits()
    pointer.setsize(stride * height)
    rows = np.frombuffer(pointer, dtype=np.uint32).reshape(height, stride // 4)
    return rows[:, :width], image


def array_to_qimage(array: np.ndarray) -> QImage:
    """A ``Format_RGB32`` ``QImage`` over ``array``'s memory, without copying.

    ``array`` must be a 2-D C-contiguous ``uint32`` array of ``0xAARRGGBB`` pixels (alpha
    should be ``0xFF``). The image references the array (``image.array``) so the memory is
    not freed while the image is painted; later writes to the array show in the image.
    """
    if array.ndim != 2 or array.dtype != np.uint32 or not array.flags.c_contiguous:
        raise ValueError(
            f"expected a 2-D C-contiguous uint32 array, got {array.dtype} {array.shape}"
        )
    height, width = array.shape
    if height == 0 or width == 0:
        return QImage()
    image = QImage(array.data, width, height, width * 4, RGB32)
    image.array = array  # keeps the buffer alive as long as this wrapper
    return image
