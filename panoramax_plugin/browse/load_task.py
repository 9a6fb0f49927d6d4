"""Search an area in the background and hand the pictures over in batches.

HTTP and JSON parsing happen here; ``batch_ready`` delivers plain ``Picture``
models on the main thread, which turns them into features in small steps.
(Building ``QgsFeature``s here was measured worse: every PyQt call from this
thread fought the GUI thread for the GIL, with 70-100 ms GUI stalls.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.PyQt.QtCore import pyqtSignal

from ..background.core_task import CoreTask
from ..background.qthreads import QThreadCall
from ..core.area_search import AreaSearchOutcome, SearchFilters, search_area
from ..core.client import SEARCH_LIMIT_MAX, PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.gc_pause import paused_gc
from ..network.session import qgis_http_client

BATCH_SIZE = 1000
MAX_SEQUENCES = 2000


def pictures_inside(sequences: dict, bbox) -> int | None:
    """How many pictures ``bbox`` holds, when every sequence touching it lies inside it."""
    if not sequences or len(sequences) >= MAX_SEQUENCES:
        return None
    west, south, east, north = bbox
    total = 0
    for sequence in sequences.values():
        if sequence.bbox is None or sequence.picture_count is None:
            return None
        s_west, s_south, s_east, s_north = sequence.bbox
        if s_west < west or s_south < south or s_east > east or s_north > north:
            return None
        total += sequence.picture_count
    return total


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
    """``batch_ready(list[Picture])`` while searching; then ``on_done``."""

    batch_ready = pyqtSignal(object)

    def __init__(
        self,
        description: str,
        api_url: str,
        bbox,
        filters: SearchFilters,
        *,
        instance=None,
        read_only: bool = False,
        timeout: float = 30.0,
        page_limit: int = SEARCH_LIMIT_MAX,
        ceiling: int = 50_000,
        with_sequences: bool = True,
        parse=None,
        on_done=None,
        on_error=None,
    ):
        super().__init__(
            description, self._search, on_done=on_done, on_error=on_error, quiet_when_canceled=True
        )
        self.api_url = api_url
        self.bbox = tuple(bbox)
        self.filters = filters
        self.instance = instance
        self.read_only = read_only
        self.timeout = timeout
        self.page_limit = page_limit
        self.ceiling = ceiling
        self.with_sequences = with_sequences
        self.parse = parse  # how items are built (None: Picture); see core.tagged

    def _emit(self, pictures) -> None:
        for start in range(0, len(pictures), BATCH_SIZE):
            chunk = pictures[start : start + BATCH_SIZE]
            self.batch_ready.emit(chunk)
        loaded = self._loaded = getattr(self, "_loaded", 0) + len(pictures)
        self.setProgress(min(90.0, 10.0 + 80.0 * loaded / max(1, self.ceiling)))

    def _search(self, task) -> LoadResult:
        client = PanoramaxClient(
            self.api_url,
            http=qgis_http_client(self.timeout),
            read_only=self.read_only,
            instance=self.instance,  # discovered already: no extra request
        )
        instance = client.discover()
        # sequences are listed while the search runs (a QThread: QGIS networking needs
        # Qt timers): their picture counts can settle a search that hits the cap, and
        # they feed the sequence layer
        listing = None
        if self.with_sequences:
            listing = QThreadCall(lambda: self._list_sequences(instance))
            listing.start()

        def listed() -> tuple:
            if listing is None:
                return {}, None
            listing.wait()
            return listing.result

        def expected_total():
            sequences, error = listed()
            return None if error or listing is None else pictures_inside(sequences, self.bbox)

        self.setProgress(5)
        try:
            with paused_gc():
                outcome = search_area(
                    client,
                    self.bbox,
                    self.filters,
                    page_limit=self.page_limit,
                    ceiling=self.ceiling,
                    on_batch=self._emit,
                    is_canceled=self.isCanceled,
                    expected_total=expected_total,
                    parse=self.parse,
                )
        finally:
            sequences, sequences_error = listed()
        result = LoadResult(self.bbox, self.filters, outcome, instance, sequences, sequences_error)
        self.setProgress(100)
        return result

    def _list_sequences(self, instance) -> tuple:
        """(sequences by id, error text or None), on a client of its own (own thread)."""
        client = PanoramaxClient(
            self.api_url,
            http=qgis_http_client(self.timeout),
            read_only=self.read_only,
            instance=instance,
        )
        sequences = {}
        try:
            for sequence in client.list_sequences(
                bbox=self.bbox, page_size=100, max_sequences=MAX_SEQUENCES
            ):
                sequences[sequence.id] = sequence
                if self.isCanceled():
                    break
        except PanoramaxError as exc:  # lines still come from the pictures
            return sequences, str(exc)
        except Exception as exc:
            return sequences, repr(exc)
        return sequences, None
