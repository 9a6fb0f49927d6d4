"""*Upload a folder* (``panoramax:uploadfolder``) against the local instance."""

from __future__ import annotations

import json

import pytest
import requests
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from .processing_b_support import (  # noqa: F401  (a fixture)
    processing_b_fixture,
    run_collecting,
)
from .seeding import delete_sequences
from .test_upload_core import fresh_walk

pytestmark = pytest.mark.integration
ALG = "panoramax:uploadfolder"


@pytest.fixture()
def token_config(qgis_app, local_instance):
    """An authentication configuration whose password is the test account's token."""
    manager = QgsApplication.authManager()
    assert not manager.isDisabled(), manager.disabledMessage()
    assert manager.setMasterPassword("panoramax-tests", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("panoramax processing test")
    config.setConfig("username", "qgis-tester")
    config.setConfig("password", local_instance.token)
    stored = manager.storeAuthenticationConfig(config)
    if isinstance(stored, tuple):
        stored, config = stored[0], stored[-1]
    assert stored and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


@pytest.fixture()
def state_folder(tmp_path):
    settings = QgsSettings()
    key = "panoramax/upload_state_folder"
    before = settings.value(key, "")
    folder = tmp_path / "states"
    settings.setValue(key, str(folder))
    yield folder
    settings.setValue(key, before)


def test_upload_a_folder_reports_each_file_and_resumes(
    processing_b, local_instance, token_config, state_folder, tmp_path
):
    pictures = tmp_path / "walk"
    (pictures / "sub").mkdir(parents=True)
    paths, _ = fresh_walk(pictures / "sub", 3)
    (pictures / "notes.txt").write_text("not a picture")
    parameters = {
        "FOLDER": str(pictures),
        "SUBFOLDERS": True,
        "INSTANCE": local_instance.api,
        "AUTHCFG": token_config,
        "TITLE": "processing upload test",
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    results, feedback = run_collecting(processing_b, ALG, parameters)
    assert results is not None, feedback.errors
    sequences = [s for s in results["SEQUENCES"].split(",") if s]
    try:
        rows = list(results["OUTPUT"].getFeatures())
        assert len(rows) == 3
        assert {r["status"] for r in rows} == {"sent"}
        assert sorted(r["file"] for r in rows) == sorted(map(str, paths))
        picture_ids = {r["picture_id"] for r in rows}
        assert "" not in picture_ids and None not in picture_ids
        assert all(r["link"] and not r.geometry().isNull() for r in rows)
        assert len(sequences) == 1 and {r["sequence_id"] for r in rows} == set(sequences)
        items = requests.get(
            f"{local_instance.api}/collections/{sequences[0]}/items", timeout=30
        ).json()
        assert {f["id"] for f in items["features"]} == picture_ids
        assert results["SENT"] == 3

        again, feedback = run_collecting(processing_b, ALG, parameters)
        assert again is not None, feedback.errors
        assert again["UPLOAD_SET"] == results["UPLOAD_SET"]
        assert {r["picture_id"] for r in again["OUTPUT"].getFeatures()} == picture_ids
        (state_file,) = state_folder.glob("upload-*.json")
        state = json.loads(state_file.read_text())
        assert [f["attempts"] for f in state["files"]] == [1, 1, 1]  # nothing sent twice
    finally:
        delete_sequences(local_instance.api, local_instance.token, sequences)


def test_bad_inputs_are_clear_errors(processing_b, local_instance, state_folder, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    base = {"INSTANCE": local_instance.api, "OUTPUT": "TEMPORARY_OUTPUT"}
    results, feedback = run_collecting(processing_b, ALG, {**base, "FOLDER": str(empty)})
    assert results is None
    assert any("holds no JPEG" in text for text in feedback.errors), feedback.errors

    (tmp_path / "one").mkdir()
    fresh_walk(tmp_path / "one", 1)
    results, feedback = run_collecting(
        processing_b, ALG, {**base, "FOLDER": str(tmp_path / "one"), "AUTHCFG": "nope123"}
    )
    assert results is None
    assert any("authentication configuration" in text for text in feedback.errors)

    results, feedback = run_collecting(
        processing_b,
        ALG,
        {**base, "FOLDER": str(tmp_path / "one"), "INSTANCE": "http://127.0.0.1:9/api"},
    )
    assert results is None
    assert feedback.errors and not any("Traceback" in text for text in feedback.errors)
