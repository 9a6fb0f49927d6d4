"""The "My pictures" memory layers: my sequences (lines) and my pictures (points).

Main thread only (they are ``QgsVectorLayer`` objects): tasks hand ``MySequence`` /
``MyPicture`` models over, and these classes turn them into features.
"""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import QCoreApplication

from ..core.timeparse import parse_datetime
from ..layers.memory import add_to_project, memory_layer
from ..layers.pictures import to_qdatetime
from .styles import apply_my_pictures_style, apply_my_sequences_style

MY_SEQUENCE_FIELDS = (
    ("id", "string"),
    ("title", "string"),
    ("status", "string"),
    ("visibility", "string"),
    ("picture_count", "int"),
    ("first_capture", "datetime"),
    ("last_capture", "datetime"),
    ("length_km", "double"),
    ("upload_set", "string"),
    ("pending", "string"),  # "deleting" while the server finishes a deletion
)

MY_PICTURE_FIELDS = (
    ("id", "string"),
    ("sequence_id", "string"),
    ("rank", "int"),
    ("heading", "double"),
    ("visibility", "string"),
    ("capture_time", "datetime"),
    ("status", "string"),
    ("pending", "string"),
)


def sequence_values(sequence, pending: str = "") -> list:
    return [
        sequence.id,
        sequence.title,
        sequence.status,
        sequence.visibility,
        sequence.picture_count,
        to_qdatetime(parse_datetime(sequence.start)),
        to_qdatetime(parse_datetime(sequence.end)),
        sequence.length_km,
        sequence.upload_set_id,
        pending,
    ]


def picture_values(picture, pending: str = "") -> list:
    return [
        picture.id,
        picture.sequence_id,
        picture.rank,
        picture.heading,
        picture.visibility,
        to_qdatetime(parse_datetime(picture.datetime)),
        picture.status,
        pending,
    ]


def bbox_outline(bbox) -> QgsGeometry:
    """Until its pictures are loaded, a sequence shows as the outline of its extent."""
    if not bbox:
        return QgsGeometry()
    west, south, east, north = bbox
    if (west, south) == (east, north):
        return QgsGeometry.fromPolylineXY([QgsPointXY(west, south)] * 2)
    corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in corners])


def line_through(pictures) -> QgsGeometry:
    points = [QgsPointXY(p.lon, p.lat) for p in pictures if p.lon is not None]
    if not points:
        return QgsGeometry()
    if len(points) == 1:
        points = points * 2
    return QgsGeometry.fromPolylineXY(points)


class _KeyedLayer:
    """A memory layer whose features are found by their ``id`` attribute."""

    def __init__(self, geometry: str, name: str, spec):
        self.layer = memory_layer(geometry, name, spec)
        self.fields = self.layer.fields()
        self._fids: dict = {}

    def __len__(self) -> int:
        return len(self._fids)

    def __contains__(self, key) -> bool:
        return key in self._fids

    def add_to_project(self) -> None:
        add_to_project(self.layer)

    def feature_id(self, key):
        return self._fids.get(key)

    def feature(self, key):
        fid = self._fids.get(key)
        return None if fid is None else self.layer.getFeature(fid)

    def ids(self) -> list:
        return list(self._fids)

    def selected_ids(self) -> list:
        return [f["id"] for f in self.layer.selectedFeatures()]

    def select(self, keys) -> None:
        self.layer.selectByIds([self._fids[k] for k in keys if k in self._fids])

    def _put(self, rows) -> None:
        """``rows``: (key, values, geometry or None to keep it)."""
        provider = self.layer.dataProvider()
        new, attributes, geometries = [], {}, {}
        for key, values, geometry in rows:
            fid = self._fids.get(key)
            if fid is None:
                feature = QgsFeature(self.fields)
                feature.setAttributes(values)
                if geometry is not None:
                    feature.setGeometry(geometry)
                new.append(feature)
            else:
                attributes[fid] = dict(enumerate(values))
                if geometry is not None:
                    geometries[fid] = geometry
        if new:
            _ok, added = provider.addFeatures(new)
            for feature in added:
                self._fids[feature["id"]] = feature.id()
        if attributes:
            provider.changeAttributeValues(attributes)
        if geometries:
            provider.changeGeometryValues(geometries)
        self._changed()

    def set_pending(self, keys, text: str) -> None:
        column = self.fields.indexOf("pending")
        changes = {self._fids[k]: {column: text} for k in keys if k in self._fids}
        if changes:
            self.layer.dataProvider().changeAttributeValues(changes)
            self._changed()

    def remove(self, keys) -> None:
        fids = [self._fids.pop(k) for k in keys if k in self._fids]
        if fids:
            self.layer.dataProvider().deleteFeatures(fids)
            self._changed()

    def clear(self) -> None:
        self.remove(list(self._fids))

    def _changed(self) -> None:
        self.layer.updateExtents()
        self.layer.triggerRepaint()

    def set_filter(self, expression: str) -> bool:
        """Show only the features matching ``expression`` (QGIS expression; "" for all)."""
        return self.layer.setSubsetString(expression)


