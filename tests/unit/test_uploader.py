"""The core uploader against a scripted HTTP server: retries, expired tokens, vanishing
files, an unwritable state folder, and where the token goes."""

from __future__ import annotations

import itertools
import os
import stat

import pytest

from panoramax_plugin.core.http import HttpClient, make_session
from panoramax_plugin.core.upload_state import FAILED, PENDING, SENT, StateStore
from panoramax_plugin.core.uploader import (
    RequestsFileSender,
    SignInRequired,
    Uploader,
    UploadFeedback,
    UploadOptions,
    upload_names,
)
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.http_server import Canned, CannedServer

SET = "/api/upload_sets/set-1"


class Recorder(UploadFeedback):
    def __init__(self):
        self.messages = []
        self.done = []

    def message(self, text):
        self.messages.append(text)

    def file_done(self, state):
        self.done.append((os.path.basename(state.path), state.status))


def instance(files_answers):
    """A canned instance whose file uploads answer ``files_answers`` in turn."""
    answers = iter(files_answers)
    counter = itertools.count(1)

    def add_file(query):
        answer = next(answers, None) or Canned(202, {"picture_id": f"pic-{next(counter)}"})
        return answer

    return CannedServer(
        {
            "/api/upload_sets": Canned(200, {"id": "set-1"}),
            SET: Canned(200, {"id": "set-1", "ready": True, "associated_collections": []}),
            SET + "/files": add_file,
            SET + "/complete": Canned(200, {}),
        }
    )


def pictures(folder, count):
    shots = line_of_shots(45.0, 4.0, count)
    return [str(make_flat_jpeg(folder / f"p{i}.jpg", s, seed=i)) for i, s in enumerate(shots)]


def uploader(server, tmp_path, feedback=None, token="secret-token", folder=None):
    return Uploader(
        server.base_url + "/api",
        HttpClient(make_session(), timeout=5),
        RequestsFileSender(),
        StateStore(str(folder or tmp_path / "state")),
        token=token,
        feedback=feedback or Recorder(),
        sleep=lambda s: None,
    )


def file_posts(server):
    return [r for r in server.requests if r[0] == "POST" and r[1].startswith(SET + "/files")]


def fast(**kwargs):
    return UploadOptions(title="t", parallel=1, backoff_s=0.01, wait_ready_s=5, **kwargs)


def test_server_errors_and_429_are_retried_then_succeed(tmp_path):
    # the GET of the file list (sync) answers first, then the uploads
    answers = [
        Canned(200, {"files": []}),
        Canned(503, {"message": "busy"}),
        Canned(429, {"message": "slow down"}, headers={"Retry-After": "0"}),
        Canned(202, {"picture_id": "a"}),
    ]
    with instance(answers) as server:
        state = uploader(server, tmp_path).run(pictures(tmp_path, 1), fast())
    (only,) = state.files.values()
    assert only.status == SENT and only.picture_id == "a" and only.attempts == 3


def test_expired_token_stops_and_keeps_the_queue(tmp_path):
    answers = [Canned(200, {"files": []}), Canned(202, {"picture_id": "a"})] + [
        Canned(401, {"message": "Token not valid"})
    ] * 5
    paths = pictures(tmp_path, 4)
    with instance(answers) as server:
        with pytest.raises(SignInRequired) as error:
            uploader(server, tmp_path).run(paths, fast())
        assert "sign in again" in str(error.value) and error.value.status == 401
        store = StateStore(str(tmp_path / "state"))
        saved = next(iter(os.listdir(tmp_path / "state")))
        state = store.load(saved[len("upload-") : -len(".json")])
    statuses = [state.files[p].status for p in paths]
    assert statuses == [SENT, PENDING, PENDING, PENDING]
    assert len(file_posts(server)) == 2  # one sent, one refused, then it stopped


def test_a_file_that_disappears_fails_alone(tmp_path):
    paths = pictures(tmp_path, 3)

    class RemoveSecond(Recorder):
        def file_done(self, state):
            super().file_done(state)
            if state.path == paths[0]:
                os.unlink(paths[1])

    with instance([Canned(200, {"files": []})]) as server:
        state = uploader(server, tmp_path, RemoveSecond()).run(paths, fast())
    assert [state.files[p].status for p in paths] == [SENT, FAILED, SENT]
    assert "disappeared" in state.files[paths[1]].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_state_folder_says_so_and_goes_on(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    feedback = Recorder()
    with instance([Canned(200, {"files": []})]) as server:
        state = uploader(server, tmp_path, feedback, folder=folder).run(
            pictures(tmp_path, 2), fast()
        )
    assert all(f.status == SENT for f in state.files.values())
    assert any("Could not save the upload state" in m for m in feedback.messages)


def test_state_folder_that_is_a_file_says_so_and_goes_on(tmp_path):
    not_a_folder = tmp_path / "state-file"
    not_a_folder.write_text("x")
    feedback = Recorder()
    with instance([Canned(200, {"files": []})]) as server:
        run = uploader(server, tmp_path, feedback, folder=not_a_folder)
        state = run.run(pictures(tmp_path, 2), fast())
    assert all(f.status == SENT for f in state.files.values())
    assert any("Could not save the upload state" in m for m in feedback.messages)


def test_token_goes_to_the_instance_only(tmp_path):
    with instance([Canned(200, {"files": []})]) as server:
        run = uploader(server, tmp_path)
        run.run(pictures(tmp_path, 1), fast())
    assert all(r[2].get("Authorization") == "Bearer secret-token" for r in server.requests)
    assert run.auth_headers("https://cdn.example.org/pictures/a.jpg") == {}
    assert run.auth_headers(server.base_url.replace("127.0.0.1", "localhost") + "/api/x") == {}


def test_no_token_sends_no_authorization(tmp_path):
    with instance([Canned(200, {"files": []})]) as server:
        uploader(server, tmp_path, token=None).run(pictures(tmp_path, 1), fast())
    assert not any("Authorization" in r[2] for r in server.requests)


def test_upload_names_are_unique_and_end_in_jpg():
    names = upload_names(["/a/IMG_1.JPG", "/b/IMG_1.JPG", "/c/photo.jpeg", "/d/noext"])
    assert len(set(names.values())) == 4
    assert names["/c/photo.jpeg"] == "photo.jpeg" and names["/d/noext"] == "noext.jpg"
    assert all(n.lower().endswith((".jpg", ".jpeg")) for n in names.values())


def test_processing_is_polled_in_proportion_to_what_is_left():
    from panoramax_plugin.core.uploader import poll_delay

    assert poll_delay({"items_status": {"not_processed": 0, "preparing": 0}}) == 0.25
    assert poll_delay({}) == 0.25
    assert poll_delay({"items_status": {"not_processed": 40, "preparing": 2}}) > 1.5
    assert poll_delay({"items_status": {"not_processed": 10_000}}) == 3.0
