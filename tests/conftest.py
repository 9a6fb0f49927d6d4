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


@pytest.fixture()
def desktop(qgis_app):
    from tests.qgis.desktop_stub import DesktopStub

    stub = DesktopStub()
    yield stub
    stub.window.close()
    stub.window.deleteLater()
