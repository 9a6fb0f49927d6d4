"""Plugin entry: actions, toolbar, menu, dock lifecycle and a clean unload."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox

from .__about__ import PLUGIN_ROOT, __title__, __version__
from .core.dependencies import missing_packages, pip_command
from .log import PluginLogger
from .translation import install_translator, remove_translator
from .ui.panel import PanoramaxPanel

ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "panoramax.svg"


class PanoramaxPlugin:
    """What QGIS loads: owns every GUI object it adds, and removes them all on unload."""

    def __init__(self, iface):
        self.iface = iface
        self.logger = PluginLogger(iface)
        self.translator = None
        self.toolbar = None
        self.actions: list = []
        self.panel: PanoramaxPanel | None = None
        self.panel_action: QAction | None = None

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PanoramaxPlugin", text)

    @property
    def menu_name(self) -> str:
        return self.tr("&Panoramax")

    # ------------------------------------------------------------------ lifecycle
    def initGui(self) -> None:
        self.translator = install_translator()
        icon = QIcon(str(ICON_PATH))
        self.toolbar = self.iface.addToolBar(self.tr("Panoramax"))
        self.toolbar.setObjectName("PanoramaxToolbar")

        self.panel_action = self._add_action(
            icon,
            self.tr("Panoramax panel"),
            self.toggle_panel,
            checkable=True,
            tip=self.tr("Show or hide the Panoramax panel"),
        )
        self._add_action(
            QIcon(),
            self.tr("About Panoramax…"),
            self.show_about,
            toolbar=False,
        )
        self.check_dependencies()

    def unload(self) -> None:
        for action in self.actions:
            self.iface.removePluginWebMenu(self.menu_name, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        self.panel_action = None
        if self.panel is not None:
            self.panel.unload()
            self.iface.removeDockWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        remove_translator(self.translator)
        self.translator = None

    # ------------------------------------------------------------------ actions
    def _add_action(self, icon, text, callback, checkable=False, tip=None, toolbar=True):
        action = QAction(icon, text, self.iface.mainWindow())
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if checkable:
            action.toggled.connect(callback)
        else:
            action.triggered.connect(callback)
        self.iface.addPluginToWebMenu(self.menu_name, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def ensure_panel(self) -> PanoramaxPanel:
        """Create the dock on first use (nothing heavy happens at QGIS start-up)."""
        if self.panel is None:
            self.panel = PanoramaxPanel(
                self.logger, self.iface.mapCanvas(), self.iface.mainWindow()
            )
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
            self.panel.visibilityChanged.connect(self._sync_panel_action)
        return self.panel

    def toggle_panel(self, visible: bool) -> None:
        panel = self.ensure_panel()
        panel.setVisible(visible)
        if visible:
            panel.raise_()

    def _sync_panel_action(self, visible: bool) -> None:
        if self.panel_action is not None and self.panel_action.isChecked() != visible:
            self.panel_action.blockSignals(True)
            self.panel_action.setChecked(visible)
            self.panel_action.blockSignals(False)

    def show_about(self) -> None:
        QMessageBox.about(
            self.iface.mainWindow(),
            self.tr("About Panoramax"),
            self.tr(
                "{name} {version}\n\nBrowse, view and upload Panoramax street-level pictures "
                "from QGIS. Panoramax is the free, decentralised street-view commons."
            ).format(name=__title__, version=__version__),
        )

    def check_dependencies(self) -> list:
        """Say clearly which declared Python packages are missing, and how to add them."""
        missing = missing_packages()
        if missing:
            self.logger.warning(
                self.tr(
                    "Some Panoramax features need Python packages that are not installed: "
                    "{packages}. Install them from the OSGeo4W Shell (Windows) or a terminal "
                    "with: {command}, then restart QGIS."
                ).format(packages=", ".join(missing), command=pip_command(missing))
            )
        return missing
