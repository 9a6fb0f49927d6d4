"""Plain data models of Panoramax objects, parsed from the STAC JSON.

Parsers are forgiving: a missing or odd field becomes ``None`` rather than an
exception, because one strange picture must not discard a whole page of them.
Text fields take text only (a number or a list where a name goes is dropped), and
positions must be possible ones (longitude -180..180, latitude -90..90, finite).
Only a missing id or geometry makes a feature unusable (``MalformedFeature``); any
other surprise in a feature also becomes ``MalformedFeature``, never a bare
``TypeError`` that would lose the whole page.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from .orientation import parse_orientation, upright_field_of_view
from .timeparse import parse_datetime

ASSET_KEYS = ("thumb", "sd", "hd")
EQUIRECTANGULAR = "equirectangular"


class MalformedFeature(ValueError):
    """A feature without the minimum the plugin needs (an id and a position)."""


_SURPRISES = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


def _skippable(parser):
    """Any surprise while parsing one feature makes it a ``MalformedFeature`` (skipped
    and counted by the caller), never a ``TypeError`` that loses the whole page."""

    @functools.wraps(parser)
    def parse(*args, **kwargs):
        try:
            return parser(*args, **kwargs)
        except MalformedFeature:
            raise
        except (*_SURPRISES, RecursionError) as exc:
            raise MalformedFeature(f"unexpected feature layout: {exc!r:.120}") from exc

    return parse


def is_position(lon, lat) -> bool:
    """True for a possible WGS84 position (finite, on the globe)."""
    try:
        return (
            math.isfinite(lon)
            and math.isfinite(lat)
            and -180.0 <= lon <= 180.0
            and -90.0 <= lat <= 90.0
        )
    except TypeError:
        return False


def valid_bbox(bbox) -> tuple | None:
    """``(west, south, east, north)`` when these are four possible, ordered coordinates."""
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError, OverflowError):
        return None
    if not (is_position(west, south) and is_position(east, north)):
        return None
    if west > east or south > north:
        return None
    return west, south, east, north


@dataclass(frozen=True)
class Link:
    """A navigation link of an item (prev/next/related), with its target position."""

    rel: str
    id: str | None
    href: str
    lon: float | None = None
    lat: float | None = None
    datetime: datetime | None = None
    collection_id: str | None = None


@dataclass
class Picture:
    """One picture (a STAC item) with what the map, the viewer and the tables need."""

    id: str
    sequence_id: str | None
    lon: float
    lat: float
    captured_at: datetime | None = None
    heading: float | None = None
    is_360: bool = False
    field_of_view: float | None = None
    rank: int | None = None
    producer: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    license: str | None = None
    horizontal_accuracy: float | None = None
    pixel_density: float | None = None
    status: str | None = None
    assets: dict = field(default_factory=dict)
    tiles_template: str | None = None
    prev: Link | None = None
    next: Link | None = None
    related: list = field(default_factory=list)
    self_url: str | None = None
    instance_url: str | None = None
    home_url: str | None = None  # the picture's own instance when read from a federation
    tags: tuple | None = None
    """The picture's own tags (:class:`~.semantics.Tag`, its ``semantics``); None when the
    item did not list them."""
    annotations: tuple | None = None
    """The item's annotations (:class:`~.semantics.Annotation`); None when the item did not
    list them (a search result, an older instance): read the item itself to know."""
    image_size: tuple | None = None
    """(width, height) of the full-size picture in pixels as stored, the frame of annotation
    shapes (``pers:interior_orientation.sensor_array_dimensions``); None when not given."""
    orientation: int = 1
    """The file's EXIF orientation (1-8, :mod:`.orientation`): how the stored pixels turn
    to show the picture upright. ``field_of_view`` is already the upright one."""

    @property
    def camera(self) -> str | None:
        """Make and model in one label, as people name a camera."""
        parts = [p for p in (self.camera_make, self.camera_model) if p]
        return " ".join(parts) or None

    @property
    def kind(self) -> str:
        """``"360"`` or ``"flat"``: the value shown in tables and used by filters."""
        return "360" if self.is_360 else "flat"

    def asset_url(self, key: str) -> str | None:
        """Absolute URL of the ``thumb``, ``sd`` or ``hd`` picture file."""
        return self.assets.get(key)

    def best_asset_url(self, preferred: tuple = ("sd", "hd", "thumb")) -> str | None:
        """The first available of the preferred assets."""
        for key in preferred:
            if self.assets.get(key):
                return self.assets[key]
        return None


@dataclass
class Sequence:
    """One sequence (a STAC collection): pictures taken in one go, in capture order."""

    id: str
    title: str | None = None
    first_captured_at: datetime | None = None
    last_captured_at: datetime | None = None
    picture_count: int | None = None
    length_km: float | None = None
    bbox: tuple | None = None
    is_360: bool | None = None
    producer: str | None = None
    camera: str | None = None
    license: str | None = None
    visibility: str | None = None
    created_at: datetime | None = None
    items_url: str | None = None
    instance_url: str | None = None

    @property
    def kind(self) -> str | None:
        if self.is_360 is None:
            return None
        return "360" if self.is_360 else "flat"


@dataclass
class Instance:
    """A Panoramax API as discovered from its landing page."""

    api_url: str
    title: str | None = None
    description: str | None = None
    version: str | None = None
    links: dict = field(default_factory=dict)
    read_only: bool = False
    landing: dict = field(default_factory=dict, repr=False, compare=False)  # as received

    def link(self, rel: str) -> str | None:
        return self.links.get(rel)

    @property
    def search_url(self) -> str:
        return self.link("search") or self.api_url + "/search"

    @property
    def collections_url(self) -> str:
        return self.link("data") or self.api_url + "/collections"

    @property
    def tiles_url(self) -> str | None:
        return self.link("xyz")

    @property
    def tiles_style_url(self) -> str | None:
        return self.link("xyz-style")


# --------------------------------------------------------------------------- helpers


def finite_float(value) -> float | None:
    """A finite number from an answer's value, else None (booleans are not numbers)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value) -> int | None:
    number = finite_float(value)
    return int(number) if number is not None else None


