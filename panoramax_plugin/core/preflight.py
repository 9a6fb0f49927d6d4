"""Predict what the instance will make of a set of pictures, before sending them.

Mirrors GeoVisio's dispatch (``geopic_tag_reader.sequence.dispatch_pictures``):
sort by capture time, start a new sequence after a gap over ``split_distance`` metres
or ``split_time`` seconds, then inside each sequence reject a picture closer than
``duplicate_distance`` metres to an earlier kept one *and* within
``duplicate_rotation`` degrees of heading (any heading when one is unknown).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .geometry import distance_m
from .picture_file import PictureMeta


@dataclass
class DispatchRules:
    """The instance's split and duplicate settings (``/api/configuration`` defaults)."""

    split_distance: float | None = 100.0
    split_time: float | None = 300.0
    duplicate_distance: float | None = 1.0
    duplicate_rotation: float | None = 60.0
    sort_method: str = "time-asc"

    @classmethod
    def from_configuration(cls, configuration: dict) -> DispatchRules:
        defaults = (configuration or {}).get("defaults") or {}
        rules = cls()
        for name in ("split_distance", "split_time", "duplicate_distance", "duplicate_rotation"):
            if name in defaults:
                setattr(
                    rules,
                    name,
                    _seconds(defaults[name]) if name == "split_time" else defaults[name],
                )
        return rules


@dataclass
class Duplicate:
    index: int
    of_index: int
    distance_m: float
    angle: float | None


@dataclass
class Prediction:
    """Indexes into the pictures given: sequences in order, and the duplicates."""

    sequences: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)

    def sequence_of(self) -> dict:
        return {index: number for number, seq in enumerate(self.sequences) for index in seq}


def predict_dispatch(pictures: list, rules: DispatchRules) -> Prediction:
    """Sequences and duplicates the instance will make of the ready ``pictures``."""
    ready = [i for i, p in enumerate(pictures) if p.problem is None and _placed(p)]
    ordered = _sorted(ready, pictures, rules.sort_method)
    sequences = _split(ordered, pictures, rules)
    duplicates = []
    kept_sequences = []
    for sequence in sequences:
        kept, found = _deduplicate(sequence, pictures, rules)
        kept_sequences.append(kept)
        duplicates.extend(found)
    return Prediction(sequences=kept_sequences, duplicates=duplicates)


def _utc(meta: PictureMeta):
    value = meta.captured_at
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _sorted(indexes: list, pictures: list, method: str) -> list:
    strategy, _, order = (method or "time-asc").partition("-")
    if strategy == "filename":
        names = [_stem(pictures[i].path) for i in indexes]
        numeric = all(name.isdigit() for name in names)
        key = (
            (lambda i: int(_stem(pictures[i].path)))
            if numeric
            else (lambda i: _stem(pictures[i].path))
        )
    else:
        key = lambda i: _utc(pictures[i])  # noqa: E731
    result = sorted(indexes, key=key)
    return result[::-1] if order == "desc" else result


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _split(ordered: list, pictures: list, rules: DispatchRules) -> list:
    if not ordered:
        return []
    if rules.split_distance is None and rules.split_time is None:
        return [ordered]
    sequences, current = [], [ordered[0]]
    for index in ordered[1:]:
        last, pic = pictures[current[-1]], pictures[index]
        gap_s = abs((_utc(last) - _utc(pic)).total_seconds())
        gap_m = distance_m(last.lon, last.lat, pic.lon, pic.lat)
        too_late = rules.split_time is not None and gap_s > rules.split_time
        too_far = rules.split_distance is not None and gap_m > rules.split_distance
        if too_late or too_far:
            sequences.append(current)
            current = [index]
        else:
            current.append(index)
    sequences.append(current)
    return sequences


def _deduplicate(sequence: list, pictures: list, rules: DispatchRules):
    """Greedy, in sequence order, like the server; neighbours found on a metre grid."""
    if rules.duplicate_distance is None or len(sequence) < 2:
        return list(sequence), []
    limit = float(rules.duplicate_distance)
    cell = max(limit, 0.5) / 111_320.0  # degrees of latitude per cell

    def cell_of(pic):
        return int(pic.lat // cell), int(pic.lon // (cell / _cos(pic.lat)))

    grid: dict = {}
    for position, index in enumerate(sequence):
        grid.setdefault(cell_of(pictures[index]), []).append(position)
    removed, duplicates = set(), []
    for position, index in enumerate(sequence):
        if position in removed:
            continue
        pic = pictures[index]
        row, col = cell_of(pic)
        for d_row in (-1, 0, 1):
            for d_col in (-1, 0, 1):
                for other_position in grid.get((row + d_row, col + d_col), ()):
                    if other_position == position or other_position in removed:
                        continue
                    other = pictures[sequence[other_position]]
                    dist = distance_m(pic.lon, pic.lat, other.lon, other.lat)
                    if dist > limit:
                        continue
                    angle = _rotation(pic.heading, other.heading)
                    if angle is not None and rules.duplicate_rotation is not None:
                        if angle > rules.duplicate_rotation:
                            continue
                    removed.add(other_position)
                    duplicates.append(
                        Duplicate(sequence[other_position], index, round(dist, 2), angle)
                    )
    return [i for p, i in enumerate(sequence) if p not in removed], duplicates


def _cos(lat: float) -> float:
    return max(0.01, math.cos(math.radians(lat)))


def _placed(meta: PictureMeta) -> bool:
    """A finite position and a capture time: what sorting and splitting need."""
    return _finite(meta.lat) and _finite(meta.lon) and isinstance(meta.captured_at, datetime)


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def _rotation(a, b):
    """Degrees between two headings; None when one is unknown (or not a finite number)."""
    if not (_finite(a) and _finite(b)):
        return None
    diff = (round(a) - round(b)) % 360
    return min(diff, 360 - diff)


def _seconds(value) -> float | None:
    """``split_time`` comes as seconds or as an ISO-8601-ish duration string."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)
    if ":" in text:  # "0:05:00"
        parts = [float(p) for p in text.split(":")]
        total = 0.0
        for part in parts:
            total = total * 60 + part
        return total
    try:
        return float(text)
    except ValueError:
        return 300.0
