"""What the area algorithms (*Search pictures*, *Sequences of an area*) share: the area and
date parameters, the area search as browse runs it (the server's cap split, a sequence
listing beside it), its outcome told through the feedback, and errors as Processing errors.

The search runs in the algorithm's own thread (a ``QgsTask`` thread in the desktop, the main
thread under ``qgis_process``); the sequence listing runs beside it in a ``QThread`` (QGIS
networking needs Qt threads, never plain Python ones).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsProcessingException,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterExtent,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication, QTime

from ..background.qthreads import QThreadCall
from ..browse.load_task import MAX_SEQUENCES, pictures_inside
from ..core.area_search import SearchFilters, search_area
from ..core.client import SEARCH_LIMIT_MAX, PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.gc_pause import paused_gc
from .qgis_kinds import source_type

EXTENT = "EXTENT"
INPUT = "INPUT"
START_DATE = "START_DATE"
END_DATE = "END_DATE"
OUTPUT = "OUTPUT"

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
PAGE_LIMIT = SEARCH_LIMIT_MAX
"""Pictures asked per search (tests lower it to exercise the cap split)."""
CEILING = 50_000
"""The most pictures one run loads (browse's ceiling); the outcome says when it was hit."""


def processing_error(error: Exception) -> QgsProcessingException:
    """A Processing error saying what the core said (never a traceback)."""
    return QgsProcessingException(str(error))


# --------------------------------------------------------------------------- parameters
def add_area_parameters(algorithm) -> None:
    """``EXTENT`` (any CRS) or ``INPUT`` (a layer whose extent is used), then the dates."""
    algorithm.addParameter(
        QgsProcessingParameterExtent(
            EXTENT,
            QCoreApplication.translate(
                "PanoramaxProcessing", "Area (any CRS; leave empty to use the layer's extent)"
            ),
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterVectorLayer(
            INPUT,
            QCoreApplication.translate("PanoramaxProcessing", "Or the extent of this layer"),
            [source_type("VectorAnyGeometry")],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterDateTime(
            START_DATE,
            QCoreApplication.translate("PanoramaxProcessing", "Captured from (optional)"),
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterDateTime(
            END_DATE,
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "Captured until (optional; a date at midnight means the whole day)",
            ),
            optional=True,
        )
    )


def _to_wgs84(rectangle: QgsRectangle, crs, context) -> tuple:
    if not crs.isValid():
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "The area has no coordinate reference system: give the extent with its CRS "
                "(e.g. 'xmin,xmax,ymin,ymax [EPSG:2154]') or set the layer's CRS.",
            )
        )
    if crs != WGS84:
        try:
            transform = QgsCoordinateTransform(crs, WGS84, context.transformContext())
            rectangle = transform.transformBoundingBox(rectangle)
        except QgsCsException as exc:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "PanoramaxProcessing", "The area could not be placed on the globe: {error}"
                ).format(error=str(exc))
            ) from exc
    west, south = max(-180.0, rectangle.xMinimum()), max(-90.0, rectangle.yMinimum())
    east, north = min(180.0, rectangle.xMaximum()), min(90.0, rectangle.yMaximum())
    if not (west < east and south < north):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "The area is empty or lies outside the globe once in longitude/latitude.",
            )
        )
    return west, south, east, north


