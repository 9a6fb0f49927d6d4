"""The uploader's fault handling through QGIS networking (the transport the plugin uses):
``Retry-After`` is read, and a run with faults on control calls and lost answers ends
with every file sent once."""

from __future__ import annotations

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import HttpError
from panoramax_plugin.core.upload_state import SENT, StateStore
from panoramax_plugin.core.uploader import Uploader, UploadOptions
from tests.fault_proxy import FaultProxy, Rule, lose, status, status_after, truncate
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.http_server import Canned, CannedServer
from tests.upload_instance import FakeUploadInstance


def test_retry_after_reaches_the_uploader_through_qgis(qgis_app):
    from panoramax_plugin.network.session import qgis_http_client

    routes = {"/api/upload_sets/s": Canned(429, {"message": "slow"}, headers={"Retry-After": "7"})}
    with CannedServer(routes) as server:
        client = PanoramaxClient(server.base_url + "/api", http=qgis_http_client(10))
        with pytest.raises(HttpError) as error:
            client.get_upload_set("s")
    assert error.value.status == 429 and error.value.retry_after == "7"


def test_faults_through_qgis_networking_every_file_once(qgis_app, tmp_path):
    from panoramax_plugin.network.session import qgis_http_client
    from panoramax_plugin.upload.qt_sender import QtFileSender

    shots = line_of_shots(45.0, 4.0, 6)
    paths = [
        str(make_flat_jpeg(tmp_path / f"q{i}.jpg", s, width=64, height=48))
        for i, s in enumerate(shots)
    ]
    rules = [
        Rule("/api/upload_sets$", status_after(502), method="POST", times=1),
        Rule("/files$", lose(), method="POST", nth=2),
        Rule("/complete$", status(503), method="POST", times=1),
        Rule("/api/collections/", truncate(), method="GET", times=1),
    ]
    with FakeUploadInstance() as fake, FaultProxy(fake.base_url, rules) as proxy:
        uploader = Uploader(
            proxy.base_url + "/api",
            qgis_http_client(10),
            QtFileSender(),
            StateStore(str(tmp_path / "state")),
            token="tok",
        )
        options = UploadOptions(title="q", parallel=1, backoff_s=0.01, wait_ready_s=5)
        state = uploader.run(paths, options)
        assert list(fake.sets) == ["set-1"] and fake.sets["set-1"]["completed"]
        assert fake.accepted_names("set-1") == [f"q{i}.jpg" for i in range(6)]
    assert [r.fired for r in rules] == [1, 1, 1, 1]
    assert all(f.status == SENT and f.sequence_id for f in state.files.values())
