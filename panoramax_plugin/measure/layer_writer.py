"""An :class:`~panoramax_plugin.core.observation.Observation` into the user's own layer.

The feature goes through the layer's edit buffer, as one undo command, and through QGIS's
own feature form (``iface.vectorLayerTools()``), so the user fills their own attributes;
nothing reaches the data source until the user saves the layer's edits. Fields the plugin
knows (:data:`~panoramax_plugin.core.observation.KNOWN_FIELDS`) are filled when the layer
has them (matched by name, case-insensitively), converted to the field's type.

Which layer takes what:

- a point found (triangulated, single picture) needs a point or multipoint layer;
- a ray needs a line (or multiline) layer: its 2-vertex line, camera first. A ray is
  refused by a point layer: its only point is the camera, not the object, and putting the
  camera into an inventory of signs would be a wrong position that looks right.

Main thread only. Nothing here raises to its caller for a bad layer, a cancel or a
failed transformation: the answer says what happened and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMapLayer,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, QTime, QTimeZone

from ..compat import field_kind, field_type, geometry_type, provider_can, tools_add_feature
from ..core.observation import KNOWN_FIELDS, METHOD_RAY, KnownField, Observation

ADDED = "added"
CANCELED = "canceled"
REFUSED = "refused"
FAILED = "failed"

Form = Callable[[QgsVectorLayer, QgsFeature], Optional[QgsFeature]]
"""A feature form: given the layer and the prepared feature, the accepted feature (the
user's attributes set) or None when the user canceled."""


@dataclass(frozen=True)
class AddResult:
    """What :func:`add_observation` did: ``status`` is ADDED, CANCELED, REFUSED (the layer
    cannot take it: nothing tried) or FAILED; ``feature_id`` the new feature's id in the
    edit buffer (negative until saved); ``message`` a sentence for the user."""

    status: str
    message: str
    feature_id: Optional[int] = None

    @property
    def added(self) -> bool:
        return self.status == ADDED


class ObservationError(Exception):
    """The observation cannot become a feature of this layer (message for the user)."""


def _is_ray(observation: Observation) -> bool:
    return observation.method == METHOD_RAY


def layer_problem(layer, observation: Optional[Observation] = None) -> Optional[str]:
    """Why ``layer`` cannot take ``observation`` (a sentence saying what to do), or None.

    Without an observation, only what every observation needs is checked (an editable
    point or line layer)."""
    if layer is None:
        return QCoreApplication.translate(
            "LayerWriter", "Choose a point layer to add the measure to."
        )
    if not isinstance(layer, QgsVectorLayer):
        return QCoreApplication.translate(
            "LayerWriter",
            "“{name}” is not a vector layer: choose a point layer (a line layer for a ray).",
        ).format(name=layer.name())
    if not layer.isValid():
        return QCoreApplication.translate(
            "LayerWriter", "“{name}” cannot be read (its data source is missing or broken)."
        ).format(name=layer.name())
    kind = layer.geometryType()
    point, line = geometry_type("point"), geometry_type("line")
    if not layer.isSpatial() or kind not in (point, line, geometry_type("polygon")):
        return QCoreApplication.translate(
            "LayerWriter",
            "“{name}” has no geometry: choose a point layer (a line layer for a ray).",
        ).format(name=layer.name())
    if observation is None:
        if kind not in (point, line):
            return QCoreApplication.translate(
                "LayerWriter",
                "“{name}” is a polygon layer: choose a point layer (a line layer for a ray).",
            ).format(name=layer.name())
    elif _is_ray(observation):
        if kind == point:
            return QCoreApplication.translate(
                "LayerWriter",
                "A ray from one picture has no position along it: click the object in a "
                "second picture to place it, or add the ray to a line layer.",
            )
        if kind != line:
            return QCoreApplication.translate(
                "LayerWriter", "A ray needs a line layer; “{name}” is a polygon layer."
            ).format(name=layer.name())
    elif kind != point:
        what = (
            QCoreApplication.translate("LayerWriter", "a line layer")
            if kind == line
            else QCoreApplication.translate("LayerWriter", "a polygon layer")
        )
        return QCoreApplication.translate(
            "LayerWriter", "A measured place needs a point layer; “{name}” is {what}."
        ).format(name=layer.name(), what=what)
    if layer.readOnly():
        return QCoreApplication.translate(
            "LayerWriter",
            "“{name}” is read-only in this project: untick “read-only” for it in the "
            "project's properties (Data Sources), or choose another layer.",
        ).format(name=layer.name())
    if not provider_can(layer, "AddFeatures"):
        return QCoreApplication.translate(
            "LayerWriter",
            "The data source of “{name}” cannot take new features ({provider}): save it "
            "as a GeoPackage (Export › Save Features As…) and add to that.",
        ).format(name=layer.name(), provider=layer.providerType())
    return None


def _field_index(layer: QgsVectorLayer, name: str) -> int:
    return layer.fields().lookupField(name)  # exact name first, then case-insensitive


def missing_known_fields(layer) -> list:
    """The :class:`KnownField` entries the layer has no field for, in offering order."""
    if not isinstance(layer, QgsVectorLayer):
        return []
    return [known for known in KNOWN_FIELDS if _field_index(layer, known.name) < 0]


def add_known_fields(layer: QgsVectorLayer, fields: list) -> Optional[str]:
    """Add ``fields`` (:class:`KnownField`) to the layer's edit buffer, as one undo command.

    The layer is put in edit mode if needed (never committed): the fields reach the data
    source only when the user saves. Returns None when all were added, else a sentence
    (the measure can still be added without them)."""
    fields = [known for known in fields if _field_index(layer, known.name) < 0]
    if not fields:
        return None
    names = ", ".join(known.name for known in fields)
    if not provider_can(layer, "AddAttributes"):
        return QCoreApplication.translate(
            "LayerWriter",
            "The data source of “{name}” cannot take new fields: the measure is added "
            "without {fields}.",
        ).format(name=layer.name(), fields=names)
    if not layer.isEditable() and not layer.startEditing():
        return QCoreApplication.translate(
            "LayerWriter", "“{name}” cannot be edited: the fields {fields} were not added."
        ).format(name=layer.name(), fields=names)
    failed = []
    layer.beginEditCommand(QCoreApplication.translate("LayerWriter", "Add Panoramax fields"))
    try:
        for known in fields:
            field = _new_field(layer, known)
            if not layer.addAttribute(field):
                failed.append(known.name)
    except Exception as error:  # nothing may reach a slot
        layer.endEditCommand()
        return QCoreApplication.translate(
            "LayerWriter", "Adding the fields to “{name}” failed: {error}"
        ).format(name=layer.name(), error=error)
    layer.endEditCommand()
    if failed:
        return QCoreApplication.translate(
            "LayerWriter",
            "“{name}” refused the fields {fields}: the measure is added without them.",
        ).format(name=layer.name(), fields=", ".join(failed))
    return None


def _new_field(layer: QgsVectorLayer, known: KnownField) -> QgsField:
    """A field for ``known`` with one of the provider's own type names (PostGIS builds its
    ALTER TABLE from the type name: without one the statement is invalid), unlimited length
    when the provider has such a type (text, timestamp, double precision), else its
    largest. Length as the provider reads it back: QGIS refuses to commit new fields that
    come back different."""
    kind = field_type(known.kind)
    field = QgsField(known.name, kind)
    field.setComment(known.description)
    types = [native for native in layer.dataProvider().nativeTypes() if native.mType == kind]
    if not types:
        return field
    types.sort(key=lambda native: (native.mMinLen > 0, native.mMaxLen > 0))
    native = types[0]
    field.setTypeName(native.mTypeName)
    if native.mMinLen < 0:  # a type without a length (PostGIS text, timestamp…): read back as -1
        field.setLength(-1)
    elif native.mMinLen > 0:
        field.setLength(max(native.mMinLen, min(native.mMaxLen, 254)))
        if native.mMaxPrec > 0:
            field.setPrecision(max(native.mMinPrec, min(native.mMaxPrec, 6)))
    return field


def _qdatetime(value: datetime) -> QDateTime:
    if value.tzinfo is not None:
        utc = value.astimezone(timezone.utc)
        return QDateTime(
            QDate(utc.year, utc.month, utc.day),
            QTime(utc.hour, utc.minute, utc.second, utc.microsecond // 1000),
            QTimeZone.utc(),
        )
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second, value.microsecond // 1000),
    )


def _converted(value, field: QgsField):
    """``value`` as the field's type wants it; None when it does not fit (field left alone)."""
    kind = field_kind(field)
    if kind == "datetime":
        return _qdatetime(value) if isinstance(value, datetime) else None
    if kind == "date":
        if isinstance(value, (datetime, date)):
            return QDate(value.year, value.month, value.day)
        return None
    if isinstance(value, datetime):
        value = value.isoformat()
    if kind == "string" or kind == "other":
        text = str(value)
        if field.length() > 0:
            text = text[: field.length()]
        return text
    try:
        if kind == "double":
            return float(value)
        if kind == "int":
            return int(round(float(value)))
    except (TypeError, ValueError):
        return None
    return None  # bool: nothing of ours is a yes/no


def known_values(layer: QgsVectorLayer, observation: Observation) -> dict:
    """Field index -> value for every known field the layer has (unknown values skipped)."""
    fields = layer.fields()
    values = {}
    for name, value in observation.values().items():
        if value is None or value == "":
            continue
        index = _field_index(layer, name)
        if index < 0 or fields.fieldOrigin(index) in (
            QgsFields.FieldOrigin.OriginJoin,
            QgsFields.FieldOrigin.OriginExpression,
        ):
            continue
        converted = _converted(value, fields.at(index))
        if converted is not None:
            values[index] = converted
    return values


def observation_geometry(
    layer: QgsVectorLayer, observation: Observation, transform_context=None
) -> QgsGeometry:
    """The observation's geometry in the layer's CRS and exact geometry type (multi, Z, M:
    Z and M are 0). Raises :class:`ObservationError`."""
    if _is_ray(observation):
        geometry = QgsGeometry.fromPolylineXY(
            [QgsPointXY(lon, lat) for lon, lat in observation.line]
        )
    else:
        geometry = QgsGeometry.fromPointXY(QgsPointXY(observation.lon, observation.lat))
    if transform_context is None:
        transform_context = QgsProject.instance().transformContext()
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), transform_context
    )
    try:
        if geometry.transform(transform) != 0:
            raise QgsCsException("transform failed")
    except QgsCsException as error:
        raise ObservationError(
            QCoreApplication.translate(
                "LayerWriter",
                "The measure cannot be placed in the CRS of “{name}” ({crs}): {error}",
            ).format(name=layer.name(), crs=layer.crs().authid(), error=error)
        ) from error
    wanted = layer.wkbType()
    if geometry.wkbType() != wanted:
        coerced = geometry.coerceToType(wanted)
        if not coerced or coerced[0].isNull():
            raise ObservationError(
                QCoreApplication.translate(
                    "LayerWriter", "The measure cannot be made a {type} geometry for “{name}”."
                ).format(type=QgsWkbTypes.displayString(wanted), name=layer.name())
            )
        geometry = coerced[0]
    return geometry


