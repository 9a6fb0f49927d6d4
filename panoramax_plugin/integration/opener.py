"""Open a picture or a sequence in the plugin's viewer from outside it (the locator, layer
actions), and bring the map to it once it shows.

The viewer reads the item in its own background jobs; nothing here touches the network.
The map sync of the viewer moves the marker and the cone but pans only when "follow" is
on, so the map is centred here, when the asked picture arrives (``picture_shown``).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsSettings,
)
from qgis.PyQt.QtCore import QObject

from ..core.errors import InvalidInstanceUrl
from ..core.instances import known_instance, normalize_api_url
from ..settings import PREFIX, PluginSettings

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ALWAYS, IF_OUTSIDE = "always", "if_outside"


def current_api_url() -> str | None:
    """The API URL of the instance chosen in the plugin (its settings), None when the
    custom URL typed there is not valid. Readable from any thread (QgsSettings)."""
    store = QgsSettings()
    defaults = PluginSettings()
    key = str(store.value(PREFIX + "instance_key", defaults.instance_key) or "")
    known = known_instance(key)
    if known is not None:
        return known.api_url
    try:
        return normalize_api_url(str(store.value(PREFIX + "custom_url", "") or ""))
    except InvalidInstanceUrl:
        return None


class PictureOpener(QObject):
    """``open_picture`` / ``open_sequence`` in the viewer (made and shown on demand)."""

    def __init__(self, viewer_provider, canvas, parent=None):
        super().__init__(parent)
        self.viewer_provider = viewer_provider  # () -> ViewerController
        self.canvas = canvas
        self._watched = None  # the viewer whose picture_shown is connected
        self._pending = None  # (picture id | None, sequence id | None, how to centre)

    def _viewer(self):
        viewer = self.viewer_provider()
        if viewer is not self._watched:
            viewer.picture_shown.connect(self._on_shown)
            self._watched = viewer
        viewer.dock.setVisible(True)  # the plugin's viewer action follows the dock
        viewer.dock.raise_()
        return viewer

    def open_picture(self, picture_id, sequence_id=None, api_url=None, centre=ALWAYS):
        viewer = self._viewer()
        self._pending = (picture_id, None, centre)  # before: a prefetched one shows at once
        return viewer.open_id(picture_id, sequence_id or None, api_url or None)

    def open_sequence(self, sequence_id, api_url=None, centre=ALWAYS):
        viewer = self._viewer()
        self._pending = (None, sequence_id, centre)
        return viewer.open_sequence(sequence_id, api_url or None)

    def _on_shown(self, picture) -> None:
        try:
            if self._pending is None:
                return
            picture_id, sequence_id, centre = self._pending
            if picture_id is not None and picture.id != picture_id:
                return
            if picture_id is None and picture.sequence_id != sequence_id:
                return
            self._pending = None
            self.centre_on(picture.lon, picture.lat, only_if_outside=centre == IF_OUTSIDE)
        except Exception:  # a slot: an escaping exception aborts QGIS 3.22
            self._pending = None

    def centre_on(self, lon: float, lat: float, only_if_outside: bool = False) -> None:
        crs = self.canvas.mapSettings().destinationCrs()
        point = QgsCoordinateTransform(WGS84, crs, QgsProject.instance()).transform(
            QgsPointXY(lon, lat)
        )
        if only_if_outside and self.canvas.extent().contains(point):
            return
        self.canvas.setCenter(point)
        self.canvas.refresh()

    def forget(self) -> None:
        if self._watched is not None:
            try:
                self._watched.picture_shown.disconnect(self._on_shown)
            except (TypeError, RuntimeError):  # already gone with the viewer
                pass
        self._watched = self._pending = None
