"""What the pictures and sequences layers share: a WGS84 memory layer with typed fields."""

from __future__ import annotations

from qgis.core import QgsField, QgsFields, QgsProject, QgsVectorLayer

from ..compat import field_type


def make_fields(spec) -> QgsFields:
    """``QgsFields`` from (name, kind) pairs; kinds as in ``compat.field_type``."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, field_type(kind)))
    return fields


def memory_layer(geometry: str, name: str, spec) -> QgsVectorLayer:
    """An empty EPSG:4326 memory layer of ``geometry`` (Point, LineString) with ``spec``."""
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes(make_fields(spec).toList())
    layer.updateFields()
    return layer


def add_to_project(layer) -> None:
    """Add the layer to the project unless it is there already."""
    if QgsProject.instance().mapLayer(layer.id()) is None:
        QgsProject.instance().addMapLayer(layer)
