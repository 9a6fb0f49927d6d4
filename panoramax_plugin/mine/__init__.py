"""'My pictures' (issue #15): the signed-in user's own sequences and pictures in QGIS."""
