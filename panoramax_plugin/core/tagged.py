"""Tagged pictures: search answers turned into table rows (no Qt).

A "tagged pictures" search is a browse search with a CQL2 tag filter
(``semantics.tag_filter``); its items are parsed into ``TaggedPicture`` (a ``Picture``
that keeps its tags and annotations) by ``tagged_picture_from_feature``, which
``PanoramaxClient.search(parse=...)`` uses in place of ``picture_from_feature``.

Rows come in two variants:

- one row per picture (``picture_row``): its tags, its main tag, and where the filter
  matched. On GeoVisio 2.15.1 a semantics filter also matches a picture whose
  *annotations* carry the tag (the picture itself may have no tag at all; checked by
  tests/integration/test_tagged_layer.py), so a picture row says ``matched_in``
  ``picture``, ``annotation`` or ``both``, and its main tag falls back to the first
  matching annotation's;
- one row per annotation matching the filter (``annotation_rows``): the same filter is
  applied to each annotation's own tags, since a returned picture may hold other
  annotations too.

Every tag is in the readable ``tags`` text (``key=value; key=value``) and in
``tags_json`` (``{"key": "value"}``, a list when a key has several values; in QGIS:
``map_get(json_to_map("tags_json"), 'osm|traffic_sign')``). Keys also get a column of
their own (``tag:<key>``), in the order they are first met, up to ``MAX_KEY_COLUMNS``:
beyond that the keys are only in ``tags``/``tags_json`` and ``KeyColumns.overflow``
counts them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from .i18n import translate
from .models import Picture, picture_from_feature
from .semantics import Tag, main_tag, tag_filter

MAX_KEY_COLUMNS = 30
KEY_COLUMN_PREFIX = "tag:"
TAGS_SEPARATOR = "; "
VALUES_SEPARATOR = "|"
"""Several values typed in one box are separated by ``|`` (OSM values use ``;`` and
``,`` themselves, e.g. ``DE:274[60],1040-30``)."""

PICTURE_COLUMNS = (
    ("picture_id", "string"),
    ("sequence_id", "string"),
    ("captured_at", "datetime"),
    ("main_key", "string"),
    ("main_value", "string"),
    ("main_tag", "string"),
    ("matched_in", "string"),  # picture | annotation | both
    ("tag_count", "int"),
    ("annotation_count", "int"),
    ("tags", "string"),
    ("annotation_tags", "string"),
    ("tags_json", "string"),
    ("instance", "string"),
    ("thumb_url", "string"),
)

ANNOTATION_COLUMNS = (
    ("annotation_id", "string"),
    ("picture_id", "string"),
    ("sequence_id", "string"),
    ("captured_at", "datetime"),
    ("box", "string"),  # minx,miny,maxx,maxy in picture pixels from the top-left corner
    ("main_key", "string"),
    ("main_value", "string"),
    ("main_tag", "string"),
    ("is_detection", "bool"),
    ("confidence", "double"),
    ("tags", "string"),
    ("tags_json", "string"),
    ("instance", "string"),
    ("thumb_url", "string"),
)


TaggedPicture = Picture
"""A ``Picture`` whose ``tags`` and ``annotations`` are tuples (never None)."""


def tagged_picture_from_feature(
    feature: dict, base_url: str | None = None, instance_url: str | None = None
) -> TaggedPicture:
    """``picture_from_feature``, with no tag and no annotation when the item lists none."""
    picture = picture_from_feature(feature, base_url, instance_url)
    return replace(picture, tags=picture.tags or (), annotations=picture.annotations or ())


# ---------------------------------------------------------------------- the query
@dataclass(frozen=True)
class TagQuery:
    """Pictures with any tag, with ``key``, or with ``key`` equal to one of ``values``."""

    key: str | None = None
    values: tuple = ()
    any_tag: bool = False

    @classmethod
    def from_text(cls, mode: str, key: str = "", values_text: str = "") -> TagQuery:
        """From the box: ``mode`` is ``any``, ``key`` or ``value``; ``values_text`` holds
        values separated by ``|``. Raises ``ValueError`` saying what is missing."""
        if mode == "any":
            return cls(any_tag=True)
        key = (key or "").strip()
        if not key:
            raise ValueError(translate("PanoramaxCore", "Type the tag key to search for."))
        if mode == "key":
            return cls(key=key)
        values = tuple(v.strip() for v in (values_text or "").split(VALUES_SEPARATOR))
        values = tuple(v for v in values if v)
        if not values:
            raise ValueError(
                translate("PanoramaxCore", "Type the value(s) to search for, separated by |.")
            )
        return cls(key=key, values=values)

    def cql(self) -> str:
        """The CQL2 filter; ``ValueError`` (with the reason) when it cannot be sent."""
        return tag_filter(self.key, self.values, self.any_tag)

    @property
    def label(self) -> str:
        if self.any_tag or not self.key:
            return translate("PanoramaxCore", "any tag")
        if not self.values:
            return self.key
        return f"{self.key}={VALUES_SEPARATOR.join(self.values)}"

    def main_tag(self, tags) -> Tag | None:
        """The tag a row is styled by: the (first) tag matching a key query, else
        ``semantics.main_tag``."""
        if self.key and not self.any_tag:
            for tag in tags:
                if tag.key == self.key.strip() and (not self.values or tag.value in self.values):
                    return tag
        return main_tag(tags)

    def matches(self, tags) -> bool:
        """What the server's filter does, on one tag list."""
        if self.any_tag or not self.key:
            return bool(tags)
        key = self.key.strip()
        for tag in tags:
            if tag.key == key and (not self.values or tag.value in self.values):
                return True
        return False


