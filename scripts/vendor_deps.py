"""Bundle the pure-Python runtime dependencies into the plugin, under its own namespace.

    python scripts/vendor_deps.py <requirements-runtime.txt> <target _vendor folder> [wheel cache]

Stock QGIS (Windows, macOS, Debian) lacks pystac-client and pystac, and users often
cannot run pip. The pinned wheels are downloaded from the package index, unpacked into
``panoramax_plugin/_vendor/`` and every import between them is rewritten to a relative
one, so the copies live at ``<plugin>.panoramax_plugin._vendor.<name>`` and never in
``sys.modules`` under their own names: another plugin's copy, or the user's own, is
neither shadowed nor shadowing (qgis/QGIS#33297 advises exactly this).

Why a script and not qgis-plugin-dev-tools: that tool zips a plugin *package* holding
its own metadata.txt, while this project's layout has metadata.txt and ``__init__.py``
at the root and the code in ``panoramax_plugin/``; the rewriting itself is ~100 lines.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

LICENCE_NAMES = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)


def read_pins(requirements: Path) -> list:
    """``name==version`` lines (comments and blanks dropped); every pin must be exact."""
    pins = []
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "==" not in line:
            raise SystemExit(f"{requirements}: '{line}' is not pinned with ==")
        pins.append(line)
    return pins


def download(pins: list, cache: Path) -> list:
    """The wheels of exactly these pins (no dependency resolution: the pins are the list)."""
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--only-binary=:all:", "--dest", str(cache), *pins],
        check=True,
    )  # fmt: skip
    wheels = []
    for pin in pins:
        name, version = pin.split("==")
        stem = re.sub(r"[-_.]+", "_", name).lower()
        found = [w for w in cache.glob("*.whl") if w.name.lower().startswith(f"{stem}-{version}-")]
        if not found:
            raise SystemExit(f"no wheel for {pin} in {cache}")
        wheels.append((name, version, found[0]))
    return wheels


def unpack(name: str, version: str, wheel: Path, target: Path) -> list:
    """Top-level packages/modules of one wheel copied into ``target``; its licence kept."""
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp)
        root = Path(tmp)
        tops = []
        for item in sorted(root.iterdir()):
            if item.name.endswith((".dist-info", ".data")):
                continue
            if item.is_dir() or item.suffix == ".py":
                tops.append(item.name[:-3] if item.suffix == ".py" else item.name)
                destination = target / item.name
                if item.is_dir():
                    shutil.copytree(item, destination, ignore=shutil.ignore_patterns("*.pyc"))
                else:
                    shutil.copy2(item, destination)
        licences = target / "licenses" / f"{name}-{version}"
        licences.mkdir(parents=True, exist_ok=True)
        for info in root.glob("*.dist-info"):
            for path in info.rglob("*"):
                if path.is_file() and LICENCE_NAMES.search(path.name):
                    shutil.copy2(path, licences / path.name)
        if not any(licences.iterdir()):
            raise SystemExit(f"{name} {version}: no licence file in the wheel")
    return tops


class _ImportRewriter:
    """Line-level rewriting of the import statements ``ast`` finds for vendored names."""

    def __init__(self, vendored: set):
        self.vendored = vendored

    def is_ours(self, dotted: str | None) -> bool:
        return bool(dotted) and dotted.split(".")[0] in self.vendored

    def rewrite(self, source: str, package_parts: tuple) -> str:
        tree = ast.parse(source)
        lines = source.splitlines(keepends=True)
        edits = []  # (first line, last line, new text)
        dots = "." * (len(package_parts) + 1)  # from this module's package up to _vendor
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and self.is_ours(node.module):
                new = self._from(node, dots)
            elif isinstance(node, ast.Import) and any(self.is_ours(a.name) for a in node.names):
                new = self._import(node, dots)
            else:
                continue
            edits.append((node.lineno, node.end_lineno, new))
        for first, last, new in sorted(edits, reverse=True):
            indent = re.match(r"\s*", lines[first - 1]).group(0)
            lines[first - 1 : last] = [indent + new + "\n"]
        return "".join(lines)

    @staticmethod
    def _from(node, dots) -> str:
        names = ", ".join(
            f"{alias.name} as {alias.asname}" if alias.asname else alias.name
            for alias in node.names
        )
        return f"from {dots}{node.module} import {names}"

    def _import(self, node, dots) -> str:
        parts = []
        for alias in node.names:
            if not self.is_ours(alias.name):
                parts.append(
                    f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                )
                continue
            head, _, rest = alias.name.rpartition(".")
            if alias.asname:  # import a.b as c -> from ..a import b as c
                parts.append(
                    f"from {dots}{head} import {rest} as {alias.asname}"
                    if head
                    else f"from {dots} import {rest} as {alias.asname}"
                )
                continue
            top = alias.name.split(".")[0]
            if head:  # import a.b.c: load the submodule, bind the top name
                parts.append(f"from {dots}{head} import {rest} as _vendored_{rest}")
            parts.append(f"from {dots} import {top}")
        return "; ".join(parts)


RESOURCE_CALL = re.compile(r"""importlib\.resources\.files\((["'])([A-Za-z_][\w.]*)\1\)""")


def rewrite_tree(target: Path, vendored: set) -> int:
    """Rewrite every vendored module; returns how many files changed."""
    rewriter = _ImportRewriter(vendored)
    changed = 0
    for path in sorted(target.rglob("*.py")):
        relative = path.relative_to(target)
        package_parts = relative.parts[:-1]
        source = path.read_text(encoding="utf-8")
        new = rewriter.rewrite(source, package_parts)
        depth = len(relative.parts)  # module name parts below _vendor (x/y.py -> 2)
        if relative.name == "__init__.py":
            depth -= 1

        def resource(match, depth=depth):
            name = match.group(2)
            if name.split(".")[0] not in vendored:
                return match.group(0)
            return f'importlib.resources.files(__name__.rsplit(".", {depth})[0] + ".{name}")'

        new = RESOURCE_CALL.sub(resource, new)
        if new != source:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def write_index(target: Path, wheels: list, tops: dict) -> None:
    rows = "\n".join(
        f"    {name!r}: ({version!r}, {sorted(tops[name])!r})," for name, version, _ in wheels
    )
    (target / "__init__.py").write_text(
        '"""Pure-Python dependencies bundled by ``scripts/vendor_deps.py`` (do not edit).\n\n'
        "Imports between them are relative: nothing here enters ``sys.modules`` under its own\n"
        'name. Licences are in ``licenses/``.\n"""\n\n'
        f"BUNDLED = {{\n{rows}\n}}\n"
    )


def main(argv) -> int:
    requirements, target = Path(argv[0]), Path(argv[1])
    cache = Path(argv[2]) if len(argv) > 2 else Path("build/vendor-wheels")
    pins = read_pins(requirements)
    wheels = download(pins, cache)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    tops = {name: unpack(name, version, wheel, target) for name, version, wheel in wheels}
    vendored = {top for names in tops.values() for top in names}
    changed = rewrite_tree(target, vendored)
    write_index(target, wheels, tops)
    listing = ", ".join(f"{name} {version}" for name, version, _ in wheels)
    print(f"vendored {listing} into {target} ({changed} files rewritten)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
