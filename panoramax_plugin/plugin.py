"""Plugin entry: actions, toolbar, menu, dock lifecycle and a clean unload."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox

from .__about__ import PLUGIN_ROOT, __title__, __version__
from .core.dependencies import missing_packages, pip_command
from .log import PluginLogger
from .panel.dock import PanoramaxPanel
from .translation import install_translator, remove_translator

ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "panoramax.svg"
VIEWER_ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "viewer.svg"
PICK_ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "pick.svg"
UPLOAD_ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "upload.svg"


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
        self.upload_action: QAction | None = None
        self.upload_dialog = None
        self._selecting = False

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
        self.viewer_action = self._add_action(
            QIcon(str(VIEWER_ICON_PATH)),
            self.tr("Picture viewer"),
            self.toggle_viewer,
            checkable=True,
            tip=self.tr("Show or hide the Panoramax picture viewer"),
        )
        self.pick_action = self._add_action(
            QIcon(str(PICK_ICON_PATH)),
            self.tr("Open the picture clicked on the map"),
            self.toggle_pick_tool,
            checkable=True,
            tip=self.tr("Click near a picture or a sequence on the map to open it"),
        )
        self.upload_action = self._add_action(
            QIcon(str(UPLOAD_ICON_PATH)),
            self.tr("Upload pictures…"),
            self.open_upload,
            tip=self.tr("Send pictures from your computer to the Panoramax instance"),
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
        self.panel_action = self.viewer_action = self.pick_action = None
        if self.pick_tool is not None:
            if self.iface.mapCanvas().mapTool() is self.pick_tool:
                self.iface.mapCanvas().unsetMapTool(self.pick_tool)
            self.pick_tool.deleteLater()
            self.pick_tool = None
        if self.upload_dialog is not None:
            self.upload_dialog.cancel_sign_in()
            if self.upload_dialog.task is not None:
                self.upload_dialog.task.cancel()  # state is kept: the next run resumes
            self.upload_dialog.close()
            self.upload_dialog.deleteLater()
            self.upload_dialog = None
        if self.viewer is not None:
            self.viewer.unload()
            self.viewer.deleteLater()
            self.viewer = None
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

    # ------------------------------------------------------------------ viewer
    def ensure_viewer(self):
        """The viewer dock and its controller, made on first use."""
        if self.viewer is None:
            from .settings import PluginSettings
            from .viewer.controller import ViewerController
            from .viewer.dock import ViewerDock

            panel = self.ensure_panel()
            self.viewer_dock = ViewerDock(self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.viewer_dock)
            self.viewer = ViewerController(
                self.viewer_dock,
                self.iface.mapCanvas(),
                self.logger,
                PluginSettings.load(),
                select_picture=self._highlight_picture,
            )
            self.viewer_dock.visibilityChanged.connect(
                lambda visible: self._sync_action(self.viewer_action, visible)
            )
            panel.connected.connect(
                lambda instance, configuration: self.viewer.set_instance(instance.api_url, instance)
            )
            panel.controller.layers_created.connect(self._watch_pictures_layer)
            for layers in panel.controller.layers.values():
                self._watch_pictures_layer(layers)
        self._point_viewer_at_panel_instance()
        return self.viewer

    def _point_viewer_at_panel_instance(self) -> None:
        try:
            api_url = self.panel.picker.api_url()
        except Exception:  # an invalid custom URL: the viewer keeps its instance
            return
        if self.viewer.api_url is None or self.viewer.api_url != api_url:
            self.viewer.set_instance(api_url, self.panel.controller.instance)

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

    def open_upload(self):
        """The upload dialog for the panel's instance (one dialog per instance at a time)."""
        panel = self.ensure_panel()
        try:
            api_url = panel.picker.api_url()
        except Exception as exc:  # an invalid custom URL
            self.logger.error(str(exc))
            return None
        if panel.picker.read_only():
            self.logger.warning(
                self.tr(
                    "This catalog only gathers other instances: choose the instance you "
                    "upload to (e.g. IGN or OpenStreetMap France) in the Panoramax panel."
                )
            )
            return None
        from .settings import PluginSettings
        from .upload.dialog import UploadDialog

        if self.upload_dialog is not None and self.upload_dialog.api_url != api_url.rstrip("/"):
            if self.upload_dialog.task is None:
                self.upload_dialog.deleteLater()
                self.upload_dialog = None
        if self.upload_dialog is None:
            self.upload_dialog = UploadDialog(
                api_url,
                self.logger,
                PluginSettings.load(),
                self.iface.mainWindow(),
                on_sequences=self._show_uploaded,
            )
        self.upload_dialog.show()
        self.upload_dialog.raise_()
        return self.upload_dialog

    def _show_uploaded(self, api_url: str, sequence_ids, report_layer) -> None:
        """Zoom to what was sent and load it in the browse layers.

        The box gets a margin in degrees: one picture, or a walk due east, has an
        extent of zero height that QGIS calls empty.
        """
        if report_layer is None:
            return
        box = QgsRectangle()
        for feature in report_layer.getFeatures():
            if not feature.geometry().isNull():
                box.combineExtentWith(feature.geometry().boundingBox())
        if box.isNull():
            return
        margin = 0.0005  # about 50 m
        bbox = (
            box.xMinimum() - margin,
            box.yMinimum() - margin,
            box.xMaximum() + margin,
            box.yMaximum() + margin,
        )
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(
            report_layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        canvas.setExtent(transform.transformBoundingBox(QgsRectangle(*bbox)))
        canvas.refresh()
        panel = self.panel
        if panel is not None and panel.picker.api_url().rstrip("/") == api_url.rstrip("/"):
            if panel.controller.api_url != panel.picker.api_url():
                panel.controller.set_instance(panel.picker.api_url())
            panel.controller.load_bbox(bbox)

    def toggle_pick_tool(self, enabled: bool) -> None:
        canvas = self.iface.mapCanvas()
        if enabled:
            if self.pick_tool is None:
                from .viewer.map_tool import PicturePickTool

                self.pick_tool = PicturePickTool(canvas, self._browse_layers)
                self.pick_tool.picked.connect(lambda pid, sid: self.open_picture(pid, sid))
                self.pick_tool.search_at.connect(self._search_and_open)
                self.pick_tool.setAction(self.pick_action)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None and canvas.mapTool() is self.pick_tool:
            canvas.unsetMapTool(self.pick_tool)

    def _browse_layers(self):
        layers = self.panel.controller.current_layers() if self.panel else None
        if layers is None:
            return None, None
        return layers.pictures.layer, layers.sequences.layer

    def _search_and_open(self, lon: float, lat: float, radius: float) -> None:
        """No layer near the click: ask the instance for the nearest picture there."""
        from .background.core_task import CoreTask
        from .core.client import PanoramaxClient
        from .network.session import qgis_http_client

        viewer = self.ensure_viewer()
        api_url = viewer.api_url
        if not api_url:
            return
        bbox = (lon - radius, lat - radius, lon + radius, lat + radius)
        timeout = viewer.settings.timeout_s

        def work(task):
            result = PanoramaxClient(api_url, http=qgis_http_client(timeout)).search(
                bbox=bbox, limit=1
            )
            return result.pictures[0] if result.pictures else None

        def done(picture):
            if picture is None:
                self.logger.info(self.tr("No Panoramax picture there."), push=True)
            else:
                self.open_picture(picture.id, picture.sequence_id)

        self._pick_search = CoreTask(
            self.tr("Looking for a Panoramax picture"),
            work,
            on_done=done,
            on_error=lambda error: self.logger.error(str(error)),
        )
        QgsApplication.taskManager().addTask(self._pick_search)

    def _watch_pictures_layer(self, layers) -> None:
        """Selecting one picture in the layer (attribute table, identify) opens it."""
        layer = layers.pictures.layer

        def on_selection(selected, deselected, clear_and_select):
            if self._selecting or len(selected) != 1 or layer.selectedFeatureCount() != 1:
                return
            feature = layer.getFeature(selected[0])
            if feature.isValid():
                self.open_picture(feature["id"], feature["sequence_id"], layers.api_url)

        layer.selectionChanged.connect(on_selection)

    def _highlight_picture(self, picture_id: str) -> None:
        layers = self.panel.controller.current_layers() if self.panel else None
        if layers is None:
            return
        fid = layers.pictures.feature_id(picture_id)
        self._selecting = True
        try:
            layers.pictures.layer.selectByIds([fid] if fid is not None else [])
        finally:
            self._selecting = False

    @staticmethod
    def _sync_action(action, visible: bool) -> None:
        if action is not None and action.isChecked() != visible:
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)

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