class MySequencesLayer(_KeyedLayer):
    """My sequences as lines (the extent's outline until the pictures are loaded)."""

    def __init__(self, name: str | None = None):
        name = name or QCoreApplication.translate("MySequencesLayer", "My Panoramax sequences")
        super().__init__("LineString", name, MY_SEQUENCE_FIELDS)
        apply_my_sequences_style(self.layer)

    def set_sequences(self, sequences, replace: bool = True) -> None:
        """Show ``sequences`` (``MySequence``); with ``replace`` the others leave."""
        sequences = list(sequences)
        if replace:
            keep = {s.id for s in sequences}
            self.remove([k for k in self._fids if k not in keep])
        rows = []
        for sequence in sequences:
            geometry = None
            if sequence.id not in self._fids:
                geometry = bbox_outline(sequence.bbox)
            rows.append((sequence.id, self._values(sequence), geometry))
        self._put(rows)

    def update_sequence(self, sequence) -> None:
        self.set_sequences([sequence], replace=False)

    def _values(self, sequence) -> list:
        values = sequence_values(sequence)
        old = self.feature(sequence.id)
        if old is not None:
            if sequence.upload_set_id is None:  # the listing does not say it: keep it
                values[8] = old["upload_set"]
            values[9] = old["pending"] or ""
        return values

    def set_line(self, sequence_id: str, pictures) -> None:
        fid = self._fids.get(sequence_id)
        geometry = line_through(pictures)
        if fid is not None and not geometry.isNull():
            self.layer.dataProvider().changeGeometryValues({fid: geometry})
            self._changed()


class _Point:
    __slots__ = ("lon", "lat")

    def __init__(self, lon: float, lat: float):
        self.lon, self.lat = lon, lat


class MyPicturesLayer(_KeyedLayer):
    """My pictures as points, loaded one sequence at a time."""

    def __init__(self, name: str | None = None):
        name = name or QCoreApplication.translate("MyPicturesLayer", "My Panoramax pictures")
        super().__init__("Point", name, MY_PICTURE_FIELDS)
        apply_my_pictures_style(self.layer)

    def set_pictures(self, sequence_id: str, pictures) -> None:
        """The pictures of one sequence (those no longer there leave)."""
        pictures = list(pictures)
        keep = {p.id for p in pictures}
        self.remove([k for k in self.ids_of(sequence_id) if k not in keep])
        self._put([(p.id, picture_values(p), self._point(p)) for p in pictures])

    def update_picture(self, picture) -> None:
        self._put([(picture.id, picture_values(picture), self._point(picture))])

    def ids_of(self, sequence_id: str) -> list:
        return [f["id"] for f in self.layer.getFeatures() if f["sequence_id"] == sequence_id]

    def points_of(self, sequence_id: str) -> list:
        """The loaded pictures of a sequence as (lon, lat) objects, in rank order."""
        rows = []
        for feature in self.layer.getFeatures():
            if feature["sequence_id"] == sequence_id and not feature.geometry().isNull():
                point = feature.geometry().asPoint()
                rows.append((feature["rank"] or 0, _Point(point.x(), point.y())))
        rows.sort(key=lambda row: row[0])
        return [point for _rank, point in rows]

    def remove_sequences(self, sequence_ids) -> None:
        wanted = set(sequence_ids)
        self.remove([f["id"] for f in self.layer.getFeatures() if f["sequence_id"] in wanted])

    @staticmethod
    def _point(picture):
        if picture.lon is None or picture.lat is None:
            return None
        return QgsGeometry.fromPointXY(QgsPointXY(picture.lon, picture.lat))


def filter_expression(visibility: str = "", status: str = "", since=None, until=None) -> str:
    """The subset of my sequences to show: by visibility, status and capture dates
    (``since`` / ``until``: ``datetime.date``, both included)."""
    parts = []
    if visibility:
        parts.append("\"visibility\" = '{}'".format(visibility.replace("'", "''")))
    if status:
        parts.append("\"status\" = '{}'".format(status.replace("'", "''")))
    if since is not None:
        parts.append(f"\"last_capture\" >= to_datetime('{since.isoformat()}T00:00:00Z')")
    if until is not None:
        parts.append(f"\"first_capture\" <= to_datetime('{until.isoformat()}T23:59:59Z')")
    return " AND ".join(parts)
