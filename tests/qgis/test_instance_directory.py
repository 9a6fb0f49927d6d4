"""The federation's instance list, read from a canned server on 127.0.0.1: cached with its
time, read again at most once a day, the built-in instances always first, shown in the
panel's picker; a failing or hostile answer keeps what was known."""

from __future__ import annotations

import pytest
from qgis.core import QgsSettings

from panoramax_plugin.core.instances import KNOWN_INSTANCES
from panoramax_plugin.instance_directory import (
    CACHE_KEY,
    FETCHED_KEY,
    SOURCE_KEY,
    InstanceDirectory,
)
from panoramax_plugin.panel.instance_picker import CUSTOM_KEY, InstancePicker
from panoramax_plugin.settings import PluginSettings
from tests.http_server import Canned, CannedServer
from tests.qt_wait import run_until

LIST = {
    "instances": [
        {"id": "1", "name": "Local one", "url": "{base}/one"},
        {"id": "2", "name": "osm-fr", "url": "https://panoramax.openstreetmap.fr/"},
        {"id": "3", "name": "Elsewhere", "url": "https://pano.elsewhere.example"},
        {"id": "4", "name": "bad", "url": "ftp://nope.example"},
    ]
}


@pytest.fixture()
def clean_cache():
    store = QgsSettings()
    before = PluginSettings.load().federation_url
    for key in (CACHE_KEY, FETCHED_KEY, SOURCE_KEY):
        store.remove(key)
    yield store
    for key in (CACHE_KEY, FETCHED_KEY, SOURCE_KEY):
        store.remove(key)
    PluginSettings.load().set_and_save("federation_url", before)


def _fetch(qgis_app, directory, **kwargs):
    job = directory.refresh(**kwargs)
    if job is not None:
        run_until(qgis_app, lambda: job.finished, 30)
    return job


def test_list_read_cached_and_merged(qgis_app, clean_cache):
    with CannedServer({"/api/instances": Canned(200, LIST)}) as server:
        url = server.url("/api/instances")
        PluginSettings.load().set_and_save("federation_url", url)
        directory = InstanceDirectory()
        assert directory.instances() == list(KNOWN_INSTANCES)  # nothing known yet
        heard = []
        directory.changed.connect(heard.append)
        assert _fetch(qgis_app, directory) is not None
        assert len(server.requests) == 1
        instances = directory.instances()
        assert instances[: len(KNOWN_INSTANCES)] == list(KNOWN_INSTANCES)
        extra = [i.api_url for i in instances[len(KNOWN_INSTANCES) :]]
        assert extra == [server.url("/one/api"), "https://pano.elsewhere.example/api"]
        assert heard and heard[-1] == instances
        assert clean_cache.value(SOURCE_KEY) == url
        # a day has not passed: no request; forced: one more
        assert directory.refresh() is None
        _fetch(qgis_app, directory, force=True)
        assert len(server.requests) == 2
        # a day later
        clean_cache.setValue(FETCHED_KEY, float(clean_cache.value(FETCHED_KEY)) - 25 * 3600)
        _fetch(qgis_app, directory)
        assert len(server.requests) == 3
        # the picker offers them after the built-in ones, "Custom URL…" last
        picker = InstancePicker()
        keys = [picker.combo.itemData(i) for i in range(picker.combo.count())]
        assert keys[: len(KNOWN_INSTANCES)] == [i.key for i in KNOWN_INSTANCES]
        assert keys[-1] == CUSTOM_KEY
        assert server.url("/one/api") in keys
        picker.set_selection(server.url("/one/api"))
        assert picker.api_url() == server.url("/one/api")
        assert not picker.read_only()
        picker.deleteLater()
        directory.stop()


def test_failures_keep_the_last_list(qgis_app, clean_cache):
    with CannedServer({"/api/instances": Canned(200, LIST)}) as server:
        url = server.url("/api/instances")
        PluginSettings.load().set_and_save("federation_url", url)
        directory = InstanceDirectory()
        _fetch(qgis_app, directory)
        known = directory.instances()
        assert len(known) == len(KNOWN_INSTANCES) + 2
        for canned in (
            Canned(500, {"message": "down"}),
            Canned(200, b"<html>not json</html>", "text/html"),
            Canned(200, {"instances": "nope"}),
            Canned(200, b"[" + b"1," * 2_000_000 + b"1]"),  # over the size cap
        ):
            server.routes["/api/instances"] = canned
            _fetch(qgis_app, directory, force=True)
            assert directory.instances() == known, canned.status
    with CannedServer() as gone:
        url = gone.url("/nothing")
    # unreachable, or a list from another address: only the built-in instances
    PluginSettings.load().set_and_save("federation_url", url)
    assert directory.instances() == list(KNOWN_INSTANCES)
    _fetch(qgis_app, directory, force=True, timeout_s=3)
    assert directory.instances() == list(KNOWN_INSTANCES)
    directory.stop()


def test_no_address_no_request(qgis_app, clean_cache):
    PluginSettings.load().set_and_save("federation_url", "")
    directory = InstanceDirectory()
    assert directory.refresh(force=True) is None
    directory.schedule(10)
    directory.stop()  # unload: the timer never fires
    assert not directory.timer.isActive()


def test_a_saved_federation_choice_survives_without_the_list(qgis_app, clean_cache):
    PluginSettings.load().set_and_save("federation_url", "")
    picker = InstancePicker()
    picker.set_selection("https://pano.elsewhere.example/api")
    assert picker.key() == "https://pano.elsewhere.example/api"
    assert picker.api_url() == "https://pano.elsewhere.example/api"
    picker.set_selection("garbage-key")  # an unknown key: the first instance
    assert picker.key() == KNOWN_INSTANCES[0].key
    picker.deleteLater()
