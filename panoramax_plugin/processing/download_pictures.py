"""*Download pictures*: the thumb, sd or hd file of each picture of a layer (or of its
selection) into a folder, as ``<picture id>_<level>.jpg``, with a GeoPackage index.

Resumable: a file is written as ``….jpg.part`` and renamed once complete, so a file under
its final name is always whole, and a second run skips it. Files come through the
plugin's HTTP entry point (QGIS networking), a few at a time on Qt threads. The index is
written once every download settled: a canceled run leaves the files it finished (the
next run skips them) and no index.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
)

from ..background.qthreads import QThreadExecutor
from ..core.errors import PanoramaxError
from ..core.http import MAX_FILE_BYTES
from ..core.i18n import QT_TRANSLATE_NOOP
from ..layers.memory import make_fields
from ..network.session import qgis_http_client
from ..settings import PluginSettings
from .base import PanoramaxAlgorithm
from .qgis_kinds import source_type, wkb_type

INPUT = "INPUT"
ID_FIELD = "ID_FIELD"
LEVEL = "LEVEL"
FOLDER = "FOLDER"
OUTPUT = "OUTPUT"
DOWNLOADED = "DOWNLOADED"
LEVELS = ("thumb", "sd", "hd")
ID_FIELD_NAMES = ("id", "picture_id")
IDS_PER_SEARCH = 100
PARALLEL = 4
PART_SUFFIX = ".part"
INDEX_FIELDS = (
    ("picture_id", "string"),
    ("level", "string"),
    ("path", "string"),
    ("bytes", "int"),
    ("status", "string"),  # downloaded | existing | failed | not_found
    ("message", "string"),
    ("url", "string"),
)
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]")


def file_name(picture_id: str, level: str) -> str:
    """``<picture id>_<level>.jpg``, with anything unsafe in a file name replaced."""
    return f"{_SAFE_ID.sub('_', picture_id)}_{level}.jpg"


@dataclass
class Entry:
    picture_id: str
    url: str = ""
    point: QgsPointXY | None = None  # WGS84
    path: str = ""
    size: int = 0
    status: str = ""
    message: str = ""


class DownloadPicturesAlgorithm(PanoramaxAlgorithm):
    NAME = "downloadpictures"
    DISPLAY = QT_TRANSLATE_NOOP("DownloadPicturesAlgorithm", "Download pictures")
    HELP = QT_TRANSLATE_NOOP(
        "DownloadPicturesAlgorithm",
        (
            "Downloads the thumbnail, SD or HD file of each picture of a layer (only the "
            "selected features when asked) into a folder, as <picture id>_<level>.jpg, and "
            "writes an index layer (a point per picture with its file, size and status). The "
            "layer is a Panoramax pictures layer, or any layer with a picture id field: the "
            "files' addresses then come from the instance. Run it again to resume: files "
            "already there are not downloaded again."
        ),
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                INPUT, self.tr("Pictures layer"), [source_type("Vector")]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                ID_FIELD,
                self.tr("Picture id field (default: id or picture_id)"),
                parentLayerParameterName=INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                LEVEL,
                self.tr("Size"),
                options=[self.tr("Thumbnail"), self.tr("SD (2048 px)"), self.tr("HD (original)")],
                defaultValue=1,
            )
        )
        self.add_instance_parameter()
        self.addParameter(QgsProcessingParameterFolderDestination(FOLDER, self.tr("Folder")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, self.tr("Index of the files"), source_type("VectorPoint")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(DOWNLOADED, self.tr("Files downloaded")))

    # --- parameters -------------------------------------------------------------------------
    def _folder(self, parameters, context) -> str:
        folder = self.parameterAsString(parameters, FOLDER, context)
        if not folder:
            raise QgsProcessingException(self.tr("Choose a folder for the pictures."))
        try:
            os.makedirs(folder, exist_ok=True)
            handle, probe = tempfile.mkstemp(dir=folder, prefix=".panoramax-", suffix=".tmp")
            os.close(handle)
            os.unlink(probe)
        except OSError as error:
            raise QgsProcessingException(
                self.tr("The folder {folder} cannot be written: {error}").format(
                    folder=folder, error=error.strerror or error
                )
            ) from error
        return folder

    def _id_field(self, parameters, context, fields) -> str:
        name = self.parameterAsString(parameters, ID_FIELD, context)
        if name:
            if fields.indexOf(name) < 0:
                raise QgsProcessingException(
                    self.tr("The layer has no field {name}.").format(name=name)
                )
            return name
        for candidate in ID_FIELD_NAMES:
            if fields.indexOf(candidate) >= 0:
                return candidate
        raise QgsProcessingException(
            self.tr("The layer has no id or picture_id field: choose its picture id field.")
        )

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        if source.featureCount() == 0:
            raise QgsProcessingException(self.tr("The layer has no features."))
        level = LEVELS[self.parameterAsEnum(parameters, LEVEL, context)]
        id_field = self._id_field(parameters, context, source.fields())
        folder = self._folder(parameters, context)
        entries = self._entries(source, id_field, level, context, feedback)
        if not entries:
            raise QgsProcessingException(self.tr("No feature has a picture id."))
        for entry in entries:
            entry.path = os.path.join(folder, file_name(entry.picture_id, level))
            if _complete(entry.path):
                entry.status, entry.size = "existing", os.path.getsize(entry.path)
        missing = [e for e in entries if not e.status and (not e.url or e.point is None)]
        if missing:
            self._look_up(missing, level, parameters, context, feedback)
        todo = [e for e in entries if not e.status]
        feedback.pushInfo(
            self.tr("{todo} files to download, {done} already in the folder.").format(
                todo=len(todo), done=sum(1 for e in entries if e.status == "existing")
            )
        )
        self._download(todo, feedback)
        self.check_canceled(feedback)
        failed = [e for e in entries if e.status == "failed"]
        for entry in failed[:10]:
            feedback.reportError(f"{entry.picture_id}: {entry.message}")
        dest_id = self._write_index(parameters, context, entries, level)
        return {
            FOLDER: folder,
            OUTPUT: dest_id,
            DOWNLOADED: sum(1 for e in entries if e.status == "downloaded"),
        }

    # --- steps ------------------------------------------------------------------------------
    def _entries(self, source, id_field, level, context, feedback) -> list:
        """One entry per distinct picture id, with its URL and position when the layer
        has them."""
        fields = source.fields()
        url_field = f"{level}_url" if fields.indexOf(f"{level}_url") >= 0 else None
        to_wgs = None
        if source.sourceCrs().isValid():
            to_wgs = QgsCoordinateTransform(
                source.sourceCrs(),
                QgsCoordinateReferenceSystem("EPSG:4326"),
                context.transformContext(),
            )
        entries, seen = [], set()
        for feature in source.getFeatures():
            self.check_canceled(feedback)
            value = feature[id_field]
            picture_id = "" if value is None else str(value).strip()
            if not picture_id or picture_id == "NULL" or picture_id in seen:
                continue
            seen.add(picture_id)
            entry = Entry(picture_id)
            if url_field:
                url = feature[url_field]
                entry.url = str(url).strip() if url not in (None, "") and str(url) != "NULL" else ""
            geometry = feature.geometry()
            if to_wgs is not None and not geometry.isNull() and not geometry.isEmpty():
                try:
                    entry.point = to_wgs.transform(geometry.centroid().asPoint())
                except QgsCsException:
                    entry.point = None
            entries.append(entry)
        return entries

    def _look_up(self, entries, level, parameters, context, feedback) -> None:
        """URLs and positions from the instance, by id, a hundred per search."""
        client = self.client(parameters, context)
        try:
            client.discover()
        except PanoramaxError as error:
            raise QgsProcessingException(
                self.tr("The Panoramax instance cannot be used: {error}").format(error=error)
            ) from error
        for start in range(0, len(entries), IDS_PER_SEARCH):
            self.check_canceled(feedback)
            chunk = entries[start : start + IDS_PER_SEARCH]
            try:
                found = client.search(ids=[e.picture_id for e in chunk], limit=len(chunk))
            except PanoramaxError as error:
                raise QgsProcessingException(
                    self.tr("The pictures could not be looked up: {error}").format(error=error)
                ) from error
            by_id = {picture.id: picture for picture in found.pictures}
            for entry in chunk:
                picture = by_id.get(entry.picture_id)
                if picture is None:
                    if not entry.url:
                        entry.status = "not_found"
                        entry.message = self.tr("No such picture on this instance.")
                    continue
                entry.url = entry.url or picture.asset_url(level) or ""
                if entry.point is None:
                    entry.point = QgsPointXY(picture.lon, picture.lat)
                if not entry.url:
                    entry.status = "not_found"
                    entry.message = self.tr("The picture has no {level} file.").format(level=level)

    def _download(self, entries, feedback) -> None:
        """Each entry's file, ``PARALLEL`` at a time; a cancel stops starting new ones."""
        if not entries:
            return
        timeout = max(60.0, PluginSettings.load().timeout_s * 4)
        clients: dict = {}
        lock = threading.Lock()

        def client():
            key = threading.get_ident()
            with lock:
                if key not in clients:  # one per Qt thread: it uses that thread's manager
                    clients[key] = qgis_http_client(timeout)
                return clients[key]

        def fetch(entry: Entry) -> None:
            if feedback.isCanceled():
                return
            part = entry.path + PART_SUFFIX
            try:
                data = client().get_bytes(entry.url, max_bytes=MAX_FILE_BYTES)
                with open(part, "wb") as stream:
                    stream.write(data)
                os.replace(part, entry.path)
                entry.size, entry.status = len(data), "downloaded"
            except (PanoramaxError, OSError) as error:
                _remove(part)
                entry.status = "failed"
                entry.message = str(error)
            except Exception as error:  # one file failing oddly must not stop the others
                _remove(part)
                entry.status = "failed"
                entry.message = f"{type(error).__name__}: {error}"

        executor = QThreadExecutor(min(PARALLEL, len(entries)))
        futures = [executor.submit(fetch, entry) for entry in entries]
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if done:
                    feedback.setProgress(100.0 * (len(futures) - len(pending)) / len(futures))
                if feedback.isCanceled():
                    for future in pending:
                        future.cancel()
                    break
        finally:
            executor.shutdown(wait=True)
            for entry in entries:  # nothing half-written stays behind
                _remove(entry.path + PART_SUFFIX)

    def _write_index(self, parameters, context, entries, level) -> str:
        fields = make_fields(INDEX_FIELDS)
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type("Point"))
        for entry in entries:
            feature = QgsFeature(fields)
            if entry.point is not None:
                feature.setGeometry(QgsGeometry.fromPointXY(entry.point))
            present = entry.status in ("downloaded", "existing")
            feature.setAttributes(
                [
                    entry.picture_id,
                    level,
                    entry.path if present else "",
                    entry.size if present else None,
                    entry.status or "failed",
                    entry.message,
                    entry.url,
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, OUTPUT))
        return dest_id


def _complete(path: str) -> bool:
    """A file under its final name is whole (it is renamed only once written)."""
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
