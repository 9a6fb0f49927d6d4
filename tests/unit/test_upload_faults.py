"""The uploader and sign-in under faults, against an in-memory upload-set API behind a
fault proxy (``tests/fault_proxy.py``): lost answers, 5xx/429/resets/truncation on the
control calls, a create whose answer is lost, and answers of the wrong shape."""

from __future__ import annotations

import os
import time

import pytest

from panoramax_plugin.core import auth
from panoramax_plugin.core.errors import InvalidResponseError, PanoramaxError
from panoramax_plugin.core.http import HttpClient, make_session
from panoramax_plugin.core.upload_state import ALREADY_SENT, REJECTED, SENT, StateStore
from panoramax_plugin.core.upload_types import poll_delay, retry_after_seconds
from panoramax_plugin.core.uploader import RequestsFileSender, Uploader, UploadOptions
from tests.fault_proxy import (
    FaultProxy,
    Rule,
    garble,
    lose,
    reset,
    status,
    status_after,
    truncate,
)
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.http_server import Canned, CannedServer
from tests.upload_instance import FakeUploadInstance

FILES = "/api/upload_sets/[^/]+/files$"
SET = "/api/upload_sets/set-[0-9]+$"


def pictures(folder, count, prefix="p"):
    shots = line_of_shots(45.0, 4.0, count)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        str(make_flat_jpeg(folder / f"{prefix}{i}.jpg", s, width=64, height=48))
        for i, s in enumerate(shots)
    ]


class Sleeps:
    def __init__(self):
        self.total = 0.0

    def __call__(self, seconds):
        self.total += seconds
        time.sleep(seconds)


def uploader(api, tmp_path, sleep=None, token="secret-token"):
    return Uploader(
        api,
        HttpClient(make_session(), timeout=5),
        RequestsFileSender(),
        StateStore(str(tmp_path / "state")),
        token=token,
        sleep=sleep or Sleeps(),
    )


def options(**kwargs):
    values = dict(title="t", parallel=2, backoff_s=0.01, max_backoff_s=2.0, wait_ready_s=5)
    values.update(kwargs)
    return UploadOptions(**values)


# --- 409s: sent by this upload, or on the instance before --------------------------------
def test_lost_answers_then_409_count_as_sent_by_this_upload(tmp_path):
    paths = pictures(tmp_path / "a", 12)
    rules = [Rule(FILES, lose(), method="POST", rate=0.4, seed=3)]
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, rules) as proxy:
        state = uploader(proxy.base_url + "/api", tmp_path).run(paths, options())
        assert rules[0].fired >= 3  # the seeded plan loses several answers
        names = fake.accepted_names(state.upload_set_id)
    assert sorted(os.path.basename(p) for p in paths) == names  # each file once
    assert {f.status for f in state.files.values()} == {SENT}
    assert all(f.picture_id and f.sequence_id for f in state.files.values())


def test_bytes_of_an_earlier_upload_stay_already_on_the_instance(tmp_path):
    first = pictures(tmp_path / "a", 2)
    with FakeUploadInstance() as fake:
        uploader(fake.api, tmp_path).run(first[:1], options())
        state = uploader(fake.api, tmp_path).run(first, options())
    assert state.files[first[0]].status == ALREADY_SENT
    assert state.files[first[1]].status == SENT


def test_same_bytes_twice_in_one_selection_is_not_two_sent_files(tmp_path):
    paths = pictures(tmp_path / "a", 1)
    copy = tmp_path / "a" / "copy.jpg"
    copy.write_bytes(open(paths[0], "rb").read())
    with FakeUploadInstance() as fake:
        state = uploader(fake.api, tmp_path).run([paths[0], str(copy)], options(parallel=1))
    statuses = sorted(f.status for f in state.files.values())
    assert statuses == [ALREADY_SENT, SENT]
    assert "Same picture as" in next(
        f.message for f in state.files.values() if f.status == ALREADY_SENT
    )


# --- control calls are retried -------------------------------------------------------------
CONTROL_FAULTS = {
    "create 503": Rule("/api/upload_sets$", status(503), method="POST", times=2),
    "create reset": Rule("/api/upload_sets$", reset(), method="POST", times=1),
    "list files 502 before": Rule(FILES, status(502), method="GET", nth=1),
    "list files 502 after": Rule(FILES, status(502), method="GET", nth=2),
    "list files truncated": Rule(FILES, truncate(), method="GET", times=1),
    "complete 500": Rule("/complete$", status(500), method="POST", times=2),
    "complete lost": Rule("/complete$", lose(), method="POST", times=1),
    "poll reset": Rule(SET, reset(), method="GET", times=1),
    "poll garbled": Rule(SET, garble(), method="GET", times=1),
    "read back truncated": Rule("/api/collections/", truncate(), method="GET", times=1),
    "read back 504": Rule("/api/collections/", status(504), method="GET", times=3),
}


