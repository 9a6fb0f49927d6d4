"""pystac-client over the plugin's own HTTP session, for collection paging.

pystac-client follows the ``next`` links of ``/api/collections`` (GeoVisio's
page-2 ``self`` link is wrong, ``next`` is right). It is given our session so
QGIS networking, the User-Agent and typed errors apply to its requests too.
"""

from __future__ import annotations

import copy
import importlib
import warnings

from . import vendored
from .errors import InvalidResponseError, MissingDependencyError, NetworkError, PanoramaxError
from .http import HttpClient, raise_for_status
from .i18n import translate
from .pager import MAX_PAGES, link_href


def _pystac_client():
    """pystac-client: the copy bundled with the plugin, else the installed one."""
    try:
        pystac_client = vendored.import_module("pystac_client")
        StacApiIO = importlib.import_module(pystac_client.__name__ + ".stac_api_io").StacApiIO
    except ImportError as exc:
        raise MissingDependencyError(
            "pystac-client", translate("PanoramaxCore", "listing sequences")
        ) from exc
    return pystac_client, StacApiIO


def open_catalog(http: HttpClient, api_url: str, landing: dict | None = None):
    """A ``pystac_client.Client`` whose requests go through ``http.session``.

    With the ``landing`` page already read (discovery), it is not fetched again.
    """
    pystac_client, stac_api_io_class = _pystac_client()

    class KnownRootIO(stac_api_io_class):
        def read_json(self, source, *args, **kwargs):
            if landing and str(source).rstrip("/") == api_url.rstrip("/"):
                return copy.deepcopy(landing)
            return super().read_json(source, *args, **kwargs)

        def request(self, href, method=None, headers=None, parameters=None):
            """Through ``http.request``: its size cap, whole-call time and typed errors."""
            method = (method or "GET").upper()
            if method in ("POST", "PUT", "PATCH"):
                kwargs = {"json": parameters}
            else:
                kwargs = {"params": copy.deepcopy(parameters) or {}}
            response = http.request(method, href, headers=headers, **kwargs)
            try:
                return response.content.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidResponseError(
                    translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=href),
                    url=href,
                ) from exc

    stac_io = KnownRootIO(timeout=http.timeout, max_retries=None)
    stac_io.session = http.session
    try:
        return pystac_client.Client.open(api_url, stac_io=stac_io, timeout=http.timeout)
    except Exception as exc:  # pystac-client wraps failures in several types
        raise _translate(exc, api_url) from exc


def iter_collection_dicts(
    http: HttpClient, api_url: str, bbox=None, page_size=100, max_collections=None, landing=None
):
    """Yield raw collection dicts of every page for the bbox."""
    catalog = open_catalog(http, api_url, landing)
    try:
        with warnings.catch_warnings():
            # GeoVisio has no free-text collection search; we never ask for one
            warnings.simplefilter("ignore")
            search = catalog.collection_search(
                bbox=bbox, limit=page_size, max_collections=max_collections
            )
        seen_ids, seen_next = set(), set()
        for number, page in enumerate(search.pages_as_dicts(), start=1):
            collections = page.get("collections") if isinstance(page, dict) else None
            if collections is None:
                collections = []
            if not isinstance(collections, list):
                raise InvalidResponseError(
                    translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=api_url),
                    url=api_url,
                )
            fresh = [c for c in collections if _collection_id(c) not in seen_ids]
            seen_ids.update(_collection_id(c) for c in fresh)
            yield from fresh
            if len(collections) < page_size:
                break  # GeoVisio links a next page even after the last one: not asked
            # pystac-client follows ``next`` for ever: stop at a link already followed, a
            # page that brought nothing new, or MAX_PAGES pages
            next_href = link_href(page, "next")
            if not fresh or next_href in seen_next or number >= MAX_PAGES:
                break
            seen_next.add(next_href)
    except PanoramaxError:
        raise
    except Exception as exc:
        raise _translate(exc, api_url) from exc


def _collection_id(collection):
    value = collection.get("id") if isinstance(collection, dict) else None
    return value if isinstance(value, (str, int)) else id(collection)


def _translate(exc: Exception, url: str) -> PanoramaxError:
    """Turn a pystac-client failure into the core's typed errors."""
    import requests

    if isinstance(exc, PanoramaxError):
        return exc
    if isinstance(exc, requests.RequestException):
        return NetworkError(
            translate(
                "PanoramaxCore",
                "Could not reach {host}: {error}. Check the address, "
                "your connection and the QGIS proxy settings.",
            ).format(host=url, error=exc),
            url=url,
        )
    status = getattr(exc, "status_code", None)
    if status:
        response = requests.Response()
        response.status_code = int(status)
        response.url = url
        response._content = str(exc).encode()
        try:
            raise_for_status(response)
        except PanoramaxError as typed:
            return typed
    return InvalidResponseError(
        translate(
            "PanoramaxCore", "Unexpected answer from {url} while listing sequences: {error}"
        ).format(url=url, error=exc),
        url=url,
    )