def observation_feature(
    layer: QgsVectorLayer, observation: Observation, transform_context=None
) -> QgsFeature:
    """A new feature for ``layer`` (not added): the observation's geometry in the layer's CRS
    and type, the layer's default values, the known fields filled. Raises
    :class:`ObservationError`."""
    geometry = observation_geometry(layer, observation, transform_context)
    context = layer.createExpressionContext()
    return QgsVectorLayerUtils.createFeature(
        layer, geometry, known_values(layer, observation), context
    )


def desktop_vector_tools():
    """The QGIS desktop's vector layer tools (the feature form), or None outside QGIS."""
    try:
        from qgis.utils import iface
    except ImportError:  # pragma: no cover
        return None
    if iface is None or not hasattr(iface, "vectorLayerTools"):
        return None
    try:
        return iface.vectorLayerTools()
    except Exception:  # a stub iface
        return None


def without_form(layer: QgsVectorLayer, feature: QgsFeature) -> QgsFeature:
    """A :data:`Form` that accepts the feature as prepared (headless use)."""
    return feature


def add_observation(
    layer,
    observation: Observation,
    form: Optional[Form] = None,
    tools=None,
    parent=None,
    transform_context=None,
) -> AddResult:
    """Add ``observation`` to ``layer`` through a feature form, into the edit buffer.

    ``form``: a :data:`Form` (tests, headless); when None, QGIS's own feature form through
    ``tools`` (default: the desktop's ``iface.vectorLayerTools()``; it honours the user's
    "suppress attribute form" setting), or no form at all outside the desktop.

    The layer is put in edit mode when it is not (never committed). If the user cancels,
    nothing is added, and a layer put in edit mode just for this leaves it again (its buffer
    then holds nothing of the user's). The addition is one undo command."""
    try:
        return _add_observation(layer, observation, form, tools, parent, transform_context)
    except Exception as error:  # nothing may leave to a slot
        name = layer.name() if isinstance(layer, QgsMapLayer) else "?"
        return AddResult(
            FAILED,
            QCoreApplication.translate(
                "LayerWriter", "Adding the measure to “{name}” failed: {error}"
            ).format(name=name, error=error),
        )


