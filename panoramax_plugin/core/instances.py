"""Known Panoramax instances and validation of user-typed instance URLs."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .errors import InvalidInstanceUrl


@dataclass(frozen=True)
class KnownInstance:
    """An instance shipped with the plugin. ``read_only`` instances take no uploads."""

    key: str
    label: str
    api_url: str
    read_only: bool = False
    viewer_url: str | None = None


KNOWN_INSTANCES = (
    KnownInstance(
        "ign",
        "IGN (panoramax.ign.fr)",
        "https://panoramax.ign.fr/api",
        viewer_url="https://panoramax.ign.fr/",
    ),
    KnownInstance(
        "osm-fr",
        "OpenStreetMap France (panoramax.openstreetmap.fr)",
        "https://panoramax.openstreetmap.fr/api",
        viewer_url="https://panoramax.openstreetmap.fr/",
    ),
    KnownInstance(
        "federated",
        "All of Panoramax (api.panoramax.xyz, read-only)",
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


def normalize_api_url(url: str) -> str:
    """Turn what a user typed into the instance's API root (``https://host/api``).

    Accepts a bare host, a site URL, a viewer URL with ``#pic=…`` or the API URL
    itself. Raises ``InvalidInstanceUrl`` with a message saying what is wrong.
    """
    text = (url or "").strip()
    if not text:
        raise InvalidInstanceUrl("No instance URL given. Type an address such as https://panoramax.ign.fr")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise InvalidInstanceUrl(
            f"'{url}' is not a web address: an instance URL starts with https:// (or http://)."
        )
    if not parts.hostname:
        raise InvalidInstanceUrl(f"'{url}' has no host name.")
    if any(c.isspace() for c in parts.netloc):
        raise InvalidInstanceUrl(f"'{url}' contains spaces in its host name.")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidInstanceUrl(f"'{url}' has an invalid port number.") from exc
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
