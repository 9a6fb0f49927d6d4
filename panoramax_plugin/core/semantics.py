"""What pictures show: tags ("semantics") and annotations, as the API carries them.

Shapes as the local GeoVisio 2.15.1 answers (checked by tests/test_semantics.py and the
integration tests):

- a picture's ``properties.semantics`` and a sequence's ``semantics``: a list of
  ``{"key": k, "value": v}``;
- a picture's ``properties.annotations``: a list of ``{"id", "shape": GeoJSON Polygon in
  picture pixels, "semantics": [...]}``; the POST answer adds ``picture_id``;
- tag updates are sent as ``{"semantics": [{"key", "value", "action": "add"|"delete"}]}``
  (key ≤ 256, value ≤ 2048 characters); replacing a value is delete then add;
- the search's CQL2 ``filter`` accepts ``"semantics.<key>" = 'v'``, ``IN (...)``,
  ``IS NOT NULL`` and ``semantics IS NOT NULL`` (any tag), joined by ``AND``/``OR``; not
  ``LIKE``. A key holding a quote makes the server fail (HTTP 500) and a value holding
  one is refused even doubled (400), so both are refused before sending.

Parsing is forgiving (a hostile answer loses only the odd entry); values stay text and
are never interpreted as markup by the plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import translate
from .models import finite_float

MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 2048

COMMON_KEYS = (
    "osm|traffic_sign",
    "osm|highway",
    "osm|amenity",
    "osm|shop",
    "osm|natural",
    "osm|man_made",
    "osm|barrier",
    "osm|crossing",
    "osm|surface",
    "panoramax:quality",
    "panoramax:weather",
    "panoramax:comment",
)
"""Keys offered with completion; any key the server accepts is allowed."""

DETECTION_MODEL_PREFIX = "detection_model"
DETECTION_CONFIDENCE_PREFIX = "detection_confidence"

REPORT_ISSUES = (
    "blur_missing",
    "blur_excess",
    "inappropriate",
    "privacy",
    "picture_low_quality",
    "mislocated",
    "copyright",
    "other",
)
"""The issue types of ``POST /api/reports`` (GeoVisio 2.7+)."""

_MAIN_KEY_ORDER = ("osm|traffic_sign", "osm|highway", "osm|amenity")


@dataclass(frozen=True)
class Tag:
    """One ``key=value`` tag."""

    key: str
    value: str

    @property
    def text(self) -> str:
        return f"{self.key}={self.value}"

    @property
    def is_detection_meta(self) -> bool:
        """True for the detection bookkeeping tags (model, confidence), not for what was
        detected."""
        return self.key.startswith((DETECTION_MODEL_PREFIX, DETECTION_CONFIDENCE_PREFIX))


@dataclass(frozen=True)
class Annotation:
    """A region of a picture with its own tags. ``box`` is (minx, miny, maxx, maxy) in
    source-picture pixels, from the top-left corner (x right, y down)."""

    id: str
    box: tuple
    tags: tuple = ()
    picture_id: str | None = None
    polygon: tuple = ()

    @property
    def is_detection(self) -> bool:
        """Written by a detection model (it carries ``detection_model[…]``)."""
        return any(tag.key.startswith(DETECTION_MODEL_PREFIX) for tag in self.tags)

    @property
    def confidence(self) -> float | None:
        """The detection confidence (0–1) when the model gave one."""
        for tag in self.tags:
            if tag.key.startswith(DETECTION_CONFIDENCE_PREFIX):
                value = finite_float(tag.value)
                if value is not None:
                    return value
        return None

    @property
    def main_tag(self) -> Tag | None:
        return main_tag(self.tags)


def main_tag(tags) -> Tag | None:
    """The tag that names the thing: a traffic sign, highway or amenity first, else the
    first tag that is not detection bookkeeping."""
    subject = [tag for tag in tags if not tag.is_detection_meta]
    for key in _MAIN_KEY_ORDER:
        for tag in subject:
            if tag.key == key:
                return tag
    return subject[0] if subject else None


# ---------------------------------------------------------------------- parsing
def parse_tags(raw) -> tuple:
    """Tags from an answer's ``semantics`` list; odd entries are dropped, order kept."""
    if not isinstance(raw, list):
        return ()
    tags = []
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        key, value = entry.get("key"), entry.get("value")
        if isinstance(key, str) and key and isinstance(value, str):
            tags.append(Tag(key, value))
    return tuple(tags)


def _ring(shape):
    if isinstance(shape, (list, tuple)) and len(shape) == 4:
        numbers = [finite_float(v) for v in shape]
        if None in numbers:
            return None
        minx, miny, maxx, maxy = numbers
        return ((minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy), (minx, miny))
    if not isinstance(shape, dict) or shape.get("type") != "Polygon":
        return None
    rings = shape.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        return None
    points = []
    for point in rings[0]:
        if not isinstance(point, (list, tuple)) or len(point) < 2:
            return None
        x, y = finite_float(point[0]), finite_float(point[1])
        if x is None or y is None:
            return None
        points.append((x, y))
    return tuple(points) if len(points) >= 3 else None


