"""Which Python packages a feature needs are missing, and how to install them."""

from __future__ import annotations

from . import vendored

# import name -> pip name: what features need, checked at start-up. The packaged plugin
# bundles them (``_vendor``), so a user only hears of them when the bundled copy cannot
# run on their Python and none is installed.
DECLARED_PACKAGES = {"pystac_client": "pystac-client"}
# Used by no feature today (``geometry.sequence_line`` says so itself when called):
# not worth a warning at every start of QGIS.
OPTIONAL_PACKAGES = {"shapely": "shapely"}


def missing_packages(packages: dict | None = None) -> list:
    """pip names of the declared packages that can be imported neither bundled nor installed."""
    packages = DECLARED_PACKAGES if packages is None else packages
    return [pip_name for module, pip_name in packages.items() if not vendored.available(module)]


def pip_command(packages: list) -> str:
    """The command a user can paste (OSGeo4W Shell on Windows, a terminal elsewhere)."""
    return "python -m pip install --user " + " ".join(packages)
