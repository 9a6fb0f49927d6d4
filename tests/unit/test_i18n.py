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
