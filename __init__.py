"""QGIS entry point of the Panoramax plugin."""


def classFactory(iface):
    """Called by QGIS to create the plugin instance."""
    from .panoramax_plugin.plugin import PanoramaxPlugin

    return PanoramaxPlugin(iface)
