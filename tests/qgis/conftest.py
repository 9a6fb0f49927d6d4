"""Fixtures for tests that need QGIS (offscreen)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT

PLUGIN_MODULE = "panoramax_workbench"  # what QGIS imports: the install folder's name


@pytest.fixture(scope="session", autouse=True)
def qgis_log_to_python(qgis_app):
    """QGIS log messages (warnings included) show in pytest's captured logging."""
    import logging

    from qgis.core import QgsApplication

    def forward(message, tag, level):
        logging.getLogger(f"qgis.{tag}").warning("%s", message)

    QgsApplication.messageLog().messageReceived.connect(forward)
    yield
    QgsApplication.messageLog().messageReceived.disconnect(forward)


def import_plugin_package(name: str = PLUGIN_MODULE, root=ROOT):
    """Import the repository root the way QGIS imports a plugin folder."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, root / "__init__.py", submodule_search_locations=[str(root)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session", autouse=True)
def qgis_network_warmed_up(qgis_app):
    """One request through QGIS networking before any test: the first of a session
    waits about a second inside QGIS (0.7 s here, 2.4 s with both cores busy), which a
    test with a 1 s timeout would otherwise take for a slow server, depending on the
    order the tests run in."""
    from panoramax_plugin.background.qthreads import QThreadCall
    from panoramax_plugin.network.session import qgis_http_client
    from tests.http_server import Canned, CannedServer

    def warm_up(url):
        try:
            return qgis_http_client(30).get_bytes(url)
        except Exception as error:  # nothing may leave QThread.run
            return error

    with CannedServer() as server:
        server.routes["/warm-up"] = Canned(200, b"ok", "text/plain")
        call = QThreadCall(lambda: warm_up(server.url("/warm-up")))
        call.start()
        while not call.wait(20):
            qgis_app.processEvents()
        assert call.result == b"ok", call.result
    yield


@pytest.fixture(scope="session", autouse=True)
def no_federation_traffic(qgis_app):
    """The plugin reads the federation's instance list from the internet a while after
    start: tests never let it (an empty ``federation_url``: built-in instances only);
    tests of that list point it at a canned server on 127.0.0.1."""
    from panoramax_plugin.settings import PluginSettings

    PluginSettings.load().set_and_save("federation_url", "")
    yield
