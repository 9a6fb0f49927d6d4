"""Pictures named by a point layer's features: a field holds each picture's file path."""

from __future__ import annotations

from ..compat import active_layer, geometry_type

# fields taken for the file path without asking (compared in lower case)
PATH_FIELD_NAMES = (
    "path",
    "filepath",
    "file_path",
    "file",
    "filename",
    "photo",
    "picture",
    "image",
)


def active_point_layer():
    """QGIS's active layer if it is a point layer, else None (also outside the desktop)."""
    layer = active_layer()
    if layer is not None and getattr(layer, "geometryType", None):
        if layer.geometryType() == geometry_type("point"):
            return layer
    return None


def path_field(names) -> str | None:
    """The first of ``names`` that says it holds file paths; None: ask the user."""
    return next((n for n in names if n.lower() in PATH_FIELD_NAMES), None)


def selected_paths(layer, field: str) -> list:
    """The paths in ``field`` of the layer's selected features (empty values skipped)."""
    return [str(f[field]) for f in layer.selectedFeatures() if f[field]]
