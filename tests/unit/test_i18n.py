"""The French translation is complete and consistent with the code."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from tests.conftest import ROOT

TS = ROOT / "i18n" / "panoramax_fr.ts"


def plugin_sources() -> list:
    files = sorted((ROOT / "panoramax_plugin").rglob("*.py")) + [ROOT / "__init__.py"]
    return [str(f.relative_to(ROOT)) for f in files]


def test_every_string_in_the_code_has_a_finished_french_translation():
    result = subprocess.run(
        [sys.executable, "scripts/i18n_extract.py", "--check", str(TS), *plugin_sources()],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "missing French translations:\n" + result.stdout


def test_translations_keep_the_placeholders_and_are_not_empty():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 40
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") is None, source
        assert translation.text, source
        assert sorted(re.findall(r"{\w+}", source)) == sorted(
            re.findall(r"{\w+}", translation.text)
        ), source


def test_extractor_sees_strings_split_over_lines_with_trailing_commas(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n_extract
    finally:
        sys.path.pop(0)
    source = tmp_path / "sample.py"
    source.write_text(
        "class Panel:\n"
        "    def f(self):\n"
        "        return self.tr(\n"
        '            "first "\n'
        '            "second",\n'
        "        )\n"
        'X = translate(\n    "Ctx",\n    "a "\n    "b",\n)\n'
    )
    found = {(c, s) for c, s, _ in i18n_extract.extract(source)}
    assert found == {("Panel", "first second"), ("Ctx", "a b")}


def _ts_text(path) -> dict:
    """{(context, source): (translation, finished)} of a .ts file."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n_extract
    finally:
        sys.path.pop(0)
    return i18n_extract.load_translations(path)


def test_update_without_git_finds_the_sources_and_keeps_every_translation(tmp_path):
    """A source tarball or a container without git: same strings, nothing unfinished."""
    import shutil

    for name in ("panoramax_plugin", "scripts", "i18n"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.qm"))
    shutil.copy(ROOT / "__init__.py", tmp_path)
    before = _ts_text(tmp_path / "i18n" / "panoramax_fr.ts")
    env = {"PATH": "/usr/bin:/bin", "GIT_DIR": str(tmp_path / "no-such-repo")}
    result = subprocess.run(
        ["bash", "scripts/i18n.sh"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert ", 0 to translate" in result.stderr
    after = _ts_text(tmp_path / "i18n" / "panoramax_fr.ts")
    assert after == before and len(after) > 200


def _extract(tmp_path, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n_extract.py"), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_no_source_found_writes_nothing(tmp_path):
    ts = tmp_path / "panoramax_fr.ts"
    ts.write_bytes(TS.read_bytes())
    result = _extract(tmp_path, str(ts))  # no file given, as with a broken file list
    assert result.returncode == 1 and "not written" in result.stderr
    assert ts.read_bytes() == TS.read_bytes()


def test_translations_of_removed_strings_are_dropped_only_when_asked(tmp_path):
    ts = tmp_path / "panoramax_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="fr">'
        "<context><name>Panel</name>"
        "<message><source>Kept</source><translation>Gardé</translation></message>"
        "<message><source>Removed</source><translation>Enlevé</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    code = tmp_path / "panel.py"
    code.write_text("class Panel:\n    def f(self):\n        return self.tr('Kept')\n")
    before = ts.read_text(encoding="utf-8")

    refused = _extract(tmp_path, str(ts), str(code))
    assert refused.returncode == 1 and "would drop [Panel] 'Removed'" in refused.stderr
    assert ts.read_text(encoding="utf-8") == before

    allowed = _extract(tmp_path, "--allow-drop", str(ts), str(code))
    assert allowed.returncode == 0, allowed.stderr
    assert _ts_text(ts) == {("Panel", "Kept"): ("Gardé", True)}


def test_a_string_moved_to_another_class_keeps_its_translation(tmp_path):
    ts = tmp_path / "panoramax_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="fr">'
        "<context><name>OldPanel</name>"
        "<message><source>Moved</source><translation>Déplacé</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    code = tmp_path / "box.py"
    code.write_text("class NewBox:\n    def f(self):\n        return self.tr('Moved')\n")
    result = _extract(tmp_path, str(ts), str(code))
    assert result.returncode == 0, result.stderr
    assert _ts_text(ts) == {("NewBox", "Moved"): ("Déplacé", True)}


def test_no_translatable_text_hides_behind_a_module_level_wrapper():
    """``_tr("text")`` outside a class is invisible to the extractor (it reads literal
    ``translate("Context", "text")`` calls and ``tr`` inside classes): such text would stay
    English for ever. Call ``translate`` / ``QCoreApplication.translate`` directly."""
    import ast

    hidden = []
    for path in sorted((ROOT / "panoramax_plugin").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_class = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                in_class.update(id(child) for child in ast.walk(node))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_tr", "tr")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and id(node) not in in_class
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, f"text the extractor cannot see: {hidden}"
