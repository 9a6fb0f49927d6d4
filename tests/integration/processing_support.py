"""Processing for the algorithm tests of Search pictures, Sequences of an area and Best
pictures of features: QGIS's Processing framework initialised once, the Panoramax provider
registered, ``run`` / ``qgis_process`` helpers.

Imported by those test modules (``from .processing_support import ...``): the fixtures
are defined here, not in ``conftest.py``, so that other algorithm tests keep theirs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

QGIS_PLUGINS = "/usr/share/qgis/python/plugins"
QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")
PLUGIN_FOLDER = "panoramax_workbench"  # the folder name of the packaged plugin
_KEEP: list = []


def ready_processing():
    """``processing`` ready, with the ``panoramax`` provider (added once); QGIS itself is
    up already (the session's autouse ``qgis_app``)."""
    if QGIS_PLUGINS not in sys.path:
        sys.path.append(QGIS_PLUGINS)
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    from panoramax_plugin.processing.provider import PROVIDER_ID, PanoramaxProvider

    provider = registry.providerById(PROVIDER_ID)
    if provider is None:
        provider = PanoramaxProvider()
        registry.addProvider(provider)
    _KEEP.append(provider)  # the Python object must outlive the session
    import processing

    return processing


def run_algorithm(processing, name: str, parameters: dict, feedback=None, context=None):
    """``processing.run("panoramax:<name>")`` with a fresh context, outputs as a dict."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    if context is None:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
    return processing.run(
        f"panoramax:{name}",
        parameters,
        context=context,
        feedback=feedback or QgsProcessingFeedback(),
    )


def layer_of(result, key: str = "OUTPUT", context=None):
    """The output layer of a run (a memory layer id or a file path)."""
    from qgis.core import QgsProcessingUtils, QgsVectorLayer

    value = result[key]
    if isinstance(value, QgsVectorLayer):
        return value
    if context is not None:
        layer = QgsProcessingUtils.mapLayerFromString(value, context)
        if layer is not None:
            return layer
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def qgis_process_or_skip() -> Path:
    """``qgis_process.bin`` (Debian's ``qgis_process`` wrapper adds ``--noversioncheck``,
    which the command rejects); a skip saying why where the QGIS desktop package (which
    carries it) is not installed, e.g. the CI chroots of QGIS 3.40 / 3.44."""
    if not QGIS_PROCESS.exists():
        pytest.skip(
            f"{QGIS_PROCESS} is absent: the QGIS desktop package (Debian 'qgis') is not "
            "installed here, only the Python bindings"
        )
    return QGIS_PROCESS


def make_qgis_process_profile(base: Path) -> Path:
    """A fresh QGIS profile folder in ``base`` with the plugin (this checkout) installed and
    enabled through ``qgis_process plugins enable``."""
    binary = qgis_process_or_skip()
    plugins = base / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / PLUGIN_FOLDER).symlink_to(ROOT, target_is_directory=True)
    env = qgis_process_env(base)
    enabled = subprocess.run(
        [str(binary), "plugins", "enable", PLUGIN_FOLDER],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listed = subprocess.run(
        [str(binary), "list"], capture_output=True, text=True, env=env, timeout=120
    )
    assert "panoramax:searchpictures" in listed.stdout, listed.stdout[-2000:] + listed.stderr
    return base


def qgis_process_env(profile: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profile))
    env.pop("PYTHONPATH", None)  # the system Python of QGIS, not the test venv
    return env


def qgis_process_run(profile: Path, algorithm: str, arguments: dict, timeout: float = 300):
    """``qgis_process.bin --json run <algorithm> -- KEY=value ...``: (exit code, JSON or
    None, stdout, stderr)."""
    args = [str(QGIS_PROCESS), "--json", "run", algorithm, "--"]
    args += [f"{key}={value}" for key, value in arguments.items()]
    done = subprocess.run(
        args, capture_output=True, text=True, env=qgis_process_env(profile), timeout=timeout
    )
    answer = None
    start = done.stdout.find("{")
    if start >= 0:
        try:
            answer = json.loads(done.stdout[start:])
        except ValueError:
            answer = None
    return done.returncode, answer, done.stdout, done.stderr
