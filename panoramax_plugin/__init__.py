"""Panoramax plugin for QGIS: browse, view and upload street-level pictures.

``core`` is pure Python; everything else is the QGIS side built on it.
"""
