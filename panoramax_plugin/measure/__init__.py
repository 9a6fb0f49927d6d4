"""Measuring from pictures (QGIS side): the viewer's measure tool, its marks on the map and
in the picture, and writing the results into the user's own layers. The geometry is in
``core`` (triangulation, single_measure, measure_session, observation)."""
