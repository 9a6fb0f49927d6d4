"""Pictures decode without holding Python's GIL, so the main thread keeps running while a
worker decodes an hd picture (``QImage.fromData`` held it: 4 % of the main thread's work
was left during a 5760×2880 decode)."""

from __future__ import annotations

import glob
import io
import os
import tempfile
import threading
import time

import numpy as np
from PIL import Image
from qgis.PyQt.QtGui import QImage

from panoramax_plugin.viewer.image_loader import _MEMORY_DIR, read_image_bytes


def big_jpeg() -> bytes:
    rng = np.random.default_rng(7)
    small = Image.fromarray(rng.integers(0, 256, (40, 80, 3), dtype=np.uint8))
    buffer = io.BytesIO()
    small.resize((4096, 2048), Image.BILINEAR).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def leftovers() -> list:
    folder = _MEMORY_DIR or tempfile.gettempdir()
    return glob.glob(os.path.join(folder, "panoramax-*.img"))


def main_thread_share(decode, data) -> float:
    """Python work the main thread does during two decodes in another thread, as a share
    of what it does alone in the same time."""

    def spin(stop, counter):
        while not stop.is_set():
            counter[0] += 1
            sum(range(100))

    counter, stop = [0], threading.Event()
    worker = threading.Thread(target=lambda: (decode(data), decode(data), stop.set()))
    started = time.perf_counter()
    worker.start()
    spin(stop, counter)
    worker.join()
    elapsed = time.perf_counter() - started
    alone, done = [0], threading.Event()
    threading.Timer(elapsed, done.set).start()
    spin(done, alone)
    return counter[0] / max(1, alone[0])


def test_same_pixels_as_decoding_from_memory_and_no_file_left(qgis_app):
    data = big_jpeg()
    before = set(leftovers())
    image = read_image_bytes(data)
    reference = QImage.fromData(data)
    assert image.size() == reference.size()
    assert image.convertToFormat(QImage.Format.Format_RGB32) == reference.convertToFormat(
        QImage.Format.Format_RGB32
    )
    assert read_image_bytes(b"not a picture").isNull()
    assert set(leftovers()) == before


def test_the_main_thread_keeps_running_during_a_decode(qgis_app):
    data = big_jpeg()
    held = main_thread_share(lambda d: QImage.fromData(d), data)
    free = main_thread_share(read_image_bytes, data)
    assert free > 0.3 and free > 3 * held, (free, held)


def test_a_temporary_file_that_cannot_be_written_falls_back_to_memory(qgis_app, monkeypatch):
    import panoramax_plugin.viewer.image_loader as loader

    data = big_jpeg()

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(loader.os, "fdopen", no_room)
    assert read_image_bytes(data).size() == QImage.fromData(data).size()
    monkeypatch.undo()
    monkeypatch.setattr(loader.tempfile, "mkstemp", no_room)
    assert not read_image_bytes(data).isNull()
