"""Panoramax for other plugins and the Python console. Every public name here is a
promise (``tests/qgis/test_public_api.py`` holds us to it).

From the console, with the plugin enabled::

    from qgis.utils import plugins
    pano = plugins["panoramax_workbench"].api
    pano.open_picture("<picture id>", toward=(2.3522, 48.8566))
    pano.picture_changed.connect(lambda picture: print(picture.id, picture.lon, picture.lat))

or, from another plugin: ``from panoramax_workbench.panoramax_plugin import api`` then
``api.running().open_picture(...)`` (``running()`` raises ``RuntimeError`` while the
Panoramax plugin is not loaded).

Values are plain frozen dataclasses (``PictureInfo``, ``CameraInfo``): positions in
WGS84 degrees, angles in degrees clockwise from north, times timezone-aware.
Everything runs on the main thread, except ``search_pictures`` (see there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qgis.PyQt.QtCore import QObject, pyqtSignal

__all__ = [
    "CameraInfo",
    "PanoramaxApi",
    "PictureInfo",
    "running",
]


@dataclass(frozen=True)
class PictureInfo:
    """One Panoramax picture."""

    id: str
    sequence_id: str | None
    lon: float
    lat: float
    heading: float | None  # the camera's direction at capture, degrees from north
    captured_at: datetime | None
    instance_url: str | None  # the API root it was read from (``https://host/api``)
    is_360: bool = False
    thumb_url: str | None = None

    @classmethod
    def of(cls, picture) -> PictureInfo:
        """From the plugin's own picture model."""
        return cls(
            id=picture.id,
            sequence_id=picture.sequence_id,
            lon=float(picture.lon),
            lat=float(picture.lat),
            heading=None if picture.heading is None else float(picture.heading),
            captured_at=picture.captured_at,
            instance_url=picture.instance_url,
            is_360=bool(picture.is_360),
            thumb_url=picture.asset_url("thumb"),
        )


@dataclass(frozen=True)
class CameraInfo:
    """Where the viewer looks: ``yaw`` and ``pitch`` relative to the picture (0, 0 is
    straight ahead), ``hfov`` its horizontal field of view and ``map_bearing`` the
    direction on the map (degrees from north). A flat picture looks along its heading."""

    yaw: float
    pitch: float
    hfov: float
    map_bearing: float | None


def _point(toward) -> tuple[float, float]:
    """(lon, lat) of a (lon, lat) pair, a ``QgsPointXY``/``QgsPoint`` or a ``QgsGeometry``
    (its centroid), all in WGS84."""
    if toward is None:
        raise ValueError("no point")
    if isinstance(toward, (tuple, list)) and len(toward) == 2:
        lon, lat = float(toward[0]), float(toward[1])
    elif hasattr(toward, "centroid") and hasattr(toward, "isEmpty"):  # QgsGeometry
        if toward.isEmpty():
            raise ValueError("the geometry is empty")
        point = toward.centroid().asPoint()
        lon, lat = point.x(), point.y()
    elif hasattr(toward, "x") and hasattr(toward, "y"):
        lon, lat = float(toward.x()), float(toward.y())
    else:
        raise TypeError("toward: a (lon, lat) pair, a QgsPointXY or a QgsGeometry in WGS84")
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise ValueError(f"({lon}, {lat}) is not a WGS84 longitude, latitude")
    return lon, lat


def _bbox(extent) -> tuple[float, float, float, float]:
    if hasattr(extent, "xMinimum"):  # QgsRectangle
        box = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    else:
        box = tuple(float(v) for v in extent)
        if len(box) != 4:
            raise ValueError("extent_wgs84: (min lon, min lat, max lon, max lat)")
    west, south, east, north = box
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"{box} is not a WGS84 extent (min lon, min lat, max lon, max lat)")
    return box


