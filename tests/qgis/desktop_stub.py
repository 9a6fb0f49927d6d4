"""A small stand-in for QGIS's ``iface`` built from real Qt and QGIS widgets.

pytest-qgis's stub has no Web menu and no ``removeDockWidget``; this one keeps
a real ``QMainWindow`` so tests can assert that unload leaves nothing behind.
"""

from __future__ import annotations

from qgis.gui import QgsMapCanvas, QgsMessageBar
from qgis.PyQt.QtWidgets import QMainWindow, QMenu, QToolBar, QVBoxLayout, QWidget


class DesktopStub:
    def __init__(self):
        self.window = QMainWindow()
        central = QWidget(self.window)
        layout = QVBoxLayout(central)
        self.bar = QgsMessageBar(central)
        self.canvas = QgsMapCanvas(central)
        layout.addWidget(self.bar)
        layout.addWidget(self.canvas)
        self.window.setCentralWidget(central)
        self.web_menu = self.window.menuBar().addMenu("&Web")
        self.layer_actions = []  # (action, menu, layer type, all layers)
        self.active_layer = None
        self.options_factories = []  # Settings → Options pages

    # --- what the plugin calls
    def mainWindow(self):
        return self.window

    def mapCanvas(self):
        return self.canvas

    def messageBar(self):
        return self.bar

    def addToolBar(self, name):
        return self.window.addToolBar(name)

    def addDockWidget(self, area, dock):
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):
        self.window.removeDockWidget(dock)

    def addPluginToWebMenu(self, name, action):
        menu = self._submenu(name) or self.web_menu.addMenu(name)
        menu.addAction(action)

    def removePluginWebMenu(self, name, action):
        menu = self._submenu(name)
        if menu is None:
            return
        menu.removeAction(action)
        if not menu.actions():
            self.web_menu.removeAction(menu.menuAction())
            menu.deleteLater()

    def addCustomActionForLayerType(self, action, menu, layer_type, all_layers):
        self.layer_actions.append((action, menu, layer_type, all_layers))

    def removeCustomActionForLayerType(self, action):
        before = len(self.layer_actions)
        self.layer_actions = [entry for entry in self.layer_actions if entry[0] is not action]
        return len(self.layer_actions) < before

    def activeLayer(self):
        return self.active_layer

    def registerOptionsWidgetFactory(self, factory):
        self.options_factories.append(factory)

    def unregisterOptionsWidgetFactory(self, factory):
        self.options_factories = [f for f in self.options_factories if f is not factory]

    def registerLocatorFilter(self, locator_filter):
        from qgis.core import QgsLocator

        if getattr(self, "locator", None) is None:
            self.locator = QgsLocator(self.window)
        self.locator.registerFilter(locator_filter)

    def deregisterLocatorFilter(self, locator_filter):
        self.locator.deregisterFilter(locator_filter)

    # --- what tests inspect
    def _submenu(self, name):
        for action in self.web_menu.actions():
            if action.menu() is not None and action.text() == name:
                return action.menu()
        return None

    def plugin_menu_titles(self):
        return [a.text() for a in self.web_menu.actions() if a.menu() is not None]

    def toolbars(self):
        return [t for t in self.window.findChildren(QToolBar) if not t.isHidden() or True]

    def menus(self):
        return self.window.findChildren(QMenu)
