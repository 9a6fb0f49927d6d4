"""Groups loaded pictures by sequence, so sequence lines follow capture order.

The collections listing gives no geometry; the pictures do. Pure Python, fed
batch by batch while a search runs.
"""

from __future__ import annotations

from .geometry import line_length_m


class SequenceIndex:
    """Pictures seen so far, by sequence id."""

    def __init__(self):
        self._pictures: dict = {}  # sequence id -> {picture id: Picture}

    def add(self, pictures) -> set:
        """Record pictures; returns the ids of the sequences that changed."""
        touched = set()
        for picture in pictures:
            if not picture.sequence_id:
                continue
            self._pictures.setdefault(picture.sequence_id, {})[picture.id] = picture
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
        """Pictures of a sequence in rank order (capture time when ranks are missing)."""
        pictures = list(self._pictures.get(sequence_id, {}).values())
        return sorted(
            pictures,
            key=lambda p: (
                p.rank is None,
                p.rank if p.rank is not None else 0,
                p.captured_at.timestamp() if p.captured_at else 0.0,
            ),
        )

    def coordinates(self, sequence_id: str) -> list:
        return [(p.lon, p.lat) for p in self.ordered(sequence_id)]

    def summary(self, sequence_id: str) -> dict:
        """What the loaded pictures say about their sequence."""
        pictures = self.ordered(sequence_id)
        times = [p.captured_at for p in pictures if p.captured_at is not None]
        kinds = {p.kind for p in pictures}
        producers = [p.producer for p in pictures if p.producer]
        return {
            "first_capture": min(times) if times else None,
            "last_capture": max(times) if times else None,
            "loaded_pictures": len(pictures),
            "type": kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else None),
            "producer": producers[0] if producers else None,
            "camera": next((p.camera for p in pictures if p.camera), None),
            "length_km": line_length_m(self.coordinates(sequence_id)) / 1000.0,
            "instance": next((p.instance_url for p in pictures if p.instance_url), None),
        }
