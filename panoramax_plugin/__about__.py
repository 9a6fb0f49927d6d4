"""Name and version of the plugin, read from ``metadata.txt`` (the single source)."""

from __future__ import annotations

from configparser import ConfigParser
from pathlib import Path

PLUGIN_ROOT = Path(__file__).resolve().parent.parent
_metadata = ConfigParser(interpolation=None)
_metadata.read(PLUGIN_ROOT / "metadata.txt", encoding="utf-8")

__title__ = _metadata.get("general", "name", fallback="Panoramax")
__version__ = _metadata.get("general", "version", fallback="0.0.0")
__qgis_min__ = _metadata.get("general", "qgisMinimumVersion", fallback="3.22")
__qgis_max__ = _metadata.get("general", "qgisMaximumVersion", fallback="4.99")
__homepage__ = _metadata.get("general", "homepage", fallback="")
__tracker__ = _metadata.get("general", "tracker", fallback="")