def parse_annotation(raw, picture_id: str | None = None) -> Annotation | None:
    """One annotation, or None when it has no id or no usable shape."""
    if not isinstance(raw, dict):
        return None
    annotation_id = raw.get("id")
    polygon = _ring(raw.get("shape"))
    if not isinstance(annotation_id, str) or not annotation_id or polygon is None:
        return None
    xs = [x for x, _ in polygon]
    ys = [y for _, y in polygon]
    owner = raw.get("picture_id")
    return Annotation(
        id=annotation_id,
        box=(min(xs), min(ys), max(xs), max(ys)),
        tags=parse_tags(raw.get("semantics")),
        picture_id=owner if isinstance(owner, str) else picture_id,
        polygon=polygon,
    )


def parse_annotations(raw, picture_id: str | None = None) -> tuple:
    """Annotations from a picture's ``properties.annotations``; unusable ones dropped."""
    if not isinstance(raw, list):
        return ()
    parsed = (parse_annotation(entry, picture_id) for entry in raw)
    return tuple(annotation for annotation in parsed if annotation is not None)


def picture_semantics(feature) -> tuple:
    """(tags, annotations) of a picture feature (a STAC item dict)."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        return (), ()
    picture_id = feature.get("id") if isinstance(feature.get("id"), str) else None
    return (
        parse_tags(properties.get("semantics")),
        parse_annotations(properties.get("annotations"), picture_id),
    )


# ---------------------------------------------------------------------- checking
def tag_problems(key, value) -> list:
    """Why a tag cannot be sent (empty when it can), in the user's language."""
    problems = []
    if not isinstance(key, str) or not key.strip():
        problems.append(translate("PanoramaxCore", "A tag needs a key."))
    elif len(key) > MAX_KEY_LENGTH:
        problems.append(
            translate(
                "PanoramaxCore", "The key is {count} characters long; the limit is {limit}."
            ).format(count=len(key), limit=MAX_KEY_LENGTH)
        )
    elif key != key.strip() or "=" in key:
        problems.append(
            translate("PanoramaxCore", "A key cannot contain '=' nor start or end with a space.")
        )
    if not isinstance(value, str) or not value.strip():
        problems.append(translate("PanoramaxCore", "A tag needs a value."))
    elif len(value) > MAX_VALUE_LENGTH:
        problems.append(
            translate(
                "PanoramaxCore", "The value is {count} characters long; the limit is {limit}."
            ).format(count=len(value), limit=MAX_VALUE_LENGTH)
        )
    return problems


def parse_tag_text(text: str) -> Tag:
    """A ``key=value`` typed by the user (split at the first '='), checked.

    Raises ``ValueError`` with the reasons when it cannot be sent."""
    key, separator, value = (text or "").partition("=")
    if not separator:
        raise ValueError(
            translate("PanoramaxCore", "Write the tag as key=value, e.g. osm|highway=bus_stop.")
        )
    key, value = key.strip(), value.strip()
    problems = tag_problems(key, value)
    if problems:
        raise ValueError(" ".join(problems))
    return Tag(key, value)


# ---------------------------------------------------------------------- sending
def tag_changes(add=(), remove=()) -> list:
    """The ``semantics`` list of a PATCH: deletions first, so that a replacement (the
    same key removed then added) is delete-then-add as the API wants."""
    changes = [{"key": tag.key, "value": tag.value, "action": "delete"} for tag in remove]
    changes += [{"key": tag.key, "value": tag.value, "action": "add"} for tag in add]
    return changes


def replace_changes(old: Tag, new: Tag) -> list:
    """Replace one tag's value (or key) by another: delete then add."""
    return tag_changes(add=[new], remove=[old])


def box_shape(box) -> list:
    """An annotation's ``shape`` for the API from a pixel box, rounded to whole pixels and
    ordered (min, min, max, max)."""
    x1, y1, x2, y2 = (int(round(v)) for v in box)
    return [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]


def box_problems(box, width: int, height: int) -> list:
    """Why an annotation box cannot be sent for a ``width`` × ``height`` picture."""
    minx, miny, maxx, maxy = box_shape(box)
    if maxx - minx < 1 or maxy - miny < 1:
        return [translate("PanoramaxCore", "The box is empty: drag a larger one.")]
    if minx < 0 or miny < 0 or maxx > width or maxy > height:
        return [
            translate(
                "PanoramaxCore",
                "The box goes outside the picture ({width} × {height} pixels).",
            ).format(width=width, height=height)
        ]
    return []


# ---------------------------------------------------------------------- searching
_SAFE_KEY = re.compile(r"^[^'\"\x00-\x1f]+$")


def _quoted_value(value: str) -> str:
    if "'" in value:
        raise ValueError(
            translate(
                "PanoramaxCore", "This value cannot be searched (it holds a quote): {value}"
            ).format(value=value)
        )
    return "'" + value + "'"


def tag_filter(key: str | None = None, values=(), any_tag: bool = False) -> str:
    """A CQL2 ``filter`` for pictures with a tag: any tag, a key, or a key with one of
    ``values``. Raises ``ValueError`` (with the reason) for a key the server cannot take.
    """
    if any_tag or not key:
        return "semantics IS NOT NULL"
    key = key.strip()
    if not _SAFE_KEY.match(key) or len(key) > MAX_KEY_LENGTH:
        raise ValueError(
            translate("PanoramaxCore", "This key cannot be searched: {key}").format(key=key)
        )
    field_name = f'"semantics.{key}"'
    values = [v for v in (values or ()) if isinstance(v, str) and v.strip()]
    if not values:
        return f"{field_name} IS NOT NULL"
    if len(values) == 1:
        return f"{field_name}={_quoted_value(values[0].strip())}"
    return f"{field_name} IN ({', '.join(_quoted_value(v.strip()) for v in values)})"
