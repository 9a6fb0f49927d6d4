"""Fetch and decode picture files in the background, with a size-bounded cache.

Bytes come through QGIS networking in a background job (:mod:`.background`); decoding
to ``QImage`` (RGB32, EXIF orientation applied) also happens there, since ``QImage``
(unlike ``QPixmap``) works off the GUI thread. Results arrive as signals on the main
thread.
"""

from __future__ import annotations

import os
import tempfile
import time

from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal
from qgis.PyQt.QtGui import QImage, QImageReader, QTransform

from ..background import job_pool as background
from ..core.errors import PanoramaxError, ServerError
from ..core.exif_tiff import read_exif_tags
from ..core.lru import SizedLRU
from ..core.orientation import parse_orientation, untagged_file_orientation
from ..core.owner_reads import TokenRefusals, owner_reads
from ..core.picture_file import HEAD_BYTES, heading_from_tags
from ..network.session import qgis_http_client

LEVELS = ("thumb", "sd", "hd")


class DamagedImage(PanoramaxError):
    """The bytes are not a readable picture (corrupt or truncated file)."""


ITEM_TURN_KEY = "panoramax-item-orientation"
"""QImage text: the item orientation a file without its own EXIF orientation was turned
by (a thumbnail fetched before its item was known was turned by none)."""

WARNING_KEY = "panoramax-warning"
"""``QImage`` text key of a message about a picture shown only in part."""


def jpeg_is_truncated(data: bytes) -> bool:
    """True for a JPEG file that stops before its end-of-image marker.

    Qt decodes such a file without an error (the missing part is grey). The header
    segments are walked by their lengths up to the first scan; from there on the
    marker ``FF D9`` can only be the end of the picture (scan data escapes ``FF``).
    An embedded EXIF thumbnail, whose end marker comes before the first scan, is
    thus not mistaken for the end of the picture. Not a JPEG: False (Qt decides).
    """
    if data[:2] != b"\xff\xd8":
        return False
    position, size = 2, len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return False  # not a segment boundary: leave the verdict to the decoder
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0xDA:  # start of scan
            return data.find(b"\xff\xd9", position) < 0
        elif marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return True


def image_warning(image: QImage) -> str:
    """The message attached by :func:`decode_image` to a picture shown in part ("" if none)."""
    return image.text(WARNING_KEY)


def decode_image(
    data: bytes, tags: dict | None = None, from_memory: bool = False, picture=None
) -> QImage:
    """A ``QImage`` in RGB32 from JPEG bytes, turned as its EXIF orientation says; raises
    ``DamagedImage``.

    ``tags``: the file's EXIF tags when the caller has read them already. ``picture``: the
    item the file belongs to; a file without an orientation tag (GeoVisio's thumbnails)
    is turned as the item's ``orientation`` says.
    A truncated file that still decodes in part is returned with a message under
    :data:`WARNING_KEY` (see :func:`image_warning`).

    Decoded by :func:`read_image_bytes` (a ``QImageReader`` on a temporary file), which lets
    the other threads run Python meanwhile; ``from_memory``: by ``QImage.fromData``, which
    holds the GIL but made a 5760×2880 capture (decoded, then rendered at once) ~15 ms
    faster (``bench_capture.py``, same session: 101-106 against 119-121 ms).
    """
    image = QImage.fromData(bytes(data)) if from_memory else read_image_bytes(data)
    if image.isNull():
        raise DamagedImage(
            QCoreApplication.translate(
                "ImageLoader", "The picture file is damaged or incomplete ({error})."
            ).format(error=_error_of(data))
        )
    if tags is None:
        tags = read_exif_tags(bytes(data[:HEAD_BYTES]))
    orientation = tags.get("Exif.Image.Orientation")
    item_turn = ""
    if orientation is None and picture is not None and not picture.is_360:
        orientation = untagged_file_orientation(
            picture.orientation, (image.width(), image.height()), picture.image_size
        )
        item_turn = str(picture.orientation)
    image = _oriented(image, orientation)
    if image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    if item_turn:
        image.setText(ITEM_TURN_KEY, item_turn)
    if jpeg_is_truncated(data):
        image.setText(
            WARNING_KEY,
            QCoreApplication.translate(
                "ImageLoader",
                "The picture file is incomplete: only part of it could be shown.",
            ),
        )
    return image


