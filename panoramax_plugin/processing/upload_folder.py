"""*Upload a folder*: the JPEGs of a folder sent with the plugin's resumable uploader
(``core.uploader``, the upload dialog's own), its report as a point layer.

The token is the one of a QGIS authentication configuration (its password, as the
plugin stores tokens), or else the account signed in to that instance in the plugin.
Running the same upload again resumes it: nothing already sent is sent twice. A
canceled or failed run writes no report (the state on disk keeps what was sent).
"""

from __future__ import annotations

import os
import threading

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..background.qthreads import run_in_qthreads
from ..core.errors import PanoramaxError
from ..core.i18n import QT_TRANSLATE_NOOP
from ..core.instances import KNOWN_INSTANCES
from ..core.picture_file import read_picture
from ..core.upload_state import ALREADY_SENT, SENT, StateStore
from ..core.upload_types import SignInRequired, UploadFeedback, UploadOptions
from ..core.uploader import Uploader
from ..layers.memory import make_fields
from ..network.session import qgis_http_client
from ..settings import PluginSettings
from ..upload.exif_reader import read_tags_with_qgis
from ..upload.file_table import report_rows
from ..upload.layers import REPORT_FIELDS
from ..upload.qt_sender import QtFileSender
from ..upload.tasks import JPEG_SUFFIXES, default_state_folder
from ..upload.token_store import TokenStore, TokenStoreUnavailable
from .base import INSTANCE, PanoramaxAlgorithm
from .qgis_kinds import folder_behavior, source_type, wkb_type

FOLDER = "FOLDER"
SUBFOLDERS = "SUBFOLDERS"
AUTHCFG = "AUTHCFG"
TITLE = "TITLE"
VISIBILITY = "VISIBILITY"
BLURRED = "BLURRED"
OUTPUT = "OUTPUT"
SENT_COUNT = "SENT"
UPLOAD_SET = "UPLOAD_SET"
SEQUENCES = "SEQUENCES"
VISIBILITIES = ("", "anyone", "owner-only", "logged-only")


