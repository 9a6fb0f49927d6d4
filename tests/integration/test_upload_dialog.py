"""The upload dialog in QGIS against the real local instance: sign-in, pre-flight,
upload, report, and where the token may and may not end up."""

from __future__ import annotations

import csv
import os
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from qgis.core import QgsApplication, QgsProject, QgsSettings

from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.fixtures.pictures import (
    line_of_shots,
    make_flat_jpeg,
    make_no_gps_jpeg,
    make_pano_jpeg,
    make_png,
    make_text_as_jpg,
    make_truncated_jpeg,
)
from tests.instance_control import run_instance_script
from tests.qt_wait import run_until

from .seeding import delete_sequences

pytestmark = pytest.mark.integration
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def auth_database(qgis_app):
    manager = QgsApplication.authManager()
    assert not manager.isDisabled(), manager.disabledMessage()
    assert manager.setMasterPassword("panoramax-tests", True)
    return manager


@pytest.fixture()
def log_lines(qgis_app):
    lines = []

    def record(message, tag, level):
        lines.append(f"{tag}: {message}")

    QgsApplication.messageLog().messageReceived.connect(record)
    yield lines
    QgsApplication.messageLog().messageReceived.disconnect(record)


@pytest.fixture()
def dialog(desktop, local_instance, auth_database, roomy_thread_pool):
    from panoramax_plugin.upload.dialog import UploadDialog

    settings = PluginSettings()
    settings.upload_state_folder = str(Path(QgsApplication.qgisSettingsDirPath()) / "upload-tests")
    uploaded = []
    widget = UploadDialog(
        local_instance.api,
        PluginLogger(desktop),
        settings,
        desktop.window,
        on_sequences=lambda api, ids, layer: uploaded.append(ids),
    )
    widget.uploaded = uploaded
    widget.sign_out()
    yield widget
    if widget.task is not None:
        widget.task.cancel()
    widget.sign_out()
    widget.close()
    widget.deleteLater()


def claim_as_test_user(local_instance):
    """What the browser does once the user has logged in: follow the claim link."""

    def open_url(url):
        answer = requests.get(
            url,
            headers={"Authorization": f"Bearer {local_instance.token}"},
            allow_redirects=False,
            timeout=30,
        )
        assert answer.status_code in (200, 302), answer.text

    return open_url


def walk(folder: Path, count: int, pano: int = 0):
    rng = random.Random()
    lat, lon = rng.uniform(43.5, 49.0), rng.uniform(-0.5, 6.0)
    start = datetime(2023, 4, 1, 8, 0, tzinfo=timezone(timedelta(hours=2))) + timedelta(
        days=rng.randrange(0, 600)
    )
    shots = line_of_shots(lat, lon, count + pano, spacing_m=7.0, start_time=start)
    paths = [make_flat_jpeg(folder / f"flat_{i:02d}.jpg", s) for i, s in enumerate(shots[:count])]
    paths += [make_pano_jpeg(folder / f"pano_{i:02d}.jpg", s) for i, s in enumerate(shots[count:])]
    return paths, start


def wait_preflight(dialog, qgis_app):
    run_until(qgis_app, lambda: dialog.preflight is not None, 60)


def upload_and_wait(dialog, qgis_app, timeout_s=180):
    task = dialog.start_upload()
    assert task is not None, dialog.status.text()
    dialog.file_percents = []
    task.file_progress.connect(lambda path, percent: dialog.file_percents.append((path, percent)))
    run_until(qgis_app, lambda: dialog.task is None, timeout_s)
    return task