_MEMORY_DIR = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
"""Linux's memory-backed folder: a temporary picture there is never written to disk (the
kernel flushing it competed with the renderer for the CPU); elsewhere the system's temp."""


def read_image_bytes(data: bytes) -> QImage:
    """Decode picture bytes without holding Python's GIL (a null image when they do not
    decode).

    ``QImage.fromData`` holds the GIL for the whole decode: measured, a thread decoding a
    5760×2880 JPEG (~75 ms) left the main thread 4 % of its Python work, so the viewer and
    QGIS's Python stalled at every hd picture. ``QImageReader.read`` releases it (89-93 %
    left), but only from a file it opens itself: a ``QBuffer`` made in Python would make Qt
    call back into Python under the image plugins' lock (a freeze, seen before). The bytes
    go through a private temporary file, removed at once (~3 ms for 5 MB).
    """
    try:
        handle, path = tempfile.mkstemp(prefix="panoramax-", suffix=".img", dir=_MEMORY_DIR)
    except OSError:  # no temporary folder to write to: decode holding the GIL
        return QImage.fromData(bytes(data))
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(bytes(data))
        except OSError:  # a full disk: decode holding the GIL
            return QImage.fromData(bytes(data))
        reader = QImageReader(path)
        reader.setAutoTransform(False)  # the EXIF orientation is applied by the caller
        image = reader.read()
        del reader  # closes the file (Windows cannot remove an open file)
        if image.isNull():  # the file could not be read back (an antivirus?): from memory
            image = QImage.fromData(bytes(data))
        return image
    finally:
        try:
            os.remove(path)
        except OSError:
            pass


def _error_of(data: bytes) -> str:
    """Why a picture file could not be decoded, in a few words."""
    if not data:
        return "empty file"
    if bytes(data[:2]) != b"\xff\xd8":
        return "not a JPEG file"
    return "unreadable JPEG data"


def _oriented(image: QImage, orientation) -> QImage:
    """``image`` turned upright as EXIF orientation 1-8 asks (anything else: as is)."""
    value = parse_orientation(orientation)
    turns = {3: 180, 5: 90, 6: 90, 7: 90, 8: 270}
    if value in turns:
        image = image.transformed(QTransform().rotate(turns[value]))
    if value in (2, 5):
        image = image.mirrored(True, False)
    elif value in (4, 7):
        image = image.mirrored(False, True)
    return image


def _item_turn(picture) -> str:
    """The item orientation a file of ``picture`` without its own tag is turned by."""
    return "" if picture.is_360 else str(picture.orientation)


def fetch_with_retries(http, url: str, task, attempts: int = 3, pause_s: float = 0.4) -> bytes:
    """GET a picture file, retrying server errors (5xx) and empty answers a couple of times.

    GeoVisio makes sd/thumb files on first request; two requests racing for the
    same new file were seen to fail with HTTP 500 once, then succeed. An sd file asked
    for while the thumbnail's request was making it came back as HTTP 200 with an empty
    body (no picture file is empty): fetched again, it is whole. After the last attempt
    an empty answer is returned as is (the decoder says the file is damaged).
    """
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            data = http.get_bytes(url)
        except ServerError:
            if last:
                raise
        else:
            if data or last:
                return data
        task.check_canceled()
        time.sleep(pause_s * (attempt + 1))
    raise AssertionError("unreachable")


def image_bytes(image: QImage) -> int:
    return image.bytesPerLine() * image.height()


FILE_HEADING_KEY = "panoramax-file-heading"
"""QImage text: the heading the picture file's EXIF gives, when it has one."""


def image_file_heading(image: QImage) -> float | None:
    """The file heading ``ImageLoader`` put on ``image``, if any."""
    text = image.text(FILE_HEADING_KEY)
    try:
        return float(text) if text else None
    except ValueError:
        return None