def jpegs(folder: str, subfolders: bool) -> list:
    """The JPEG files of ``folder`` (and its subfolders), in a stable order."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        if not subfolders:
            dirs.clear()
        found.extend(
            os.path.join(root, name)
            for name in sorted(files)
            if name.lower().endswith(JPEG_SUFFIXES)
        )
    return found


class _Feedback(UploadFeedback):
    """The uploader's news to Processing's feedback (from several Qt threads: one lock)."""

    def __init__(self, feedback):
        self.feedback = feedback
        self.lock = threading.Lock()

    def canceled(self) -> bool:
        return self.feedback.isCanceled()

    def progress(self, sent_bytes: int, total_bytes: int) -> None:
        with self.lock:
            self.feedback.setProgress(100.0 * sent_bytes / max(1, total_bytes))

    def file_done(self, state) -> None:
        with self.lock:
            self.feedback.pushDebugInfo(f"{os.path.basename(state.path)}: {state.status}")

    def message(self, text: str) -> None:
        with self.lock:
            self.feedback.pushInfo(text)


class UploadFolderAlgorithm(PanoramaxAlgorithm):
    NAME = "uploadfolder"
    DISPLAY = QT_TRANSLATE_NOOP("UploadFolderAlgorithm", "Upload a folder")
    HELP = QT_TRANSLATE_NOOP(
        "UploadFolderAlgorithm",
        (
            "Sends the JPEG pictures of a folder to a Panoramax instance, with the plugin's "
            "resumable upload: run it again after a cancel or a failure and only what is "
            "missing is sent. The token comes from the authentication configuration given "
            "(its password), or else from the account signed in to this instance in the "
            "plugin. The report is a point layer: each file's status, picture, sequence, link "
            "and the reason of a rejection."
        ),
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(FOLDER, self.tr("Folder of pictures"), folder_behavior())
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                SUBFOLDERS, self.tr("Include subfolders"), defaultValue=True
            )
        )
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                AUTHCFG,
                self.tr("Token (an authentication configuration whose password is the token)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(TITLE, self.tr("Title of the upload"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                VISIBILITY,
                self.tr("Visibility"),
                options=[
                    self.tr("Instance default"),
                    self.tr("Anyone"),
                    self.tr("Only me"),
                    self.tr("Signed-in users"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                BLURRED, self.tr("The pictures are already blurred"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, self.tr("Upload report"), source_type("VectorPoint")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(SENT_COUNT, self.tr("Pictures on the instance")))
        self.addOutput(QgsProcessingOutputString(UPLOAD_SET, self.tr("Upload set id")))
        self.addOutput(QgsProcessingOutputString(SEQUENCES, self.tr("Sequence ids")))

    # --- parameters ---------------------------------------------------------------------
    def _token(self, parameters, context, api_url: str, feedback) -> str:
        authcfg = self.parameterAsString(parameters, AUTHCFG, context)
        if authcfg:
            manager = QgsApplication.authManager()
            if manager is None or manager.isDisabled():
                raise QgsProcessingException(
                    self.tr("The QGIS authentication database cannot be used.")
                )
            if authcfg not in manager.configIds():
                raise QgsProcessingException(
                    self.tr("There is no authentication configuration {id}.").format(id=authcfg)
                )
            config = QgsAuthMethodConfig()
            loaded = manager.loadAuthenticationConfig(authcfg, config, True)
            if isinstance(loaded, tuple):
                loaded, config = loaded[0], loaded[-1]
            token = config.config("password", "") or config.config("token", "")
            if not loaded or not token:
                raise QgsProcessingException(
                    self.tr(
                        "The authentication configuration {id} holds no token (put the token "
                        "as its password)."
                    ).format(id=authcfg)
                )
            return token
        try:
            token, account = TokenStore().load(api_url)
        except TokenStoreUnavailable as error:
            feedback.pushWarning(
                self.tr("The signed-in account cannot be read ({error}).").format(error=error)
            )
            return ""
        if token:
            feedback.pushInfo(self.tr("Uploading as {account}.").format(account=account))
        return token

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFile(parameters, FOLDER, context)
        if not folder or not os.path.isdir(folder):
            raise QgsProcessingException(
                self.tr("{folder} is not a folder.").format(folder=folder or "''")
            )
        paths = jpegs(folder, self.parameterAsBool(parameters, SUBFOLDERS, context))
        if not paths:
            raise QgsProcessingException(
                self.tr("The folder {folder} holds no JPEG pictures.").format(folder=folder)
            )
        key = (self.parameterAsString(parameters, INSTANCE, context) or "").strip().lower()
        if any(instance.key == key and instance.read_only for instance in KNOWN_INSTANCES):
            raise QgsProcessingException(
                self.tr(
                    "This catalog only gathers other instances: choose the instance you upload to."
                )
            )
        api_url = self.instance_url(parameters, context)
        token = self._token(parameters, context, api_url, feedback)
        settings = PluginSettings.load()
        title = self.parameterAsString(parameters, TITLE, context).strip()
        options = UploadOptions(
            title=title or os.path.basename(os.path.normpath(folder)),
            visibility=VISIBILITIES[self.parameterAsEnum(parameters, VISIBILITY, context)] or None,
            is_blurred=self.parameterAsBool(parameters, BLURRED, context),
            parallel=max(1, int(settings.upload_parallel)),
            timeout_s=max(60.0, float(settings.timeout_s) * 4),
        )
        feedback.pushInfo(
            self.tr("Sending {count} pictures to {url}.").format(count=len(paths), url=api_url)
        )
        uploader = Uploader(
            api_url,
            qgis_http_client(timeout=float(settings.timeout_s)),
            QtFileSender(),
            StateStore(settings.upload_state_folder or default_state_folder()),
            token=token or None,
            feedback=_Feedback(feedback),
            run_parallel=run_in_qthreads,
        )
        try:
            state = uploader.run(paths, options)
        except SignInRequired as error:
            raise QgsProcessingException(
                self.tr(
                    "{error} (give a valid token in an authentication configuration, or "
                    "sign in to this instance in the Panoramax panel)"
                ).format(error=error)
            ) from error
        except PanoramaxError as error:
            raise QgsProcessingException(str(error)) from error
        self.check_canceled(feedback)
        return self._report(parameters, context, api_url, paths, state, feedback)

    def _report(self, parameters, context, api_url, paths, state, feedback):
        positions = {}
        for path in paths:
            try:
                meta = read_picture(path, read_tags_with_qgis)
            except Exception:  # a position is a nicety: the row stays, without geometry
                continue
            if meta.lat is not None and meta.lon is not None:
                positions[path] = (meta.lon, meta.lat)
        fields = make_fields(REPORT_FIELDS)
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type("Point"))
        files = {os.path.abspath(p): f for p, f in state.files.items()}
        rows = report_rows(api_url, [os.path.abspath(p) for p in paths], [], files)
        for path, row in zip(paths, rows):
            feature = QgsFeature(fields)
            feature.setAttributes(list(row))
            if path in positions:
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*positions[path])))
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, OUTPUT))
        sequences = sorted({f.sequence_id for f in state.files.values() if f.sequence_id})
        done = sum(1 for f in state.files.values() if f.status in (SENT, ALREADY_SENT))
        feedback.pushInfo(
            self.tr(
                "{done} of {count} pictures are on the instance, in {sequences} sequences."
            ).format(done=done, count=len(paths), sequences=len(sequences))
        )
        return {
            OUTPUT: dest_id,
            SENT_COUNT: done,
            UPLOAD_SET: state.upload_set_id,
            SEQUENCES: ",".join(sequences),
        }
