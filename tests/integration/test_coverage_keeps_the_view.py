"""Adding the coverage layer to an empty project keeps the map where the user put it.

QGIS's layer tree bridge sets the canvas up on the first layer of a project (its CRS
and its full extent): for the coverage tiles that is the whole world.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.gui import QgsLayerTreeMapCanvasBridge
from qgis.PyQt import sip

from panoramax_plugin.browse.controller import BrowseController
from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.qt_wait import run_until


def test_coverage_in_an_empty_project_does_not_zoom_out_to_the_world(
    desktop, local_instance, qgis_app
):
    QgsProject.instance().removeAllMapLayers()
    canvas = desktop.canvas
    # owned by the canvas: a bridge outliving it would follow the next tests' layers into
    # a deleted canvas (abort)
    bridge = QgsLayerTreeMapCanvasBridge(QgsProject.instance().layerTreeRoot(), canvas, canvas)
    assert bridge.autoSetupOnFirstLayer()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    lyon = QgsRectangle(536000, 5737000, 546000, 5745000)  # a town, in metres
    canvas.setExtent(lyon)
    before = canvas.extent()
    controller = BrowseController(canvas, PluginLogger(desktop), PluginSettings())
    try:
        controller.set_instance(local_instance.api, PanoramaxClient(local_instance.api).discover())
        assert controller.show_coverage(True)
        run_until(qgis_app, lambda: len(canvas.layers()) == 1, 10)
        for _ in range(20):
            qgis_app.processEvents()
        after = canvas.extent()
        assert after.width() < 2 * before.width(), (before.toString(), after.toString())
        assert after.contains(before.center())
    finally:
        controller.unload()
        sip.delete(bridge)  # before the layers go: nothing follows the project any more
        QgsProject.instance().removeAllMapLayers()
