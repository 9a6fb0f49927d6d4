"""QGIS 4 / Qt6: the viewer's pure-Qt parts on PyQt6, and the migration checker.

The host's QGIS 3.22 runs on PyQt5, so PyQt6 lives in its own venv, ``build/qt6-venv``
(``scripts/qt6-venv.sh``, pinned in ``requirements-qt6.txt``; made here on first use).
``smoke_viewer.py`` runs there in a subprocess: the real ``panoramax_plugin.viewer`` modules
(dock, flat and 360° views, renderer) on PyQt6 through a thin ``qgis`` shim
(``tests/qt6/shim``), driven with real mouse, wheel, key and gesture events. Each of its
``check_*`` functions is one test here.

Skipped only when the venv cannot be made because the package index is unreachable.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
SMOKE = HERE / "smoke_viewer.py"
SHIM = HERE / "shim"
QT6_PYTHON = ROOT / "build" / "qt6-venv" / "bin" / "python"
OFFLINE = 75  # scripts/qt6-venv.sh: the package index is unreachable
CHECKS = [
    node.name
    for node in ast.parse(SMOKE.read_text(encoding="utf-8")).body
    if isinstance(node, ast.FunctionDef) and node.name.startswith("check_")
]


def qt6_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "QGIS", "QT_"))  # nothing of the host's Qt / QGIS
    }
    env.update(
        PYTHONPATH=os.pathsep.join((str(SHIM), str(ROOT))),
        PYTHONDONTWRITEBYTECODE="1",
        QT_QPA_PLATFORM="offscreen",
    )
    env.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
    return env


@pytest.fixture(scope="session")
def qt6_venv() -> Path:
    """build/qt6-venv, made (or checked, about 0.1 s) by scripts/qt6-venv.sh."""
    made = subprocess.run(
        ["bash", str(ROOT / "scripts" / "qt6-venv.sh")],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode == OFFLINE:
        pytest.skip(f"no PyQt6: the package index is unreachable\n{made.stderr[-2000:]}")
    assert made.returncode == 0, f"scripts/qt6-venv.sh failed:\n{made.stderr[-4000:]}"
    return QT6_PYTHON


@pytest.fixture(scope="module")
def smoke_results(qt6_venv, tmp_path_factory) -> tuple[dict[str, str], str]:
    out = tmp_path_factory.mktemp("qt6") / "results.json"
    env = qt6_environment()
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    run = subprocess.run(
        [str(qt6_venv), str(SMOKE), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    log = f"exit code {run.returncode}\n--- stdout\n{run.stdout[-3000:]}\n--- stderr\n"
    return results, log + run.stderr[-6000:]


def test_the_smoke_script_has_checks():
    assert len(CHECKS) >= 10, CHECKS


@pytest.mark.parametrize("check", CHECKS)
def test_viewer_on_pyqt6(smoke_results, check):
    results, log = smoke_results
    result = results.get(check)
    if result == "running":
        pytest.fail(f"the PyQt6 process died during {check}:\n{log}")
    if result is None:
        pytest.fail(f"{check} did not run:\n{log}")
    assert result == "ok", f"{check} failed on PyQt6:\n{result}"


# --- the migration checker (make lint) ------------------------------------------------------


def run_checker(*paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "qt6-check.sh"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_plugin_passes_the_migration_checker(qt6_venv):
    run = run_checker()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no finding" in run.stdout


def test_the_migration_checker_fails_on_findings_and_changes_nothing(qt6_venv, tmp_path):
    qt5_only = (
        "from PyQt5.QtCore import QTimer\n"
        "from qgis.PyQt.QtCore import Qt\n"
        "from qgis.PyQt.QtWidgets import QApplication, QDialog\n"
        "\n"
        "ALIGN = Qt.AlignCenter\n"
        "QDialog().exec_()\n"
    )
    warning_only = "from qgis.PyQt.QtWidgets import QApplication\n\nQApplication.desktop()\n"
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "qt5_only.py").write_text(qt5_only, encoding="utf-8")
    (tmp_path / "pkg" / "warning_only.py").write_text(warning_only, encoding="utf-8")
    (tmp_path / "pkg" / "_vendor").mkdir()
    (tmp_path / "pkg" / "_vendor" / "third_party.py").write_text(qt5_only, encoding="utf-8")
    run = run_checker(tmp_path / "pkg")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "+ALIGN = Qt.AlignmentFlag.AlignCenter" in run.stdout
    assert "+QDialog().exec()" in run.stdout
    assert "+from qgis.PyQt.QtCore import QTimer" in run.stdout
    assert "warning_only.py:3:0 WARNING: QDesktopWidget" in run.stdout
    assert "third_party" not in run.stdout  # bundled code is not ours to fix
    assert (tmp_path / "pkg" / "qt5_only.py").read_text(encoding="utf-8") == qt5_only
