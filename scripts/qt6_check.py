"""Runs the QGIS PyQt5 -> PyQt6 migration checker on a copy of the sources; fails on findings.

The checker (``pyqt5to6``, PyPI ``qgis-pyqt5to6`` 0.0.0.dev0, the packaged form of
``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` of the QGIS repository) has no dry-run mode
(the repository's later copy gained a diff mode, not released on the index): it rewrites
every ``*.py`` under a folder in place (unscoped Qt enums -> scoped ones, ``exec_`` ->
``exec``, ``PyQt5`` imports -> ``qgis.PyQt``...) and prints warnings for what it
cannot fix (``QDesktopWidget``, ``QFontMetrics.width``, ambiguous enums, ``QRegExp``...).
Here each file is copied to a temporary folder, the checker runs there, and

* every change it made is a finding, printed as a unified diff against the real file;
* every line it printed is a finding, with the copy's path replaced by the real one,
  except its note that QGIS classes are not importable (by design: the venv has only PyQt6,
  so Qt enums are checked, QGIS enums are not).

Exit 0 without findings, 1 with findings, 2 when the checker itself failed.
Run with the Qt6 venv's Python (``scripts/qt6-check.sh`` does).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("panoramax_plugin", "__init__.py")
SKIPPED_DIRS = {"_vendor", "__pycache__"}  # bundled third-party code, bytecode
NOTE = "QGIS classes not available for introspection"


def python_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(path.rglob("*.py")):
                if not SKIPPED_DIRS.intersection(found.relative_to(path).parts):
                    files.append(found)
        elif path.suffix == ".py":
            files.append(path)
        else:
            raise SystemExit(f"not a folder or a .py file: {name}")
    return files


def shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / name) for name in DEFAULT_PATHS])
    parser.add_argument(
        "--checker",
        default=str(Path(sys.executable).with_name("pyqt5to6")),
        help="the pyqt5to6 command (default: the one beside this Python)",
    )
    args = parser.parse_args(argv)
    files = python_files(args.paths)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pyqt5to6-") as tmp:
        # one sub-folder per file: any layout works, the checker looks at one file at a time
        copies = {}
        for index, original in enumerate(files):
            copy = Path(tmp) / str(index) / original.name
            copy.parent.mkdir()
            shutil.copyfile(original, copy)
            copies[copy] = shown(original)
        run = subprocess.run(
            [args.checker, tmp], capture_output=True, text=True, encoding="utf-8", check=False
        )
        diffs = []
        for copy, original in copies.items():
            before = Path(original).read_text(encoding="utf-8")
            after = copy.read_text(encoding="utf-8")
            if after != before:
                diffs.append(
                    "".join(
                        difflib.unified_diff(
                            before.splitlines(keepends=True),
                            after.splitlines(keepends=True),
                            fromfile=original,
                            tofile=f"{original} (as pyqt5to6 would rewrite it)",
                        )
                    )
                )
        messages = []
        for line in (run.stdout + run.stderr).splitlines():
            for copy, original in copies.items():
                line = line.replace(str(copy), original)
            if line.strip() and NOTE not in line:
                messages.append(line)
    seconds = time.monotonic() - started
    if run.returncode not in (0, 1) or (run.returncode == 1 and not diffs):
        print(f"pyqt5to6 failed (exit {run.returncode}):", file=sys.stderr)
        print("\n".join(messages), file=sys.stderr)
        return 2
    if diffs or messages:
        print("".join(diffs), end="")
        for line in messages:
            print(line)
        print(
            f"pyqt5to6: {len(diffs)} file(s) to change, {len(messages)} warning(s) "
            f"in {len(files)} files ({seconds:.1f} s): make them Qt6-ready (keep QGIS 3.22 working)"
        )
        return 1
    # QGIS enums (Qgis.Info...) need QGIS 4 built on PyQt6 to be introspected: not here
    print(f"pyqt5to6: {len(files)} files, no finding ({seconds:.1f} s; Qt classes, not QGIS's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