# ---------------------------------------------------------------------- rows
def tags_text(tags) -> str:
    """``key=value; key=value`` (readable; values are never interpreted)."""
    return TAGS_SEPARATOR.join(tag.text for tag in tags)


def tags_by_key(tags) -> dict:
    """key -> [values], in the order met."""
    grouped: dict = {}
    for tag in tags:
        values = grouped.setdefault(tag.key, [])
        if tag.value not in values:
            values.append(tag.value)
    return grouped


def tags_json(grouped: dict) -> str:
    """``{"key": "value"}``, a list when a key has several values."""
    return json.dumps(
        {k: (v[0] if len(v) == 1 else v) for k, v in grouped.items()}, ensure_ascii=False
    )


@dataclass
class KeyColumns:
    """Which tag keys have a column of their own (first met first, at most ``limit``)."""

    limit: int = MAX_KEY_COLUMNS
    keys: list = field(default_factory=list)
    names: dict = field(default_factory=dict)  # key -> column name
    overflow: set = field(default_factory=set)  # keys beyond the limit

    def admit(self, keys) -> list:
        """Give columns to new keys (while there is room); returns the (key, column name)
        pairs added."""
        added = []
        for key in keys:
            if key in self.names or key in self.overflow:
                continue
            if len(self.keys) >= self.limit:
                self.overflow.add(key)
                continue
            name = KEY_COLUMN_PREFIX + key
            self.keys.append(key)
            self.names[key] = name
            added.append((key, name))
        return added

    def values(self, grouped: dict) -> list:
        """One value per keyed column (several values joined with ``; ``), None if absent."""
        return [TAGS_SEPARATOR.join(grouped[key]) if key in grouped else None for key in self.keys]


@dataclass
class TagRow:
    """One row: ``fixed`` follows PICTURE_COLUMNS or ANNOTATION_COLUMNS; ``grouped`` is
    key -> values, for the per-key columns."""

    fixed: list
    grouped: dict
    lon: float
    lat: float
    main: Tag | None = None


def _main_parts(tag: Tag | None) -> list:
    if tag is None:
        return [None, None, None]
    return [tag.key, tag.value, tag.text]


def picture_row(picture: TaggedPicture, query: TagQuery | None = None) -> TagRow:
    """The row of one picture (see the module's docstring)."""
    query = query or TagQuery(any_tag=True)
    in_picture = query.matches(picture.tags)
    matching = [a for a in picture.annotations if query.matches(a.tags)]
    if in_picture and matching:
        matched_in = "both"
    elif matching:
        matched_in = "annotation"
    elif in_picture:
        matched_in = "picture"
    else:
        matched_in = None
    main = query.main_tag(picture.tags) if in_picture or not matching else None
    if main is None:
        for annotation in matching or picture.annotations:
            main = query.main_tag(annotation.tags)
            if main is not None:
                break
    annotation_tags = [tag for a in picture.annotations for tag in a.tags]
    grouped = tags_by_key(picture.tags)
    return TagRow(
        [
            picture.id,
            picture.sequence_id,
            picture.captured_at,
            *_main_parts(main),
            matched_in,
            len(picture.tags),
            len(picture.annotations),
            tags_text(picture.tags),
            tags_text(annotation_tags),
            tags_json(grouped),
            picture.instance_url,
            picture.asset_url("thumb"),
        ],
        grouped,
        picture.lon,
        picture.lat,
        main,
    )


def annotation_rows(picture: TaggedPicture, query: TagQuery | None = None) -> list:
    """One row per annotation of ``picture`` whose tags match ``query``, at the picture's
    position."""
    query = query or TagQuery(any_tag=True)
    rows = []
    for annotation in picture.annotations:
        if not query.matches(annotation.tags):
            continue
        grouped = tags_by_key(annotation.tags)
        main = query.main_tag(annotation.tags)
        rows.append(
            TagRow(
                [
                    annotation.id,
                    picture.id,
                    picture.sequence_id,
                    picture.captured_at,
                    ",".join(f"{v:g}" for v in annotation.box),
                    *_main_parts(main),
                    annotation.is_detection,
                    annotation.confidence,
                    tags_text(annotation.tags),
                    tags_json(grouped),
                    picture.instance_url,
                    picture.asset_url("thumb"),
                ],
                grouped,
                picture.lon,
                picture.lat,
                main,
            )
        )
    return rows


def rows_for(pictures, query: TagQuery | None, annotations: bool) -> list:
    """Picture rows, or annotation rows when ``annotations``."""
    if annotations:
        return [row for picture in pictures for row in annotation_rows(picture, query)]
    return [picture_row(picture, query) for picture in pictures]