@pytest.mark.parametrize("name", list(CONTROL_FAULTS))
def test_one_fault_on_a_control_call_does_not_stop_the_upload(tmp_path, name):
    rule = CONTROL_FAULTS[name]
    rule.fired = rule.matched = 0
    paths = pictures(tmp_path / "a", 3)
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, [rule]) as proxy:
        state = uploader(proxy.base_url + "/api", tmp_path).run(paths, options())
        assert rule.fired >= 1
        assert len(fake.sets) == 1 and fake.sets[state.upload_set_id]["completed"]
        assert fake.accepted_names(state.upload_set_id) == ["p0.jpg", "p1.jpg", "p2.jpg"]
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())


def test_429_on_complete_waits_for_retry_after(tmp_path):
    rule = Rule("/complete$", status(429, retry_after=1), method="POST", times=1)
    sleeps = Sleeps()
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, [rule]) as proxy:
        state = uploader(proxy.base_url + "/api", tmp_path, sleep=sleeps).run(
            pictures(tmp_path / "a", 2), options()
        )
        assert fake.sets[state.upload_set_id]["completed"]
    assert rule.fired == 1 and sleeps.total >= 0.9
    assert all(f.sequence_id for f in state.files.values())


def test_a_control_call_that_keeps_failing_raises_a_typed_error_and_resumes(tmp_path):
    rule = Rule("/complete$", status(503), method="POST")
    paths = pictures(tmp_path / "a", 2)
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, [rule]) as proxy:
        with pytest.raises(PanoramaxError, match="HTTP 503"):
            uploader(proxy.base_url + "/api", tmp_path).run(paths, options(max_attempts=3))
        assert rule.fired == 3
        rule.times = 3  # the instance is back
        state = uploader(proxy.base_url + "/api", tmp_path).run(paths, options())
        assert fake.accepted_names(state.upload_set_id) == ["p0.jpg", "p1.jpg"]
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())


def test_retry_after_is_read_as_seconds_or_a_date():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


# --- the create, which is not idempotent ---------------------------------------------------
def test_a_502_after_the_set_was_created_finds_it_instead_of_making_another(tmp_path):
    rule = Rule("/api/upload_sets$", status_after(502), method="POST", times=1)
    paths = pictures(tmp_path / "a", 3)
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, [rule]) as proxy:
        state = uploader(proxy.base_url + "/api", tmp_path).run(paths, options())
        assert list(fake.sets) == ["set-1"] and fake.calls("POST", "/api/upload_sets$") == 1
        assert fake.sets["set-1"]["completed"]
    assert state.upload_set_id == "set-1" and not state.create_key
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())


def test_a_lost_create_answer_then_a_rerun_uses_the_set_already_made(tmp_path):
    rules = [
        Rule("/api/upload_sets$", lose(), method="POST", times=1),
        Rule("/users/me/upload_sets", status(503), method="GET", times=3),
    ]
    paths = pictures(tmp_path / "a", 2)
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, rules) as proxy:
        with pytest.raises(PanoramaxError, match="HTTP 503"):
            uploader(proxy.base_url + "/api", tmp_path).run(paths, options(max_attempts=3))
        assert len(fake.sets) == 1  # made, though the uploader never heard of it
        state = uploader(proxy.base_url + "/api", tmp_path).run(paths, options())
        assert list(fake.sets) == ["set-1"]
        assert fake.accepted_names("set-1") == ["p0.jpg", "p1.jpg"]
    assert state.upload_set_id == "set-1"


def test_without_a_token_a_failed_create_is_simply_retried(tmp_path):
    rule = Rule("/api/upload_sets$", status(503), method="POST", times=1)
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, [rule]) as proxy:
        state = uploader(proxy.base_url + "/api", tmp_path, token=None).run(
            pictures(tmp_path / "a", 1), options()
        )
        assert fake.calls("GET", "/users/me") == 0 and list(fake.sets) == ["set-1"]
    assert state.upload_set_id == "set-1"


# --- answers of the wrong shape become typed errors ----------------------------------------
def spoil(value):
    return lambda status, body: (status, value(body) if callable(value) else value)


