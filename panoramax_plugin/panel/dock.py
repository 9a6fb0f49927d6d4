"""The Panoramax dock: choose an instance, check that it answers, browse it.

The picked instance becomes the plugin's current instance (``CurrentInstance``)
when it is used: connected, browsed, viewed or uploaded to.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..background.core_task import CoreTask, start_task
from ..browse.box import BrowseBox
from ..browse.controller import BrowseController
from ..browse.tagged_box import TaggedBox
from ..browse.tagged_controller import TaggedController
from ..core.client import PanoramaxClient
from ..core.errors import InvalidInstanceUrl, PanoramaxError
from ..current_instance import CurrentInstance
from ..mine.box import MineBox
from ..network.session import qgis_http_client
from ..settings import PluginSettings
from .instance_picker import CUSTOM_KEY, InstancePicker


def discover_instance(api_url: str, read_only: bool, timeout: float):
    """Work of the connection check (runs in a task): landing page, then configuration."""

    def work(task):
        client = PanoramaxClient(api_url, http=qgis_http_client(timeout), read_only=read_only)
        instance = client.discover()
        task.setProgress(50)
        try:
            configuration = client.configuration()
        except PanoramaxError:
            configuration = {}  # the federated catalog has no /configuration
        task.setProgress(100)
        return instance, configuration

    return work


class PanoramaxPanel(QDockWidget):
    """Dock with the instance picker, a Connect button and the instance's status."""

    connected = pyqtSignal(object, dict)  # Instance, configuration

    def __init__(self, logger, canvas=None, parent=None, current: CurrentInstance | None = None):
        super().__init__(parent)
        self.current = current if current is not None else CurrentInstance(self)
        self.setWindowTitle(self.tr("Panoramax"))
        self.setObjectName("PanoramaxPanel")
        self.logger = logger
        self.settings = PluginSettings.load()
        self.task: CoreTask | None = None
        self.instance = None

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(self.tr("Instance"), body))
        self.picker = InstancePicker(body)
        self.picker.set_selection(self.settings.instance_key, self.settings.custom_url)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect"), body)
        self.connect_button.setToolTip(self.tr("Check that the instance answers"))
        row.addWidget(self.connect_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status_label = QLabel(self.tr("Not connected."), body)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # server text is never HTML
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.browse_box = BrowseBox(body)
        layout.addWidget(self.browse_box)
        # tagged pictures (#14): the extent's pictures matching a tag filter, as a layer
        self.tagged_box = TaggedBox(body)
        layout.addWidget(self.tagged_box)
        # "My pictures" (#15): the signed-in account's own sequences and pictures
        self.mine_box = MineBox(logger, self.current, body, canvas=canvas)
        layout.addWidget(self.mine_box)
        layout.addStretch(1)
        self.setWidget(body)

        self.connect_button.clicked.connect(self.connect_instance)
        self.picker.changed.connect(self._remember_choice)
        self.controller = None
        self.tagged = None
        if canvas is not None:
            self._wire_browse(canvas)

    # ------------------------------------------------------------------ browse
    def _wire_browse(self, canvas) -> None:
        self.controller = BrowseController(canvas, self.logger, self.settings, self)
        box = self.browse_box
        box.load_requested.connect(self.load_in_view)
        box.cancel_requested.connect(self.controller.cancel)
        box.auto_refresh_toggled.connect(self._set_auto_refresh)
        box.coverage_toggled.connect(self._set_coverage)
        box.filters_changed.connect(self.controller.set_filters)
        box.ceiling.setValue(int(self.settings.search_ceiling))
        box.ceiling_changed.connect(self._set_ceiling)
        self.controller.loading_changed.connect(box.set_loading)
        self.controller.message.connect(self._browse_message)
        self.current.changed.connect(self.controller.follow)
        # restore the choices without acting on them: nothing goes on the network until
        # the user connects or loads
        for checkbox, value in (
            (box.coverage, self.settings.show_coverage),
            (box.auto_refresh, self.settings.auto_refresh),
        ):
            checkbox.blockSignals(True)
            checkbox.setChecked(value)
            checkbox.blockSignals(False)
        self.controller.coverage_wanted = self.settings.show_coverage
        self.tagged = TaggedController(self.controller, self)
        self.tagged_box.load_requested.connect(self.load_tagged_in_view)
        self.tagged_box.cancel_requested.connect(self.tagged.cancel)
        self.tagged_box.refused.connect(lambda text: self._tagged_message("warning", text))
        self.tagged.loading_changed.connect(self.tagged_box.set_loading)
        self.tagged.message.connect(self._tagged_message)

    def select_instance(self, report: bool = True) -> bool:
        """Make the picked instance the current one; False if invalid (and, with
        ``report``, a message saying why)."""
        try:
            api_url = self.picker.api_url()
        except InvalidInstanceUrl as exc:
            if report:
                self._show_error(exc)
            return False
        self.current.choose(api_url, self.picker.read_only())
        return True

    def _select_instance(self) -> bool:
        """``select_instance`` for browsing: auto-refresh resumes once it is valid."""
        if not self.select_instance():
            return False
        if self.browse_box.auto_refresh.isChecked() and not self.controller.auto_refresh:
            self.controller.set_auto_refresh(True)
        return True

    def load_in_view(self):
        if self.controller is None or not self._select_instance():
            return None
        return self.controller.load_in_view()

    def load_tagged_in_view(self, query, annotations: bool = False):
        """A slot: the controller reports its own errors."""
        if self.tagged is None or not self.select_instance():
            return None
        return self.tagged.load_in_view(query, annotations)

    def _tagged_message(self, level: str, text: str) -> None:
        self.tagged_box.status.setText(text)
        {
            "info": self.logger.info,
            "success": self.logger.success,
            "warning": self.logger.warning,
            "critical": self.logger.error,
        }[level](text)

    def _set_auto_refresh(self, enabled: bool) -> None:
        self.settings.auto_refresh = enabled
        self.settings.save()
        if enabled and not self._select_instance():
            return
        self.controller.set_auto_refresh(enabled)

    def _set_coverage(self, enabled: bool) -> None:
        self.settings.show_coverage = enabled
        self.settings.save()
        if not self._select_instance():
            return
        if not self.controller.show_coverage(enabled) and enabled:
            self.connect_instance()  # the coverage is added once the instance answers

    def _set_ceiling(self, value: int) -> None:
        self.settings.search_ceiling = int(value)
        self.settings.save()

    def _browse_message(self, level: str, text: str) -> None:
        self.browse_box.status.setText(text)
        {
            "info": self.logger.info,
            "success": self.logger.success,
            "warning": self.logger.warning,
            "critical": self.logger.error,
        }[level](text)

    def unload(self) -> None:
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:
                pass
        self.mine_box.unload()
        if self.tagged is not None:
            self.tagged.unload()
        if self.controller is not None:
            self.controller.unload()

    def _remember_choice(self) -> None:
        self.settings.instance_key = self.picker.key()
        if self.picker.key() == CUSTOM_KEY:
            self.settings.custom_url = self.picker.custom_url()
        self.settings.save()

    def connect_instance(self) -> CoreTask | None:
        """Start the connection check in the background; returns the task."""
        try:
            api_url = self.picker.api_url()
        except InvalidInstanceUrl as exc:
            self._show_error(exc)
            return None
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:  # the C++ task is already gone
                pass
        self.status_label.setText(self.tr("Connecting to {url}…").format(url=api_url))
        self.connect_button.setEnabled(False)
        self.task = CoreTask(
            self.tr("Connecting to Panoramax instance"),
            discover_instance(api_url, self.picker.read_only(), self.settings.timeout_s),
            on_done=self._on_connected,
            on_error=self._show_error,
        )
        self.task.taskTerminated.connect(lambda: self.connect_button.setEnabled(True))
        return start_task(self.task)

    def _on_connected(self, result) -> None:
        instance, configuration = result
        self.instance = instance
        self.connect_button.setEnabled(True)
        auth = configuration.get("auth") if isinstance(configuration, dict) else None
        if isinstance(auth, dict) and auth.get("enabled"):
            auth_text = self.tr("sign-in available")
        elif isinstance(auth, dict):
            auth_text = self.tr(
                "no browser sign-in on this instance (a token of your account still works)"
            )
        else:
            auth_text = self.tr("read-only catalog")
        licence = (configuration.get("license") or {}).get("id") if configuration else None
        lines = [
            self.tr("Connected to {title}.").format(title=instance.title or instance.api_url),
            self.tr("API: {url}").format(url=instance.api_url),
        ]
        if instance.version:
            lines.append(self.tr("GeoVisio version {version}").format(version=instance.version))
        lines.append(auth_text)
        if licence:
            lines.append(self.tr("Pictures licence: {licence}").format(licence=licence))
        self.status_label.setText("\n".join(lines))
        self.logger.info(lines[0] + " " + lines[1])
        self.current.discovered(instance, configuration or {})
        self.connected.emit(instance, configuration or {})

    def _show_error(self, error) -> None:
        self.connect_button.setEnabled(True)
        message = (
            str(error)
            if isinstance(error, PanoramaxError)
            else self.tr("Unexpected error: {error}").format(error=error)
        )
        self.status_label.setText(message)
        self.logger.error(message)
