"""The upload dialog: account, files, pre-flight table, options, progress and report.

All network and disk work runs in tasks (``tasks.py``); this class only arranges
widgets and reacts on the main thread.
"""

from __future__ import annotations

import csv
import os
from datetime import datetime

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..background.core_task import CoreTask
from ..background.lost_task import LostTaskWatch
from ..compat import geometry_type
from ..core.errors import AuthenticationError
from ..core.instances import viewer_picture_url
from ..core.upload_state import ALREADY_SENT, FAILED, PENDING, REJECTED, SENT
from ..core.uploader import SignInRequired, UploadCanceled, UploadOptions
from . import layers
from .tasks import (
    UploadTask,
    default_state_folder,
    pictures_in_folder,
    preflight_work,
    sign_in_generate_work,
    sign_in_wait_work,
    whoami_work,
)
from .token_store import TokenStore, TokenStoreUnavailable

COLUMNS = ("file", "check", "sequence", "upload", "picture", "message")
PATH_FIELD_NAMES = (
    "path",
    "filepath",
    "file_path",
    "file",
    "filename",
    "photo",
    "picture",
    "image",
)


class UploadDialog(QDialog):
    """Choose pictures, check them, send them, and see what happened to each."""

    def __init__(self, api_url: str, logger, settings, parent=None, on_sequences=None):
        super().__init__(parent)
        self._lost_watch = LostTaskWatch(self)
        self.api_url = api_url.rstrip("/")
        self.logger = logger
        self.settings = settings
        self.on_sequences = on_sequences
        self.tokens = TokenStore()
        self.token = ""
        self.account = ""
        self.paths: list = []
        self.rows: list = []  # check_rows() as of the last change (see _fill_table)
        self.preflight = None
        self.results: dict = {}  # path -> FileState after an upload
        self.task = None
        self.open_url = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.preview = None
        self.report = None
        self.setWindowTitle(self.tr("Upload pictures to Panoramax"))
        self.resize(900, 640)
        self._build()
        self._load_token()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        account_box = QGroupBox(self.tr("Account"))
        account_row = QHBoxLayout(account_box)
        self.instance_label = QLabel(self.api_url)
        self.instance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.account_label = QLabel()
        self.account_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sign_in_button = QPushButton(self.tr("Sign in…"))
        self.sign_in_button.setToolTip(
            self.tr("Opens the instance's login page in your browser; come back once accepted")
        )
        self.token_button = QPushButton(self.tr("Use a token…"))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        for widget in (self.instance_label, self.account_label):
            account_row.addWidget(widget)
        account_row.addStretch(1)
        for widget in (self.sign_in_button, self.token_button, self.sign_out_button):
            account_row.addWidget(widget)
        layout.addWidget(account_box)

        files_row = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_folder_button = QPushButton(self.tr("Add a folder…"))
        self.add_layer_button = QPushButton(self.tr("Add selected features"))
        self.add_layer_button.setToolTip(
            self.tr(
                "Pictures of the selected features of the active point layer (a file path field)"
            )
        )
        self.remove_button = QPushButton(self.tr("Remove selected rows"))
        self.clear_button = QPushButton(self.tr("Clear"))
        for widget in (
            self.add_files_button,
            self.add_folder_button,
            self.add_layer_button,
            self.remove_button,
            self.clear_button,
        ):
            files_row.addWidget(widget)
        files_row.addStretch(1)
        layout.addLayout(files_row)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Check"),
                self.tr("Sequence"),
                self.tr("Upload"),
                self.tr("Picture"),
                self.tr("Message"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)

        options = QGroupBox(self.tr("Options"))
        form = QFormLayout(options)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Title of the upload"))
        self.visibility = QComboBox()
        self.visibility.addItem(self.tr("Instance default"), "")
        self.blurred = QCheckBox(self.tr("Faces and plates are already blurred"))
        self.parallel = QSpinBox()
        self.parallel.setRange(1, 8)
        self.parallel.setValue(max(1, min(8, int(self.settings.upload_parallel))))
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Visibility"), self.visibility)
        form.addRow(self.tr("Files sent at once"), self.parallel)
        form.addRow("", self.blurred)
        layout.addWidget(options)

        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.upload_button = QPushButton(self.tr("Upload"))
        self.cancel_button = QPushButton(self.tr("Cancel upload"))
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("Export report (CSV)…"))
        self.export_button.setEnabled(False)
        bottom.addWidget(self.progress, 1)
        for widget in (self.upload_button, self.cancel_button, self.export_button):
            bottom.addWidget(widget)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

        self.sign_in_button.clicked.connect(self.sign_in)
        self.token_button.clicked.connect(self._ask_token)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.add_layer_button.clicked.connect(self.add_selected_features)
        self.remove_button.clicked.connect(self.remove_selected_rows)
        self.clear_button.clicked.connect(self.clear)
        self.upload_button.clicked.connect(self.start_upload)
        self.cancel_button.clicked.connect(self.cancel_upload)
        self.export_button.clicked.connect(self._choose_csv)
        self._update_buttons()

    # --- account --------------------------------------------------------------------------
    def _load_token(self) -> None:
        try:
            self.token, self.account = self.tokens.load(self.api_url)
        except TokenStoreUnavailable as exc:
            self.token, self.account = "", ""
            self.logger.warning(
                self.tr("The QGIS authentication database cannot be used ({error}).").format(
                    error=exc
                )
            )
        self._show_account()

    def _show_account(self) -> None:
        if self.token:
            text = self.tr("Signed in as {name}").format(name=self.account or "?")
        elif not getattr(self, "auth_enabled", True):
            text = self.tr("Not signed in: this instance takes uploads without an account")
        else:
            text = self.tr("Not signed in (needed unless the instance accepts anonymous uploads)")
        self.account_label.setText(text)
        self.sign_out_button.setEnabled(bool(self.token))

    def sign_in(self) -> CoreTask:
        """The instance's flow: generate a token, claim it in the browser, poll until done."""
        timeout = float(self.settings.timeout_s)

        def generated(pending):
            self.status.setText(
                self.tr(
                    "Confirm in the browser page that opened, then come back. If no page "
                    "opened, visit: {url}"
                ).format(url=pending.claim_url)
            )
            self.pending_claim = pending
            self.open_url(pending.claim_url)
            self.sign_in_task = self._run(
                self.tr("Waiting for the Panoramax sign-in"),
                sign_in_wait_work(self.api_url, pending, timeout),
                lambda account: self._signed_in(pending.jwt, account),
                self._sign_in_failed,
            )

        self.cancel_sign_in()
        self.pending_claim = None
        self.status.setText(self.tr("Asking the instance for a sign-in link…"))
        self.sign_in_task = self._run(
            self.tr("Panoramax sign-in"),
            sign_in_generate_work(self.api_url, timeout, self.tr("QGIS Panoramax plugin")),
            generated,
            self._sign_in_failed,
        )
        return self.sign_in_task

    def cancel_sign_in(self) -> None:
        """Stop waiting for a browser claim (a new sign-in, or the plugin unloading)."""
        task = getattr(self, "sign_in_task", None)
        self.sign_in_task = None
        if task is not None:
            try:
                task.cancel()
            except RuntimeError:  # QGIS already deleted the finished task
                pass

    def use_token(self, token: str) -> CoreTask:
        """Check a pasted token with the instance, then store it."""
        token = token.strip()
        return self._run(
            self.tr("Checking the Panoramax token"),
            whoami_work(self.api_url, token, float(self.settings.timeout_s)),
            lambda account: self._signed_in(token, account),
            self._sign_in_failed,
        )

    def _ask_token(self) -> None:
        token, ok = QInputDialog.getText(
            self,
            self.tr("Use a token"),
            self.tr("Paste a token of your account (from the instance's settings page):"),
            QLineEdit.EchoMode.Password,
        )
        if ok and token.strip():
            self.use_token(token)

    def _signed_in(self, token: str, account) -> None:
        self.token, self.account = token, account.name
        try:
            self.tokens.save(self.api_url, token, account.name)
        except TokenStoreUnavailable as exc:
            self.logger.warning(
                self.tr(
                    "Signed in for this session only: the token could not be stored in the "
                    "QGIS authentication database ({error})."
                ).format(error=exc)
            )
        self._show_account()
        self.status.setText(self.tr("Signed in as {name}.").format(name=account.name))
        self.logger.info(
            self.tr("Signed in to {url} as {name}.").format(url=self.api_url, name=account.name)
        )

    def _sign_in_failed(self, error) -> None:
        if isinstance(error, AuthenticationError) and error.status == 401:
            text = self.tr("The instance does not accept this token. Sign in again.")
        else:
            text = self.tr("Sign-in failed: {error}").format(error=error)
        self.status.setText(text)
        self.logger.warning(text)

    def sign_out(self) -> None:
        self.tokens.remove(self.api_url)
        self.token, self.account = "", ""
        self._show_account()
        self.status.setText(self.tr("Signed out; the token was removed from QGIS."))

    # --- files ----------------------------------------------------------------------------
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pictures to upload"),
            "",
            self.tr("JPEG pictures (*.jpg *.jpeg *.JPG *.JPEG);;All files (*)"),
        )
        if paths:
            self.add_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of pictures"))
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str):
        return self.add_paths(pictures_in_folder(folder), title_hint=os.path.basename(folder))

    def add_selected_features(self, layer=None, field: str | None = None):
        """Paths from the selected features of a point layer's file path field."""
        layer = layer or self._active_point_layer()
        if layer is None:
            self.status.setText(
                self.tr("Select features in a point layer that has a file path field.")
            )
            return None
        names = [f.name() for f in layer.fields()]
        field = field or next((n for n in names if n.lower() in PATH_FIELD_NAMES), None)
        if field is None:
            field, ok = QInputDialog.getItem(
                self, self.tr("File path field"), self.tr("Field"), names, 0, False
            )
            if not ok:
                return None
        paths = [str(f[field]) for f in layer.selectedFeatures() if f[field]]
        if not paths:
            self.status.setText(
                self.tr("No selected feature with a file path in {layer}.").format(
                    layer=layer.name()
                )
            )
            return None
        return self.add_paths(paths)

    @staticmethod
    def _active_point_layer():
        try:
            from qgis.utils import iface

            layer = iface.activeLayer() if iface else None
        except ImportError:
            layer = None
        if layer is not None and getattr(layer, "geometryType", None):
            if layer.geometryType() == geometry_type("point"):
                return layer
        return None

    def add_paths(self, paths, title_hint: str = ""):
        known = set(self.paths)
        for path in paths:
            path = os.path.abspath(path)
            if path not in known:
                self.paths.append(path)
                known.add(path)
        if not self.title_edit.text():
            base = title_hint or (
                os.path.basename(os.path.dirname(self.paths[0])) if self.paths else ""
            )
            self.title_edit.setText(f"{base} {datetime.now():%Y-%m-%d}".strip())
        self.results = {}
        return self.run_preflight()

    def remove_selected_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.paths[row]
        self._repredict()

    def remove_paths(self, paths) -> None:
        drop = {os.path.abspath(p) for p in paths}
        self.paths = [p for p in self.paths if p not in drop]
        self._repredict()

    def clear(self) -> None:
        self.paths, self.preflight, self.results = [], None, {}
        self._fill_table()

    # --- pre-flight -----------------------------------------------------------------------
    def run_preflight(self) -> CoreTask:
        paths = list(self.paths)
        self.preflight = None
        self._fill_table()
        self.status.setText(self.tr("Checking {count} pictures…").format(count=len(paths)))
        self.preflight_task = self._run(
            self.tr("Checking pictures before upload"),
            preflight_work(paths, self.api_url, float(self.settings.timeout_s)),
            self._preflight_done,
            lambda error: self.status.setText(str(error)),
        )
        return self.preflight_task

    def _preflight_done(self, result) -> None:
        if [m.path for m in result.metas] != self.paths:  # files changed meanwhile
            self.run_preflight()
            return
        self.preflight = result
        visibility = (result.configuration.get("visibility") or {}).get("possible_values") or []
        current = self.visibility.currentData()
        self.visibility.clear()
        self.visibility.addItem(self.tr("Instance default"), "")
        for value in visibility:
            self.visibility.addItem(str(value), str(value))
        index = self.visibility.findData(current)
        self.visibility.setCurrentIndex(max(0, index))
        if result.config_error is not None:
            self.logger.warning(
                self.tr(
                    "Could not read the instance's rules ({error}); the prediction uses the "
                    "usual defaults."
                ).format(error=result.config_error)
            )
        self.status.setText(self.tr("Check done; drop the rows you do not want, then upload."))
        self.auth_enabled = bool((result.configuration.get("auth") or {}).get("enabled", True))
        self._show_account()
        self._fill_table()
        self._show_preview()

    def _repredict(self) -> None:
        if self.preflight is None:
            self._fill_table()
            return
        from ..core.preflight import predict_dispatch

        by_path = {m.path: m for m in self.preflight.metas}
        metas = [by_path[p] for p in self.paths if p in by_path]
        self.preflight.metas = metas
        self.preflight.prediction = predict_dispatch(metas, self.preflight.rules)
        self._fill_table()
        self._show_preview()

    def check_rows(self) -> list:
        """Per file: (path, meta, status key, check text, sequence number, duplicate of)."""
        if self.preflight is None:
            text = self.tr("not checked yet")
            return [(p, None, "unchecked", text, None, "") for p in self.paths]
        prediction = self.preflight.prediction
        sequence_of = prediction.sequence_of()
        metas = self.preflight.metas
        duplicate_of = {d.index: metas[d.of_index].path for d in prediction.duplicates}
        rows = []
        for index, meta in enumerate(metas):
            if meta.problem:
                rows.append((meta.path, meta, "not_ready", meta.problem, None, ""))
            elif index in duplicate_of:
                rows.append(
                    (
                        meta.path,
                        meta,
                        "duplicate",
                        self.tr("duplicate of {name}: the instance would reject it").format(
                            name=os.path.basename(duplicate_of[index])
                        ),
                        None,
                        duplicate_of[index],
                    )
                )
            else:
                rows.append(
                    (meta.path, meta, "ready", self.tr("ready"), sequence_of.get(index), "")
                )
        return rows

    def ready_paths(self) -> list:
        return [row[0] for row in self.rows if row[2] == "ready"]

    def _fill_table(self) -> None:
        """Every change of files or of the check ends here: the rows are computed once."""
        rows = self.rows = self.check_rows()
        self.table.setRowCount(len(rows))
        labels = self.status_labels()
        for number, (path, _meta, key, text, sequence, _dup) in enumerate(rows):
            result = self.results.get(path)
            reason = "" if key == "ready" else text
            values = [
                os.path.basename(path),
                labels.get(key, text),
                "" if sequence is None else str(sequence + 1),
                self.upload_status_text(result.status) if result else "",
                result.picture_id if result else "",
                (result.message if result else "") or reason,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(path if column == 0 else value)
                self.table.setItem(number, column, item)
        for column in range(len(COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
        counts = {}
        for row in rows:
            counts[row[2]] = counts.get(row[2], 0) + 1
        sequences = len(self.preflight.prediction.sequences) if self.preflight else 0
        self.summary.setText(
            self.tr(
                "{total} files: {ready} ready in {sequences} sequence(s), {duplicates} "
                "duplicate(s), {bad} not ready."
            ).format(
                total=len(rows),
                ready=counts.get("ready", 0),
                sequences=sequences,
                duplicates=counts.get("duplicate", 0),
                bad=counts.get("not_ready", 0),
            )
        )
        self._update_buttons()

    def status_labels(self) -> dict:
        return {
            "ready": self.tr("ready"),
            "unchecked": self.tr("not checked yet"),
            "duplicate": self.tr("duplicate"),
            "not_ready": self.tr("not ready"),
            SENT: self.tr("sent"),
            ALREADY_SENT: self.tr("already on the instance"),
            REJECTED: self.tr("rejected"),
            FAILED: self.tr("failed"),
            PENDING: self.tr("not sent"),
        }

    def upload_status_text(self, status: str) -> str:
        return self.status_labels().get(status, status)

    def _show_preview(self) -> None:
        self._drop_layer("preview")
        rows = []
        for path, meta, key, text, sequence, dup in self.rows:
            point = (meta.lon, meta.lat) if meta and meta.lat is not None else None
            captured = meta.captured_at.isoformat() if meta and meta.captured_at else ""
            rows.append(
                (
                    point,
                    [
                        path,
                        key,
                        "" if key == "ready" else text,
                        None if sequence is None else sequence + 1,
                        dup,
                        captured,
                        meta.heading if meta else None,
                        bool(meta and meta.is_360),
                        meta.camera if meta else "",
                    ],
                )
            )
        if any(point for point, _ in rows):
            self.preview = layers.status_layer(
                self.tr("Panoramax upload check"), layers.PREVIEW_FIELDS, rows, self.status_labels()
            )

    def _drop_layer(self, name: str) -> None:
        layer = getattr(self, name)
        setattr(self, name, None)
        if layer is not None:
            try:
                QgsProject.instance().removeMapLayer(layer.id())
            except RuntimeError:  # already deleted with the project
                pass

    # --- upload ---------------------------------------------------------------------------
    def options(self) -> UploadOptions:
        return UploadOptions(
            title=self.title_edit.text().strip() or self.tr("Upload from QGIS"),
            visibility=self.visibility.currentData() or None,
            is_blurred=self.blurred.isChecked(),
            parallel=self.parallel.value(),
            timeout_s=max(60.0, float(self.settings.timeout_s) * 4),
        )

    def start_upload(self):
        paths = self.ready_paths()
        if self.task is not None or not paths:
            if not paths:
                self.status.setText(self.tr("No picture is ready to upload."))
            return None
        self.settings.upload_parallel = self.parallel.value()
        self.settings.save()
        folder = self.settings.upload_state_folder or default_state_folder()
        self.task = UploadTask(
            self.tr("Uploading {count} pictures to Panoramax").format(count=len(paths)),
            self.api_url,
            self.token,
            paths,
            self.options(),
            folder,
            float(self.settings.timeout_s),
            on_done=self._upload_done,
            on_error=self._upload_failed,
        )
        self.task.file_settled.connect(self._file_settled)
        self.task.file_progress.connect(self._file_progress)
        self.task.note.connect(self.status.setText)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task.taskTerminated.connect(self._upload_ended)
        self.task.taskCompleted.connect(self._upload_ended)
        self.status.setText(self.tr("Uploading {count} pictures…").format(count=len(paths)))
        QgsApplication.taskManager().addTask(self.task)
        self._lost_watch.watch(self.task, self._restart_lost_upload)
        self._update_buttons()
        return self.task

    def _restart_lost_upload(self) -> None:
        """QGIS never started the upload task (see ``LostTaskWatch``): a new one."""
        task, self.task = self.task, None
        if task is not None:
            try:
                task.cancel()
            except RuntimeError:
                pass
        self.start_upload()

    def cancel_upload(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _row_of(self, path: str):
        """The table row of ``path``; None when the user removed it meanwhile."""
        try:
            return self.paths.index(path)
        except ValueError:
            return None

    def _file_progress(self, path: str, percent: int) -> None:
        row = self._row_of(path)
        if row is not None and path not in self.results:
            text = self.tr("sending {percent} %").format(percent=percent)
            self.table.setItem(row, 3, QTableWidgetItem(text))

    def _file_settled(self, state) -> None:
        self.results[state.path] = state
        row = self._row_of(state.path)
        if row is None:
            return
        self.table.setItem(row, 3, QTableWidgetItem(self.upload_status_text(state.status)))
        self.table.setItem(row, 4, QTableWidgetItem(state.picture_id))
        self.table.setItem(row, 5, QTableWidgetItem(state.message))

    def _upload_ended(self) -> None:
        if self.sender() is not self.task:
            return  # a lost task given up for a new one
        self.task = None
        self._update_buttons()

    def _upload_done(self, state) -> None:
        self.results = dict(state.files)
        self._fill_table()
        counts = {}
        for file in state.files.values():
            counts[file.status] = counts.get(file.status, 0) + 1
        text = self.tr(
            "Upload finished: {sent} sent, {already} already on the instance, {rejected} "
            "rejected, {failed} failed."
        ).format(
            sent=counts.get(SENT, 0),
            already=counts.get(ALREADY_SENT, 0),
            rejected=counts.get(REJECTED, 0),
            failed=counts.get(FAILED, 0) + counts.get(PENDING, 0),
        )
        self.status.setText(text)
        failed = counts.get(FAILED, 0) + counts.get(PENDING, 0) + counts.get(REJECTED, 0)
        (self.logger.warning if failed else self.logger.success)(text)
        self.progress.setValue(100)
        self._show_report()
        sequence_ids = sorted({f.sequence_id for f in state.files.values() if f.sequence_id})
        if sequence_ids and self.on_sequences is not None:
            self.on_sequences(self.api_url, sequence_ids, self.report)

    def _upload_failed(self, error) -> None:
        if self.task is not None and self.task.uploader and self.task.uploader.state:
            self.results = dict(self.task.uploader.state.files)
            self._fill_table()
        if isinstance(error, SignInRequired):
            if error.status == 401 and self.token:  # invalid, expired or revoked: forget it
                self.tokens.remove(self.api_url)
            self.token, self.account = "", ""
            self._show_account()
        if isinstance(error, UploadCanceled):
            self.logger.info(str(error), push=True)
        else:
            self.logger.error(str(error))
        self.status.setText(str(error))
        if self.results:
            self._show_report()

    def report_rows(self) -> list:
        """file, status, picture id, sequence id, link, reason (one per file)."""
        rows = []
        check = {row[0]: row for row in self.rows}
        for path in self.paths:
            state = self.results.get(path)
            if state is not None:
                link = (
                    viewer_picture_url(self.api_url, state.picture_id) if state.picture_id else ""
                )
                rows.append(
                    [path, state.status, state.picture_id, state.sequence_id, link, state.message]
                )
            else:
                _, _, key, text, _, _ = check.get(path, (path, None, "pending", "", None, ""))
                status = (
                    "duplicate"
                    if key == "duplicate"
                    else (PENDING if key == "ready" else "not_ready")
                )
                rows.append([path, status, "", "", "", "" if key == "ready" else text])
        return rows

    def _show_report(self) -> None:
        self._drop_layer("report")
        positions = {}
        if self.preflight is not None:
            positions = {m.path: (m.lon, m.lat) for m in self.preflight.metas if m.lat is not None}
        rows = [(positions.get(row[0]), row) for row in self.report_rows()]
        self.report = layers.status_layer(
            self.tr("Panoramax upload report"), layers.REPORT_FIELDS, rows, self.status_labels()
        )
        self.export_button.setEnabled(True)

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the upload report"),
            "panoramax-upload.csv",
            self.tr("CSV (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([name for name, _ in layers.REPORT_FIELDS])
            writer.writerows(self.report_rows())
        self.logger.info(self.tr("Upload report saved to {path}.").format(path=path), push=True)

    # --- helpers --------------------------------------------------------------------------
    def _run(self, description: str, work, on_done, on_error) -> CoreTask:
        task = CoreTask(description, work, on_done, on_error)
        QgsApplication.taskManager().addTask(task)
        return task

    def _update_buttons(self) -> None:
        busy = self.task is not None
        self.upload_button.setEnabled(not busy and bool(self.ready_paths()))
        self.cancel_button.setEnabled(busy)
        for button in (
            self.add_files_button,
            self.add_folder_button,
            self.add_layer_button,
            self.remove_button,
            self.clear_button,
        ):
            button.setEnabled(not busy)
