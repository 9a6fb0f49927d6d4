"""The Panoramax Processing provider: its id, name, icon and algorithms."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..__about__ import PLUGIN_ROOT
from .registry import algorithm_classes

PROVIDER_ID = "panoramax"


class PanoramaxProvider(QgsProcessingProvider):
    """Algorithms ``panoramax:<name>``; added by the plugin's ``initProcessing``."""

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "Panoramax"

    def longName(self) -> str:
        return QCoreApplication.translate("PanoramaxProvider", "Panoramax street-level pictures")

    def icon(self) -> QIcon:
        return QIcon(str(PLUGIN_ROOT / "resources" / "icons" / "panoramax.svg"))

    def loadAlgorithms(self) -> None:
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
