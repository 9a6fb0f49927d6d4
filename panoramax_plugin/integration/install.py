"""Installs and removes the plugin's QGIS integration points in one call each."""

from __future__ import annotations

from qgis.PyQt.QtCore import QObject

from .expressions import ExpressionFunctions
from .layer_actions import PictureLayerActions
from .locator import PanoramaxLocatorFilter
from .opener import PictureOpener


class QgisIntegration(QObject):
    """The locator filter, the expression functions and the feature actions.

    ``viewer_provider()`` gives the plugin's viewer (made on first use: nothing is built
    at QGIS start-up but these three light registrations).
    """

    def __init__(self, iface, viewer_provider, logger=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.logger = logger
        self.opener = PictureOpener(viewer_provider, iface.mapCanvas(), self)
        self.locator_filter: PanoramaxLocatorFilter | None = None
        self.expressions = ExpressionFunctions()
        self.layer_actions = PictureLayerActions(self.opener, iface.messageBar(), self)

    def install(self) -> None:
        self.expressions.register()
        self.layer_actions.install()
        register = getattr(self.iface, "registerLocatorFilter", None)
        if register is not None:  # a real QGIS (test stubs may have none)
            self.locator_filter = PanoramaxLocatorFilter(self.opener)
            register(self.locator_filter)

    def unload(self) -> None:
        if self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)  # QGIS deletes it
            self.locator_filter = None
        self.layer_actions.remove()
        self.expressions.unregister()
        self.opener.forget()
