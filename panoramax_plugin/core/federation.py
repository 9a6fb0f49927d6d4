"""The federation's list of Panoramax instances: parse it, merge it with the built-in ones.

The federated catalog lists the instances it harvests at ``/api/instances``. Its shape
is not in a frozen spec, so the parser is tolerant: a JSON list, or an object with an
``instances`` (or ``data``) list; each entry an object with a name (``name``, ``title``,
``label``) and an address (``api_url``/``api``, else ``url``/``href``, the web
site whose API is ``…/api``). Anything else (not JSON, wrong types, a non-web URL, a
duplicate, an entry too long) is skipped, never raised: the built-in instances always
remain, first. Pure Python.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .errors import InvalidInstanceUrl
from .instances import KNOWN_INSTANCES, KnownInstance, normalize_api_url

FEDERATION_INSTANCES_URL = "https://api.panoramax.xyz/api/instances"
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # a list of a few dozen instances is a few KB
MAX_INSTANCES = 200  # more is not a list of instances, or not one a combo box can show
MAX_NAME_CHARS = 80
MAX_URL_CHARS = 300
REFRESH_AFTER_S = 24 * 3600  # the list changes a few times a year: once a day is plenty
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

_NAME_KEYS = ("name", "title", "label")
_API_KEYS = ("api_url", "apiUrl", "api", "api_base", "apiBase")
_SITE_KEYS = ("url", "href", "website", "site")


def _entries(data) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("instances", "data", "items"):
            value = data.get(key)
            if isinstance(value, list):
                return value
    return []


def _first_text(entry: dict, keys) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _api_url(entry: dict, allow_loopback: bool) -> str | None:
    """The entry's API root, or None when it has no usable web address."""
    raw = _first_text(entry, _API_KEYS) or _first_text(entry, _SITE_KEYS)
    if not raw or len(raw) > MAX_URL_CHARS or "://" not in raw:
        return None  # a bare word is not taken for a host name here
    if urlsplit(raw).scheme.lower() not in ("http", "https"):
        return None
    try:
        api_url = normalize_api_url(raw)
    except InvalidInstanceUrl:
        return None
    parts = urlsplit(api_url)
    host = (parts.hostname or "").lower()
    if host in LOOPBACK_HOSTS:
        if not allow_loopback:
            return None
    elif parts.scheme != "https":
        return None  # a public instance answers over https; http could be tampered with
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    return api_url


def _same(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def parse_instances(data, allow_loopback: bool = False) -> list:
    """``KnownInstance`` values for the federation's answer ``data`` (decoded JSON).

    Keys are the API URLs (so a saved choice stays meaningful when the list changes);
    entries without a name or a usable https address, and duplicates of an address
    already listed, are skipped. ``allow_loopback``: accept http://127.0.0.1 (tests).
    """
    found: list = []
    for entry in _entries(data)[: MAX_INSTANCES * 4]:
        if len(found) >= MAX_INSTANCES:
            break
        if not isinstance(entry, dict):
            continue
        name = _first_text(entry, _NAME_KEYS)
        api_url = _api_url(entry, allow_loopback)
        if not name or api_url is None:
            continue
        name = " ".join(name.split())[:MAX_NAME_CHARS]
        if any(_same(api_url, other.api_url) for other in found):
            continue
        host = urlsplit(api_url).netloc
        label = name if host.lower() in name.lower() else f"{name} ({host})"
        site = api_url[: -len("/api")] + "/" if api_url.endswith("/api") else None
        found.append(KnownInstance(api_url, label, api_url, viewer_url=site))
    return found


def parse_instances_bytes(body: bytes, allow_loopback: bool = False) -> list:
    """``parse_instances`` of a raw answer; [] for one too large or not JSON."""
    if not isinstance(body, (bytes, bytearray)) or len(body) > MAX_ANSWER_BYTES:
        return []
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return []
    return parse_instances(data, allow_loopback)


def merge_instances(extra, builtin=KNOWN_INSTANCES) -> list:
    """The built-in instances first (always), then those of ``extra`` they do not cover."""
    merged = list(builtin)
    for instance in extra or ():
        if any(_same(instance.api_url, known.api_url) for known in merged):
            continue
        merged.append(instance)
    return merged


def instances_to_json(instances) -> str:
    """The cache's text form (what ``instances_from_json`` reads back)."""
    return json.dumps(
        [{"name": i.label, "api_url": i.api_url} for i in instances], ensure_ascii=False
    )


def instances_from_json(text, allow_loopback: bool = False) -> list:
    """Instances from the cache's text; [] for anything unreadable."""
    if not isinstance(text, str) or not text:
        return []
    return parse_instances_bytes(text.encode("utf-8"), allow_loopback)


def needs_refresh(fetched_at, now: float, max_age_s: float = REFRESH_AFTER_S) -> bool:
    """Whether a list fetched at ``fetched_at`` (epoch seconds, or junk) is stale at ``now``."""
    try:
        fetched = float(fetched_at)
    except (TypeError, ValueError):
        return True
    if fetched != fetched or fetched > now + 60:  # NaN, or a clock set back
        return True
    return now - fetched >= max_age_s
