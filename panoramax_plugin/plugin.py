"""Plugin entry: actions, toolbar, menu, dock lifecycle and a clean unload."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox

from .__about__ import PLUGIN_ROOT, __title__, __version__
from .assets.entry_points import FeatureTools
from .core.dependencies import missing_packages, pip_command
from .current_instance import CurrentInstance
from .log import PluginLogger
from .panel.dock import PanoramaxPanel
from .translation import install_translator, remove_translator

ICONS = PLUGIN_ROOT / "resources" / "icons"


def _remembered_account(api_url: str) -> str:
    """The account signed in on ``api_url`` in an earlier session (settings only)."""
    from .upload.token_store import TokenStore

    try:
        return TokenStore().account_name(api_url)
    except Exception:  # settings unreadable: nobody is signed in
        return ""


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
        self.viewer_dock = None
        self.viewer = None
        self.viewer_action: QAction | None = None
        self.pick_action: QAction | None = None
        self.pick_tool = None
        self.feature_tools = None  # FeatureTools: pictures of the user's features
        self.feature_pick_action: QAction | None = None
        self.upload_action: QAction | None = None
        self.uploads = None  # UploadLauncher, made on first use
        self.integration = None  # QgisIntegration: locator, expression functions, actions
        self.selection_sync = None
        self.current = CurrentInstance(remembered_account=_remembered_account)
        self.provider = None  # the Processing provider
        self.options_factory = None  # Settings → Options → Panoramax
        self.api = None  # api.PanoramaxApi: for other plugins and the Python console

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PanoramaxPlugin", text)

    @property
    def menu_name(self) -> str:
        return self.tr("&Panoramax")

    # ------------------------------------------------------------------ lifecycle
    def initProcessing(self) -> None:
        """The Processing provider (also what ``qgis_process`` calls, without a GUI)."""
        if self.provider is None:
            from qgis.core import QgsApplication

            from .processing.provider import PanoramaxProvider

            if self.translator is None:
                self.translator = install_translator()
            provider = PanoramaxProvider()
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider
            else:  # QGIS deleted it: a provider with this id is registered already
                self.logger.warning(
                    self.tr("The Panoramax Processing provider is registered already."),
                    push=False,
                )

    def initGui(self) -> None:
        if self.translator is None:
            self.translator = install_translator()
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(self.tr("Panoramax"))
        self.toolbar.setObjectName("PanoramaxToolbar")

        self.panel_action = self._add_action(
            "panoramax.svg",
            self.tr("Panoramax panel"),
            self.toggle_panel,
            checkable=True,
            tip=self.tr("Show or hide the Panoramax panel"),
        )
        self.viewer_action = self._add_action(
            "viewer.svg",
            self.tr("Picture viewer"),
            self.toggle_viewer,
            checkable=True,
            tip=self.tr("Show or hide the Panoramax picture viewer"),
        )
        self.pick_action = self._add_action(
            "pick.svg",
            self.tr("Open the picture clicked on the map"),
            self.toggle_pick_tool,
            checkable=True,
            tip=self.tr("Click near a picture or a sequence on the map to open it"),
        )
        self.feature_tools = FeatureTools(self.iface, self.ensure_viewer, self.logger)
        self.feature_pick_action = self._add_action(
            "feature.svg",
            self.tr("Panoramax pictures of a feature"),
            self.feature_tools.toggle_pick_tool,
            checkable=True,
            tip=self.tr(
                "Click on a feature of one of your layers to see the Panoramax pictures that "
                "show it, turned toward it"
            ),
        )
        self._add_action(
            "",
            self.tr("Panoramax pictures of the selected features"),
            lambda: self.feature_tools.entry_points.for_active_layer_selection(),
            toolbar=False,
        )
        self.feature_tools.install(self.menu_name, self.feature_pick_action)
        self.upload_action = self._add_action(
            "upload.svg",
            self.tr("Upload pictures…"),
            self.open_upload,
            tip=self.tr("Send pictures from your computer to the Panoramax instance"),
        )
        self._add_action(
            "",
            self.tr("About Panoramax…"),
            self.show_about,
            toolbar=False,
        )
        # --- options page, public API, instances from the federation (issue 16, 5-7)
        from . import api
        from .instance_directory import directory
        from .options_page import PanoramaxOptionsFactory

        self.options_factory = PanoramaxOptionsFactory(self._options_applied)
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        self.api = api.install(self)
        directory().schedule()  # the federation's instance list, later and in the background
        # --- end of options page, public API, federation
        # --- QGIS integration points (locator, expression functions, layer actions)
        from .integration import QgisIntegration

        self.integration = QgisIntegration(self.iface, self.ensure_viewer, self.logger)
        self.integration.install()
        # --- end of QGIS integration points
        self.check_dependencies()

    def _options_applied(self, settings) -> None:
        """The Options dialog saved the Panoramax page: the running parts follow."""
        from .instance_directory import directory
        from .options_page import push_to_running

        push_to_running(self, settings)
        directory().refresh()  # only if the list's address changed (or it is a day old)

    def unload(self) -> None:
        # --- options page, public API, instances from the federation (issue 16, 5-7)
        from . import api
        from .instance_directory import directory

        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        api.uninstall(self.api)
        self.api = None
        directory().stop()
        # --- end of options page, public API, federation
        # --- QGIS integration points
        if self.integration is not None:
            self.integration.unload()
            self.integration.deleteLater()
            self.integration = None
        # --- end of QGIS integration points
        if self.provider is not None:
            from qgis.core import QgsApplication

            try:
                QgsApplication.processingRegistry().removeProvider(self.provider)
            except RuntimeError:  # QGIS deleted it already (Processing shut down first)
                pass
            self.provider = None
        for action in self.actions:
            self.iface.removePluginWebMenu(self.menu_name, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        self.panel_action = self.viewer_action = self.pick_action = None
        if self.feature_tools is not None:
            self.feature_tools.unload()
            self.feature_tools.deleteLater()
            self.feature_tools = None
        if self.pick_tool is not None:
            if self.iface.mapCanvas().mapTool() is self.pick_tool:
                self.iface.mapCanvas().unsetMapTool(self.pick_tool)
            self.pick_tool.deleteLater()
            self.pick_tool = None
        if self.uploads is not None:
            self.uploads.close()
        if self.viewer is not None:
            self.viewer.unload()
            self.viewer.deleteLater()
            self.viewer = self.selection_sync = None
        if self.viewer_dock is not None:
            self.iface.removeDockWidget(self.viewer_dock)
            self.viewer_dock.deleteLater()
            self.viewer_dock = None
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
    def _add_action(self, icon_name, text, callback, checkable=False, tip=None, toolbar=True):
        icon = QIcon(str(ICONS / icon_name)) if icon_name else QIcon()
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
                self.logger, self.iface.mapCanvas(), self.iface.mainWindow(), self.current
            )
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
            # the heading preview of "My pictures" turns the viewer's cone too (if open)
            self.panel.mine_box.actions.viewer = lambda: self.viewer
            self.panel.visibilityChanged.connect(
                lambda visible: self._sync_action(self.panel_action, visible)
            )
            self._sync_action(self.panel_action, self.panel.isVisible())
        return self.panel

    # ------------------------------------------------------------------ viewer
    def ensure_viewer(self):
        """The viewer dock and its controller, made on first use."""
        if self.viewer is None:
            from .settings import PluginSettings
            from .viewer.controller import ViewerController
            from .viewer.dock import ViewerDock
            from .viewer.layer_selection import LayerSelectionSync

            panel = self.ensure_panel()
            self.viewer_dock = ViewerDock(self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.viewer_dock)
            self.viewer = ViewerController(
                self.viewer_dock, self.iface.mapCanvas(), self.logger, PluginSettings.load()
            )
            self.viewer.semantics.sign_in = self.open_upload  # its account box signs in
            self.viewer_dock.features_requested.connect(
                lambda: self.feature_tools.entry_points.for_active_layer_selection()
            )
            self.viewer_dock.visibilityChanged.connect(
                lambda visible: self._sync_action(self.viewer_action, visible)
            )
            # a dock added to a shown window is visible at once, before the connection
            self._sync_action(self.viewer_action, self.viewer_dock.isVisible())
            self.current.changed.connect(self._point_viewer)
            self.selection_sync = LayerSelectionSync(panel.controller.current_layers, self.viewer)
            self.selection_sync.picture_selected.connect(self.open_picture)
            self.viewer.picture_shown.connect(self.selection_sync.highlight)
            panel.controller.layers_created.connect(self.selection_sync.watch)
            for layers in panel.controller.layers.values():
                self.selection_sync.watch(layers)
            if self.api is not None:  # the public API's picture_changed
                self.api.watch(self.viewer)
        if self.panel.select_instance(report=False):  # invalid: the viewer keeps its own
            self._point_viewer(self.current.state)
        return self.viewer

    def _point_viewer(self, state) -> None:
        if self.viewer is not None and state.api_url:
            self.viewer.set_instance(state.api_url, state.instance)

    def toggle_viewer(self, visible: bool) -> None:
        viewer = self.ensure_viewer()
        self.viewer_dock.setVisible(visible)
        if visible:
            self.viewer_dock.raise_()
            viewer.restore()

    def open_picture(self, picture_id: str, sequence_id=None, api_url=None) -> None:
        """Show a picture in the viewer (opens the dock)."""
        viewer = self.ensure_viewer()
        if not self.viewer_dock.isVisible():
            self.viewer_action.setChecked(True)
        viewer.open_id(picture_id, sequence_id, api_url)

    def toggle_pick_tool(self, enabled: bool) -> None:
        canvas = self.iface.mapCanvas()
        if enabled:
            if self.pick_tool is None:
                from .viewer.map_tool import PicturePickTool

                self.pick_tool = PicturePickTool(canvas, self.ensure_panel().controller.layer_pair)
                self.pick_tool.picked.connect(lambda pid, sid: self.open_picture(pid, sid))
                self.pick_tool.search_at.connect(
                    lambda lon, lat, radius: self.ensure_viewer().open_nearest(lon, lat, radius)
                )
                self.pick_tool.setAction(self.pick_action)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None and canvas.mapTool() is self.pick_tool:
            canvas.unsetMapTool(self.pick_tool)

    # ------------------------------------------------------------------ upload
    @property
    def upload_dialog(self):
        return self.uploads.dialog if self.uploads is not None else None

    def open_upload(self):
        """The upload dialog for the current instance."""
        panel = self.ensure_panel()
        if not panel.select_instance():  # an invalid custom URL: the panel says why
            return None
        if self.uploads is None:
            from .upload.launcher import UploadLauncher

            self.uploads = UploadLauncher(
                self.logger,
                self.iface.mainWindow(),
                on_sequences=lambda api_url, ids, layer: panel.controller.show_new_pictures(
                    api_url, layer
                ),
                on_account=self.current.signed_in,
            )
        return self.uploads.open(self.current.state)

    # ------------------------------------------------------------------ docks and actions
    @staticmethod
    def _sync_action(action, visible: bool) -> None:
        """Check ``action`` as its dock is shown or hidden, without toggling it back."""
        if action is not None and action.isChecked() != visible:
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)

    def toggle_panel(self, visible: bool) -> None:
        panel = self.ensure_panel()
        panel.setVisible(visible)
        if visible:
            panel.raise_()

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