class ImageLoader(QObject):
    """``request(picture, level)``; answers with ``ready`` or ``failed``, cache first.

    One fetch per (picture, level) at a time: its job is kept under that key until it
    ends or is canceled. A job only ever removes its own entry: a fetch canceled or
    given up never hides a newer fetch of the same file.
    """

    ready = pyqtSignal(str, str, object)  # picture id, level, QImage
    failed = pyqtSignal(str, str, str)  # picture id, level, message

    def __init__(self, max_mb: int = 300, timeout_s: float = 60.0, parent=None):
        super().__init__(parent)
        self.cache = SizedLRU(max_mb * 1024 * 1024)
        self.timeout_s = timeout_s
        # (picture id, level) -> (job, started at, the item orientation it was asked with)
        self._tasks: dict = {}
        self.fetches = 0  # network fetches started (tests, prefetch checks)
        self.account_source = lambda: None  # () -> (api_url, token) whose files it may read
        self.refusals = TokenRefusals()

    def cached(self, picture_id: str, level: str) -> QImage | None:
        return self.cache.get((picture_id, level))

    def is_pending(self, picture_id: str, level: str) -> bool:
        return (picture_id, level) in self._tasks

    def _stale_after_s(self) -> float:
        """A fetch still running after this long is given up (its attempts and their
        pauses are over by then): a new request starts another one."""
        return 3 * self.timeout_s + 10.0

    def request(self, picture, level: str, priority: int = background.PRIORITY_NOW) -> bool:
        """Start fetching ``level`` of ``picture`` unless cached or under way.

        Returns True when the image is already cached (``ready`` is emitted now).
        """
        key = (picture.id, level)
        turn = _item_turn(picture)
        image = self.cache.get(key)
        if image is not None and image.text(ITEM_TURN_KEY) in ("", turn):
            self.ready.emit(picture.id, level, image)
            return True
        pending = self._tasks.get(key)
        if pending is not None:
            job, started, asked_turn = pending
            fresh = time.monotonic() - started < self._stale_after_s()
            if fresh and asked_turn == turn:
                return False
            # never waited for, or turned for another orientation (a preview thumbnail
            # asked before its item was known): whatever it still does is ignored
            job.cancel()
            del self._tasks[key]
        url = picture.asset_url(level)
        if not url:
            self.failed.emit(
                picture.id,
                level,
                self.tr("This picture has no '{level}' file.").format(level=level),
            )
            return False
        timeout_s = self.timeout_s
        account, refusals = self.account_source(), self.refusals  # main thread

        def work(job):
            http = owner_reads(qgis_http_client(timeout_s), account, refusals)
            data = fetch_with_retries(http, url, job)
            job.check_canceled()
            tags = read_exif_tags(bytes(data[:HEAD_BYTES]))  # read once: orientation, heading
            image = decode_image(data, tags, picture=picture)
            heading = heading_from_tags(tags)
            if heading is not None:  # the API's is rounded to whole degrees
                image.setText(FILE_HEADING_KEY, repr(heading))
            return image

        job = background.Job(
            self.tr("Loading Panoramax picture"),
            work,
            on_done=lambda image: self._done(key, job, image),
            on_error=lambda error: self._failed(key, job, error),
        )
        self._tasks[key] = (job, time.monotonic(), turn)
        self.fetches += 1
        background.start(job, priority)
        return False

    def _forget(self, key, job) -> None:
        """Remove ``job`` from the fetches under way, only if it is the one for ``key``."""
        pending = self._tasks.get(key)
        if pending is not None and pending[0] is job:
            del self._tasks[key]

    def _done(self, key, job, image: QImage) -> None:
        try:
            self._forget(key, job)
            self.cache.put(key, image, image_bytes(image))
            self.ready.emit(key[0], key[1], image)
        except RuntimeError:  # the loader was deleted while the job ran (plugin unloaded)
            pass

    def _failed(self, key, job, error) -> None:
        message = str(error) if isinstance(error, PanoramaxError) else repr(error)
        try:
            self._forget(key, job)
            self.failed.emit(key[0], key[1], message)
        except RuntimeError:  # the loader was deleted while the job ran
            pass

    def cancel_except(self, keep_ids) -> None:
        """Cancel fetches of pictures no longer wanted (the user moved on)."""
        for key, (job, *_) in list(self._tasks.items()):
            if key[0] not in keep_ids:
                job.cancel()
                del self._tasks[key]

    def cancel_all(self) -> None:
        self.cancel_except(set())
