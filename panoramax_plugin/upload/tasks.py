"""The upload feature's background work as QGIS tasks (pre-flight, sign-in, upload).

Each runs core code in a worker thread and reports on the main thread; per-file
news of an upload reach the dialog through queued signals while it runs.
"""

from __future__ import annotations

import os
import time

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..background.core_task import CoreTask
from ..background.qthreads import run_in_qthreads
from ..core import auth
from ..core.picture_file import read_picture, unchecked_picture
from ..core.preflight import DispatchRules, predict_dispatch
from ..core.upload_state import StateStore
from ..core.uploader import Uploader, UploadFeedback
from ..network.session import qgis_http_client
from .exif_reader import read_tags_with_qgis
from .qt_sender import QtFileSender

JPEG_SUFFIXES = (".jpg", ".jpeg")


def default_state_folder() -> str:
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "panoramax", "uploads")


def pictures_in_folder(folder: str) -> list:
    """Every JPEG under ``folder`` (subfolders too), in a stable order."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(
            os.path.join(root, name)
            for name in sorted(files)
            if name.lower().endswith(JPEG_SUFFIXES)
        )
    return found


def cancel_task(task) -> None:
    """Cancel ``task`` if there is one; QGIS may already have deleted it (it ended)."""
    if task is not None:
        try:
            task.cancel()
        except RuntimeError:
            pass


class PreflightResult:
    def __init__(self, metas, rules, prediction, configuration, config_error=None):
        self.metas = metas
        self.rules = rules
        self.prediction = prediction
        self.configuration = configuration
        self.config_error = config_error


def preflight_work(paths, api_url: str, timeout: float):
    """Read every file (QGIS's EXIF reader), fetch the instance's rules, predict."""

    def work(task: CoreTask):
        metas = []
        for number, path in enumerate(paths):
            task.check_canceled()
            try:  # one file failing in a way nobody foresaw must not stop the others
                metas.append(read_picture(path, read_tags_with_qgis))
            except Exception as exc:
                metas.append(unchecked_picture(path, exc))
            if number % 20 == 0:
                task.setProgress(90.0 * number / max(1, len(paths)))
        configuration, config_error = {}, None
        try:
            http = qgis_http_client(timeout=timeout)
            configuration = http.get_json(f"{api_url.rstrip('/')}/configuration")
        except Exception as exc:  # the check still helps without the instance's rules
            config_error = exc
        rules = DispatchRules.from_configuration(configuration)
        prediction = predict_dispatch(metas, rules)
        return PreflightResult(metas, rules, prediction, configuration, config_error)

    return work


def sign_in_generate_work(api_url: str, timeout: float, description: str):
    def work(task):
        return auth.generate_token(qgis_http_client(timeout=timeout), api_url, description)

    return work


def sign_in_wait_work(api_url: str, pending, timeout: float, wait_s: float = 600.0):
    def work(task):
        return auth.wait_for_claim(
            qgis_http_client(timeout=timeout),
            api_url,
            pending,
            timeout_s=wait_s,
            canceled=task.isCanceled,
        )

    return work


def whoami_work(api_url: str, token: str, timeout: float):
    def work(task):
        return auth.current_account(qgis_http_client(timeout=timeout), api_url, token)

    return work


class _TaskFeedback(UploadFeedback):
    def __init__(self, task: UploadTask):
        self.task = task
        self._last: dict = {}

    def canceled(self) -> bool:
        return self.task.isCanceled()

    def progress(self, sent_bytes: int, total_bytes: int) -> None:
        self.task.setProgress(100.0 * sent_bytes / max(1, total_bytes))

    def file_progress(self, path: str, sent_bytes: int, total_bytes: int) -> None:
        # at most a few updates per second per file reach the GUI
        now = time.monotonic()
        if sent_bytes < total_bytes and now - self._last.get(path, 0.0) < 0.25:
            return
        self._last[path] = now
        self.task.file_progress.emit(path, int(100 * sent_bytes / max(1, total_bytes)))

    def file_done(self, state) -> None:
        self.task.file_settled.emit(state)

    def message(self, text: str) -> None:
        self.task.note.emit(text)


class UploadTask(CoreTask):
    """Runs the core ``Uploader``; ``file_settled`` fires as each file is settled."""

    file_settled = pyqtSignal(object)
    file_progress = pyqtSignal(str, int)
    note = pyqtSignal(str)

    def __init__(
        self,
        description,
        api_url,
        token,
        paths,
        options,
        state_folder,
        timeout,
        on_done=None,
        on_error=None,
    ):
        super().__init__(description, self._work_upload, on_done, on_error, QgsTask.Flag.CanCancel)
        self.api_url = api_url
        self.token = token
        self.paths = list(paths)
        self.options = options
        self.state_folder = state_folder
        self.timeout = timeout
        self.uploader: Uploader | None = None

    def _work_upload(self, task):
        self.uploader = Uploader(
            self.api_url,
            qgis_http_client(timeout=self.timeout),
            QtFileSender(),
            StateStore(self.state_folder),
            token=self.token or None,
            feedback=_TaskFeedback(self),
            run_parallel=run_in_qthreads,
        )
        return self.uploader.run(self.paths, self.options)
