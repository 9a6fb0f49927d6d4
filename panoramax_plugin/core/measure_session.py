"""One measure in progress: the clicks made so far and what they give. Pure Python.

Three modes, the viewer's measure tool drives them with one call per click
(:meth:`MeasureSession.click`):

* ``triangulate``: each click in a picture adds a ray; from two pictures on, the object's
  position is triangulated (a click again in the same picture replaces its ray, and says so);
* ``distance``: a click on the ground gives its position and distance from the camera;
* ``height``: a click at the object's foot, then one at its top, give its height.

The session keeps what was clicked whatever happens: a refused triangulation leaves the rays
in place so the user can add a better picture; the result and the message say why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from . import observation as records
from .i18n import translate
from .single_measure import ground_point, object_height
from .triangulation import MeasureError, Ray, triangulate

TRIANGULATE, DISTANCE, HEIGHT = "triangulate", "distance", "height"
MODES = (TRIANGULATE, DISTANCE, HEIGHT)
LONE_RAY_M = 30.0
"""Length of a lone ray (no second picture yet) on the map and in a line layer."""


@dataclass(frozen=True)
class PictureClick:
    """A click in a picture: the picture's pose and the clicked direction.

    ``yaw``: from the picture's centre column (degrees, clockwise); ``pitch``: above the
    horizon. ``heading`` None: the picture's orientation is unknown.
    """

    picture_id: str
    lon: float
    lat: float
    heading: Optional[float]
    yaw: float
    pitch: float
    accuracy_m: Optional[float] = None
    captured_at: object = None


@dataclass
class MeasureState:
    """What the session shows after a click: the rays, the result, the messages."""

    mode: str
    rays: list = field(default_factory=list)
    triangulation: object = None
    ground: object = None
    height: object = None
    message: str = ""
    """Why there is no result, or what to click next."""
    notice: str = ""
    """Something the user should know about the last click (a replaced ray)."""


class MeasureSession:
    """The clicks of one measure and their result."""

    def __init__(
        self,
        mode: str = TRIANGULATE,
        camera_height_m: float = 2.0,
        instance: str = "",
        terrain=None,
    ) -> None:
        self.camera_height_m = camera_height_m
        self.instance = instance
        self.terrain = terrain
        self.state = MeasureState(mode)
        self.set_mode(mode)

    @property
    def mode(self) -> str:
        return self.state.mode

    def set_mode(self, mode: str) -> MeasureState:
        if mode not in MODES:
            raise ValueError(f"unknown measure mode: {mode!r}")
        self.state = MeasureState(mode, message=self._next_step(mode, []))
        return self.state

    def clear(self) -> MeasureState:
        return self.set_mode(self.mode)

    @staticmethod
    def _next_step(mode: str, rays: list) -> str:
        if mode == TRIANGULATE:
            if not rays:
                return translate("PanoramaxCore", "Click the object in the picture.")
            return translate(
                "PanoramaxCore",
                "Now click the same object in another picture (next, previous, other date).",
            )
        if mode == DISTANCE:
            return translate("PanoramaxCore", "Click a point on the ground.")
        if not rays:
            return translate("PanoramaxCore", "Click the object's foot, where it meets the ground.")
        return translate("PanoramaxCore", "Now click the object's top.")

    def ray_of(self, click: PictureClick) -> Ray:
        """The map ray of a click (raises :class:`MeasureError` without a heading)."""
        if click.heading is None or not math.isfinite(click.heading):
            raise MeasureError(
                translate(
                    "PanoramaxCore",
                    "This picture has no heading: its directions cannot be placed on the map. "
                    "Use another picture, or fix its heading first.",
                )
            )
        return Ray(
            click.lon,
            click.lat,
            (click.heading + click.yaw) % 360.0,
            click.pitch,
            picture_id=click.picture_id,
            camera_height_m=self.camera_height_m,
            position_sigma_m=click.accuracy_m,
            captured_at=click.captured_at,
        )

    def click(self, click: PictureClick) -> MeasureState:
        """Add a click; the new state (never raises for what the user did)."""
        mode = self.mode
        try:
            ray = self.ray_of(click)
        except MeasureError as error:
            self.state.message, self.state.notice = str(error), ""
            return self.state
        if mode == TRIANGULATE:
            return self._triangulate(ray)
        if mode == DISTANCE:
            state = MeasureState(mode, rays=[ray])
            try:
                state.ground = ground_point(
                    ray.lon, ray.lat, ray.bearing, ray.pitch, self.camera_height_m, self.terrain
                )
            except MeasureError as error:
                state.message = str(error)
            self.state = state
            return state
        return self._height(ray)

    def _triangulate(self, ray: Ray) -> MeasureState:
        rays = list(self.state.rays)
        notice = ""
        same = [i for i, old in enumerate(rays) if old.picture_id == ray.picture_id]
        if same:
            rays[same[0]] = ray
            notice = translate(
                "PanoramaxCore",
                "This picture already gave a direction: it was replaced by this click. "
                "Click the object in another picture to place it.",
            )
        else:
            rays.append(ray)
        state = MeasureState(TRIANGULATE, rays=rays, notice=notice)
        if len(rays) < 2:
            state.message = self._next_step(TRIANGULATE, rays)
        else:
            try:
                state.triangulation = triangulate(rays)
            except MeasureError as error:
                state.message = str(error)
        self.state = state
        return state

    def _height(self, ray: Ray) -> MeasureState:
        rays = list(self.state.rays)
        if len(rays) != 1 or rays[0].picture_id != ray.picture_id or self.state.height:
            rays = []  # a new measure: this click is the foot
        rays.append(ray)
        state = MeasureState(HEIGHT, rays=rays)
        foot = rays[0]
        try:
            if len(rays) == 1:
                state.ground = ground_point(
                    foot.lon, foot.lat, foot.bearing, foot.pitch, self.camera_height_m, self.terrain
                )
                state.message = self._next_step(HEIGHT, rays)
            else:
                state.height = object_height(
                    foot.lon,
                    foot.lat,
                    foot.bearing,
                    foot.pitch,
                    ray.pitch,
                    self.camera_height_m,
                    self.terrain,
                )
                state.ground = state.height.foot
        except MeasureError as error:
            state.message = str(error)
            if len(rays) == 1:
                state.rays = []  # a foot that is not on the ground: click it again
        self.state = state
        return state

    # --- what goes into the user's layer ----------------------------------------------

    def observation(self) -> Optional[records.Observation]:
        """The current result as a layer record; a lone ray when that is all there is."""
        state = self.state
        if state.triangulation is not None:
            return records.from_triangulation(state.triangulation, self.instance)
        if state.height is not None:
            return records.from_ground_point(
                state.height.foot, state.rays[0], self.instance, state.height.height_m
            )
        if state.ground is not None and state.mode == DISTANCE:
            return records.from_ground_point(state.ground, state.rays[0], self.instance)
        if state.mode == TRIANGULATE and len(state.rays) == 1:
            return records.from_ray(state.rays[0], LONE_RAY_M, self.instance)
        return None
