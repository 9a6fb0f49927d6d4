"""The packaged zip in a stock QGIS Python (no pip packages): sequences get their titles
from the bundled pystac-client, and nobody is told to run pip."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
import zipfile

import pytest
import requests

from tests.conftest import ROOT

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's QGIS Python: what a user's QGIS runs

SESSION = textwrap.dedent(
    """
    import json, sys, time
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    logged = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: logged.append(message)
    )
    sys.path.insert(0, {stub!r})
    from desktop_stub import DesktopStub
    import qgis.utils
    stub = DesktopStub()
    qgis.utils.iface = stub
    sys.path.insert(0, {plugins!r})
    qgis.utils.plugin_paths = [{plugins!r}]
    name = "panoramax_workbench"
    assert qgis.utils.loadPlugin(name) and qgis.utils.startPlugin(name)
    plugin = qgis.utils.plugins["panoramax_workbench"]
    from panoramax_workbench.panoramax_plugin.panel.instance_picker import CUSTOM_KEY
    panel = plugin.ensure_panel()
    panel.picker.set_selection(CUSTOM_KEY, {site!r})
    assert panel.select_instance()
    done = []
    panel.controller.load_finished.connect(done.append)
    panel.controller.message.connect(lambda level, text: logged.append(text))
    panel.controller.load_bbox({bbox!r})
    deadline = time.monotonic() + 90
    while not done and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    layers = panel.controller.current_layers()
    titles = {{f["id"]: f["title"] for f in layers.sequences.layer.getFeatures()}}
    print("RESULT " + json.dumps({{
        "finished": bool(done),
        "titles": titles,
        "messages": logged + [item.text() for item in stub.bar.items()],
        "global_modules": sorted(m for m in sys.modules if m.split(".")[0] in
                                 ("pystac", "pystac_client")),
    }}))
    plugin.unload()
    """
)


def test_packaged_zip_lists_sequences_with_titles_in_a_stock_qgis(
    local_instance, seeded_place, tmp_path
):
    has_it = subprocess.run([SYSTEM_PYTHON, "-c", "import pystac_client"], capture_output=True)
    if has_it.returncode == 0:
        pytest.skip(f"{SYSTEM_PYTHON} has pystac-client installed: not a stock QGIS Python")
    out = tmp_path / "panoramax.zip"
    built = subprocess.run(
        ["bash", "scripts/package.sh", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout + built.stderr[-3000:]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "plugins")
    vendor = "panoramax_workbench/panoramax_plugin/_vendor/"
    for package in ("pystac_client", "pystac", "dateutil"):
        assert f"{vendor}{package}/__init__.py" in names
    assert any(n.startswith(f"{vendor}licenses/pystac-client-0.9.1/LICENSE") for n in names)

    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "desktop_stub.py").write_text((ROOT / "tests/qgis/desktop_stub.py").read_text())
    script = tmp_path / "session.py"
    script.write_text(
        SESSION.format(
            stub=str(stub),
            plugins=str(tmp_path / "plugins"),
            site=local_instance.api.replace("/api", ""),
            bbox=tuple(seeded_place.bbox),
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(tmp_path))
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [SYSTEM_PYTHON, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path,
        timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])

    assert result["finished"], result["messages"]
    expected = {}
    for sequence_id in (seeded_place.flat_sequence, seeded_place.pano_sequence):
        answer = requests.get(f"{local_instance.api}/collections/{sequence_id}", timeout=30)
        expected[sequence_id] = answer.json()["title"]
    assert all(expected.values())
    assert {sid: result["titles"].get(sid) for sid in expected} == expected
    said = " ".join(result["messages"])
    assert "pip" not in said and "pystac" not in said, said
    assert result["global_modules"] == []  # the bundled copy stays in the plugin's namespace