def area_bbox(algorithm, parameters, context) -> tuple:
    """``(west, south, east, north)`` in WGS84 of ``EXTENT``, else of ``INPUT``'s extent."""
    if parameters.get(EXTENT) not in (None, ""):
        rectangle = algorithm.parameterAsExtent(parameters, EXTENT, context)
        if rectangle is not None and not rectangle.isNull():
            crs = algorithm.parameterAsExtentCrs(parameters, EXTENT, context)
            return _to_wgs84(rectangle, crs, context)
    layer = None
    if parameters.get(INPUT) not in (None, ""):
        layer = algorithm.parameterAsVectorLayer(parameters, INPUT, context)
        if layer is None:
            layer = QgsProcessingUtils.mapLayerFromString(str(parameters[INPUT]), context)
    if layer is None:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "Give an area: an extent (EXTENT) or a layer whose extent is used (INPUT).",
            )
        )
    if not layer.crs().isValid():
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "Layer {layer} has no coordinate reference system: set one (Layer Properties "
                "> Source) so the plugin knows where it is.",
            ).format(layer=layer.name())
        )
    layer.updateExtents()
    rectangle = layer.extent()
    if layer.featureCount() == 0 or rectangle.isNull() or rectangle.isEmpty():
        if rectangle.isNull() or layer.featureCount() == 0:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "PanoramaxProcessing", "Layer {layer} is empty: it has no extent to search."
                ).format(layer=layer.name())
            )
    if rectangle.width() == 0 or rectangle.height() == 0:  # a single point: grow it a little
        rectangle = QgsRectangle(rectangle)
        rectangle.grow(1e-4 if layer.crs().isGeographic() else 10.0)
    return _to_wgs84(rectangle, layer.crs(), context)


def _utc(qdatetime) -> datetime | None:
    if qdatetime is None or not qdatetime.isValid():
        return None
    return datetime.fromtimestamp(qdatetime.toMSecsSinceEpoch() / 1000.0, tz=timezone.utc)


def date_range(algorithm, parameters, context) -> tuple:
    """``(start, end)`` as aware UTC datetimes (None when not given). An end at midnight
    sharp is the whole of that day. A value that is not a date is a Processing error."""
    values = []
    for name in (START_DATE, END_DATE):
        raw = parameters.get(name)
        qdatetime = algorithm.parameterAsDateTime(parameters, name, context)
        if raw not in (None, "") and not qdatetime.isValid():
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "PanoramaxProcessing", "{name} is not a date or a date and time: {value!r}"
                ).format(name=name, value=raw)
            )
        values.append(qdatetime if qdatetime.isValid() else None)
    start, end = values
    start_utc = _utc(start)
    end_utc = _utc(end)
    if end is not None and end.time() == QTime(0, 0):
        end_utc = end_utc + timedelta(days=1) - timedelta(milliseconds=1)
    if start_utc and end_utc and start_utc > end_utc:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PanoramaxProcessing", "The start date comes after the end date."
            )
        )
    return start_utc, end_utc


