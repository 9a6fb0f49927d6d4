"""The upload dialog's files: one row per file, from the check to the report.

``CheckRow`` is what the pre-flight check says of a file, ``ReportRow`` what happened
to it (the report layer and the CSV); both stay tuples, in their fields' order.
``FileTable`` shows the check rows with each file's upload progress and result.
"""

from __future__ import annotations

import os
from collections import Counter
from enum import IntEnum
from typing import NamedTuple

from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..core.instances import viewer_picture_url
from ..core.upload_state import ALREADY_SENT, FAILED, PENDING, REJECTED, SENT


class CheckRow(NamedTuple):
    """A file as the pre-flight check sees it."""

    path: str
    meta: object  # the file's PictureMeta; None before the check
    key: str  # "unchecked", "ready", "duplicate" or "not_ready"
    text: str  # the check's verdict, for people
    sequence: int | None  # predicted sequence (from 0), for ready files
    duplicate_of: str  # path of the file this one repeats, or ""


class ReportRow(NamedTuple):
    """What happened to a file; the fields of ``layers.REPORT_FIELDS``, in order."""

    file: str
    status: str
    picture_id: str
    sequence_id: str
    link: str
    reason: str


class Column(IntEnum):
    """The check table's columns, left to right."""

    FILE = 0
    CHECK = 1
    SEQUENCE = 2
    UPLOAD = 3
    PICTURE = 4
    MESSAGE = 5


def report_rows(api_url: str, paths, check_rows, results: dict) -> list:
    """One ``ReportRow`` per path: its upload result, or why it was not sent."""
    rows = []
    check = {row.path: row for row in check_rows}
    for path in paths:
        state = results.get(path)
        if state is not None:
            link = viewer_picture_url(api_url, state.picture_id) if state.picture_id else ""
            rows.append(
                ReportRow(
                    path, state.status, state.picture_id, state.sequence_id, link, state.message
                )
            )
            continue
        row = check.get(path)
        key, text = (row.key, row.text) if row else ("pending", "")
        status = "duplicate" if key == "duplicate" else (PENDING if key == "ready" else "not_ready")
        rows.append(ReportRow(path, status, "", "", "", "" if key == "ready" else text))
    return rows


class FileTable(QTableWidget):
    """The check table: one row per file, as of the last ``show_rows``."""

    def __init__(self, parent=None):
        super().__init__(0, len(Column), parent)
        self.rows: list = []  # the CheckRows shown
        self.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Check"),
                self.tr("Sequence"),
                self.tr("Upload"),
                self.tr("Picture"),
                self.tr("Message"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(Column.MESSAGE, QHeaderView.ResizeMode.Stretch)

    def check_rows(self, paths, preflight) -> list:
        """A ``CheckRow`` per file: ``paths`` before the check, the checked files after."""
        if preflight is None:
            text = self.tr("not checked yet")
            return [CheckRow(p, None, "unchecked", text, None, "") for p in paths]
        prediction = preflight.prediction
        sequence_of = prediction.sequence_of()
        metas = preflight.metas
        duplicate_of = {d.index: metas[d.of_index].path for d in prediction.duplicates}
        rows = []
        for index, meta in enumerate(metas):
            if meta.problem:
                rows.append(CheckRow(meta.path, meta, "not_ready", meta.problem, None, ""))
            elif index in duplicate_of:
                text = self.tr("duplicate of {name}: the instance would reject it").format(
                    name=os.path.basename(duplicate_of[index])
                )
                rows.append(CheckRow(meta.path, meta, "duplicate", text, None, duplicate_of[index]))
            else:
                # ready, but something read was left out (an invalid heading...): say what
                notes = "; ".join(getattr(meta, "notes", None) or ())
                rows.append(
                    CheckRow(
                        meta.path,
                        meta,
                        "ready",
                        notes or self.tr("ready"),
                        sequence_of.get(index),
                        "",
                    )
                )
        return rows

    def status_labels(self) -> dict:
        """Every check and upload status, for people (the table and the layers' legends)."""
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

    def show_rows(self, rows: list, results: dict) -> None:
        """Show ``rows``, with the upload result of the files in ``results`` (path -> state)."""
        self.rows = rows
        self.setRowCount(len(rows))
        labels = self.status_labels()
        for number, row in enumerate(rows):
            result = results.get(row.path)
            reason = "" if row.key == "ready" and row.text == labels.get("ready") else row.text
            values = {
                Column.FILE: os.path.basename(row.path),
                Column.CHECK: labels.get(row.key, row.text),
                Column.SEQUENCE: "" if row.sequence is None else str(row.sequence + 1),
                Column.UPLOAD: self.upload_status_text(result.status) if result else "",
                Column.PICTURE: result.picture_id if result else "",
                Column.MESSAGE: (result.message if result else "") or reason,
            }
            for column, value in values.items():
                item = QTableWidgetItem(value)
                item.setToolTip(row.path if column == Column.FILE else value)
                self.setItem(number, column, item)
        for column in Column:
            if column != Column.MESSAGE:  # that one stretches
                self.resizeColumnToContents(column)

    def summary_text(self, sequences: int) -> str:
        """The shown rows counted; ``sequences``: how many the check predicts."""
        counts = Counter(row.key for row in self.rows)
        return self.tr(
            "{total} files: {ready} ready in {sequences} sequence(s), {duplicates} "
            "duplicate(s), {bad} not ready."
        ).format(
            total=len(self.rows),
            ready=counts["ready"],
            sequences=sequences,
            duplicates=counts["duplicate"],
            bad=counts["not_ready"],
        )

    def row_of(self, path: str):
        """The table row of ``path``; None when the user removed it meanwhile."""
        return next((number for number, row in enumerate(self.rows) if row.path == path), None)

    def selected_rows(self) -> list:
        """Numbers of the selected rows, last first (to delete them one by one)."""
        return sorted({index.row() for index in self.selectedIndexes()}, reverse=True)

    def show_file_progress(self, path: str, percent: int) -> None:
        row = self.row_of(path)
        if row is not None:
            text = self.tr("sending {percent} %").format(percent=percent)
            self.setItem(row, Column.UPLOAD, QTableWidgetItem(text))

    def show_file_settled(self, state) -> None:
        """A file's upload ended (``state``: its FileState)."""
        row = self.row_of(state.path)
        if row is None:
            return
        self.setItem(row, Column.UPLOAD, QTableWidgetItem(self.upload_status_text(state.status)))
        self.setItem(row, Column.PICTURE, QTableWidgetItem(state.picture_id))
        self.setItem(row, Column.MESSAGE, QTableWidgetItem(state.message))
