"""What every Panoramax algorithm shares: translation, the ``INSTANCE`` parameter, a
client on the QGIS network settings, cancel from the feedback, errors as Processing
errors (never a traceback).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.instances import KNOWN_INSTANCES, resolve_instance_url
from ..network.session import qgis_http_client
from ..settings import PluginSettings

INSTANCE = "INSTANCE"
DEFAULT_INSTANCE = "ign"


class PanoramaxAlgorithm(QgsProcessingAlgorithm):
    """Base of the provider's algorithms. Subclasses set ``NAME``, ``DISPLAY`` and ``HELP``
    (English, marked ``QT_TRANSLATE_NOOP("<their class name>", "…")`` so that the extractor
    sees them; :meth:`tr` translates them in that context) and implement
    ``initAlgorithm`` / ``processAlgorithm``."""

    NAME = ""
    DISPLAY = ""
    HELP = ""
    GROUP = ""
    GROUP_ID = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:
        return self.tr(self.DISPLAY)

    def group(self) -> str:
        return self.tr(self.GROUP) if self.GROUP else ""

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return self.tr(self.HELP)

    # --- the instance ---------------------------------------------------------------------

    def add_instance_parameter(self) -> None:
        keys = ", ".join(instance.key for instance in KNOWN_INSTANCES)
        parameter = QgsProcessingParameterString(
            INSTANCE,
            self.tr("Panoramax instance (a known key: {keys}; or a URL)").format(keys=keys),
            defaultValue=DEFAULT_INSTANCE,
        )
        self.addParameter(parameter)

    def instance_url(self, parameters, context) -> str:
        """The API URL the ``INSTANCE`` parameter names (a Processing error when invalid)."""
        text = self.parameterAsString(parameters, INSTANCE, context)
        try:
            return resolve_instance_url(text)
        except PanoramaxError as error:
            raise QgsProcessingException(str(error)) from error

    def client(self, parameters, context) -> PanoramaxClient:
        """A client of the chosen instance over QGIS networking (proxy, SSL, auth)."""
        settings = PluginSettings.load()
        return PanoramaxClient(
            self.instance_url(parameters, context), http=qgis_http_client(settings.timeout_s)
        )

    def output_sink(self, parameters, context, fields, wkb_type, crs=None, name: str = "OUTPUT"):
        """``(sink, dest_id)`` of an output (WGS84 unless ``crs``); a Processing error when
        it cannot be created."""
        crs = crs if crs is not None else QgsCoordinateReferenceSystem("EPSG:4326")
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest_id

    @staticmethod
    def check_canceled(feedback) -> None:
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(
                QCoreApplication.translate("PanoramaxAlgorithm", "Canceled.")
            )
