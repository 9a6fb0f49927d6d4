"""Known Panoramax instances and validation of user-typed instance URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from .errors import InvalidInstanceUrl
from .i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class KnownInstance:
    """An instance shipped with the plugin. ``read_only`` instances take no uploads."""

    key: str
    label: str
    api_url: str
    read_only: bool = False
    viewer_url: str | None = None

    @property
    def display_name(self) -> str:
        """The label in the user's language."""
        return translate("PanoramaxCore", self.label)


KNOWN_INSTANCES = (
    KnownInstance(
        "ign",
        QT_TRANSLATE_NOOP("PanoramaxCore", "IGN (panoramax.ign.fr)"),
        "https://panoramax.ign.fr/api",
        viewer_url="https://panoramax.ign.fr/",
    ),
    KnownInstance(
        "osm-fr",
        QT_TRANSLATE_NOOP("PanoramaxCore", "OpenStreetMap France (panoramax.openstreetmap.fr)"),
        "https://panoramax.openstreetmap.fr/api",
        viewer_url="https://panoramax.openstreetmap.fr/",
    ),
    KnownInstance(
        "federated",
        QT_TRANSLATE_NOOP("PanoramaxCore", "All of Panoramax (api.panoramax.xyz, read-only)"),
        "https://api.panoramax.xyz/api",
        read_only=True,
        viewer_url="https://api.panoramax.xyz/",
    ),
)


def known_instance(key: str) -> KnownInstance | None:
    for instance in KNOWN_INSTANCES:
        if instance.key == key:
            return instance
    return None


def resolve_instance_url(text: str) -> str:
    """The API URL of a known instance's key (``ign``, ``osm-fr``, ``federated``) or of a
    typed URL (see :func:`normalize_api_url`, whose message a wrong one raises)."""
    known = known_instance((text or "").strip().lower())
    if known is not None:
        return known.api_url
    return normalize_api_url(text)