def test_sign_in_flow_stores_the_token_only_in_the_auth_database(
    dialog, local_instance, qgis_app, log_lines, tmp_path
):
    dialog.open_url = claim_as_test_user(local_instance)
    dialog.sign_in()
    run_until(qgis_app, lambda: bool(dialog.token), 60)
    assert dialog.account == os.environ.get("PANORAMAX_USER", "qgis-tester")
    assert dialog.account in dialog.account_label.text()
    token = dialog.token
    assert token and token != local_instance.token  # a fresh token, claimed for the account

    authcfg = dialog.tokens.authcfg(local_instance.api)
    assert authcfg in QgsApplication.authManager().configIds()
    QgsSettings().sync()
    settings_files = list(Path(QgsApplication.qgisSettingsDirPath()).rglob("*.ini"))
    assert settings_files
    for path in settings_files:
        assert token not in path.read_text(errors="replace")
    assert not any(token in line for line in log_lines)
    project_file = tmp_path / "project.qgz"
    QgsProject.instance().write(str(project_file))
    import zipfile

    with zipfile.ZipFile(project_file) as archive:
        for name in archive.namelist():
            assert token.encode() not in archive.read(name)

    # a new dialog (QGIS restarted) finds the account again; sign out forgets it
    from panoramax_plugin.upload.token_store import TokenStore

    assert TokenStore().load(local_instance.api)[0] == token
    dialog.sign_out()
    assert TokenStore().load(local_instance.api) == ("", "")
    assert authcfg not in QgsApplication.authManager().configIds()


def test_preflight_reports_each_bad_file_and_predicts_sequences(dialog, qgis_app, tmp_path):
    good, start = walk(tmp_path, 4, pano=2)
    bad = {
        "no_gps.jpg": make_no_gps_jpeg(tmp_path / "no_gps.jpg", start),
        "png.jpg": make_png(tmp_path / "png.jpg"),
        "text.jpg": make_text_as_jpg(tmp_path / "text.jpg"),
        "truncated.jpg": make_truncated_jpeg(
            tmp_path / "truncated.jpg", line_of_shots(45, 4, 1)[0]
        ),
        "empty.jpg": tmp_path / "empty.jpg",
    }
    bad["empty.jpg"].write_bytes(b"")
    dialog.add_paths([*good, *bad.values()])
    wait_preflight(dialog, qgis_app)
    rows = {Path(r[0]).name: r for r in dialog.check_rows()}
    assert {name for name, r in rows.items() if r[2] == "ready"} == {p.name for p in good}
    assert "GPS" in rows["no_gps.jpg"][3]
    assert "PNG" in rows["png.jpg"][3]
    assert "Not a JPEG" in rows["text.jpg"][3]
    assert "truncated" in rows["truncated.jpg"][3]
    assert "Empty" in rows["empty.jpg"][3]
    pano_metas = [m for m in dialog.preflight.metas if Path(m.path).name.startswith("pano")]
    assert pano_metas and all(m.is_360 for m in pano_metas)
    assert dialog.preflight.rules.split_distance == 100
    assert len(dialog.preflight.prediction.sequences) == 1
    # every file is in the preview's table; those with a position are on the map
    assert dialog.preview is not None and dialog.preview.featureCount() == 11
    placed = [f for f in dialog.preview.getFeatures() if not f.geometry().isNull()]
    assert sorted(Path(f["file"]).name for f in placed) == sorted(p.name for p in good)
    # the user drops a file: it leaves the table and the prediction
    dialog.remove_paths([good[0]])
    assert good[0].name not in {Path(r[0]).name for r in dialog.check_rows()}


