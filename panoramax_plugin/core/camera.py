"""Where the viewer looks: one small immutable value shared by the 360° view, the map
cone and (later) overlays and measuring. Pure Python."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

MAX_PITCH = 89.0
"""Pitch limit in degrees (up and down): the view never looks straight at a pole."""
MIN_HFOV = 30.0
MAX_HFOV = 110.0
"""Limits of the horizontal field of view in degrees."""


def wrap_yaw(yaw: float) -> float:
    """``yaw`` in degrees brought into ``[-180, 180)``."""
    wrapped = (yaw + 180.0) % 360.0 - 180.0
    return wrapped - 360.0 if wrapped >= 180.0 else wrapped


@dataclass(frozen=True)
class Camera:
    """Where the viewer looks, relative to the picture; immutable, shared with the map cone.

    ``yaw``: degrees clockwise, 0 = the picture's centre column (which faces the picture's
    heading), kept in ``[-180, 180)``. ``pitch``: degrees, positive looks up, clamped to
    ``±MAX_PITCH``. ``hfov``: horizontal field of view in degrees, clamped to
    ``[MIN_HFOV, MAX_HFOV]``. Out-of-range values are normalised at construction.
    """

    yaw: float = 0.0
    pitch: float = 0.0
    hfov: float = 90.0

    def __post_init__(self) -> None:
        values = (float(self.yaw), float(self.pitch), float(self.hfov))
        if not all(math.isfinite(value) for value in values):
            raise ValueError(f"camera angles must be finite: {values}")
        yaw, pitch, hfov = values
        object.__setattr__(self, "yaw", wrap_yaw(yaw))
        object.__setattr__(self, "pitch", min(max(pitch, -MAX_PITCH), MAX_PITCH))
        object.__setattr__(self, "hfov", min(max(hfov, MIN_HFOV), MAX_HFOV))

    def turned(self, dyaw: float, dpitch: float = 0.0) -> Camera:
        """This camera turned right by ``dyaw`` and up by ``dpitch`` degrees."""
        return Camera(self.yaw + dyaw, self.pitch + dpitch, self.hfov)

    def zoomed(self, factor: float) -> Camera:
        """This camera zoomed in by ``factor`` (> 1 narrows the field of view: hfov / factor)."""
        if not factor > 0.0:
            raise ValueError(f"zoom factor must be positive: {factor}")
        return Camera(self.yaw, self.pitch, self.hfov / factor)

    def map_bearing(self, heading: Optional[float]) -> float:
        """View direction on the map: degrees clockwise from north in ``[0, 360)``.

        ``heading`` is the picture's heading (``view:azimuth``); None counts as 0.
        """
        bearing = ((heading or 0.0) + self.yaw) % 360.0
        return 0.0 if bearing >= 360.0 else bearing
