"""QGIS entry point of the Panoramax plugin."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    """Called by QGIS to create the plugin instance."""
    from .panoramax_plugin.plugin import PanoramaxPlugin

    return PanoramaxPlugin(iface)