# --------------------------------------------------------------------------- the search
class AreaRun:
    """One area search as browse runs it; ``pictures`` in the order they came.

    ``client_factory()`` makes a ``PanoramaxClient`` (one per thread: the search's, the
    sequence listing's)."""

    def __init__(self, client_factory, bbox, filters: SearchFilters, feedback):
        self.client_factory = client_factory
        self.client: PanoramaxClient = client_factory()
        self.bbox = tuple(bbox)
        self.filters = filters
        self.feedback = feedback
        self.pictures: list = []
        self.outcome = None
        self.sequences: dict = {}
        self.sequences_error: str | None = None

    def _canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _list_sequences(self, instance, max_sequences) -> tuple:
        """(sequences by id, error text or None), on a client of its own (own thread)."""
        sequences = {}
        try:
            client = self.client_factory()
            client.use_instance(instance)
            for sequence in client.list_sequences(
                bbox=self.bbox, page_size=100, max_sequences=max_sequences
            ):
                sequences[sequence.id] = sequence
                if self._canceled():
                    break
        except PanoramaxError as exc:
            return sequences, str(exc)
        except Exception as exc:  # nothing leaves a QThread
            return sequences, repr(exc)
        return sequences, None

    def run(
        self,
        *,
        with_sequences: bool = True,
        max_sequences: int | None = MAX_SEQUENCES,
        parse=None,
    ):
        """Search (and list the sequences beside); raises Processing errors, cancel included.
        ``parse``: how items are built (``search_area``; default ``Picture``)."""
        try:
            instance = self.client.discover()
        except PanoramaxError as error:
            raise processing_error(error) from error
        listing = None
        if with_sequences:
            listing = QThreadCall(lambda: self._list_sequences(instance, max_sequences))
            listing.start()

        def listed() -> tuple:
            if listing is None:
                return {}, None
            listing.wait()
            return listing.result or ({}, None)

        def expected_total():
            sequences, error = listed()
            return None if error or listing is None else pictures_inside(sequences, self.bbox)

        def on_batch(pictures) -> None:
            self.pictures.extend(pictures)
            if self.feedback is not None:
                loaded = len(self.pictures)
                self.feedback.setProgress(min(90.0, 5.0 + 85.0 * loaded / max(1, CEILING)))
                self.feedback.setProgressText(
                    QCoreApplication.translate(
                        "PanoramaxProcessing", "{count} pictures found so far"
                    ).format(count=loaded)
                )

        if self.feedback is not None:
            self.feedback.setProgress(2)
        try:
            with paused_gc():
                self.outcome = search_area(
                    self.client,
                    self.bbox,
                    self.filters,
                    page_limit=PAGE_LIMIT,
                    ceiling=CEILING,
                    on_batch=on_batch,
                    is_canceled=self._canceled,
                    expected_total=expected_total if with_sequences else None,
                    parse=parse,
                )
        except PanoramaxError as error:
            raise processing_error(error) from error
        except ValueError as error:  # a bad box
            raise QgsProcessingException(str(error)) from error
        finally:
            self.sequences, self.sequences_error = listed()
        if self.outcome.canceled or self._canceled():
            raise QgsProcessingException(
                QCoreApplication.translate("PanoramaxProcessing", "Canceled: nothing was written.")
            )
        return self

    def report(self) -> None:
        """The outcome through the feedback: complete, or what is missing and why."""
        feedback, outcome = self.feedback, self.outcome
        if feedback is None or outcome is None:
            return
        feedback.pushInfo(
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "{count} pictures found in {requests} searches ({splits} splits of a full answer).",
            ).format(count=outcome.loaded, requests=outcome.requests, splits=outcome.splits)
        )
        if outcome.malformed:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "PanoramaxProcessing",
                    "{count} items of the answers could not be read and were skipped.",
                ).format(count=outcome.malformed)
            )
        if outcome.complete:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "PanoramaxProcessing",
                    "The search is complete: every picture of the area is there.",
                )
            )
            return
        if outcome.request_limit_hit:
            why = QCoreApplication.translate(
                "PanoramaxProcessing", "the search made as many requests as it may"
            )
        elif outcome.ignored_area:
            why = QCoreApplication.translate(
                "PanoramaxProcessing",
                "the instance ignored the area asked (its answers hold pictures outside it)",
            )
        elif outcome.loaded >= CEILING:
            why = QCoreApplication.translate(
                "PanoramaxProcessing", "the ceiling of {ceiling} pictures was reached"
            ).format(ceiling=CEILING)
        else:
            why = QCoreApplication.translate(
                "PanoramaxProcessing",
                "thousands of pictures lie at one spot, too close together to split",
            )
        _warn(
            feedback,
            QCoreApplication.translate(
                "PanoramaxProcessing",
                "The search is NOT complete ({why}): some pictures of the area are missing; "
                "search a smaller area.",
            ).format(why=why),
        )
        if self.sequences_error:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "PanoramaxProcessing", "The sequences could not all be listed: {error}"
                ).format(error=self.sequences_error)
            )


def _warn(feedback, text: str) -> None:
    if hasattr(feedback, "pushWarning"):
        feedback.pushWarning(text)
    else:  # pragma: no cover - QGIS < 3.16
        feedback.reportError(text, False)


def search_filters(start, end, kind=None, producers=(), cql_filter=None) -> SearchFilters:
    return SearchFilters(
        start=start,
        end=end,
        kind=kind,
        producers=tuple(producers),
        cql_filter=(cql_filter or "").strip() or None,
    )


def client_factory(algorithm, parameters, context):
    """A function making clients of the ``INSTANCE`` over QGIS networking (proxy, SSL,
    auth), one per thread; the instance is resolved here (a Processing error if invalid)."""
    from ..network.session import qgis_http_client
    from ..settings import PluginSettings

    api_url = algorithm.instance_url(parameters, context)
    timeout = PluginSettings.load().timeout_s
    return lambda: PanoramaxClient(api_url, http=qgis_http_client(timeout))
