"""My upload sets (issue #15, item 5) against the local instance: listed with their counts,
an open one completed or deleted (after a confirmation), an interrupted upload resumed from
the list sending only what is missing."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from qgis.core import QgsApplication

from panoramax_plugin.core.http import HttpClient, make_session
from panoramax_plugin.core.upload_state import SENT, StateStore
from panoramax_plugin.core.uploader import (
    RequestsFileSender,
    UploadCanceled,
    Uploader,
    UploadFeedback,
    UploadOptions,
)
from panoramax_plugin.settings import PluginSettings
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.qt_wait import run_until
from tests.upload_instance import delete_upload_sets, server_files
from tests.viewer_harness import RecordingLogger

from .seeding import delete_sequences

pytestmark = pytest.mark.integration


def walk(folder: Path, count: int) -> list:
    lat, lon = random.uniform(43.5, 49.0), random.uniform(-0.5, 6.0)
    start = datetime(2022, 3, 1, 9, tzinfo=timezone.utc) + timedelta(days=random.randrange(900))
    shots = line_of_shots(lat, lon, count, spacing_m=6.0, start_time=start)
    folder.mkdir(parents=True, exist_ok=True)
    return [make_flat_jpeg(folder / f"s{i:02d}.jpg", s) for i, s in enumerate(shots)]


def open_set(local_instance, title: str, paths=()) -> str:
    headers = {"Authorization": f"Bearer {local_instance.token}"}
    created = requests.post(
        f"{local_instance.api}/upload_sets",
        json={"title": title, "estimated_nb_files": len(paths) + 5},
        headers=headers,
        timeout=30,
    )
    created.raise_for_status()
    set_id = created.json()["id"]
    for path in paths:
        with open(path, "rb") as stream:
            answer = requests.post(
                f"{local_instance.api}/upload_sets/{set_id}/files",
                files={"file": (Path(path).name, stream, "image/jpeg")},
                headers=headers,
                timeout=120,
            )
        assert answer.status_code in (200, 202), answer.text
    return set_id


class TokenHolder:
    """What the sets dialog needs of the upload dialog to list, complete and delete."""

    def __init__(self, token):
        self.token = token
        self.task = None


@pytest.fixture()
def settings(tmp_path):
    value = PluginSettings(timeout_s=30.0)
    value.upload_state_folder = str(tmp_path / "states")
    return value


def sets_dialog(desktop, local_instance, settings, upload_dialog, answers):
    from panoramax_plugin.upload.sets_dialog import UploadSetsDialog

    logger = RecordingLogger(desktop)
    asked = []

    def ask(title, text):
        asked.append(text)
        return answers.pop(0)

    dialog = UploadSetsDialog(
        local_instance.api, logger, settings, upload_dialog, desktop.window, ask=ask
    )
    dialog.asked, dialog.said = asked, logger.said
    return dialog


def refreshed(dialog, qgis_app):
    assert dialog.refresh() is not None
    run_until(qgis_app, lambda: dialog.task is None, 120)
    return {raw["id"]: raw for raw in dialog.sets}


def test_list_complete_and_delete_open_sets(desktop, local_instance, qgis_app, tmp_path, settings):
    paths = walk(tmp_path / "pics", 3)
    other = walk(tmp_path / "other", 1)
    title = f"sets dialog {random.random():.6f}"
    to_complete = open_set(local_instance, title + " complete", paths)
    to_delete = open_set(local_instance, title + " delete", other)
    answers = [False, True]
    dialog = sets_dialog(
        desktop, local_instance, settings, TokenHolder(local_instance.token), answers
    )
    sequences = []
    try:
        listed = refreshed(dialog, qgis_app)
        assert listed[to_complete]["nb_items"] == 3
        assert listed[to_complete]["items_status"]["rejected"] == 0
        assert dialog.select_set(to_complete)
        row = dialog.table.currentRow()
        assert dialog.table.item(row, 1).text() == "open"
        assert dialog.table.item(row, 2).text() == "3"
        assert dialog.complete_button.isEnabled() and dialog.delete_button.isEnabled()

        dialog.complete_selected()
        run_until(qgis_app, lambda: dialog.task is None, 120)
        run_until(qgis_app, lambda: to_complete in {s["id"] for s in dialog.sets}, 5)
        completed = {raw["id"]: raw for raw in dialog.sets}
        assert completed[to_complete]["completed"] is True
        assert dialog.select_set(to_complete)
        assert not dialog.complete_button.isEnabled()  # only open sets
        assert not dialog.delete_button.isEnabled()

        assert dialog.select_set(to_delete)
        assert dialog.delete_selected() is None  # the user said no
        assert "1 pictures" in dialog.asked[0]
        assert to_delete in refreshed(dialog, qgis_app)
        assert dialog.select_set(to_delete)
        dialog.delete_selected()
        run_until(qgis_app, lambda: dialog.task is None, 120)
        run_until(qgis_app, lambda: dialog.task is None, 120)
        assert to_delete not in {raw["id"] for raw in dialog.sets}
        gone = requests.get(
            f"{local_instance.api}/upload_sets/{to_delete}",
            headers={"Authorization": f"Bearer {local_instance.token}"},
            timeout=30,
        )
        assert gone.status_code == 404
        headers = {"Authorization": f"Bearer {local_instance.token}"}
        state = requests.get(
            f"{local_instance.api}/upload_sets/{to_complete}", headers=headers, timeout=30
        ).json()
        sequences = [c["id"] for c in state.get("associated_collections") or []]
    finally:
        dialog.close()
        dialog.deleteLater()
        delete_upload_sets(local_instance.api, local_instance.token, [to_complete, to_delete])
        delete_sequences(local_instance.api, local_instance.token, sequences)


def test_resume_sends_only_the_missing_files(
    desktop, local_instance, qgis_app, tmp_path, settings, roomy_thread_pool
):
    from panoramax_plugin.upload.dialog import UploadDialog

    manager = QgsApplication.authManager()
    assert manager.setMasterPassword("panoramax-tests", True)
    paths = [str(p) for p in walk(tmp_path / "pics", 6)]
    title = f"resume from sets {random.random():.6f}"

    class StopAfterTwo(UploadFeedback):
        def __init__(self):
            self.done = 0

        def file_done(self, state):
            self.done += 1

        def canceled(self):
            return self.done >= 2

    interrupted = Uploader(
        local_instance.api,
        HttpClient(make_session(), timeout=30),
        RequestsFileSender(),
        StateStore(settings.upload_state_folder),
        token=local_instance.token,
        feedback=StopAfterTwo(),
    )
    with pytest.raises(UploadCanceled):
        interrupted.run(paths, UploadOptions(title=title, parallel=1, wait_ready_s=120))
    set_id = interrupted.state.upload_set_id
    sent_first = {p for p, f in interrupted.state.files.items() if f.status == SENT}
    assert 1 <= len(sent_first) < 6
    assert len(server_files(local_instance.api, local_instance.token, set_id)) == len(sent_first)

    upload = UploadDialog(local_instance.api, RecordingLogger(desktop), settings, desktop.window)
    sequences = []
    try:
        upload.use_token(local_instance.token)
        run_until(qgis_app, lambda: bool(upload.token), 60)
        dialog = sets_dialog(desktop, local_instance, settings, upload, [])
        assert set_id in refreshed(dialog, qgis_app)
        assert dialog.select_set(set_id)

        # another computer (no saved state): said so, nothing started
        settings.upload_state_folder = str(tmp_path / "elsewhere")
        assert dialog.resume_selected() is None
        assert "cannot be resumed" in dialog.status.text()
        assert upload.task is None

        settings.upload_state_folder = str(tmp_path / "states")
        task = dialog.resume_selected()
        assert task is not None, dialog.status.text()
        run_until(qgis_app, lambda: upload.task is None, 240)
        assert all(f.status == SENT for f in upload.results.values()), upload.status.text()
        assert set(upload.results) == set(paths)
        state = StateStore(settings.upload_state_folder).load(interrupted.key)
        assert state.upload_set_id == set_id
        # the files sent before were not sent again
        assert all(state.files[p].attempts == 1 for p in sent_first)
        on_server = server_files(local_instance.api, local_instance.token, set_id)
        assert sorted(f["file_name"] for f in on_server) == sorted(Path(p).name for p in paths)
        sequences = sorted({f.sequence_id for f in state.files.values() if f.sequence_id})
    finally:
        upload.sign_out()
        upload.close()
        upload.deleteLater()
        delete_sequences(local_instance.api, local_instance.token, sequences)
        delete_upload_sets(local_instance.api, local_instance.token, [set_id])