def test_upload_flat_and_360_with_report_csv_and_layer(
    dialog, local_instance, qgis_app, tmp_path, seen_requests
):
    good, start = walk(tmp_path, 3, pano=2)
    no_gps = make_no_gps_jpeg(tmp_path / "no_gps.jpg", start)
    dialog.add_paths([*good, no_gps])
    wait_preflight(dialog, qgis_app)
    upload_and_wait(dialog, qgis_app)
    rows = {Path(r[0]).name: r for r in dialog.report_rows()}
    assert {rows[p.name][1] for p in good} == {"sent"}, dialog.status.text()
    assert rows["no_gps.jpg"][1] == "not_ready"  # never sent
    finished = {Path(path).name for path, percent in dialog.file_percents if percent == 100}
    assert finished == {p.name for p in good}  # per-file progress reached the dialog
    sequence_ids = {rows[p.name][3] for p in good}
    assert len(sequence_ids) == 1 and "" not in sequence_ids
    assert all(rows[p.name][4].startswith("http") for p in good)
    assert dialog.uploaded == [sorted(sequence_ids)]
    assert any("/upload_sets/" in url and url.endswith("/files") for url in seen_requests)
    # read back: the 360 pictures are 360 on the instance
    items = requests.get(
        f"{local_instance.api}/collections/{next(iter(sequence_ids))}/items", timeout=30
    ).json()["features"]
    fov = sorted(f["properties"]["pers:interior_orientation"].get("field_of_view") for f in items)
    assert fov.count(360) == 2 and len(items) == 5

    report = tmp_path / "report.csv"
    dialog.export_csv(str(report))
    with report.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == 6 and {line["status"] for line in lines} == {"sent", "not_ready"}
    assert dialog.report is not None and dialog.report.featureCount() == 6
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.resize(1000, 640)
    dialog.grab().save(str(SHOTS / "upload_dialog_report.png"))
    delete_sequences(local_instance.api, local_instance.token, sequence_ids)


@pytest.fixture()
def forced_auth(local_instance):
    """The instance restarted with API_FORCE_AUTH_ON_UPLOAD=true, restored afterwards."""

    def restart(force: str):
        run_instance_script("up", env={"PANORAMAX_FORCE_AUTH": force})

    restart("true")
    yield
    restart("false")


def test_instance_requiring_sign_in_keeps_the_queue_until_signed_in(
    dialog, local_instance, qgis_app, tmp_path, forced_auth
):
    good, _ = walk(tmp_path, 3)
    dialog.add_paths(good)
    wait_preflight(dialog, qgis_app)
    upload_and_wait(dialog, qgis_app)
    assert "sign in" in dialog.status.text().lower()
    assert {r[1] for r in dialog.report_rows()} == {"pending"}
    dialog.open_url = claim_as_test_user(local_instance)
    dialog.sign_in()
    run_until(qgis_app, lambda: bool(dialog.token), 60)
    upload_and_wait(dialog, qgis_app)
    rows = dialog.report_rows()
    assert {r[1] for r in rows} == {"sent"}, dialog.status.text()
    delete_sequences(local_instance.api, local_instance.token, {r[3] for r in rows})


def test_pictures_from_a_folder_tree_and_from_selected_features(dialog, qgis_app, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    (tmp_path / "day1" / "morning").mkdir(parents=True)
    first, _ = walk(tmp_path / "day1", 2)
    second, _ = walk(tmp_path / "day1" / "morning", 2)
    (tmp_path / "day1" / "notes.txt").write_text("not a picture")
    dialog.add_folder(str(tmp_path / "day1"))
    wait_preflight(dialog, qgis_app)
    assert sorted(dialog.paths) == sorted(str(p) for p in [*first, *second])

    dialog.clear()
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=photo_path:string", "survey", "memory")
    features = []
    for path in [*first, *second]:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(4, 45)))
        feature.setAttributes([str(path)])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    ids = [f.id() for f in layer.getFeatures()]
    layer.selectByIds(ids[:3])
    dialog.add_selected_features(layer, "photo_path")
    wait_preflight(dialog, qgis_app)
    assert len(dialog.paths) == 3 and len(dialog.ready_paths()) == 3


