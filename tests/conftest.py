"""Shared test setup: headless Qt, QGIS log routed to Python logging."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a throw-away QGIS profile: tests never read or write the user's settings
_PROFILE = Path(tempfile.mkdtemp(prefix="panoramax-test-profile-"))
os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(_PROFILE)
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True, scope="session")
def qgis_app(request):
    """pytest-qgis's own ``qgis_app``, with a teardown that tolerates a lost link.

    pytest-qgis connects ``legendLayersAdded`` to ``processEvents`` at start and, at the
    end of the session, disconnects it before ``exitQgis``. On QGIS 3.40 and 3.44 (Python
    3.13 and 3.14) PyQt no longer found that link after a whole suite, every test passed
    (no test of ours touches the signal, and no half of the suite reproduces it): the
    session then ended with an error. Everything else is done as pytest-qgis does.
    """
    if not request.config.pluginmanager.has_plugin("pytest_qgis"):  # test-unit: no QGIS
        yield None
        return
    import shutil
    from contextlib import suppress

    from pytest_qgis import pytest_qgis as plugin
    from qgis.core import QgsProject
    from qgis.PyQt import sip

    disabled = request.config._plugin_settings.qgis_init_disabled
    yield None if disabled else plugin._APP
    if disabled:
        return
    app = plugin._APP
    with suppress(TypeError):  # see above
        QgsProject.instance().legendLayersAdded.disconnect(app.processEvents)
    canvas = plugin._CANVAS
    if canvas is not None and not sip.isdeleted(canvas):
        canvas.deleteLater()
    app.exitQgis()
    path = plugin._QGIS_CONFIG_PATH
    if path and path.exists():
        with suppress(PermissionError):
            shutil.rmtree(path)


@pytest.fixture()
def desktop(qgis_app):
    from tests.qgis.desktop_stub import DesktopStub

    stub = DesktopStub()
    yield stub
    stub.window.close()
    stub.window.deleteLater()


@pytest.fixture()
def seen_requests(qgis_app):
    """URLs of every request QGIS's network manager creates during one test.

    Disconnected afterwards: a handler left connected would run in later tests on
    parameters from requests it was never meant to see.
    """
    from qgis.core import QgsNetworkAccessManager, QgsNetworkRequestParameters

    seen = []

    def record(params):
        seen.append(params.request().url().toString())

    signal = QgsNetworkAccessManager.instance().requestAboutToBeCreated[QgsNetworkRequestParameters]
    signal.connect(record)
    yield seen
    qgis_app.processEvents()
    signal.disconnect(record)


@pytest.fixture(scope="session")
def roomy_thread_pool(qgis_app):
    """QGIS tasks share Qt's global thread pool, sized to the core count (2 here).

    Tests open many viewer pictures back to back; tasks left running by one test
    (canceled, but still waiting for an HTTP answer) then starved the next test's
    tasks for seconds. Known limitation, noted for the viewer: the tests give the
    pool room instead of waiting for it.
    """
    from qgis.PyQt.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(before, 8))
    yield
    pool.setMaxThreadCount(before)