def normalize_api_url(url: str) -> str:
    """Turn what a user typed into the instance's API root (``https://host/api``).

    Accepts a bare host, a site URL, a viewer URL with ``#pic=…`` or the API URL
    itself. Raises ``InvalidInstanceUrl`` with a message saying what is wrong.
    """
    text = (url or "").strip()
    if not text:
        raise InvalidInstanceUrl(
            translate(
                "PanoramaxCore",
                "No instance URL given. Type an address such as https://panoramax.ign.fr",
            )
        )
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise InvalidInstanceUrl(
            translate(
                "PanoramaxCore",
                "'{url}' is not a web address: an instance URL starts with https:// (or http://).",
            ).format(url=url)
        )
    if not parts.hostname:
        raise InvalidInstanceUrl(
            translate("PanoramaxCore", "'{url}' has no host name.").format(url=url)
        )
    if any(c.isspace() for c in parts.netloc):
        raise InvalidInstanceUrl(
            translate("PanoramaxCore", "'{url}' contains spaces in its host name.").format(url=url)
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidInstanceUrl(
            translate("PanoramaxCore", "'{url}' has an invalid port number.").format(url=url)
        ) from exc
    path = parts.path.rstrip("/")
    if "/api/" in path + "/":
        path = path[: (path + "/").index("/api/") + 4]
    else:
        path = path + "/api"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def site_url(api_url: str) -> str:
    """The web site of an instance, for links out (``…/api`` stripped)."""
    base = api_url.rstrip("/")
    return (base[: -len("/api")] if base.endswith("/api") else base) + "/"


def viewer_picture_url(
    api_url: str,
    picture_id: str,
    heading: float | None = None,
    pitch: float = 0.0,
    zoom: float = 0.0,
) -> str:
    """Deep link to a picture in the instance's web viewer.

    With a ``heading`` (degrees clockwise from north), the view opens turned that way:
    the web viewer's ``xyz=<heading>/<pitch>/<zoom>`` setting (pitch -90 bottom to 90
    top, zoom 0 wide to 100 full; docs.panoramax.fr/web-viewer/03_URL_settings).
    """
    link = f"{site_url(api_url)}#focus=pic&pic={picture_id}"
    if heading is not None:
        link += f"&xyz={_number(heading % 360.0)}/{_number(pitch)}/{_number(zoom)}"
    return link


def _number(value: float) -> str:
    """A short decimal for a URL: ``90``, ``12.35`` (two decimals at most)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


ASSET_LEVELS = ("thumb", "sd", "hd")


def picture_asset_url(api_url: str, picture_id: str, level: str) -> str:
    """``{api}/pictures/{id}/{thumb|sd|hd}.jpg``: the id-only asset routes every GeoVisio
    serves (the landing page's ``item-preview`` link is the thumb one; the items' own
    ``assets.*.href`` are these same URLs on the local 2.15.1, or a redirect target on
    instances that keep files elsewhere). No request is made."""
    if level not in ASSET_LEVELS:
        raise ValueError(f"unknown picture file level {level!r}")
    return f"{api_url.rstrip('/')}/pictures/{picture_id}/{level}.jpg"


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UUID_TEXT = _UUID.pattern


class PanoramaxRef(NamedTuple):
    """What a pasted text points at: the instance (its API root, when the text names one),
    a picture and/or a sequence (ids in lower case)."""

    api_url: str | None
    picture_id: str | None
    sequence_id: str | None


def is_bare_id(text: str) -> bool:
    """``text`` is one UUID and nothing else: a picture's or a sequence's, who knows."""
    return _UUID.fullmatch((text or "").strip()) is not None


def _param(text: str, name: str) -> str | None:
    """``name=<uuid>`` in a URL's query or hash (``?pic=…``, ``#…&seq=…``)."""
    match = re.search(rf"(?:^|[#&?;]){name}=({_UUID_TEXT})(?![0-9a-fA-F-])", text)
    return match.group(1).lower() if match else None


def _api_root_of(parts) -> str:
    """``scheme://host[:port]/<prefix>/api`` of a URL whose path holds ``/api/``."""
    path = parts.path
    root = path[: path.index("/api/") + 4] if "/api/" in path else path.rstrip("/") + "/api"
    return urlunsplit((parts.scheme, parts.netloc, root, "", ""))


def parse_panoramax_text(text: str) -> PanoramaxRef | None:
    """A picture and/or sequence from what a user types or pastes, or None.

    Understood: a bare UUID (returned as a picture id: the caller decides whether it may
    be a sequence, see :func:`is_bare_id`); a web-viewer link of any instance, with its
    settings in the hash or the query (``https://panoramax.ign.fr/#focus=pic&pic=<id>&map=…``,
    ``…/?pic=<id>``, ``…#…&seq=<id>``); an API URL (``…/api/pictures/<id>[/sd.jpg]``,
    ``…/api/collections/<seq>/items/<id>``, ``…/api/collections/<seq>``,
    ``…/api/search?ids=<id>``). The instance is the link's host (and path prefix), its
    API root being ``…/api``; a bare id names no instance. Pure: no network.
    """
    text = (text or "").strip()
    if not text:
        return None
    if is_bare_id(text):
        return PanoramaxRef(None, text.lower(), None)
    candidate = text if "://" in text else "https://" + text
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in parts.netloc:
        return None
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    path = parts.path
    picture = sequence = None
    match = re.search(rf"/api/pictures/({_UUID_TEXT})(?:/|$)", path)
    if match:
        picture = match.group(1).lower()
    match = re.search(rf"/api/collections/([^/]+)(?:/items/({_UUID_TEXT}))?/?(?:/|$)", path)
    if match:
        if _UUID.fullmatch(match.group(1)):
            sequence = match.group(1).lower()
        if match.group(2):
            picture = match.group(2).lower()
    if picture is None and "/api/search" in path:
        match = re.search(rf"(?:^|&)ids=({_UUID_TEXT})(?![0-9a-fA-F-])", parts.query)
        picture = match.group(1).lower() if match else None
    settings = parts.query + "&" + parts.fragment
    if picture is None:
        picture = _param(settings, "pic")
    if sequence is None:
        sequence = _param(settings, "seq")
    if picture is None and sequence is None:
        return None
    return PanoramaxRef(_api_root_of(parts), picture, sequence)


def picture_id_from_text(text: str) -> str | None:
    """A picture id from what a user pastes: the id itself, a viewer link (``#pic=…``
    or ``&pic=…``) or an API item URL (``…/items/<id>``); see :func:`parse_panoramax_text`."""
    ref = parse_panoramax_text(text)
    return ref.picture_id if ref is not None else None