def _add_observation(layer, observation, form, tools, parent, transform_context) -> AddResult:
    problem = layer_problem(layer, observation)
    if problem:
        return AddResult(REFUSED, problem)
    try:
        feature = observation_feature(layer, observation, transform_context)
    except ObservationError as error:
        return AddResult(FAILED, str(error))
    was_editing = layer.isEditable()
    if not was_editing and not layer.startEditing():
        return AddResult(
            FAILED,
            QCoreApplication.translate(
                "LayerWriter", "“{name}” cannot be put in edit mode."
            ).format(name=layer.name()),
        )
    added = []

    def record(fid):
        added.append(fid)

    accepted = refused = None
    layer.featureAdded.connect(record)
    try:
        if form is None:
            tools = tools if tools is not None else desktop_vector_tools()
            if tools is None:
                form = without_form
        if form is None:
            values = {index: feature.attribute(index) for index in known_values(layer, observation)}
            tools_add_feature(tools, layer, values, feature.geometry(), parent)
        else:
            accepted = form(layer, feature)
            if accepted is not None:
                layer.beginEditCommand(
                    QCoreApplication.translate("LayerWriter", "Add Panoramax measure")
                )
                if layer.addFeature(accepted):
                    layer.endEditCommand()
                else:
                    layer.destroyEditCommand()
                    errors = layer.dataProvider().errors() if layer.dataProvider() else []
                    refused = errors[-1] if errors else "?"
    finally:
        layer.featureAdded.disconnect(record)
        if not added and not was_editing:
            layer.rollBack()  # only our own, empty, editing session
    if refused is not None:
        return AddResult(
            FAILED,
            QCoreApplication.translate(
                "LayerWriter", "“{name}” refused the new feature: {error}"
            ).format(name=layer.name(), error=refused),
        )
    if not added:
        return AddResult(
            CANCELED,
            QCoreApplication.translate("LayerWriter", "Nothing added to “{name}”.").format(
                name=layer.name()
            ),
        )
    return AddResult(
        ADDED,
        QCoreApplication.translate(
            "LayerWriter", "Added to “{name}”: save the layer's edits to keep it."
        ).format(name=layer.name()),
        added[-1],
    )


__all__ = [
    "ADDED",
    "CANCELED",
    "FAILED",
    "REFUSED",
    "AddResult",
    "KnownField",
    "ObservationError",
    "add_known_fields",
    "add_observation",
    "known_values",
    "layer_problem",
    "missing_known_fields",
    "observation_feature",
    "observation_geometry",
]
