"""Browse: the map extent becomes picture and sequence layers, on demand or automatically.

Owns the layers of each instance, the running search (a new extent cancels it),
the debounce of auto-refresh and the filters. Everything here runs on the main
thread; HTTP happens only in ``LoadPicturesTask``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal

from ..background.core_task import start_task
from ..background.lost_task import LostTaskWatch
from ..core.area_search import SearchFilters
from ..core.errors import PanoramaxError
from ..core.sequence_index import SequenceIndex
from ..layers.pictures import PicturesLayer
from ..layers.sequences import SequencesLayer
from .load_task import LoadPicturesTask, LoadResult
from .main_thread_steps import MainThreadSteps
from .search_owner import SearchTaskOwner

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
CHUNK = 250  # pictures made into features and added per event-loop turn
SEQUENCES_PER_STEP = 5  # sequence lines rebuilt per event-loop turn


def filters_expression(filters: SearchFilters, date_field: str, with_producer: bool) -> str:
    """QGIS expression equivalent of the filters, for a layer's subset string."""
    parts = []
    if filters.kind:
        parts.append(f"\"type\" = '{filters.kind}'")
    if filters.start:
        parts.append(f'epoch("{date_field}") >= {int(filters.start.timestamp() * 1000)}')
    if filters.end:
        parts.append(f'epoch("{date_field}") <= {int(filters.end.timestamp() * 1000)}')
    if with_producer and filters.producers:
        names = ", ".join("'" + p.casefold().replace("'", "''") + "'" for p in filters.producers)
        parts.append(f'lower("producer") IN ({names})')
    return " AND ".join(parts)


class InstanceLayers:
    """The pictures and sequences layers of one instance, with what feeds them."""

    def __init__(self, api_url: str):
        host = urlsplit(api_url).netloc
        self.api_url = api_url
        self.pictures = PicturesLayer(
            QCoreApplication.translate("InstanceLayers", "Panoramax pictures ({host})").format(
                host=host
            )
        )
        self.sequences = SequencesLayer(
            QCoreApplication.translate("InstanceLayers", "Panoramax sequences ({host})").format(
                host=host
            )
        )
        self.index = SequenceIndex()
        self.metadata: dict = {}


