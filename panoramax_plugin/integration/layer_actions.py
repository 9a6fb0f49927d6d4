"""Feature actions (attribute table, identify results, feature forms) on layers that hold
Panoramax picture ids: "Open in the Panoramax viewer" and "Open in the Panoramax web
viewer". ("Panoramax pictures of this feature", for any vector layer, is in
:mod:`..assets.entry_points`.)

Which layers: a field, by name (case-insensitive), the first found of
:data:`PICTURE_ID_FIELDS`:

- ``id`` on the plugin's pictures layers (browse, Processing searches), recognised by
  their ``id`` + ``sequence_id`` + ``instance`` fields;
- ``picture_id`` (upload reports, Processing outputs), ``panoramax_id``, ``panoramax``
  (the OpenStreetMap key), ``pnx_pics`` (measures: the first of its comma-separated ids).

A value may also be a Panoramax link (its instance is then used). The instance comes from
the first of :data:`INSTANCE_FIELDS` holding a value (a known key, an API URL or a link),
else the plugin's instance; the sequence from ``sequence_id`` when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qgis.core import Qgis, QgsVectorLayer
from qgis.gui import QgsGui, QgsMapLayerAction
from qgis.PyQt.QtCore import QObject, QUrl
from qgis.PyQt.QtGui import QDesktopServices

from ..core.errors import InvalidInstanceUrl
from ..core.i18n import translate
from ..core.instances import parse_panoramax_text, resolve_instance_url, viewer_picture_url
from .expressions import is_null
from .opener import IF_OUTSIDE, current_api_url

PICTURES_LAYER_FIELDS = ("id", "sequence_id", "instance")
PICTURE_ID_FIELDS = ("picture_id", "panoramax_id", "panoramax", "pnx_pics")
SEQUENCE_ID_FIELDS = ("sequence_id",)
INSTANCE_FIELDS = ("instance", "pnx_inst", "link")  # where the picture was read
WEB_INSTANCE_FIELDS = ("home_instance", "instance", "pnx_inst", "link")  # its own instance


@dataclass(frozen=True)
class PictureFields:
    """Names of the fields (as the layer spells them) that say which picture a feature is."""

    picture: str
    sequence: str | None = None
    instances: tuple = ()
    web_instances: tuple = ()


def picture_fields(field_names) -> PictureFields | None:
    """Which fields of a layer point at Panoramax pictures (None: not such a layer)."""
    by_lower = {}
    for name in field_names:
        by_lower.setdefault(name.lower(), name)

    def found(candidates):
        return tuple(by_lower[c] for c in candidates if c in by_lower)

    if all(name in by_lower for name in PICTURES_LAYER_FIELDS):
        picture = by_lower["id"]
    else:
        pictures = found(PICTURE_ID_FIELDS)
        if not pictures:
            return None
        picture = pictures[0]
    sequences = found(SEQUENCE_ID_FIELDS)
    return PictureFields(
        picture,
        sequences[0] if sequences else None,
        found(INSTANCE_FIELDS),
        found(WEB_INSTANCE_FIELDS),
    )


def layer_picture_fields(layer) -> PictureFields | None:
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return None
    return picture_fields(layer.fields().names())


def _value(feature, name):
    if not name:
        return None
    try:
        value = feature[name]
    except KeyError:
        return None
    return None if is_null(value) else (str(value).strip() or None)


def _instance_from(value: str | None) -> str | None:
    if not value:
        return None
    ref = parse_panoramax_text(value)
    if ref is not None and ref.api_url:
        return ref.api_url
    try:
        return resolve_instance_url(value)
    except InvalidInstanceUrl:
        return None


def feature_picture(fields: PictureFields, feature, web: bool = False):
    """(api url | None, picture id, sequence id | None) of a feature, None without an id."""
    text = _value(feature, fields.picture)
    if text is None:
        return None
    first = re.split(r"[,;\s]+", text)[0]  # pnx_pics: "id1,id2"
    ref = parse_panoramax_text(first)
    if ref is None or not ref.picture_id:
        return None
    api_url = ref.api_url
    for name in fields.web_instances if web else fields.instances:
        api_url = api_url or _instance_from(_value(feature, name))
    sequence = ref.sequence_id or _value(feature, fields.sequence)
    if sequence is not None and parse_panoramax_text(sequence) is None:
        sequence = None  # not an id: let the viewer find the sequence
    return api_url, ref.picture_id, sequence


def _single_feature_target():
    targets = getattr(Qgis, "MapLayerActionTarget", None)
    if targets is not None:  # QGIS >= 3.30
        return Qgis.MapLayerActionTargets(targets.SingleFeature)
    return QgsMapLayerAction.Target.SingleFeature


class PictureLayerAction(QgsMapLayerAction):
    """Shown only for layers with a picture id field (see the module's docstring)."""

    def canRunUsingLayer(self, layer, context=None):  # 3.22: (layer); 3.30+: (layer, context)
        try:
            return layer_picture_fields(layer) is not None
        except Exception:  # a C++ virtual: nothing may escape
            return False


class PictureLayerActions(QObject):
    """Registers the two actions in ``QgsGui.mapLayerActionRegistry()``; ``remove`` on unload."""

    def __init__(self, opener, message_bar, parent=None):
        super().__init__(parent)
        self.opener = opener  # PictureOpener
        self.message_bar = message_bar
        self.actions: list = []
        self.open_action: PictureLayerAction | None = None
        self.web_action: PictureLayerAction | None = None

    def install(self) -> None:
        self.open_action = PictureLayerAction(
            translate("PictureLayerActions", "Open in the Panoramax viewer"),
            self,
            _single_feature_target(),
        )
        self.open_action.triggeredForFeature.connect(self.open_in_viewer)
        self.web_action = PictureLayerAction(
            translate("PictureLayerActions", "Open in the Panoramax web viewer"),
            self,
            _single_feature_target(),
        )
        self.web_action.triggeredForFeature.connect(self.open_in_web_viewer)
        self.actions = [self.open_action, self.web_action]
        registry = QgsGui.mapLayerActionRegistry()
        for action in self.actions:
            registry.addMapLayerAction(action)

    def remove(self) -> None:
        registry = QgsGui.mapLayerActionRegistry()
        for action in self.actions:
            registry.removeMapLayerAction(action)
        self.actions = []
        self.open_action = self.web_action = None

    def _picture(self, layer, feature, web: bool):
        fields = layer_picture_fields(layer)
        found = feature_picture(fields, feature, web=web) if fields is not None else None
        if found is None:
            self.message_bar.pushWarning(
                "Panoramax",
                translate("PictureLayerActions", "This feature has no Panoramax picture id."),
            )
        return found

    def open_in_viewer(self, layer, feature) -> None:
        try:
            found = self._picture(layer, feature, web=False)
            if found is not None:
                api_url, picture_id, sequence_id = found
                self.opener.open_picture(picture_id, sequence_id, api_url, centre=IF_OUTSIDE)
        except Exception as error:  # a slot: an escaping exception aborts QGIS 3.22
            self.message_bar.pushWarning("Panoramax", repr(error))

    def open_in_web_viewer(self, layer, feature) -> None:
        try:
            found = self._picture(layer, feature, web=True)
            if found is None:
                return
            api_url, picture_id, _sequence = found
            api_url = api_url or current_api_url()
            if not api_url:
                self.message_bar.pushWarning(
                    "Panoramax",
                    translate(
                        "PictureLayerActions",
                        "Choose a valid Panoramax instance in the Panoramax panel first.",
                    ),
                )
                return
            QDesktopServices.openUrl(QUrl(viewer_picture_url(api_url, picture_id)))
        except Exception as error:  # a slot
            self.message_bar.pushWarning("Panoramax", repr(error))