def _text(value) -> str | None:
    """A text field: text as is (None when empty); numbers, lists, objects dropped."""
    return value if isinstance(value, str) and value else None


def _id(value) -> str | None:
    """An id: text or an integer (some servers send numbers); anything else is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return _text(value)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _point(geometry) -> tuple:
    """(lon, lat) of a GeoJSON Point, or raise ``MalformedFeature``."""
    try:
        if geometry.get("type") != "Point":
            raise MalformedFeature("geometry is not a Point")
        lon, lat = geometry["coordinates"][:2]
        lon, lat = float(lon), float(lat)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
        raise MalformedFeature(f"unusable geometry: {geometry!r:.80}") from exc
    if not is_position(lon, lat):
        raise MalformedFeature(f"impossible position: {lon!r:.30}, {lat!r:.30}")
    return lon, lat


def _producer(providers, fallback=None) -> str | None:
    """Name of the provider with the ``producer`` role (the person who shot it)."""
    for provider in _list(providers):
        if isinstance(provider, dict) and "producer" in _list(provider.get("roles")):
            if _text(provider.get("name")):
                return provider["name"]
    return _text(fallback)


def _absolute(href, base_url: str | None) -> str | None:
    """``href`` made absolute; None unless text, and unless HTTP(S) (no ``javascript:``,
    ``file:`` or ``data:`` from a server into the viewer or a map tip)."""
    if not href or not isinstance(href, str):
        return None
    if href.startswith(("https://", "http://")):  # the usual case: urljoin is costly
        return href
    url = urljoin(base_url, href) if base_url else href
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    return url if scheme in ("", "http", "https") else None


def is_equirectangular(properties: dict) -> bool:
    """360° signal of an item: field of view 360, or a type/projection saying so."""
    orientation = properties.get("pers:interior_orientation")
    if isinstance(orientation, dict) and finite_float(orientation.get("field_of_view")) == 360.0:
        return True
    if str(properties.get("type", "")).lower() == EQUIRECTANGULAR:
        return True
    exif = properties.get("exif")
    if isinstance(exif, dict):
        projection = exif.get("Xmp.GPano.ProjectionType")
        if isinstance(projection, str) and projection.lower() == EQUIRECTANGULAR:
            return True
    return False


def _link(raw: dict, base_url: str | None) -> Link | None:
    href = _absolute(raw.get("href"), base_url)
    if not href:
        return None
    lon = lat = None
    geometry = raw.get("geometry")
    if isinstance(geometry, dict):
        try:
            lon, lat = _point(geometry)
        except MalformedFeature:
            lon = lat = None
    collection_id = None
    parts = href.rstrip("/").split("/")
    if "collections" in parts:
        index = parts.index("collections")
        if index + 1 < len(parts):
            collection_id = parts[index + 1]
    return Link(
        rel=str(raw.get("rel")),
        id=_id(raw.get("id")) or (parts[-1] if "items" in parts else None),
        href=href,
        lon=lon,
        lat=lat,
        datetime=parse_datetime(raw.get("datetime")),
        collection_id=collection_id,
    )


# --------------------------------------------------------------------------- parsers


@_skippable
def picture_from_feature(
    feature: dict, base_url: str | None = None, instance_url: str | None = None
) -> Picture:
    """Build a ``Picture`` from a STAC item; ``base_url`` resolves relative hrefs."""
    if not isinstance(feature, dict) or not _id(feature.get("id")):
        raise MalformedFeature("feature without id")
    lon, lat = _point(feature.get("geometry"))
    props = feature.get("properties")
    if not isinstance(props, dict):
        props = {}
    orientation = props.get("pers:interior_orientation")
    if not isinstance(orientation, dict):
        orientation = {}

    assets = {}
    raw_assets = feature.get("assets")
    if isinstance(raw_assets, dict):
        for key in ASSET_KEYS:
            asset = raw_assets.get(key)
            if isinstance(asset, dict):
                url = _absolute(asset.get("href"), base_url)
                if url:
                    assets[key] = url
    for key, prop in (("hd", "geovisio:image"), ("thumb", "geovisio:thumbnail")):
        url = None if key in assets else _absolute(props.get(prop), base_url)
        if url:
            assets[key] = url

    tiles = None
    templates = feature.get("asset_templates")
    if isinstance(templates, dict) and isinstance(templates.get("tiles"), dict):
        tiles = _absolute(templates["tiles"].get("href"), base_url)

    prev_link = next_link = self_url = home_url = None
    related = []
    for raw in _list(feature.get("links")):
        if not isinstance(raw, dict):
            continue
        rel = raw.get("rel")
        if rel == "self":
            self_url = _absolute(raw.get("href"), base_url)
        elif rel == "via":
            home_url = _absolute(raw.get("href"), base_url)
        elif rel in ("prev", "next", "related"):
            link = _link(raw, base_url)
            if link is None:
                continue
            if rel == "prev":
                prev_link = link
            elif rel == "next":
                next_link = link
            else:
                related.append(link)

    captured = parse_datetime(props.get("datetimetz")) or parse_datetime(props.get("datetime"))
    image_size = _image_size(orientation)
    turned = _exif_orientation(props)
    return Picture(
        id=_id(feature["id"]),
        sequence_id=_id(feature.get("collection")),
        lon=lon,
        lat=lat,
        captured_at=captured,
        heading=finite_float(props.get("view:azimuth")),
        is_360=is_equirectangular(props),
        field_of_view=upright_field_of_view(
            finite_float(orientation.get("field_of_view")), image_size, turned
        ),
        rank=_int(props.get("geovisio:rank_in_collection")),
        producer=_producer(feature.get("providers"), props.get("geovisio:producer")),
        camera_make=_text(orientation.get("camera_manufacturer")),
        camera_model=_text(orientation.get("camera_model")),
        license=_text(props.get("license")),
        horizontal_accuracy=finite_float(props.get("quality:horizontal_accuracy")),
        pixel_density=finite_float(props.get("panoramax:horizontal_pixel_density")),
        status=_text(props.get("geovisio:status")),
        assets=assets,
        tiles_template=tiles,
        prev=prev_link,
        next=next_link,
        related=related,
        self_url=self_url,
        instance_url=instance_url,
        home_url=home_url,
        tags=_tags(props),
        annotations=_annotations(props, _id(feature["id"])),
        image_size=image_size,
        orientation=turned,
    )


def _tags(properties: dict):
    if "semantics" not in properties:
        return None
    from .semantics import parse_tags

    return parse_tags(properties.get("semantics"))


def _annotations(properties: dict, picture_id: str | None):
    if "annotations" not in properties:
        return None
    from .semantics import parse_annotations  # semantics reads numbers with this module

    return parse_annotations(properties.get("annotations"), picture_id)


def _exif_orientation(properties: dict) -> int:
    """A flat picture's EXIF orientation from the item's ``exif`` (1 for a 360° one: an
    equirectangular picture is never shown turned)."""
    exif = properties.get("exif")
    if not isinstance(exif, dict) or is_equirectangular(properties):
        return 1
    return parse_orientation(exif.get("Exif.Image.Orientation"))


def _image_size(orientation: dict):
    size = orientation.get("sensor_array_dimensions")
    if not isinstance(size, (list, tuple)) or len(size) != 2:
        return None
    width, height = finite_float(size[0]), finite_float(size[1])
    if width is None or height is None or width < 1 or height < 1:
        return None
    return int(width), int(height)


@_skippable
def sequence_from_collection(
    collection: dict, base_url: str | None = None, instance_url: str | None = None
) -> Sequence:
    """Build a ``Sequence`` from a STAC collection."""
    if not isinstance(collection, dict) or not _id(collection.get("id")):
        raise MalformedFeature("collection without id")
    extent = collection.get("extent") if isinstance(collection.get("extent"), dict) else {}
    first = last = None
    bbox = None
    try:
        first_raw, last_raw = extent["temporal"]["interval"][0][:2]
        first, last = parse_datetime(first_raw), parse_datetime(last_raw)
    except (KeyError, TypeError, IndexError, ValueError):
        pass
    try:
        bbox = valid_bbox(extent["spatial"]["bbox"][0][:4])
    except (KeyError, TypeError, IndexError, ValueError):
        bbox = None

    is_360 = None
    camera = None
    summaries = collection.get("summaries")
    if isinstance(summaries, dict):
        orientations = summaries.get("pers:interior_orientation")
        if isinstance(orientations, list) and orientations:
            fovs = [
                finite_float(o.get("field_of_view")) for o in orientations if isinstance(o, dict)
            ]
            is_360 = any(fov == 360.0 for fov in fovs) if fovs else None
            first_orientation = orientations[0] if isinstance(orientations[0], dict) else {}
            parts = [first_orientation.get("make"), first_orientation.get("model")]
            camera = " ".join(p for p in map(_text, parts) if p) or None

    items_url = None
    for raw in _list(collection.get("links")):
        if isinstance(raw, dict) and raw.get("rel") == "items":
            items_url = _absolute(raw.get("href"), base_url)
    stats = collection.get("stats:items")
    count = _int(stats.get("count")) if isinstance(stats, dict) else None
    return Sequence(
        id=_id(collection["id"]),
        title=_text(collection.get("title")),
        first_captured_at=first,
        last_captured_at=last,
        picture_count=count,
        length_km=finite_float(collection.get("geovisio:length_km")),
        bbox=bbox,
        is_360=is_360,
        producer=_producer(collection.get("providers")),
        camera=camera,
        license=_text(collection.get("license")),
        visibility=_text(collection.get("geovisio:visibility")),
        created_at=parse_datetime(collection.get("created")),
        items_url=items_url,
        instance_url=instance_url,
    )


def instance_from_landing(landing: dict, api_url: str, read_only: bool = False) -> Instance:
    """Build an ``Instance`` from the landing page; links keyed by ``rel``."""
    links = {}
    for raw in _list(landing.get("links")):
        if isinstance(raw, dict) and _text(raw.get("rel")):
            href = _absolute(raw.get("href"), api_url + "/")
            if href:
                links.setdefault(raw["rel"], href)
    return Instance(
        api_url=api_url,
        title=_text(landing.get("title")) or _text(landing.get("id")),
        description=_text(landing.get("description")),
        version=_text(landing.get("geovisio_version")),
        links=links,
        read_only=read_only,
        landing=landing,
    )
