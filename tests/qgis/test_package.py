"""`make package` yields a zip that installs into a plugins folder and starts in QGIS."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile

from tests.conftest import ROOT

LOADER = textwrap.dedent(
    """
    import sys
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, {tests!r})
    from desktop_stub import DesktopStub
    import qgis.utils
    stub = DesktopStub()
    qgis.utils.iface = stub
    sys.path.insert(0, {plugins!r})
    qgis.utils.plugin_paths = [{plugins!r}]
    assert qgis.utils.loadPlugin("panoramax_workbench"), "loadPlugin failed"
    assert qgis.utils.startPlugin("panoramax_workbench"), "startPlugin failed"
    plugin = qgis.utils.plugins["panoramax_workbench"]
    print("MENU", stub.plugin_menu_titles())
    print("FILE", sys.modules["panoramax_workbench"].__file__)
    plugin.unload()
    print("OK")
    """
)


def test_zip_installs_and_starts(tmp_path):
    out = tmp_path / "panoramax.zip"
    built = subprocess.run(
        ["bash", "-x", "scripts/package.sh", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout + built.stderr[-3000:]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "plugins")
    assert "panoramax_workbench/metadata.txt" in names
    assert "panoramax_workbench/i18n/panoramax_fr.qm" in names
    assert not any(n.startswith("panoramax_workbench/tests/") for n in names)
    assert not any(n.endswith(".ts") or "__pycache__" in n for n in names)

    stub_dir = tmp_path / "stub"  # the stub, importable without the test package
    stub_dir.mkdir()
    (stub_dir / "desktop_stub.py").write_text(
        (ROOT / "tests" / "qgis" / "desktop_stub.py").read_text()
    )
    script = tmp_path / "load.py"
    script.write_text(
        LOADER.format(tests=str(tmp_path / "stub"), plugins=str(tmp_path / "plugins"))
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "MENU ['&Panoramax']" in result.stdout
    assert f"FILE {tmp_path / 'plugins' / 'panoramax_workbench' / '__init__.py'}" in result.stdout
    assert result.stdout.strip().endswith("OK")