MALFORMED = {
    "create without id": (("POST", "/api/upload_sets$"), spoil(lambda b: {"title": "t"})),
    "create answer a list": (("POST", "/api/upload_sets$"), spoil([1, 2])),
    "files not a list": (("GET", FILES), spoil({"files": "none"})),
    "set not an object": (("GET", SET), spoil(["ready"])),
    "collections a string": (
        ("GET", SET),
        spoil(lambda b: {**b, "associated_collections": "seq-set-1"}),
    ),
    "items not a list": (("GET", "/api/collections/"), spoil({"features": {"id": 1}})),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_answers_of_the_wrong_shape_raise_the_core_error(tmp_path, name):
    key, tamper = MALFORMED[name]
    with FakeUploadInstance() as fake:
        fake.tamper[key] = tamper
        # without a token: no listing of "my" sets to find a created set again
        with pytest.raises(InvalidResponseError) as error:
            uploader(fake.api, tmp_path, token=None).run(
                pictures(tmp_path / "a", 2), options(max_attempts=2)
            )
    assert "instance" in str(error.value)


def test_a_create_answer_without_id_is_recovered_from_the_listing(tmp_path):
    with FakeUploadInstance() as fake:
        fake.tamper[("POST", "/api/upload_sets$")] = spoil({"title": "t"})
        state = uploader(fake.api, tmp_path).run(pictures(tmp_path / "a", 2), options())
        assert list(fake.sets) == ["set-1"] and fake.sets["set-1"]["completed"]
    assert state.upload_set_id == "set-1"


def test_odd_entries_and_fields_are_read_without_crashing(tmp_path):
    def odd_files(status, body):
        files = body["files"]
        for entry in files:
            entry["rejected"] = "blurry"  # a string, not an object
        return status, {"files": [*files, "not an object", {"file_name": ["a list"]}]}

    def odd_set(status, body):
        return status, {
            **body,
            "items_status": ["odd"],
            "associated_collections": [7, *body["associated_collections"]],
        }

    with FakeUploadInstance() as fake:
        paths = pictures(tmp_path / "a", 2)
        fake.tamper[("GET", SET)] = odd_set
        first = uploader(fake.api, tmp_path).run(paths, options())
        assert {f.status for f in first.files.values()} == {SENT}
        fake.tamper[("GET", FILES)] = odd_files
        again = uploader(fake.api, tmp_path).run(paths, options())
    assert {f.status for f in again.files.values()} == {REJECTED}
    assert {f.message for f in again.files.values()} == {"blurry"}
    assert poll_delay({"items_status": "odd"}) > 0 and poll_delay([]) > 0


@pytest.mark.parametrize(
    "body",
    [
        {"existing_item": "p-1", "message": "dup"},
        {"upload_sets": {"existing_item_id": "p-1"}, "message": "dup"},
        {"upload_sets": ["x", {"existing_item_id": 5}], "message": ["dup"]},
    ],
)
def test_odd_409_bodies_settle_the_file_with_a_readable_reason(tmp_path, body):
    with FakeUploadInstance() as fake:
        fake.tamper[("POST", FILES)] = lambda status, answer: (409, body)
        state = uploader(fake.api, tmp_path).run(pictures(tmp_path / "a", 1), options())
    (only,) = state.files.values()
    assert only.status == REJECTED and "object has no attribute" not in only.message


# --- sign-in answers -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        [],
        {"jwt_token": "j", "links": "claim"},
        {"jwt_token": "j", "links": ["claim", {"rel": "claim"}]},
        {"jwt_token": 5, "links": [{"rel": "claim", "href": "http://x/claim"}]},
    ],
)
def test_a_token_answer_without_what_is_needed_is_a_typed_error(body):
    routes = {"/api/auth/tokens/generate": Canned(200, body)}
    with CannedServer(routes) as server:
        with pytest.raises(InvalidResponseError, match="token to claim"):
            auth.generate_token(HttpClient(make_session()), server.base_url + "/api", "d")


@pytest.mark.parametrize("body", [[], {"name": "x"}, {"id": None}, '"me"'])
def test_an_account_answer_without_an_id_is_a_typed_error(body):
    with CannedServer({"/api/users/me": Canned(200, body)}) as server:
        with pytest.raises(InvalidResponseError, match="account"):
            auth.current_account(HttpClient(make_session()), server.base_url + "/api", "jwt")


def test_an_account_answer_with_odd_fields_still_signs_in():
    body = {"id": "a-1", "name": None, "permissions": "admin"}
    with CannedServer({"/api/users/me": Canned(200, body)}) as server:
        account = auth.current_account(HttpClient(make_session()), server.base_url + "/api", "j")
    assert (account.account_id, account.name, account.role) == ("a-1", "a-1", "")
