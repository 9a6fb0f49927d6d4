"""QGIS map layers built from a Panoramax instance: pictures, sequences, coverage."""
