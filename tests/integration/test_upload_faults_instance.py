"""The core uploader against the real local instance through a fault proxy
(``tests/fault_proxy.py``): lost answers, faults on every control call, a lost create.
The server's own file list is the judge: every file once, none lost."""

from __future__ import annotations

import os
import uuid
from collections import Counter

import pytest

from panoramax_plugin.core.errors import PanoramaxError
from panoramax_plugin.core.http import HttpClient, make_session
from panoramax_plugin.core.upload_state import SENT, StateStore
from panoramax_plugin.core.uploader import RequestsFileSender, Uploader, UploadOptions
from tests.fault_proxy import FaultProxy, Rule, lose, reset, status, status_after, truncate
from tests.upload_instance import delete_upload_sets, my_open_sets, server_files

from .seeding import delete_sequences
from .test_upload_core import fresh_walk

pytestmark = pytest.mark.integration

FILES = "/api/upload_sets/[^/]+/files$"
SET = "/api/upload_sets/[^/?]+$"


@pytest.fixture()
def cleanup(local_instance):
    made = {"sets": set(), "sequences": set()}
    yield made
    delete_sequences(local_instance.api, local_instance.token, made["sequences"])
    delete_upload_sets(local_instance.api, local_instance.token, made["sets"])


def run(proxy, local_instance, tmp_path, paths, title, made, **kwargs):
    uploader = Uploader(
        proxy.base_url + "/api",
        HttpClient(make_session(), timeout=30),
        RequestsFileSender(),
        StateStore(str(tmp_path / "state")),
        token=local_instance.token,
    )
    values = dict(title=title, parallel=3, backoff_s=0.05, max_backoff_s=2.0, wait_ready_s=120)
    values.update(kwargs)
    try:
        return uploader.run(paths, UploadOptions(**values))
    finally:
        if uploader.state and uploader.state.upload_set_id:
            made["sets"].add(uploader.state.upload_set_id)
            made["sequences"].update(
                f.sequence_id for f in uploader.state.files.values() if f.sequence_id
            )


def each_file_once(local_instance, state, paths):
    files = server_files(local_instance.api, local_instance.token, state.upload_set_id)
    accepted = Counter(f["file_name"] for f in files if f.get("picture_id"))
    assert accepted == Counter(os.path.basename(p) for p in paths)


def test_lost_answers_are_reported_sent_and_each_file_is_on_the_server_once(
    local_instance, tmp_path, cleanup
):
    paths = [str(p) for p in fresh_walk(tmp_path, 30)[0]]
    rule = Rule(FILES, lose(), method="POST", rate=0.15, seed=11)
    upstream = local_instance.api[: -len("/api")]
    with FaultProxy(upstream, [rule]) as proxy:
        state = run(proxy, local_instance, tmp_path, paths, "lost answers", cleanup)
    assert rule.fired >= 3
    assert Counter(f.status for f in state.files.values()) == {SENT: 30}
    assert all(f.sequence_id for f in state.files.values())
    each_file_once(local_instance, state, paths)


def test_a_fault_on_every_control_call_still_completes_and_reports_sequences(
    local_instance, tmp_path, cleanup
):
    paths = [str(p) for p in fresh_walk(tmp_path, 5)[0]]
    title = f"control faults {uuid.uuid4().hex[:8]}"
    rules = [
        Rule("/api/upload_sets$", status_after(502), method="POST", times=1),
        Rule(FILES, status(503), method="GET", times=1),
        Rule("/complete$", status(429, retry_after=1), method="POST", times=1),
        Rule(SET, reset(), method="GET", times=1),
        Rule("/api/collections/", truncate(), method="GET", times=1),
    ]
    upstream = local_instance.api[: -len("/api")]
    with FaultProxy(upstream, rules) as proxy:
        state = run(proxy, local_instance, tmp_path, paths, title, cleanup)
    assert [r.fired for r in rules] == [1] * 5
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())
    assert my_open_sets(local_instance.api, local_instance.token, title) == []  # no orphan
    each_file_once(local_instance, state, paths)


def test_a_lost_create_then_a_rerun_uses_the_set_the_instance_made(
    local_instance, tmp_path, cleanup
):
    paths = [str(p) for p in fresh_walk(tmp_path, 3)[0]]
    title = f"lost create {uuid.uuid4().hex[:8]}"
    rules = [
        Rule("/api/upload_sets$", lose(), method="POST", times=1),
        Rule("/users/me/upload_sets", status(503), method="GET", times=2),
    ]
    upstream = local_instance.api[: -len("/api")]
    with FaultProxy(upstream, rules) as proxy:
        with pytest.raises(PanoramaxError, match="HTTP 503"):
            run(proxy, local_instance, tmp_path, paths, title, cleanup, max_attempts=2)
        made = my_open_sets(local_instance.api, local_instance.token, title)
        cleanup["sets"].update(made)
        assert len(made) == 1
        state = run(proxy, local_instance, tmp_path, paths, title, cleanup)
    assert state.upload_set_id == made[0]
    assert my_open_sets(local_instance.api, local_instance.token, title) == []
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())
    each_file_once(local_instance, state, paths)