@pytest.mark.skipif(
    not (Path(__file__).resolve().parents[3] / "shared" / "data" / "pictures").is_dir(),
    reason="../shared/data is not on this machine",
)
def test_upload_real_flat_and_360_pictures(dialog, qgis_app):
    pictures = Path(__file__).resolve().parents[3] / "shared" / "data" / "pictures"
    real = sorted((pictures / "flat" / "opensfm_berlin_iphone4s").glob("*.jpg"))
    real += sorted(p for p in (pictures / "pano").rglob("*") if p.suffix.lower() == ".jpg")
    dialog.add_paths(real)
    wait_preflight(dialog, qgis_app)
    ready = dialog.ready_paths()
    assert ready, [r[3] for r in dialog.check_rows()]
    metas = {Path(m.path).name: m for m in dialog.preflight.metas}
    assert any(m.is_360 for m in metas.values())
    upload_and_wait(dialog, qgis_app, 300)
    rows = {r[0]: r for r in dialog.report_rows()}
    for path in ready:  # real files may already be on the instance from other tests
        status, picture_id = rows[path][1], rows[path][2]
        assert status in ("sent", "already_sent"), rows[path]
        assert picture_id
    # kept on the instance: other tests reuse these real files (the server knows their MD5)


def test_uploaded_sequences_load_on_the_map(desktop, local_instance, qgis_app, tmp_path):
    """From the toolbar action to the new pictures in the instance's pictures layer."""
    from panoramax_plugin.panel.instance_picker import CUSTOM_KEY
    from tests.qgis.conftest import import_plugin_package

    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    try:
        plugin.ensure_panel().picker.set_selection(
            CUSTOM_KEY, local_instance.api.replace("/api", "")
        )
        dialog = plugin.open_upload()
        assert dialog is not None and dialog.isVisible()
        dialog.settings.upload_state_folder = str(tmp_path / "state")
        good, _ = walk(tmp_path, 3)
        dialog.add_paths(good)
        wait_preflight(dialog, qgis_app)
        upload_and_wait(dialog, qgis_app)
        picture_ids = {r[2] for r in dialog.report_rows()}
        assert len(picture_ids) == 3 and "" not in picture_ids

        def loaded_ids():
            layers = plugin.panel.controller.current_layers()
            if layers is None:
                return set()
            return {f["id"] for f in layers.pictures.layer.getFeatures()}

        run_until(qgis_app, lambda: picture_ids <= loaded_ids(), 60)
        canvas_extent = desktop.canvas.extent()
        assert not canvas_extent.isEmpty()
        delete_sequences(
            local_instance.api, local_instance.token, {r[3] for r in dialog.report_rows()}
        )
    finally:
        plugin.unload()


def test_a_new_sign_in_stops_waiting_for_the_previous_claim(dialog, qgis_app):
    dialog.open_url = lambda url: None  # the user never confirms in the browser
    dialog.sign_in()
    run_until(qgis_app, lambda: dialog.pending_claim is not None, 30)
    first_wait, ended = dialog.sign_in_task, []
    first_wait.taskTerminated.connect(lambda: ended.append("terminated"))
    first_claim = dialog.pending_claim.claim_url
    dialog.sign_in()
    run_until(qgis_app, lambda: ended == ["terminated"], 30)
    run_until(qgis_app, lambda: dialog.pending_claim is not None, 30)
    assert dialog.pending_claim.claim_url != first_claim and not dialog.token
    dialog.cancel_sign_in()


def test_an_upload_qgis_never_started_is_started_again(
    dialog, local_instance, qgis_app, tmp_path, monkeypatch
):
    """QGIS 3.22 can lose a queued task: the dialog starts a new upload task."""
    from panoramax_plugin.background import core_task  # where the dialog starts its tasks
    from panoramax_plugin.background.lost_task import LostTaskWatch
    from panoramax_plugin.upload.tasks import UploadTask
    from tests.qgis.lost_tasks import DroppingTaskManager

    manager = DroppingTaskManager(lambda task: isinstance(task, UploadTask))
    monkeypatch.setattr(core_task, "QgsApplication", manager)
    monkeypatch.setattr(LostTaskWatch, "interval_ms", 100)
    good, _ = walk(tmp_path, 2)
    dialog.add_paths(good)
    wait_preflight(dialog, qgis_app)
    lost = dialog.start_upload()
    run_until(qgis_app, lambda: dialog.task is not None and dialog.task is not lost, 10)
    run_until(qgis_app, lambda: dialog.task is None, 180)
    assert manager.dropped == [lost]
    rows = dialog.report_rows()
    assert {r[1] for r in rows} == {"sent"}, dialog.status.text()
    delete_sequences(local_instance.api, local_instance.token, {r[3] for r in rows})


