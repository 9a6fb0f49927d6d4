"""The direction a click in the viewer points at, relative to the picture. No Qt.

The 360° view: the renderer's pinhole inverse (``view_geometry.view_direction``) for the
camera and widget size it shows. The flat view: the clicked widget point back to the shown
image's pixel (``widget = offset + image * zoom``), then the picture's lens
(``view_geometry.flat_direction``, its field of view or the default): any resolution of
the same picture gives the same direction.
"""

from __future__ import annotations

from typing import Optional

from ..core.view_geometry import DEFAULT_FLAT_HFOV, flat_direction, view_direction
from .overlay import FlatPose, PanoPose


def click_direction(pose, x: float, y: float, field_of_view=None) -> Optional[tuple]:
    """``(yaw, pitch)`` in degrees seen at widget point ``(x, y)``; None off the picture."""
    if isinstance(pose, PanoPose):
        if not (0.0 <= x <= pose.width and 0.0 <= y <= pose.height):
            return None
        return view_direction(pose.camera, x, y, pose.width, pose.height)
    if isinstance(pose, FlatPose):
        if pose.zoom <= 0.0:
            return None
        col = (x - pose.offset_x) / pose.zoom
        row = (y - pose.offset_y) / pose.zoom
        if not (0.0 <= col <= pose.image_width and 0.0 <= row <= pose.image_height):
            return None
        hfov = field_of_view if field_of_view and 0.0 < field_of_view < 180.0 else None
        return flat_direction(
            col, row, hfov or DEFAULT_FLAT_HFOV, pose.image_width, pose.image_height
        )
    return None