class PanoramaxApi(QObject):
    """What the running plugin offers to others (``plugins[...].api``)."""

    picture_changed = pyqtSignal(object)
    """``PictureInfo`` of each picture the viewer shows (main thread)."""

    def __init__(self, plugin, parent=None):
        super().__init__(parent)
        self._plugin = plugin
        self._viewer = None

    # ------------------------------------------------------------------ wiring
    def watch(self, viewer) -> None:
        """Follow ``viewer`` (the plugin calls this when it makes its viewer)."""
        if viewer is self._viewer:
            return
        self._viewer = viewer
        viewer.picture_shown.connect(self._on_picture)

    def _on_picture(self, picture) -> None:
        try:
            self.picture_changed.emit(PictureInfo.of(picture))
        except Exception:  # a listener's error never leaves a Qt slot
            import traceback

            from qgis.core import Qgis, QgsMessageLog

            QgsMessageLog.logMessage(traceback.format_exc(), "Panoramax", Qgis.MessageLevel.Warning)

    def close(self) -> None:
        """Stop following the viewer (plugin unload)."""
        if self._viewer is not None:
            try:
                self._viewer.picture_shown.disconnect(self._on_picture)
            except (TypeError, RuntimeError):
                pass
        self._viewer = None
        self._plugin = None

    def _running_plugin(self):
        if self._plugin is None:
            raise RuntimeError("The Panoramax plugin is not running any more.")
        return self._plugin

    # ------------------------------------------------------------------ the viewer
    def open_picture(self, picture_id: str, instance: str | None = None, toward=None) -> None:
        """Show picture ``picture_id`` in the viewer (opened if needed), in the background.

        ``instance``: a known key (``ign``, ``osm-fr``, ``federated``) or any instance
        URL; None: the instance chosen in the panel. ``toward``: a point to turn the
        picture toward ((lon, lat), ``QgsPointXY`` or ``QgsGeometry``, WGS84); None: the
        picture opens looking ahead. Bad arguments raise ``ValueError``/``TypeError``
        before anything happens; ``picture_changed`` tells when the picture shows.
        """
        from .core.instances import resolve_instance_url
        from .core.look_at import LookTarget

        if not isinstance(picture_id, str) or not picture_id.strip():
            raise ValueError("picture_id: the id of a Panoramax picture")
        api_url = resolve_instance_url(instance) if instance else None
        target = LookTarget(*_point(toward)) if toward is not None else None
        plugin = self._running_plugin()
        viewer = plugin.ensure_viewer()
        self.watch(viewer)
        viewer.look_at(target)
        plugin.open_picture(picture_id.strip(), None, api_url)

    def current_picture(self) -> PictureInfo | None:
        """The picture the viewer shows, None when none is (or the viewer is not open)."""
        viewer = self._plugin.viewer if self._plugin is not None else None
        if viewer is None or viewer.current is None:
            return None
        return PictureInfo.of(viewer.current)

    def current_camera(self) -> CameraInfo | None:
        """Where the viewer looks now; None without a picture."""
        viewer = self._plugin.viewer if self._plugin is not None else None
        if viewer is None or viewer.current is None:
            return None
        picture, camera = viewer.current, viewer.camera
        if picture.is_360:
            bearing = camera.map_bearing(picture.heading)
            return CameraInfo(camera.yaw, camera.pitch, camera.hfov, bearing)
        hfov = float(picture.field_of_view or 0.0) or None
        return CameraInfo(0.0, 0.0, hfov, picture.heading)

    # ------------------------------------------------------------------ searching
    def search_pictures(
        self,
        extent_wgs84,
        instance: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        max_pictures: int = 10_000,
        timeout_s: float | None = None,
        is_canceled=None,
    ) -> list:
        """The pictures (``PictureInfo``) in ``extent_wgs84`` (a ``QgsRectangle`` or
        (min lon, min lat, max lon, max lat)), captured between ``start`` and ``end``,
        at most ``max_pictures`` of them.

        **Blocking**, through QGIS's network settings: fine in a ``QgsTask``, a
        Processing algorithm or a script; on the main thread (the console) QGIS freezes
        until it is done, so keep to small areas there. The server answers at most
        10,000 pictures a request: a larger area is split in smaller ones. Raises the
        plugin's ``PanoramaxError`` (with a readable message) when the instance fails.
        """
        from .core.area_search import SearchFilters, search_area
        from .core.client import PanoramaxClient
        from .core.instances import resolve_instance_url
        from .network.session import qgis_http_client
        from .settings import PluginSettings

        bbox = _bbox(extent_wgs84)
        settings = PluginSettings.load()
        if instance:
            api_url = resolve_instance_url(instance)
        else:
            api_url = self._plugin.current.api_url if self._plugin is not None else None
            if not api_url:
                key = settings.instance_key
                api_url = resolve_instance_url(settings.custom_url if key == "custom" else key)
        client = PanoramaxClient(api_url, http=qgis_http_client(timeout_s or settings.timeout_s))
        found: list = []
        search_area(
            client,
            bbox,
            SearchFilters(start=start, end=end),
            ceiling=max(1, int(max_pictures)),
            on_batch=lambda pictures: found.extend(PictureInfo.of(p) for p in pictures),
            is_canceled=is_canceled,
        )
        return found[: max(1, int(max_pictures))]


_RUNNING: PanoramaxApi | None = None


def running() -> PanoramaxApi:
    """The API of the running Panoramax plugin (``RuntimeError`` when it is not loaded)."""
    if _RUNNING is None:
        raise RuntimeError("The Panoramax plugin is not loaded: enable it in the Plugins manager.")
    return _RUNNING


def install(plugin) -> PanoramaxApi:
    """Made by the plugin in ``initGui``: its ``api``, and ``running()``'s answer."""
    global _RUNNING
    _RUNNING = PanoramaxApi(plugin)
    return _RUNNING


def uninstall(api: PanoramaxApi | None) -> None:
    """The plugin's ``unload``: ``running()`` raises again."""
    global _RUNNING
    if api is not None:
        api.close()
    if _RUNNING is api:
        _RUNNING = None
