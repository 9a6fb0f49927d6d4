"""The upload dialog: files, pre-flight check, options, upload run and report.

The account box (``account_box.py``) signs in; the check table and the rows of the
check and the report are in ``file_table.py``. All network and disk work runs in
tasks (``tasks.py``); this class only arranges widgets and reacts on the main thread.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from datetime import datetime

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..background.core_task import CoreTask, start_task
from ..background.lost_task import LostTaskWatch
from ..core.upload_state import ALREADY_SENT, FAILED, PENDING, REJECTED, SENT
from ..core.upload_types import SignInRequired, UploadCanceled, UploadOptions
from . import feature_paths, layers
from .account_box import AccountBox
from .file_table import FileTable, report_rows
from .tasks import UploadTask, cancel_task, default_state_folder, pictures_in_folder, preflight_work


def _from_account_box(name: str, writable: bool = False) -> property:
    """A dialog attribute kept by its account box (the plugin and tests reach it here)."""

    def get(dialog):
        return getattr(dialog.account_box, name)

    def set_(dialog, value):
        setattr(dialog.account_box, name, value)

    return property(get, set_ if writable else None, doc=f"The account box's ``{name}``.")


class UploadDialog(QDialog):
    """Choose pictures, check them, send them, and see what happened to each."""

    # (api_url, account name; "" when signed out), re-emitted from the account box
    account_changed = pyqtSignal(str, str)

    token = _from_account_box("token")
    account = _from_account_box("account")
    tokens = _from_account_box("tokens")
    open_url = _from_account_box("open_url", writable=True)
    pending_claim = _from_account_box("pending_claim")
    sign_in_task = _from_account_box("sign_in_task")
    account_label = _from_account_box("account_label")
    sign_in = _from_account_box("sign_in")
    cancel_sign_in = _from_account_box("cancel_sign_in")
    use_token = _from_account_box("use_token")
    sign_out = _from_account_box("sign_out")

    def __init__(self, api_url: str, logger, settings, parent=None, on_sequences=None):
        super().__init__(parent)
        self._lost_watch = LostTaskWatch(self)
        self.api_url = api_url.rstrip("/")
        self.logger = logger
        self.settings = settings
        self.on_sequences = on_sequences
        self.paths: list = []
        self.preflight = None
        self.preflight_task: CoreTask | None = None
        self.results: dict = {}  # path -> FileState after an upload
        self.task: UploadTask | None = None
        self.sets_dialog = None
        self._upload_paths: list | None = None  # a resumed upload's files, as saved
        self.preview = None
        self.report = None
        self.setWindowTitle(self.tr("Upload pictures to Panoramax"))
        self.resize(900, 640)

        self.account_box = AccountBox(self.api_url, logger, settings)
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
        self.file_buttons = (  # disabled while an upload runs
            self.add_files_button,
            self.add_folder_button,
            self.add_layer_button,
            self.remove_button,
            self.clear_button,
        )
        self.table = FileTable()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Title of the upload"))
        self.visibility = QComboBox()
        self.visibility.addItem(self.tr("Instance default"), "")
        self.blurred = QCheckBox(self.tr("Faces and plates are already blurred"))
        self.parallel = QSpinBox()
        self.parallel.setRange(1, 8)
        self.parallel.setValue(max(1, min(8, int(self.settings.upload_parallel))))
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
        self.sets_button = QPushButton(self.tr("My upload sets…"))
        self.sets_button.setToolTip(
            self.tr("Your upload sets on this instance: complete, delete or resume them")
        )
        self._lay_out()
        self._connect()
        self._update_buttons()

    # --- layout ---------------------------------------------------------------------------
    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.account_box)
        files_row = QHBoxLayout()
        for widget in self.file_buttons:
            files_row.addWidget(widget)
        files_row.addStretch(1)
        layout.addLayout(files_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        options = QGroupBox(self.tr("Options"))
        form = QFormLayout(options)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Visibility"), self.visibility)
        form.addRow(self.tr("Files sent at once"), self.parallel)
        form.addRow("", self.blurred)
        layout.addWidget(options)

        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        for widget in (
            self.sets_button,
            self.upload_button,
            self.cancel_button,
            self.export_button,
        ):
            bottom.addWidget(widget)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.account_box.message.connect(self.status.setText)
        self.account_box.account_changed.connect(self.account_changed)
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.add_layer_button.clicked.connect(self.add_selected_features)
        self.remove_button.clicked.connect(self.remove_selected_rows)
        self.clear_button.clicked.connect(self.clear)
        self.upload_button.clicked.connect(self.start_upload)
        self.cancel_button.clicked.connect(self.cancel_upload)
        self.export_button.clicked.connect(self._choose_csv)
        self.sets_button.clicked.connect(self.open_upload_sets)

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
        layer = layer or feature_paths.active_point_layer()
        if layer is None:
            self.status.setText(
                self.tr("Select features in a point layer that has a file path field.")
            )
            return None
        names = [f.name() for f in layer.fields()]
        field = field or feature_paths.path_field(names)
        if field is None:
            field, ok = QInputDialog.getItem(
                self, self.tr("File path field"), self.tr("Field"), names, 0, False
            )
            if not ok:
                return None
        paths = feature_paths.selected_paths(layer, field)
        if not paths:
            self.status.setText(
                self.tr("No selected feature with a file path in {layer}.").format(
                    layer=layer.name()
                )
            )
            return None
        return self.add_paths(paths)

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
        for row in self.table.selected_rows():
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
        self.preflight_task = start_task(
            CoreTask(
                self.tr("Checking pictures before upload"),
                preflight_work(paths, self.api_url, float(self.settings.timeout_s)),
                self._preflight_done,
                lambda error: self.status.setText(str(error)),
            )
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
        self.account_box.set_auth_enabled(
            bool((result.configuration.get("auth") or {}).get("enabled", True))
        )
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
        """Per file: a ``CheckRow`` (path, meta, status key, check text, sequence, duplicate of)."""
        return self.table.check_rows(self.paths, self.preflight)

    def ready_paths(self) -> list:
        return [row.path for row in self.table.rows if row.key == "ready"]

    def _fill_table(self) -> None:
        """Every change of files or of the check ends here: the rows are computed once."""
        self.table.show_rows(self.check_rows(), self.results)
        sequences = len(self.preflight.prediction.sequences) if self.preflight else 0
        self.summary.setText(self.table.summary_text(sequences))
        self._update_buttons()

    def _show_preview(self) -> None:
        layers.remove(self.preview)
        self.preview = layers.preview_layer(
            self.tr("Panoramax upload check"), self.table.rows, self.table.status_labels()
        )

    # --- upload ---------------------------------------------------------------------------
    def options(self) -> UploadOptions:
        return UploadOptions(
            title=self.title_edit.text().strip() or self.tr("Upload from QGIS"),
            visibility=self.visibility.currentData() or None,
            is_blurred=self.blurred.isChecked(),
            parallel=self.parallel.value(),
            timeout_s=max(60.0, float(self.settings.timeout_s) * 4),
        )

    def open_upload_sets(self):
        """The dialog of my upload sets on this instance (complete, delete, resume)."""
        from .sets_dialog import UploadSetsDialog

        if self.sets_dialog is None:
            self.sets_dialog = UploadSetsDialog(
                self.api_url, self.logger, self.settings, self, self
            )
        self.sets_dialog.show()
        self.sets_dialog.raise_()
        self.sets_dialog.refresh()
        return self.sets_dialog

    def resume_upload(self, paths, title: str = ""):
        """Run again an upload saved on this computer (``paths``: all its files, as saved:
        the same selection finds the same state, and only what is missing is sent)."""
        if self.task is not None:
            return None
        self.paths = list(paths)
        self.preflight, self.results = None, {}
        if title:
            self.title_edit.setText(title)
        self._fill_table()
        self._upload_paths = list(paths)
        return self.start_upload()

    def start_upload(self):
        paths = self._upload_paths if self._upload_paths is not None else self.ready_paths()
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
        start_task(self.task, self._lost_watch, self._restart_lost_upload)
        self._update_buttons()
        return self.task

    def _restart_lost_upload(self) -> None:
        """QGIS never started the upload task (see ``LostTaskWatch``): a new one."""
        task, self.task = self.task, None
        cancel_task(task)
        self.start_upload()

    def cancel_upload(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _file_progress(self, path: str, percent: int) -> None:
        if path not in self.results:
            self.table.show_file_progress(path, percent)

    def _file_settled(self, state) -> None:
        self.results[state.path] = state
        self.table.show_file_settled(state)

    def _upload_ended(self) -> None:
        if self.sender() is not self.task:
            return  # a lost task given up for a new one
        self.task = None
        self._upload_paths = None
        self._update_buttons()

    def _upload_done(self, state) -> None:
        self.results = dict(state.files)
        self._fill_table()
        counts = Counter(file.status for file in state.files.values())
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
            self.account_box.sign_in_required(error.status)
        if isinstance(error, UploadCanceled):
            self.logger.info(str(error), push=True)
        else:
            self.logger.error(str(error))
        self.status.setText(str(error))
        if self.results:
            self._show_report()

    def report_rows(self) -> list:
        """A ``ReportRow`` per file: file, status, picture id, sequence id, link, reason."""
        return report_rows(self.api_url, self.paths, self.table.rows, self.results)

    def _show_report(self) -> None:
        layers.remove(self.report)
        self.report = layers.report_layer(
            self.tr("Panoramax upload report"),
            self.report_rows(),
            self.preflight.metas if self.preflight is not None else [],
            self.table.status_labels(),
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
    def _update_buttons(self) -> None:
        busy = self.task is not None
        self.upload_button.setEnabled(not busy and bool(self.ready_paths()))
        self.cancel_button.setEnabled(busy)
        for button in self.file_buttons:
            button.setEnabled(not busy)
