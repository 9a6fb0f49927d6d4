"""Extract translatable strings from the plugin's Python sources into Qt .ts files.

Why not pylupdate5: it silently skips calls whose arguments end with a trailing
comma, which the formatter adds to every call split over several lines. This
reads the code with ``ast`` instead and recognises:

- ``self.tr("…")`` / ``cls.tr("…")`` / ``tr("…")`` inside a class: context = class name;
- ``translate("Context", "…")``, ``QCoreApplication.translate("Context", "…")`` and
  ``QT_TRANSLATE_NOOP("Context", "…")``.

Existing translations in the .ts are kept, also when a string moves to another class.
A translation is never lost silently: with no source file or no string found (a wrong
file list), or when finished translations would go because their text is no longer in
the code, nothing is written and the exit status is 1; ``--allow-drop`` accepts the
second case once the strings were removed on purpose.
Usage: ``python scripts/i18n_extract.py [--allow-drop] i18n/panoramax_fr.ts file.py ...``
``--check`` prints missing or unfinished translations and exits 1 if there are any.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATE_FUNCTIONS = {"translate", "QT_TRANSLATE_NOOP"}


def _string(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract(path: Path) -> list:
    """(context, source, line) of every translatable string in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node, class_name):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name == "tr" and child.args and class_name:
                    text = _string(child.args[0])
                    if text is not None:
                        found.append((class_name, text, child.lineno))
                elif name in TRANSLATE_FUNCTIONS and len(child.args) >= 2:
                    context, text = _string(child.args[0]), _string(child.args[1])
                    if context is not None and text is not None:
                        found.append((context, text, child.lineno))
            visit(child, class_name)

    visit(tree, None)
    return found


def load_translations(ts_path: Path) -> dict:
    """{(context, source): (translation, finished)} of an existing .ts file."""
    known = {}
    if not ts_path.exists():
        return known
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            finished = translation is not None and translation.get("type") != "unfinished"
            known[(name, source)] = (text or "", finished and bool(text))
    return known


def with_moved_strings(strings: dict, known: dict) -> dict:
    """``known``, plus a finished translation for a string whose class changed.

    Code moved to another class gives its strings a new context; the same source
    text already translated elsewhere keeps its translation instead of being lost.
    """
    by_source = {source: entry for (_, source), entry in known.items() if entry[1]}
    merged = dict(known)
    for key in strings:
        if not merged.get(key, ("", False))[1] and key[1] in by_source:
            merged[key] = by_source[key[1]]
    return merged


def write_ts(ts_path: Path, language: str, strings: dict, known: dict) -> None:
    root = ET.Element("TS", version="2.1", language=language)
    for context in sorted({c for c, _ in strings}):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for (c, source), locations in sorted(strings.items()):
            if c != context:
                continue
            message = ET.SubElement(ctx, "message")
            for filename, line in locations:
                ET.SubElement(message, "location", filename=f"../{filename}", line=str(line))
            ET.SubElement(message, "source").text = source
            text, finished = known.get((c, source), ("", False))
            translation = ET.SubElement(message, "translation")
            translation.text = text
            if not finished:
                translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts_path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def collect(files) -> dict:
    strings = {}
    for name in files:
        for context, source, line in extract(Path(name)):
            strings.setdefault((context, source), []).append((name, line))
    return strings


def dropped_translations(strings: dict, known: dict) -> list:
    """Finished translations whose source text the code no longer has anywhere."""
    sources = {source for _, source in strings}
    return sorted(key for key, (_, finished) in known.items() if finished and key[1] not in sources)


def main(argv) -> int:
    check = "--check" in argv
    allow_drop = "--allow-drop" in argv
    args = [a for a in argv if a not in ("--check", "--allow-drop")]
    ts_path, files = Path(args[0]), args[1:]
    language = ts_path.stem.split("_")[-1]
    strings = collect(files)
    known = load_translations(ts_path)
    if not strings:
        print(
            f"{ts_path}: no translatable string in {len(files)} source files: not written "
            "(is the source list right?)",
            file=sys.stderr,
        )
        return 1
    dropped = [] if check or allow_drop else dropped_translations(strings, known)
    if dropped:
        for context, source in dropped:
            print(f"would drop [{context}] {source!r}", file=sys.stderr)
        print(
            f"{ts_path}: {len(dropped)} finished translations are no longer used by the code: "
            "not written. If those strings were removed on purpose, run "
            "`bash scripts/i18n.sh --allow-drop`.",
            file=sys.stderr,
        )
        return 1
    if check:  # the file as it is (what the .qm is built from): no carrying over
        missing = [key for key in strings if not known.get(key, ("", False))[1]]
        for context, source in missing:
            print(f"untranslated [{context}] {source!r}")
        return 1 if missing else 0
    known = with_moved_strings(strings, known)
    write_ts(ts_path, language, strings, known)
    todo = sum(1 for key in strings if not known.get(key, ("", False))[1])
    print(f"{ts_path}: {len(strings)} strings, {todo} to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
