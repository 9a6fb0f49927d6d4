"""Measures from pictures, QGIS side: an Observation into the user's own layer."""
