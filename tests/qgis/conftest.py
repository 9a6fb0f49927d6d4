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
