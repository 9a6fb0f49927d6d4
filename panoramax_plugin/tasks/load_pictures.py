"""Search an area in the background and hand the pictures over in batches.

Features are built here, off the GUI thread; the ``batch_ready`` signal is
delivered on the main thread, which only adds them to the layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.PyQt.QtCore import pyqtSignal

from ..core.area_search import AreaSearchOutcome, SearchFilters, search_area
from ..core.client import SEARCH_LIMIT_MAX, PanoramaxClient
from ..core.errors import PanoramaxError
from ..layers.pictures import picture_features
from ..network.session import qgis_http_client
from .core_task import CoreTask

BATCH_SIZE = 1000


@dataclass
class LoadResult:
    """What the task found, for the main thread once it is finished."""

    bbox: tuple
    filters: SearchFilters
    outcome: AreaSearchOutcome
    instance: object = None
    sequences: dict = field(default_factory=dict)  # id -> Sequence (server metadata)
    sequences_error: str | None = None


class LoadPicturesTask(CoreTask):
    """``batch_ready(list[Picture], list[QgsFeature])`` while searching; then ``on_done``."""

    batch_ready = pyqtSignal(object, object)

    def __init__(
        self,
        description: str,
        api_url: str,
        bbox,
        filters: SearchFilters,
        fields,
        *,
        instance=None,
        read_only: bool = False,
        timeout: float = 30.0,
        page_limit: int = SEARCH_LIMIT_MAX,
        ceiling: int = 50_000,
        with_sequences: bool = True,
        on_done=None,
        on_error=None,
    ):
        super().__init__(description, self._search, on_done=on_done, on_error=on_error)
        self.api_url = api_url
        self.bbox = tuple(bbox)
        self.filters = filters
        self.fields = fields
        self.instance = instance
        self.read_only = read_only
        self.timeout = timeout
        self.page_limit = page_limit
        self.ceiling = ceiling
        self.with_sequences = with_sequences

    def _emit(self, pictures) -> None:
        for start in range(0, len(pictures), BATCH_SIZE):
            chunk = pictures[start : start + BATCH_SIZE]
            self.batch_ready.emit(chunk, picture_features(chunk, self.fields))
        loaded = self._loaded = getattr(self, "_loaded", 0) + len(pictures)
        self.setProgress(min(90.0, 10.0 + 80.0 * loaded / max(1, self.ceiling)))

    def _search(self, task) -> LoadResult:
        client = PanoramaxClient(
            self.api_url, http=qgis_http_client(self.timeout), read_only=self.read_only
        )
        if self.instance is not None:
            client._instance = self.instance  # discovered already: no extra request
        instance = client.discover()
        self.setProgress(5)
        outcome = search_area(
            client,
            self.bbox,
            self.filters,
            page_limit=self.page_limit,
            ceiling=self.ceiling,
            on_batch=self._emit,
            is_canceled=self.isCanceled,
        )
        result = LoadResult(self.bbox, self.filters, outcome, instance)
        if self.with_sequences and not self.isCanceled():
            try:
                for sequence in client.list_sequences(
                    bbox=self.bbox, page_size=100, max_sequences=2000
                ):
                    result.sequences[sequence.id] = sequence
                    self.check_canceled()
            except PanoramaxError as exc:  # lines still come from the pictures
                result.sequences_error = str(exc)
        self.setProgress(100)
        return result
