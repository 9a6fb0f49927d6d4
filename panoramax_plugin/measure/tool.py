"""The viewer's measure tool: clicks in the picture become rays, positions, distances and
heights, drawn on the map and in the picture, ready to go into the user's layer.

Glue only: the geometry is ``core.measure_session`` (pure Python), the marks are
:mod:`.map_items` (map) and the overlay's extra markers (picture), the words
:mod:`.panel`. Main thread; every slot reports its failure instead of raising.
"""

from __future__ import annotations

import math

from qgis.core import Qgis
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.measure_session import MeasureSession, PictureClick
from ..viewer.click_direction import click_direction
from ..viewer.overlay import OverlayMarker
from .layer_box import LayerBox
from .map_items import MeasureMapItems, ray_length_m
from .panel import MeasurePanel
from .terrain import raster_terrain

RAY_MARKER_STEP_M = 2.0
"""Spacing of the points that draw another picture's ray in the picture shown."""
RAY_COLOR = (25, 113, 194)
POINT_COLOR = (224, 49, 49)
RAY_CHAIN_BASE = 900_000  # chain ids of the rays' markers: apart from layer features'


class MeasureTool(QObject):
    """Measure mode of one viewer (``ViewerController``)."""

    changed = pyqtSignal(object)  # MeasureState, after every click or mode change

    def __init__(self, viewer, canvas, logger, settings, parent=None):
        super().__init__(parent)
        self.viewer = viewer
        self.dock = viewer.dock
        self.logger = logger
        self.settings = settings
        self.session = MeasureSession(camera_height_m=self._camera_height())
        self.map_items = MeasureMapItems(canvas)
        self.active = False
        self.terrain_layer = None
        self.panel = MeasurePanel(self.session.camera_height_m, self.dock.measure_area)
        self.dock.measure_area.layout().addWidget(self.panel)
        self.layer_box = LayerBox(self.panel)
        self.panel.layer_area.addWidget(self.layer_box)
        self.layer_box.message.connect(lambda text, level: self.logger.log(text, level, push=True))
        self.panel.mode_changed.connect(self.set_mode)
        self.panel.clear_requested.connect(self.clear)
        self.panel.camera_height_changed.connect(self._on_camera_height)
        self.panel.terrain_changed.connect(self.set_terrain)
        self.dock.measure_button.toggled.connect(self.set_active)
        for view in (self.dock.pano_view, self.dock.flat_view):
            view.picture_clicked.connect(lambda pos, view=view: self.on_click(view, pos))
        self.panel.show_state(self.session.state)

    def _camera_height(self) -> float:
        value = float(getattr(self.settings, "camera_height_m", 2.0) or 2.0)
        return value if math.isfinite(value) and value > 0.0 else 2.0

    # --- what the dock and tests call --------------------------------------------------

    def set_active(self, active: bool) -> None:
        """Measure mode on or off: clicks in the picture measure; marks shown or removed."""
        self.active = bool(active)
        self.dock.measure_area.setVisible(self.active)
        for view in (self.dock.pano_view, self.dock.flat_view):
            view.set_measuring(self.active)
        if self.dock.measure_button.isChecked() != self.active:
            self.dock.measure_button.setChecked(self.active)
        self._show()

    def set_mode(self, mode: str) -> None:
        self._guarded(lambda: self.session.set_mode(mode))
        self._show()

    def clear(self) -> None:
        self.session.clear()
        self._show()

    def set_terrain(self, layer) -> None:
        """Measure on ``layer`` (a DEM raster), or flat ground when None or unusable."""
        terrain = raster_terrain(layer) if layer is not None else None
        if layer is not None and terrain is None:
            self.logger.warning(
                self.tr("{name} cannot be read as a terrain model: flat ground is used.").format(
                    name=layer.name()
                )
            )
        self.terrain_layer = layer if terrain is not None else None
        self.session.terrain = terrain

    def _on_camera_height(self, value: float) -> None:
        self.session.camera_height_m = float(value)
        self.viewer.overlay.scene.set_camera_height(float(value))  # markers follow
        setter = getattr(self.settings, "set_and_save", None)
        if setter is not None:
            self._guarded(lambda: setter("camera_height_m", float(value)))

    def on_click(self, view, position) -> None:
        """A click at widget ``position`` of ``view`` while measuring."""
        self._guarded(lambda: self._click(view, position.x(), position.y()))

    def click_at(self, x: float, y: float):
        """Click the view shown at widget ``(x, y)`` (tests, scripts); the new state."""
        view = self.dock.stack.currentWidget()
        self._click(view, x, y)
        return self.session.state

    # --- inside ------------------------------------------------------------------------

    def _click(self, view, x: float, y: float) -> None:
        if not self.active:
            return
        picture = self.viewer.current
        pose = view.overlay_pose() if picture is not None else None
        if pose is None:
            self.session.state.message = self.tr("Open a picture first.")
            self._show()
            return
        direction = click_direction(pose, x, y, picture.field_of_view)
        if direction is None:
            self.session.state.message = self.tr(
                "The click is outside the picture: click on the object in the picture."
            )
            self.session.state.notice = ""
            self._show()
            return
        self.session.instance = picture.home_url or picture.instance_url or self.viewer.api_url
        click = PictureClick(
            picture.id,
            picture.lon,
            picture.lat,
            picture.heading,
            direction[0],
            direction[1],
            picture.horizontal_accuracy,
            picture.captured_at,
        )
        self.session.click(click)
        self._show()

    def _show(self) -> None:
        state = self.session.state
        self.panel.show_state(state)
        if self.active:
            self.map_items.show(state)
            self.viewer.overlay.set_measure_markers(self._picture_markers(state))
        else:
            self.map_items.clear()
            self.viewer.overlay.set_measure_markers([])
        self.layer_box.set_observation(self.session.observation() if self.active else None)
        self.changed.emit(state)

    def _picture_markers(self, state) -> list:
        """The rays (of the other pictures) and the point found, to draw in the picture."""
        markers = []
        current = self.viewer.current
        for index, ray in enumerate(state.rays):
            if current is not None and ray.picture_id == current.id:
                continue
            length = ray_length_m(state, index)
            steps = max(2, int(length / RAY_MARKER_STEP_M))
            slope = math.tan(math.radians(ray.pitch))
            for k in range(1, steps + 1):
                s = length * k / steps
                lon, lat = ray.point_at(s)
                markers.append(
                    OverlayMarker(
                        lon,
                        lat,
                        max(ray.camera_height_m + s * slope, 0.0),
                        label=self.tr("ray {number}").format(number=index + 1)
                        if k == steps
                        else "",
                        color=RAY_COLOR,
                        chain=RAY_CHAIN_BASE + index,
                    )
                )
        place = None
        if state.triangulation is not None:
            result = state.triangulation
            place = (result.lon, result.lat, result.height_m or 0.0)
        elif state.ground is not None:
            place = (state.ground.lon, state.ground.lat, 0.0)
        if place is not None:
            markers.append(
                OverlayMarker(
                    place[0],
                    place[1],
                    max(place[2], 0.0),
                    label=self.tr("measured"),
                    color=POINT_COLOR,
                )
            )
        return markers

    def _guarded(self, call) -> None:
        try:
            call()
        except Exception as error:  # a slot: nothing may escape
            self.logger.log(
                self.tr("Measure failed: {error}").format(error=error), Qgis.MessageLevel.Warning
            )
            self.session.state.message = str(error)

    def unload(self) -> None:
        self.map_items.clear()
