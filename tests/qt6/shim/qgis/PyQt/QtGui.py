"""``qgis.PyQt.QtGui``: PyQt6's, re-exported."""

from PyQt6.QtGui import *  # noqa: F403