class BrowseController(QObject, SearchTaskOwner):
    """Drives searches for the current instance and keeps its layers consistent."""

    message = pyqtSignal(str, str)  # level (info, warning, critical, success), text
    loading_changed = pyqtSignal(bool)
    load_finished = pyqtSignal(object)  # LoadResult
    layers_created = pyqtSignal(object)  # InstanceLayers

    def __init__(self, canvas, logger, settings, parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.logger = logger
        self.settings = settings
        self.api_url: str | None = None
        self.read_only = False
        self.instance = None
        self.filters = SearchFilters()
        self.layers: dict = {}  # api_url -> InstanceLayers
        self.task: LoadPicturesTask | None = None
        self.steps = MainThreadSteps(self._step_failed, self)  # into the layers, per turn
        self._touched: set = set()
        self._delivered: set = set()
        self._lost_watch = LostTaskWatch(self)
        self._task_layers: InstanceLayers | None = None
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(int(settings.auto_refresh_delay_ms))
        self.debounce.timeout.connect(self.load_in_view)
        self.auto_refresh = False
        self.coverage_wanted = False
        self.coverage_layers: dict = {}  # api_url -> layer id
        QgsProject.instance().layersWillBeRemoved.connect(self._forget_removed_layers)

    # ------------------------------------------------------------------ configuration
    def set_instance(self, api_url: str, instance=None, read_only: bool = False) -> None:
        if api_url != self.api_url:
            self.cancel()
            self.instance = None
        self.api_url = api_url
        self.read_only = read_only
        if instance is not None:
            self.instance = instance
            if self.coverage_wanted:
                self.show_coverage(True)

    def follow(self, state) -> None:
        """The plugin's current instance changed (``current_instance.InstanceState``).

        A slot: nothing may leave it (an exception in a slot aborts QGIS 3.22).
        """
        if not state.api_url:
            return
        discovered = state.instance if state.instance is not self.instance else None
        try:
            self.set_instance(state.api_url, discovered, state.read_only)
        except Exception as exc:  # a bug here must not take QGIS down
            self.message.emit(
                "critical",
                self.tr("Browsing could not follow the instance change: {error}").format(error=exc),
            )

    def set_auto_refresh(self, enabled: bool) -> None:
        self.auto_refresh = enabled
        if enabled:
            self.canvas.extentsChanged.connect(self._extent_changed)
            self.debounce.start()
        else:
            try:
                self.canvas.extentsChanged.disconnect(self._extent_changed)
            except TypeError:
                pass
            self.debounce.stop()

    def _extent_changed(self) -> None:
        self.debounce.start()  # restarted by every move: one search once the map rests

    def set_filters(self, filters: SearchFilters) -> None:
        """Filter what is loaded (subset strings) and what the next searches ask for."""
        self.filters = filters
        coverage = self._coverage_layer() if self.api_url else None
        if coverage is not None:
            from ..layers.coverage import apply_coverage_filter

            apply_coverage_filter(coverage, filters.kind, filters.start, filters.end)
        for layers in self.layers.values():
            layers.pictures.layer.setSubsetString(filters_expression(filters, "captured_at", True))
            layers.sequences.layer.setSubsetString(
                filters_expression(filters, "last_capture", True)
            )

    # ------------------------------------------------------------------ coverage
    def show_coverage(self, enabled: bool) -> bool:
        """Add (or remove) the instance's vector-tile coverage layer; False if not possible."""
        self.coverage_wanted = enabled
        if not enabled:
            for layer_id in list(self.coverage_layers.values()):
                if QgsProject.instance().mapLayer(layer_id) is not None:
                    QgsProject.instance().removeMapLayer(layer_id)
            self.coverage_layers.clear()
            return True
        if self.instance is None or not self.instance.tiles_url:
            return False
        layer_id = self.coverage_layers.get(self.api_url)
        if layer_id and QgsProject.instance().mapLayer(layer_id) is not None:
            return True
        from ..layers.coverage import apply_coverage_filter, create_coverage_layer

        host = urlsplit(self.api_url).netloc
        layer = create_coverage_layer(
            self.instance.tiles_url,
            self.tr("Panoramax coverage ({host})").format(host=host),
        )
        apply_coverage_filter(layer, self.filters.kind, self.filters.start, self.filters.end)
        restore_view = self._view_keeper()
        QgsProject.instance().addMapLayer(layer, False)
        QgsProject.instance().layerTreeRoot().insertLayer(-1, layer)  # below the others
        self.coverage_layers[self.api_url] = layer.id()
        if restore_view is not None:
            restore_view()
            QTimer.singleShot(0, restore_view)  # after QGIS's own (deferred) set-up
        return True

    def _view_keeper(self):
        """A function putting the map back as it is now, when the project has no layer yet.

        QGIS sets the map up on a project's first layer (its CRS, its whole extent): for
        the coverage tiles that is the whole world, and "Load pictures in view" would then
        search the world. None when there is nothing to keep.
        """
        canvas = self.canvas
        try:
            if QgsProject.instance().count() or canvas.extent().isEmpty():
                return None
            crs, extent = canvas.mapSettings().destinationCrs(), QgsRectangle(canvas.extent())
        except (AttributeError, RuntimeError):  # no map canvas (or a deleted one)
            return None

        def restore():
            try:
                if canvas.mapSettings().destinationCrs() != crs:
                    canvas.setDestinationCrs(crs)
                canvas.setExtent(extent)
                canvas.refresh()
            except RuntimeError:  # the canvas went away (QGIS closing)
                pass

        return restore

    def _coverage_layer(self):
        layer_id = self.coverage_layers.get(self.api_url)
        return QgsProject.instance().mapLayer(layer_id) if layer_id else None

    def current_layers(self) -> InstanceLayers | None:
        return self.layers.get(self.api_url) if self.api_url else None

    def layer_pair(self) -> tuple:
        """(pictures layer, sequences layer) of the current instance, or (None, None)."""
        layers = self.current_layers()
        if layers is None:
            return None, None
        return layers.pictures.layer, layers.sequences.layer

    def _layers(self) -> InstanceLayers:
        layers = self.layers.get(self.api_url)
        if layers is None:
            layers = InstanceLayers(self.api_url)
            self.layers[self.api_url] = layers
            self.set_filters(self.filters)
            self.layers_created.emit(layers)
        layers.sequences.add_to_project()
        layers.pictures.add_to_project()
        return layers

    def _forget_removed_layers(self, layer_ids) -> None:
        removed = set(layer_ids)
        for api_url, layers in list(self.layers.items()):
            try:
                ids = {layers.pictures.layer.id(), layers.sequences.layer.id()}
            except RuntimeError:
                ids = removed
            if ids & removed:
                if self.task is not None and api_url == self.api_url:
                    self.cancel()
                del self.layers[api_url]

    # ------------------------------------------------------------------ loading
    def view_bbox(self):
        """The canvas extent in WGS84 (any project CRS), clamped to valid degrees."""
        extent = self.canvas.extent()
        source = self.canvas.mapSettings().destinationCrs()
        if source != WGS84:
            transform = QgsCoordinateTransform(source, WGS84, QgsProject.instance())
            extent = transform.transformBoundingBox(extent)
        return (
            max(-180.0, extent.xMinimum()),
            max(-90.0, extent.yMinimum()),
            min(180.0, extent.xMaximum()),
            min(90.0, extent.yMaximum()),
        )

    def load_in_view(self) -> LoadPicturesTask | None:
        if self.canvas.extent().isEmpty():
            return None
        return self.load_bbox(self.view_bbox())

    def load_bbox(self, bbox) -> LoadPicturesTask | None:
        """Start a search of ``bbox``; a search still running is canceled first."""
        if not self.api_url:
            self.message.emit("warning", self.tr("Choose a Panoramax instance first."))
            return None
        self.cancel()
        layers = self._layers()
        self.task = LoadPicturesTask(
            self.tr("Loading Panoramax pictures"),
            self.api_url,
            bbox,
            self.filters,
            instance=self.instance,
            read_only=self.read_only,
            timeout=self.settings.timeout_s,
            ceiling=int(self.settings.search_ceiling),
            on_done=self._on_done,
            on_error=self._on_error,
        )
        self.task.batch_ready.connect(self._on_batch)
        self.task.taskTerminated.connect(self._on_terminated)
        self._touched = set()
        self._delivered = set()
        self._task_layers = layers
        self.steps.begin()
        self.loading_changed.emit(True)
        return start_task(self.task, self._lost_watch, lambda: self.load_bbox(bbox))

    def show_new_pictures(self, api_url: str, layer) -> LoadPicturesTask | None:
        """Zoom to the features of ``layer`` (just uploaded) and load them from ``api_url``.

        The box gets a margin in degrees: one picture, or a walk due east, has an
        extent of zero height that QGIS calls empty.
        """
        if layer is None:
            return None
        box = QgsRectangle()
        for feature in layer.getFeatures():
            if not feature.geometry().isNull():
                box.combineExtentWith(feature.geometry().boundingBox())
        if box.isNull():
            return None
        to_wgs84 = QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance())
        box = to_wgs84.transformBoundingBox(box)
        margin = 0.0005  # about 50 m
        bbox = (
            box.xMinimum() - margin,
            box.yMinimum() - margin,
            box.xMaximum() + margin,
            box.yMaximum() + margin,
        )
        to_map = QgsCoordinateTransform(
            WGS84, self.canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        self.canvas.setExtent(to_map.transformBoundingBox(QgsRectangle(*bbox)))
        self.canvas.refresh()
        if (self.api_url or "").rstrip("/") != api_url.rstrip("/"):
            return None  # another instance is browsed now: the zoom is all
        return self.load_bbox(bbox)

    def _step_failed(self, error) -> None:
        """Putting the pictures into the layers failed: the load ends, said."""
        self.cancel()
        self._on_error(error)

    def _on_batch(self, pictures) -> None:
        if self.sender() is not self.task:
            return  # a canceled search still delivering
        layers = self._task_layers
        self._touched |= layers.index.add(pictures)
        self._delivered.update(p.id for p in pictures)
        for start in range(0, len(pictures), CHUNK):
            chunk = pictures[start : start + CHUNK]
            self.steps.add(lambda chunk=chunk: layers.pictures.add_pictures(chunk))

    def _on_done(self, result: LoadResult) -> None:
        """Queue what is left after the last batch: sequence lines, then the summary."""
        self.task = None
        layers = self._task_layers
        if result.instance is not None:
            self.instance = result.instance
        layers.metadata.update(result.sequences)
        self.steps.add(layers.pictures.layer.triggerRepaint)

        def collect_touched():
            touched = sorted(self._touched | {s for s in result.sequences if s in layers.index})
            for start in range(0, len(touched), SEQUENCES_PER_STEP):
                part = touched[start : start + SEQUENCES_PER_STEP]
                self.steps.add(
                    lambda part=part: layers.sequences.update(part, layers.index, layers.metadata)
                )
            self.steps.add(lambda: self._complete(result))

        self.steps.add(collect_touched)  # runs once every batch is in the layer

    def _complete(self, result: LoadResult) -> None:
        layers = self._task_layers
        self.steps.end()
        removed = self._reconcile(layers, result)
        self.loading_changed.emit(False)
        self._report(result, removed)
        self.load_finished.emit(result)

    def _reconcile(self, layers: InstanceLayers, result: LoadResult) -> int:
        """After a complete, unfiltered search, drop pictures the server no longer has."""
        if not result.outcome.complete or not result.filters.is_empty:
            return 0
        stale = layers.pictures.ids_in_bbox(result.bbox) - self._delivered
        if not stale:
            return 0
        touched = layers.index.discard(stale)
        removed = layers.pictures.remove_pictures(stale)
        gone = {sid for sid in touched if sid not in layers.index}
        layers.sequences.remove(gone)
        layers.sequences.update(touched - gone, layers.index, layers.metadata)
        return removed

    def _report(self, result: LoadResult, removed: int) -> None:
        outcome = result.outcome
        layers = self._task_layers
        text = self.tr(
            "{loaded} pictures in this area; {total} pictures and {sequences} "
            "sequences in the layers."
        ).format(loaded=outcome.loaded, total=len(layers.pictures), sequences=len(layers.sequences))
        level = "info"
        if not outcome.complete:
            level = "warning"
        if getattr(outcome, "ignored_area", 0):
            text += " " + self.tr(
                "The instance answered with pictures outside the area asked (it seems to "
                "ignore the area), so the search could not be split: some pictures of this "
                "area may be missing."
            )
        elif getattr(outcome, "request_limit_hit", False):
            text += " " + self.tr(
                "The search stopped after {count} requests with {parts} parts of the area "
                "not searched: zoom in or filter to see the rest."
            ).format(count=outcome.requests, parts=len(outcome.unexplored_tiles))
        elif not outcome.complete:
            text += " " + self.tr(
                "The search stopped at {ceiling} pictures and {parts} parts of the area were "
                "not searched: zoom in or filter to see the rest."
            ).format(ceiling=outcome.loaded, parts=len(outcome.unexplored_tiles))
        if removed:
            text += " " + self.tr(
                "{count} pictures no longer on the instance were removed."
            ).format(count=removed)
        if outcome.malformed:
            text += " " + self.tr("{count} malformed pictures were skipped.").format(
                count=outcome.malformed
            )
        if result.sequences_error:
            text += " " + self.tr("Sequence details could not be read: {error}").format(
                error=result.sequences_error
            )
        self.message.emit(level, text)

    def _on_error(self, error) -> None:
        self.task = None
        self.steps.end()
        self.loading_changed.emit(False)
        if isinstance(error, PanoramaxError):
            text = str(error)
        else:
            text = self.tr("Unexpected error while loading pictures: {error}").format(error=error)
        self.message.emit(
            "critical",
            self.tr(
                "Loading pictures failed after {count} pictures of this area; the layers keep "
                "what they hold and are not complete for this area. {error}"
            ).format(count=len(self._delivered), error=text),
        )

    def unload(self) -> None:
        self.set_auto_refresh(False)
        self.cancel()
        try:
            QgsProject.instance().layersWillBeRemoved.disconnect(self._forget_removed_layers)
        except TypeError:
            pass
