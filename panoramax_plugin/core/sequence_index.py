"""Groups loaded pictures by sequence, so sequence lines follow capture order.

The collections listing gives no geometry; the pictures do. Pure Python, fed
batch by batch while a search runs. Each picture is kept as a plain tuple of
atoms: tens of thousands of them then cost the garbage collector nothing (a
full collection over 10,000 ``Picture`` objects stalled the QGIS GUI ~70 ms).
"""

from __future__ import annotations

from typing import NamedTuple

from .geometry import line_length_m


class PictureRecord(NamedTuple):
    """What a sequence line and its attributes need of one picture."""

    rank: int | None
    timestamp: float | None
    lon: float
    lat: float
    captured_at: object  # datetime (not a GC container)
    kind: str
    producer: str | None
    camera: str | None
    instance_url: str | None


def _record(picture) -> tuple:
    captured = picture.captured_at
    # a plain tuple (not the NamedTuple) so CPython can untrack it from the GC
    return (
        picture.rank,
        captured.timestamp() if captured else None,
        picture.lon,
        picture.lat,
        captured,
        picture.kind,
        picture.producer,
        picture.camera,
        picture.instance_url,
    )


def _order_key(record: tuple) -> tuple:
    rank, timestamp = record[0], record[1]
    return (rank is None, rank if rank is not None else 0, timestamp or 0.0)


class SequenceIndex:
    """Pictures seen so far, by sequence id."""

    def __init__(self):
        self._pictures: dict = {}  # sequence id -> {picture id: record tuple}

    def add(self, pictures) -> set:
        """Record pictures; returns the ids of the sequences that changed."""
        touched = set()
        for picture in pictures:
            if not picture.sequence_id:
                continue
            self._pictures.setdefault(picture.sequence_id, {})[picture.id] = _record(picture)
            touched.add(picture.sequence_id)
        return touched

    def discard(self, picture_ids) -> set:
        """Forget pictures (deleted on the server); returns the sequences that changed."""
        wanted = set(picture_ids)
        touched = set()
        for sequence_id, pictures in list(self._pictures.items()):
            for picture_id in wanted & pictures.keys():
                del pictures[picture_id]
                touched.add(sequence_id)
            if not pictures:
                del self._pictures[sequence_id]
        return touched

    def __contains__(self, sequence_id) -> bool:
        return sequence_id in self._pictures

    def ordered(self, sequence_id: str) -> list:
        """``PictureRecord``s of a sequence in rank order (capture time without ranks)."""
        records = sorted(self._pictures.get(sequence_id, {}).values(), key=_order_key)
        return [PictureRecord(*record) for record in records]

    def summary(self, sequence_id: str, ordered: list | None = None) -> dict:
        """What the loaded pictures say about their sequence (``ordered`` if known)."""
        records = self.ordered(sequence_id) if ordered is None else ordered
        times = [r.captured_at for r in records if r.captured_at is not None]
        kinds = {r.kind for r in records}
        producers = [r.producer for r in records if r.producer]
        return {
            "first_capture": min(times) if times else None,
            "last_capture": max(times) if times else None,
            "loaded_pictures": len(records),
            "type": kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else None),
            "producer": producers[0] if producers else None,
            "camera": next((r.camera for r in records if r.camera), None),
            "length_km": line_length_m([(r.lon, r.lat) for r in records]) / 1000.0,
            "instance": next((r.instance_url for r in records if r.instance_url), None),
        }
