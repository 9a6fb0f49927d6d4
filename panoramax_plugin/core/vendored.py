"""Import a dependency from the plugin's bundled copy first, else from the user's Python.

The packaged plugin carries pure-Python dependencies in ``panoramax_plugin/_vendor``
(``scripts/vendor_deps.py``), reached by relative names only: neither the user's own
copy nor another plugin's is shadowed. A checkout without ``_vendor`` (development,
tests) uses what is installed.
"""

from __future__ import annotations

import importlib
import importlib.util

VENDOR_PACKAGE = __name__.rsplit(".", 2)[0] + "._vendor"  # <plugin>.panoramax_plugin._vendor


def import_module(name: str):
    """The bundled ``name`` if it imports here, else the installed one (ImportError if none).

    A bundled copy that cannot run on this Python (e.g. too old for it) falls back too.
    """
    try:
        return importlib.import_module(f"{VENDOR_PACKAGE}.{name}")
    except (ImportError, SyntaxError):
        return importlib.import_module(name)


def available(name: str) -> bool:
    """True when ``name`` can be imported, bundled or installed (without importing it)."""
    for candidate in (f"{VENDOR_PACKAGE}.{name}", name):
        try:
            if importlib.util.find_spec(candidate) is not None:
                return True
        except (ImportError, ValueError):
            continue
    return False
