"""Tagged pictures: the map extent searched with a tag filter, as a new point layer.

Runs on the browse machinery: ``LoadPicturesTask`` (the search in a task, with the
search cap splitting of ``core.area_search``, progress and cancel) with the items parsed
by ``core.tagged.tagged_picture_from_feature``; the rows are made into features a chunk
per event-loop turn on the main thread, and the layer joins the project once complete.
Instance, read-only mode, settings and the extent are the browse controller's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..background.core_task import start_task
from ..background.lost_task import LostTaskWatch
from ..core.area_search import SearchFilters
from ..core.errors import PanoramaxError
from ..core.tagged import TagQuery, rows_for, tagged_picture_from_feature
from ..layers.tagged import TaggedLayer
from .load_task import LoadPicturesTask, LoadResult
from .main_thread_steps import MainThreadSteps
from .search_owner import SearchTaskOwner

CHUNK = 500  # pictures made into rows and features per event-loop turn


class TaggedController(QObject, SearchTaskOwner):
    """``load(query, annotations)``: one new layer per load."""

    message = pyqtSignal(str, str)  # level (info, warning, critical), text
    loading_changed = pyqtSignal(bool)
    load_finished = pyqtSignal(object)  # TaggedLayer

    def __init__(self, browse, parent=None):
        super().__init__(parent)
        self.browse = browse  # BrowseController: instance, settings, extent
        self.task: LoadPicturesTask | None = None
        self.layer: TaggedLayer | None = None  # the layer being loaded, then the last one
        self.query: TagQuery | None = None
        self.last_result: LoadResult | None = None  # the search's outcome, once done
        self.steps = MainThreadSteps(self._step_failed, self)  # rows into the layer
        self._lost_watch = LostTaskWatch(self)

    def load_in_view(self, query: TagQuery, annotations: bool = False):
        """A slot: nothing may leave it."""
        try:
            if self.browse.canvas.extent().isEmpty():
                self.message.emit("warning", self.tr("The map shows no area to search."))
                return None
            return self.load_bbox(self.browse.view_bbox(), query, annotations)
        except Exception as exc:  # a bug here must not take QGIS down
            self.message.emit(
                "critical",
                self.tr("Tagged pictures could not be loaded: {error}").format(error=exc),
            )
            return None

    def load_bbox(self, bbox, query: TagQuery, annotations: bool = False):
        """Start the search of ``bbox`` for ``query``; a load still running is canceled."""
        api_url = self.browse.api_url
        if not api_url:
            self.message.emit("warning", self.tr("Choose a Panoramax instance first."))
            return None
        try:
            cql = query.cql()
        except ValueError as exc:  # refused before sending, saying why
            self.message.emit("warning", str(exc))
            return None
        self.cancel()
        host = urlsplit(api_url).netloc
        if annotations:
            name = self.tr("Panoramax annotations: {query} ({host})")
        else:
            name = self.tr("Panoramax tagged pictures: {query} ({host})")
        self.query = query
        self.layer = TaggedLayer(name.format(query=query.label, host=host), annotations)
        settings = self.browse.settings
        self.task = LoadPicturesTask(
            self.tr("Loading tagged Panoramax pictures"),
            api_url,
            bbox,
            SearchFilters(cql_filter=cql),
            instance=self.browse.instance,
            read_only=self.browse.read_only,
            timeout=settings.timeout_s,
            ceiling=int(settings.search_ceiling),
            with_sequences=False,
            parse=tagged_picture_from_feature,
            on_done=self._on_done,
            on_error=self._on_error,
        )
        self.task.batch_ready.connect(self._on_batch)
        self.task.taskTerminated.connect(self._on_terminated)
        self.steps.begin()
        self.loading_changed.emit(True)
        return start_task(
            self.task, self._lost_watch, lambda: self.load_bbox(bbox, query, annotations)
        )

    def _step_failed(self, error) -> None:
        """Making the layer failed: the load ends, said."""
        self.cancel()
        self.message.emit(
            "critical",
            self.tr("Tagged pictures could not be loaded: {error}").format(error=error),
        )

    def _on_batch(self, pictures) -> None:
        if self.sender() is not self.task:
            return  # a canceled search still delivering
        layer, query = self.layer, self.query
        for start in range(0, len(pictures), CHUNK):
            chunk = pictures[start : start + CHUNK]
            self.steps.add(
                lambda chunk=chunk: layer.add_rows(rows_for(chunk, query, layer.annotations))
            )

    def _on_done(self, result: LoadResult) -> None:
        self.task = None
        instance = result.instance
        if (
            instance is not None
            and self.browse.instance is None
            and (instance.api_url or "").rstrip("/") == (self.browse.api_url or "").rstrip("/")
        ):  # not when another instance was chosen while this search ran
            self.browse.instance = instance
        self.steps.add(lambda: self._complete(result))  # once every batch is in the layer

    def _complete(self, result: LoadResult) -> None:
        self.last_result = result
        layer = self.layer
        layer.finish()
        layer.add_to_project()
        self.steps.end()
        self.loading_changed.emit(False)
        self._report(result, layer)
        self.load_finished.emit(layer)

    def _report(self, result: LoadResult, layer: TaggedLayer) -> None:
        outcome = result.outcome
        if layer.annotations:
            text = self.tr("{count} annotations of {pictures} pictures tagged {query}.").format(
                count=layer.count, pictures=outcome.loaded, query=self.query.label
            )
        else:
            text = self.tr("{count} pictures tagged {query}.").format(
                count=layer.count, query=self.query.label
            )
        level = "info"
        if layer.keys.overflow:
            text += " " + self.tr(
                "{count} more tag keys have no column of their own: they are in the tags "
                "and tags_json fields."
            ).format(count=len(layer.keys.overflow))
        if getattr(outcome, "request_limit_hit", False) or getattr(outcome, "ignored_area", 0):
            level = "warning"
            text += " " + self.tr(
                "The search could not be completed: some tagged pictures of this area may be "
                "missing."
            )
        elif not outcome.complete:
            level = "warning"
            text += " " + self.tr(
                "The search stopped at {ceiling} pictures and {parts} parts of the area were "
                "not searched: zoom in or filter to see the rest."
            ).format(ceiling=outcome.loaded, parts=len(outcome.unexplored_tiles))
        if outcome.malformed:
            text += " " + self.tr("{count} malformed pictures were skipped.").format(
                count=outcome.malformed
            )
        self.message.emit(level, text)

    def _on_error(self, error) -> None:
        self.task = None
        self.steps.end()
        self.loading_changed.emit(False)
        if isinstance(error, PanoramaxError):
            text = str(error)  # a rejected filter: the server's own message is in it
        else:
            text = self.tr("Unexpected error: {error}").format(error=error)
        self.message.emit(
            "critical",
            self.tr("Loading tagged pictures failed: {error}").format(error=text),
        )

    def unload(self) -> None:
        self.cancel()
