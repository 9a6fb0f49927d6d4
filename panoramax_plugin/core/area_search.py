"""Load every picture of an area despite ``/api/search``'s 10,000 cap and no paging.

A full answer (as many items as asked) is ambiguous: there may be more. Before
splitting, two facts can settle it without another request:

- GeoVisio sorts a bbox search by planar distance (degrees) to the box centre, so
  a full answer holds every picture closer than its farthest one: parts of the
  box inside that circle are complete (checked only when the answer really comes
  sorted);
- when the caller knows how many pictures the box holds (the picture counts of
  the sequences lying wholly inside it) and got exactly that many, nothing is missing.

Otherwise the box is split in four and the quarters not yet covered are searched
again, so nothing is silently dropped. Above a ceiling the walk stops and says so.

A server that ignores the bbox (its full answers hold pictures outside the box
asked) would be split without end: such a box is not split, and the outcome says
so (``ignored_area``). Whatever the server does, the walk makes at most
``max_requests`` searches (``request_limit_hit``).
Filters the server cannot apply (type, producer) are applied here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from .client import SEARCH_LIMIT_MAX, PanoramaxClient
from .geometry import split_bbox
from .models import Picture

MIN_TILE_DEGREES = 1e-5  # ~1 m: below this a full answer cannot be split further
EPSILON = 1e-9
OUTSIDE_TOLERANCE = 1e-6  # degrees: the bbox goes out with 7 decimals
MIN_REQUESTS = 200
REQUESTS_PER_FULL_PAGE = 40


def default_max_requests(ceiling: int, page_limit: int) -> int:
    """The most searches one area search makes: generous (40 per full page the ceiling
    allows, at least 200), reached only by a server whose answers never settle."""
    pages = math.ceil(max(1, ceiling) / max(1, page_limit))
    return max(MIN_REQUESTS, REQUESTS_PER_FULL_PAGE * pages)


def outside(pictures, tile) -> int:
    """How many pictures lie outside ``tile`` (a server that ignores the bbox)."""
    west, south, east, north = tile
    t = OUTSIDE_TOLERANCE
    return sum(
        1
        for p in pictures
        if not (west - t <= p.lon <= east + t and south - t <= p.lat <= north + t)
    )


def _centre(tile) -> tuple:
    west, south, east, north = tile
    return (west + east) / 2.0, (south + north) / 2.0


def _farthest_corner(tile, centre) -> float:
    west, south, east, north = tile
    cx, cy = centre
    return max(math.hypot(x - cx, y - cy) for x in (west, east) for y in (south, north))


def covered_radius(pictures, tile) -> float | None:
    """Radius (degrees) around the tile centre inside which a full answer is complete.

    None when the answer is not sorted by distance: then nothing can be inferred.
    """
    cx, cy = _centre(tile)
    previous = -1.0
    for picture in pictures:
        distance = math.hypot(picture.lon - cx, picture.lat - cy)
        if distance + EPSILON < previous:
            return None
        previous = max(previous, distance)
    return previous - EPSILON if previous > 0 else None


@dataclass(frozen=True)
class SearchFilters:
    """What the user wants to see; ``kind`` is None (both), ``"flat"`` or ``"360"``.

    ``cql_filter``: a CQL2 text filter the server applies (``PanoramaxClient.search``).
    """

    start: datetime | None = None
    end: datetime | None = None
    kind: str | None = None
    producers: tuple = ()
    cql_filter: str | None = None

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
        return not (self.start or self.end or self.kind or self.producers or self.cql_filter)


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
    ignored_area: int = 0  # full answers with pictures outside their box: not split
    request_limit_hit: bool = False


def search_area(
    client: PanoramaxClient,
    bbox,
    filters: SearchFilters | None = None,
    *,
    page_limit: int = SEARCH_LIMIT_MAX,
    ceiling: int = 50_000,
    on_batch=None,
    is_canceled=None,
    expected_total=None,
    max_requests: int | None = None,
    parse=None,
) -> AreaSearchOutcome:
    """Search ``bbox`` (WGS84), splitting full answers; ``on_batch(list[Picture])`` per answer.

    Each picture is delivered once. Stops (``complete=False``) when ``ceiling``
    pictures are loaded while parts of the area still wait, and when canceled.
    ``expected_total`` is the number of pictures known to be in ``bbox`` (all of them,
    before client-side filters), or a function returning it (or None), asked only if
    the first answer is full, so the caller can compute it while the search runs.
    ``max_requests`` bounds the searches (default: ``default_max_requests``).
    ``parse``: how items are built (``PanoramaxClient.search``; default ``Picture``).
    """
    filters = filters or SearchFilters()
    if max_requests is None:
        max_requests = default_max_requests(ceiling, page_limit)
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
        if outcome.requests >= max_requests:
            outcome.complete = False
            outcome.request_limit_hit = True
            outcome.unexplored_tiles = queue
            return outcome
        tile = queue.pop(0)
        extra = {"cql_filter": filters.cql_filter} if filters.cql_filter else {}
        if parse is not None:
            extra["parse"] = parse
        result = client.search(
            bbox=tile, start=filters.start, end=filters.end, limit=page_limit, **extra
        )
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
        _release(fresh)
        capped = result.capped
        strays = outside(result.pictures, tile) if capped else 0
        radius = covered_radius(result.pictures, tile) if capped and not strays else None
        count = len(result.pictures) + result.malformed
        _release(result.pictures)
        if not capped:
            continue
        if strays:  # the server ignores the box: smaller boxes would bring the same
            outcome.ignored_area += 1
            outcome.complete = False
            continue
        if expected_total is not None and outcome.requests == 1:
            total = expected_total() if callable(expected_total) else expected_total
            if total is not None and count == total:
                continue  # the whole box held exactly this many: complete
        centre = _centre(tile)
        if radius is not None and _farthest_corner(tile, centre) < radius:
            continue  # the answer's circle covers the whole box
        west, south, east, north = tile
        if min(east - west, north - south) / 2 < MIN_TILE_DEGREES:
            outcome.complete = False  # thousands of pictures at one spot: cannot split
            continue
        outcome.splits += 1
        if radius is None:
            queue.extend(split_bbox(tile))
        else:  # sixteenths, minus those inside the circle (already complete)
            queue.extend(_outside_circle(tile, centre, radius, depth=2))
    return outcome


def _release(pictures: list, chunk: int = 500) -> None:
    """Drop a big list of models a chunk at a time.

    Freeing 10,000 pictures in one go holds the GIL for ~90 ms; in chunks, other
    threads (the QGIS GUI) get their turn in between.
    """
    while pictures:
        del pictures[-chunk:]


def _outside_circle(tile, centre, radius: float, depth: int) -> list:
    """Parts of ``tile`` (down to ``depth`` quarterings) not wholly inside the circle."""
    if _farthest_corner(tile, centre) < radius:
        return []
    if depth == 0:
        return [tile]
    parts = []
    for quarter in split_bbox(tile):
        parts.extend(_outside_circle(quarter, centre, radius, depth - 1))
    return parts
