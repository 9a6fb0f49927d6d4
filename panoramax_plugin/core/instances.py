"""Known Panoramax instances and validation of user-typed instance URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def viewer_picture_url(api_url: str, picture_id: str) -> str:
    """Deep link to a picture in the instance's web viewer."""
    return f"{site_url(api_url)}#focus=pic&pic={picture_id}"


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def picture_id_from_text(text: str) -> str | None:
    """A picture id from what a user pastes: the id itself, a viewer link (``#pic=…``
    or ``&pic=…``) or an API item URL (``…/items/<id>``)."""
    text = (text or "").strip()
    match = re.search(r"[#&?]pic=([0-9a-fA-F-]{36})", text)
    if match:
        return match.group(1).lower()
    match = re.search(r"/items/([0-9a-fA-F-]{36})", text)
    if match:
        return match.group(1).lower()
    match = _UUID.fullmatch(text)
    return match.group(0).lower() if match else None
