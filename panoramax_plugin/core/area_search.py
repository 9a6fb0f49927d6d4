"""Load every picture of an area despite ``/api/search``'s 10,000 cap and no paging.

When one search comes back full (as many items as asked), the box is split in
four and each quarter searched again, so nothing is silently dropped. Above a
ceiling the walk stops and says so. Filters the server cannot apply (type,
producer) are applied here, to the same models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .client import SEARCH_LIMIT_MAX, PanoramaxClient
from .geometry import split_bbox
from .models import Picture

MIN_TILE_DEGREES = 1e-5  # ~1 m: below this a full answer cannot be split further


@dataclass(frozen=True)
class SearchFilters:
    """What the user wants to see; ``kind`` is None (both), ``"flat"`` or ``"360"``."""

    start: datetime | None = None
    end: datetime | None = None
    kind: str | None = None
    producers: tuple = ()

    def matches(self, picture: Picture) -> bool:
        if self.kind and picture.kind != self.kind:
            return False
        if self.producers:
            wanted = {p.casefold() for p in self.producers}
            if (picture.producer or "").casefold() not in wanted:
                return False
        if picture.captured_at is not None:
            if self.start and picture.captured_at < self.start:
                return False
            if self.end and picture.captured_at > self.end:
                return False
        return True

    @property
    def is_empty(self) -> bool:
        return not (self.start or self.end or self.kind or self.producers)


@dataclass
class AreaSearchOutcome:
    """What happened, for the message bar and the log."""

    loaded: int = 0
    requests: int = 0
    splits: int = 0
    malformed: int = 0
    filtered_out: int = 0
    complete: bool = True
    canceled: bool = False
    unexplored_tiles: list = field(default_factory=list)


def search_area(
    client: PanoramaxClient,
    bbox,
    filters: SearchFilters | None = None,
    *,
    page_limit: int = SEARCH_LIMIT_MAX,
    ceiling: int = 50_000,
    on_batch=None,
    is_canceled=None,
) -> AreaSearchOutcome:
    """Search ``bbox`` (WGS84), splitting full answers; ``on_batch(list[Picture])`` per answer.

    Each picture is delivered once. Stops (``complete=False``) when ``ceiling``
    pictures are loaded while parts of the area still wait, and when canceled.
    """
    filters = filters or SearchFilters()
    outcome = AreaSearchOutcome()
    seen: set = set()
    queue = [tuple(float(v) for v in bbox)]
    while queue:
        if is_canceled is not None and is_canceled():
            outcome.canceled = True
            outcome.complete = False
            outcome.unexplored_tiles = queue
            return outcome
        if outcome.loaded >= ceiling:
            outcome.complete = False
            outcome.unexplored_tiles = queue
            return outcome
        tile = queue.pop(0)
        result = client.search(bbox=tile, start=filters.start, end=filters.end, limit=page_limit)
        outcome.requests += 1
        outcome.malformed += result.malformed
        fresh = []
        for picture in result.pictures:
            if picture.id in seen:
                continue
            seen.add(picture.id)
            if filters.matches(picture):
                fresh.append(picture)
            else:
                outcome.filtered_out += 1
        if fresh:
            outcome.loaded += len(fresh)
            if on_batch is not None:
                on_batch(fresh)
        if result.capped:
            west, south, east, north = tile
            if min(east - west, north - south) / 2 < MIN_TILE_DEGREES:
                outcome.complete = False  # thousands of pictures at one spot: cannot split
                continue
            outcome.splits += 1
            queue.extend(split_bbox(tile))
    return outcome
