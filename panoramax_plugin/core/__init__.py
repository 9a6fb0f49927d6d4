"""Pure-Python core of the Panoramax plugin: no Qt, no QGIS.

It can be used from a plain Python script, from tests, and from the QGIS side,
which only swaps the HTTP transport for one going through QGIS networking.
"""
