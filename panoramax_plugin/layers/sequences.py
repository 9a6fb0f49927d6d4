"""The sequences line layer: one line per sequence, in capture order, updated in place."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.sequence_index import SequenceIndex
from .memory import add_to_project, make_fields, memory_layer
from .pictures import to_qdatetime
from .styles import apply_sequences_style

SEQUENCE_FIELDS = (
    ("id", "string"),
    ("title", "string"),
    ("first_capture", "datetime"),
    ("last_capture", "datetime"),
    ("picture_count", "int"),  # in the whole sequence (server), else loaded
    ("loaded_pictures", "int"),  # in the layer now
    ("length_km", "double"),
    ("type", "string"),  # flat | 360 | mixed
    ("producer", "string"),
    ("camera", "string"),
    ("instance", "string"),
)


def sequence_fields() -> QgsFields:
    return make_fields(SEQUENCE_FIELDS)


def sequence_attributes(sequence_id: str, index: SequenceIndex, metadata, ordered) -> list:
    """The attributes (``SEQUENCE_FIELDS``) of a sequence: what its loaded pictures say
    (``index``, ``ordered`` its records in order), bettered by the server's ``metadata``
    (a ``Sequence`` or None)."""
    summary = index.summary(sequence_id, ordered)
    first, last = summary["first_capture"], summary["last_capture"]
    count = summary["loaded_pictures"]
    length = summary["length_km"]
    title = producer = None
    kind = summary["type"]
    if metadata is not None:
        title = metadata.title
        first = metadata.first_captured_at or first
        last = metadata.last_captured_at or last
        count = metadata.picture_count if metadata.picture_count is not None else count
        length = metadata.length_km if metadata.length_km is not None else length
        producer = metadata.producer
        if metadata.kind:
            kind = metadata.kind
    return [
        sequence_id,
        title,
        to_qdatetime(first),
        to_qdatetime(last),
        count,
        summary["loaded_pictures"],
        length,
        kind,
        producer or summary["producer"],
        summary["camera"],
        summary["instance"],
    ]


def sequence_geometry(ordered) -> QgsGeometry:
    """The line through a sequence's pictures in order (one picture: a degenerate segment)."""
    points = [QgsPointXY(p.lon, p.lat) for p in ordered]
    if len(points) == 1:  # a line needs two vertices: a degenerate segment still shows
        points = points * 2
    return QgsGeometry.fromPolylineXY(points)


class SequencesLayer:
    """Owns the memory layer of sequences; ``update`` adds or reshapes lines."""

    def __init__(self, name: str | None = None):
        name = name or QCoreApplication.translate("SequencesLayer", "Panoramax sequences")
        self.layer = memory_layer("LineString", name, SEQUENCE_FIELDS)
        self.fields = self.layer.fields()
        self._fids: dict = {}
        apply_sequences_style(self.layer)

    def add_to_project(self) -> None:
        add_to_project(self.layer)

    def __len__(self) -> int:
        return len(self._fids)

    def feature_id(self, sequence_id: str):
        return self._fids.get(sequence_id)

    def update(self, sequence_ids, index: SequenceIndex, metadata: dict | None = None) -> None:
        """Create or refresh the given sequences from the index and server metadata."""
        metadata = metadata or {}
        provider = self.layer.dataProvider()
        new_features, geometries, attributes = [], {}, {}
        for sequence_id in sequence_ids:
            if sequence_id not in index:
                continue
            ordered = index.ordered(sequence_id)
            values = sequence_attributes(sequence_id, index, metadata.get(sequence_id), ordered)
            geometry = sequence_geometry(ordered)
            fid = self._fids.get(sequence_id)
            if fid is None:
                feature = QgsFeature(self.fields)
                feature.setAttributes(values)
                feature.setGeometry(geometry)
                new_features.append(feature)
            else:
                geometries[fid] = geometry
                attributes[fid] = dict(enumerate(values))
        if new_features:
            ok, added = provider.addFeatures(new_features)
            for feature in added:
                self._fids[feature["id"]] = feature.id()
        if geometries:
            provider.changeGeometryValues(geometries)
            provider.changeAttributeValues(attributes)
        self.layer.updateExtents()
        self.layer.triggerRepaint()

    def remove(self, sequence_ids) -> None:
        fids = [self._fids.pop(sid) for sid in sequence_ids if sid in self._fids]
        if fids:
            self.layer.dataProvider().deleteFeatures(fids)
            self.layer.updateExtents()
