"""``qgis.PyQt.QtWidgets``: PyQt6's, re-exported."""

from PyQt6.QtWidgets import *  # noqa: F403
