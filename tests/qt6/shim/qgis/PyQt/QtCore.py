"""``qgis.PyQt.QtCore``: PyQt6's, re-exported."""

from PyQt6.QtCore import *  # noqa: F403
from PyQt6.QtCore import pyqtProperty, pyqtSignal, pyqtSlot  # noqa: F401 (named, as QGIS does)