def test_a_revoked_token_is_forgotten_and_the_queue_kept(
    desktop, auth_database, qgis_app, tmp_path
):
    """A scripted instance answers 401 "Token not valid" to the upload."""
    from panoramax_plugin.upload.dialog import UploadDialog
    from panoramax_plugin.upload.token_store import TokenStore
    from tests.http_server import Canned, CannedServer

    routes = {
        "/api/configuration": Canned(200, {"auth": {"enabled": True}}),
        "/api/upload_sets": Canned(401, {"message": "Token not valid", "status_code": 401}),
    }
    with CannedServer(routes) as server:
        api = server.base_url + "/api"
        TokenStore().save(api, "revoked-token", "alice")
        settings = PluginSettings()
        settings.upload_state_folder = str(tmp_path / "state")
        dialog = UploadDialog(api, PluginLogger(desktop), settings, desktop.window)
        assert dialog.token == "revoked-token" and "alice" in dialog.account_label.text()
        good, _ = walk(tmp_path, 2)
        dialog.add_paths(good)
        wait_preflight(dialog, qgis_app)
        upload_and_wait(dialog, qgis_app, 60)
    assert "sign in again" in dialog.status.text()
    assert TokenStore().load(api) == ("", "")
    assert not dialog.token and "Not signed in" in dialog.account_label.text()
    assert {r[1] for r in dialog.report_rows()} == {"pending"}
    assert server.requests[-1][2].get("Authorization") == "Bearer revoked-token"
    dialog.deleteLater()


def test_account_changes_are_announced(dialog, local_instance, qgis_app):
    """A pasted token, then signing out: the dialog says which account uploads now. When
    it says so the token is already stored (My pictures and the viewer read it back on
    that signal), and a later session starts signed in as it was left."""
    from panoramax_plugin.current_instance import CurrentInstance
    from panoramax_plugin.plugin import _remembered_account
    from panoramax_plugin.upload.token_store import TokenStore

    changes, stored_then = [], []

    def announced(api, name):
        changes.append((api, name))
        stored_then.append(TokenStore().load(api)[0])

    dialog.account_changed.connect(announced)
    dialog.use_token(local_instance.token)
    run_until(qgis_app, lambda: bool(dialog.token), 60)
    name = os.environ.get("PANORAMAX_USER", "qgis-tester")
    assert changes == [(local_instance.api.rstrip("/"), name)]
    assert stored_then == [local_instance.token]
    next_session = CurrentInstance(remembered_account=_remembered_account)
    next_session.choose(local_instance.api)
    assert next_session.state.account == name
    dialog.sign_out()
    dialog.sign_out()  # already signed out: nothing changes
    assert changes[1:] == [(local_instance.api.rstrip("/"), "")]
    assert _remembered_account(local_instance.api) == ""
    next_session = CurrentInstance(remembered_account=_remembered_account)
    next_session.choose(local_instance.api)
    assert next_session.state.account == ""


def test_a_value_left_out_of_a_ready_file_is_shown_in_its_row(dialog, qgis_app):
    """A file ready to send whose heading could not be used says so, not just "ready"."""
    from tests.conftest import ROOT

    nan_heading = ROOT / "tests" / "fixtures" / "reader_regressions" / "heading_nan.jpg"
    dialog.add_paths([str(nan_heading)])
    wait_preflight(dialog, qgis_app)
    (row,) = dialog.check_rows()
    assert row[2] == "ready"
    assert "heading" in row[3].lower() or "GPSImgDirection" in row[3], row[3]
    message = dialog.table.item(0, dialog.table.columnCount() - 1).text()
    assert message == row[3]
