"""Start from the user's own features: the pictures that show them (QGIS side)."""
