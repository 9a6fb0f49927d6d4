"""Which optional Python packages are missing, and how to install them."""

from __future__ import annotations

import importlib.util

# import name -> pip name
DECLARED_PACKAGES = {"pystac_client": "pystac-client", "shapely": "shapely"}


def missing_packages(packages: dict | None = None) -> list:
    """pip names of the declared packages that cannot be imported here."""
    packages = DECLARED_PACKAGES if packages is None else packages
    missing = []
    for module, pip_name in packages.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(pip_name)
    return missing


def pip_command(packages: list) -> str:
    """The command a user can paste (OSGeo4W Shell on Windows, a terminal elsewhere)."""
    return "python -m pip install --user " + " ".join(packages)
