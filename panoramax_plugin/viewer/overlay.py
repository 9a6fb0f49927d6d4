"""Markers drawn over the picture where things stand: the user's layers, and one target.

A marker is a position on the ground (or ``height_m`` above it). The picture's pose (its
position, heading, and an assumed camera height) turns each marker into a direction
relative to the picture (yaw from the picture's centre column, pitch above the horizon)
once per picture; each frame then only turns these directions into widget pixels for the
view's state (:class:`PanoPose`: the 360° camera; :class:`FlatPose`: the flat view's zoom
and pan), cached per state so hit testing reuses what was painted.

No Qt here (painting: :mod:`.overlay_painter`); the ellipsoid and lens geometry is
:mod:`..core.view_geometry` (injectable: a module with the same functions).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple, Optional

from ..core.camera import Camera

HIT_RADIUS_PX = 10.0
"""A click this close to a marker (widget pixels) picks it."""


@dataclass(frozen=True)
class OverlayMarker:
    """One point to draw: where it stands, what it is called, which feature it shows.

    Markers of one line or polygon ring that follow each other share ``chain`` (not None)
    and are joined by segments. ``target``: the feature the user asked pictures of, drawn
    distinctly and on top, not clickable.
    """

    lon: float
    lat: float
    height_m: float = 0.0
    label: str = ""
    layer_id: str = ""
    feature_id: int = -1
    color: tuple = (255, 140, 0)
    chain: Optional[int] = None
    target: bool = False


@dataclass(frozen=True)
class PanoPose:
    """State of the 360° view: where its camera looks and the widget size."""

    camera: Camera
    width: int
    height: int


@dataclass(frozen=True)
class FlatPose:
    """State of the flat view: picture size and ``widget = offset + image * zoom``."""

    image_width: int
    image_height: int
    zoom: float
    offset_x: float
    offset_y: float


class Placed(NamedTuple):
    """A marker at a widget position (``distance_m``: horizontal, for size and order).

    A named tuple: dozens are made per frame, a frozen dataclass costs several times more.
    """

    marker: OverlayMarker
    x: float
    y: float
    distance_m: float


class _Direction(NamedTuple):
    marker: OverlayMarker
    yaw: float
    pitch: float
    distance_m: float
    unit: tuple  # (right, up, forward) of (yaw, pitch): only to skip what is far off-view


def _unit(yaw: float, pitch: float) -> tuple:
    lon, lat = math.radians(yaw), math.radians(pitch)
    return (math.cos(lat) * math.sin(lon), math.sin(lat), math.cos(lat) * math.cos(lon))


def _view_cone_cos(camera: Camera, width: int, height: int, margin_deg: float) -> float:
    """Cosine of the angle from the view's centre beyond which nothing can show: the half
    diagonal of the field of view plus a margin (a cheap cull before projecting)."""
    half_w = math.tan(math.radians(camera.hfov) / 2.0)
    half_h = half_w * height / max(width, 1)
    angle = math.degrees(math.atan(math.hypot(half_w, half_h))) + margin_deg
    return math.cos(math.radians(angle)) if angle < 180.0 else -1.0


def _default_geometry():
    from ..core import view_geometry

    return view_geometry


class OverlayScene:
    """The markers of the picture shown, their directions, and their place in a view.

    ``set_picture`` then ``set_markers`` (any order); ``place(pose)`` per frame.
    """

    def __init__(self, geometry=None, camera_height_m: float = 2.0) -> None:
        self._geometry = geometry
        self.camera_height_m = float(camera_height_m)
        self.picture = None
        self.markers: list[OverlayMarker] = []
        self.extra: list[OverlayMarker] = []
        """Markers of the measure tool (its rays and point), drawn with the layers'."""
        self.target: Optional[OverlayMarker] = None
        self._directions: list[_Direction] = []
        self._target_direction: Optional[_Direction] = None
        self._placed_key = None
        self._placed: tuple[list[Placed], Optional[Placed]] = ([], None)
        self.revision = 0
        """Bumped at every change (views repaint when it moves)."""

    @property
    def geometry(self):
        if self._geometry is None:
            self._geometry = _default_geometry()
        return self._geometry

    # --- what to draw -----------------------------------------------------------------

    def set_picture(self, picture) -> None:
        """The picture the markers are seen from (its lon, lat, heading, is_360, fov)."""
        self.picture = picture
        self._update()

    def set_markers(self, markers) -> None:
        self.markers = list(markers)
        self._update()

    def set_extra(self, markers) -> None:
        self.extra = list(markers)
        self._update()

    def set_target(self, target: Optional[OverlayMarker]) -> None:
        self.target = target
        self._update()

    def set_camera_height(self, height_m: float) -> None:
        if math.isfinite(height_m) and height_m != self.camera_height_m:
            self.camera_height_m = float(height_m)
            self._update()

    @property
    def hfov(self) -> float:
        """Field of view of the flat picture shown (degrees; the geometry's default when the
        picture does not say)."""
        fov = getattr(self.picture, "field_of_view", None)
        if fov and 0.0 < fov < 180.0:
            return float(fov)
        return float(getattr(self.geometry, "DEFAULT_FLAT_HFOV", 70.0))

    def is_empty(self) -> bool:
        return not self._directions and self._target_direction is None

    # --- directions: once per picture -------------------------------------------------

    def _update(self) -> None:
        self.revision += 1
        self._placed_key = None
        markers = self.markers + self.extra
        self._directions = [d for d in map(self._direction, markers) if d is not None]
        self._target_direction = self._direction(self.target) if self.target else None

    def _direction(self, marker: OverlayMarker) -> Optional[_Direction]:
        """Yaw (from the picture's centre column) and pitch of ``marker``; None when the
        picture's orientation is unknown or the numbers are unusable."""
        picture = self.picture
        if picture is None or getattr(picture, "heading", None) is None:
            return None  # without a heading, a marker would be drawn in a wrong place
        try:
            geometry = self.geometry
            sight = geometry.sight(
                picture.lon,
                picture.lat,
                self.camera_height_m,
                marker.lon,
                marker.lat,
                marker.height_m,
            )
            yaw = geometry.yaw_toward(picture.heading, sight.azimuth)
        except (ArithmeticError, ValueError, TypeError):
            return None
        values = (yaw, sight.elevation, sight.distance_m)
        if not all(math.isfinite(v) for v in values):
            return None
        yaw, pitch = float(yaw), float(sight.elevation)
        return _Direction(marker, yaw, pitch, float(sight.distance_m), _unit(yaw, pitch))

    # --- widget positions: per frame --------------------------------------------------

    def place(self, pose) -> tuple[list[Placed], Optional[Placed]]:
        """(markers, target) at their widget positions for ``pose``; off-view ones left out.

        Cached for the last pose: painting then hit testing projects once.
        """
        key = (self.revision, pose)
        if key != self._placed_key:
            project = self._projector(pose)
            placed = []
            for direction in self._directions:
                point = project(direction)
                if point is not None:
                    placed.append(point)
            target = None
            if self._target_direction is not None:
                target = project(self._target_direction)
            self._placed = (placed, target)
            self._placed_key = key
        return self._placed

    def _projector(self, pose):
        geometry = self.geometry
        if isinstance(pose, PanoPose):
            camera, width, height = pose.camera, pose.width, pose.height
            margin = 60.0  # a label may show although its marker is just off the edge
            cx, cy, cz = _unit(camera.yaw, camera.pitch)
            cone = _view_cone_cos(camera, width, height, margin_deg=15.0)

            def project(direction: _Direction) -> Optional[Placed]:
                ux, uy, uz = direction.unit
                if ux * cx + uy * cy + uz * cz < cone:
                    return None  # far outside the view: not worth projecting
                point = geometry.view_point(camera, direction.yaw, direction.pitch, width, height)
                if point is None:
                    return None
                x, y = point
                if not (-margin <= x <= width + margin and -margin <= y <= height + margin):
                    return None
                return Placed(direction.marker, x, y, direction.distance_m)

            return project
        if isinstance(pose, FlatPose):
            hfov = self.hfov
            zoom, dx, dy = pose.zoom, pose.offset_x, pose.offset_y
            width, height = pose.image_width, pose.image_height

            def project(direction: _Direction) -> Optional[Placed]:
                point = geometry.flat_pixel(direction.yaw, direction.pitch, hfov, width, height)
                if point is None:
                    return None
                return Placed(
                    direction.marker,
                    dx + point[0] * zoom,
                    dy + point[1] * zoom,
                    direction.distance_m,
                )

            return project
        raise TypeError(f"unknown view pose: {pose!r}")

    # --- hit testing ------------------------------------------------------------------

    def marker_at(self, pose, x: float, y: float, radius: float = HIT_RADIUS_PX):
        """The layer marker nearest to widget point ``(x, y)`` within ``radius``, or None."""
        best, best_d2 = None, radius * radius
        for placed in self.place(pose)[0]:
            d2 = (placed.x - x) ** 2 + (placed.y - y) ** 2
            if d2 <= best_d2:
                best, best_d2 = placed.marker, d2
        return best
