"""Upload from QGIS: sign-in, pre-flight, upload tasks, dialog and report."""
