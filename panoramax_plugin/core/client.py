"""One client per Panoramax instance: discovery, search, sequences, pictures, assets.

Search and item paging are done here with plain requests + ``json`` because
``/api/search`` has no paging and building pystac objects for 10,000 items costs
more than the download. Sequence listing goes through pystac-client, which
follows the collections' ``next`` links for us.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from .errors import (
    HttpError,
    InvalidResponseError,
    NotFoundError,
    NotPanoramaxError,
    PanoramaxError,
)
from .http import HttpClient, decode_json, too_deep
from .i18n import translate
from .instances import normalize_api_url
from .json_items import decode_utf8, iter_array_items
from .models import (
    Instance,
    MalformedFeature,
    Picture,
    Sequence,
    instance_from_landing,
    is_position,
    picture_from_feature,
    sequence_from_collection,
)
from .pager import iter_pages, link_href
from .stac import iter_collection_dicts
from .timeparse import datetime_interval

SEARCH_LIMIT_MAX = 10_000
SEARCH_BYTES_BASE = 4 << 20
SEARCH_BYTES_PER_ITEM = 16 << 10  # a GeoVisio search item weighs 3-5 kB
PLACE_DISTANCE_MIN_DEFAULT = 3
PLACE_DISTANCE_MAX_DEFAULT = 15
"""GeoVisio's own ``place_distance`` default (metres)."""
PLACE_FOV_TOLERANCE_MIN = 2.0
PLACE_FOV_TOLERANCE_MAX = 180.0
"""What GeoVisio accepts for ``place_fov_tolerance`` (degrees); anything else is a 400."""


def search_answer_cap(limit: int) -> int:
    """What a search answer for ``limit`` items may weigh: ~4x real, 164 MB for 10,000."""
    return SEARCH_BYTES_BASE + SEARCH_BYTES_PER_ITEM * max(1, int(limit))


@dataclass
class SearchResult:
    """Pictures of one ``/api/search`` call and what the caller must know about it."""

    pictures: list = field(default_factory=list)
    limit: int = 0
    malformed: int = 0

    @property
    def capped(self) -> bool:
        """True when the server returned as many items as asked: some may be missing."""
        return self.limit > 0 and len(self.pictures) + self.malformed >= self.limit


def bbox_param(bbox) -> str:
    """``minX,minY,maxX,maxY`` in WGS84, validated (the server answers 400 otherwise)."""
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"A bounding box needs four numbers, got {bbox!r}") from exc
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError(f"The bounding box {bbox!r} is not made of finite numbers")
    if not (west <= east and south <= north):
        raise ValueError(f"The bounding box {bbox!r} is inverted (west > east or south > north)")
    west, east = max(west, -180.0), min(east, 180.0)
    south, north = max(south, -90.0), min(north, 90.0)
    return f"{west:.7f},{south:.7f},{east:.7f},{north:.7f}"


def _features(body: dict, url: str) -> list:
    """The ``features`` list of an items page (none: empty); anything else is an error."""
    features = body.get("features")
    if features is None:
        return []
    if not isinstance(features, list):
        raise InvalidResponseError(
            translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=url), url=url
        )
    return features


class PanoramaxClient:
    """Talks to one instance. Not thread-safe per call; cheap to create per task."""

    def __init__(
        self,
        api_url: str,
        http: HttpClient | None = None,
        read_only: bool = False,
        instance: Instance | None = None,
        auth_headers=None,
    ):
        """``instance``: this instance as discovered before (no landing-page request).

        ``auth_headers(url)``: the headers of the upload-set endpoints (the uploader's
        token, which it gives to its instance's own origin only).
        """
        self.api_url = normalize_api_url(api_url)
        self.http = http or HttpClient()
        self.read_only = read_only
        self._instance: Instance | None = instance
        self.auth_headers = auth_headers or (lambda url: {})

    @property
    def instance(self) -> Instance | None:
        """The instance once discovered (or given), else None."""
        return self._instance

    def use_instance(self, instance: Instance) -> None:
        """Adopt this instance as discovered by another client (no landing-page request)."""
        if self._instance is None:
            self._instance = instance

    # ------------------------------------------------------------------ discovery
    def discover(self) -> Instance:
        """Read the landing page and check that it is a Panoramax STAC API."""
        if self._instance is not None:
            return self._instance
        try:
            response = self.http.request("GET", self.api_url)
        except NotFoundError as exc:
            raise NotPanoramaxError(
                translate(
                    "PanoramaxCore",
                    "{url} does not exist (HTTP 404): this is not a Panoramax API. "
                    "Check the instance address.",
                ).format(url=self.api_url),
                url=self.api_url,
            ) from exc
        try:
            landing = decode_json(response)
        except InvalidResponseError as exc:
            raise NotPanoramaxError(
                translate(
                    "PanoramaxCore",
                    "{url} answered, but not with a Panoramax API description (no JSON). "
                    "Check the instance address.",
                ).format(url=self.api_url),
                url=self.api_url,
            ) from exc
        links = landing.get("links") if isinstance(landing, dict) else None
        links = links if isinstance(links, list) else []
        rels = {link.get("rel") for link in links if isinstance(link, dict)}
        if "search" not in rels or "data" not in rels:
            raise NotPanoramaxError(
                translate(
                    "PanoramaxCore",
                    "{url} answered with JSON that is not a Panoramax STAC catalog (no search "
                    "or collections link). Check the instance address.",
                ).format(url=self.api_url),
                url=self.api_url,
            )
        self._instance = instance_from_landing(landing, self.api_url, self.read_only)
        return self._instance

    def configuration(self) -> dict:
        """``/api/configuration``: auth, licence, split and duplicate defaults."""
        data = self.http.get_json(self.api_url + "/configuration")
        if not isinstance(data, dict):
            raise InvalidResponseError(
                translate("PanoramaxCore", "The instance configuration is not a JSON object.")
            )
        return data

    # ------------------------------------------------------------------ search
    def search(
        self,
        bbox=None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 100,
        ids=None,
        sequence_ids=None,
        cql_filter: str | None = None,
        parse=None,
    ) -> SearchResult:
        """Pictures matching the filters; at most ``limit`` (≤ 10,000), nearest first.

        ``cql_filter``: a CQL2 text filter the server applies (``filter``, GeoVisio 2.9+,
        e.g. ``"semantics.osm|traffic_sign"='FR:B14'``; see ``/api/queryables``); a
        filter the server rejects comes back as its 400 error.
        The server has no paging: check ``result.capped`` and split the area when set.
        ``parse(feature, base_url, api_url)``: builds each item (default
        ``picture_from_feature``; e.g. ``tagged.tagged_picture_from_feature``).
        """
        limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
        params = {"limit": str(limit)}
        if bbox is not None:
            params["bbox"] = bbox_param(bbox)
        interval = datetime_interval(start, end)
        if interval:
            params["datetime"] = interval
        if ids:
            params["ids"] = ",".join(ids)
        if sequence_ids:
            params["collections"] = ",".join(sequence_ids)
        if cql_filter and cql_filter.strip():
            params["filter"] = cql_filter.strip()
        return self._search(params, limit, parse)

    def search_place(
        self,
        lon: float,
        lat: float,
        distance=(PLACE_DISTANCE_MIN_DEFAULT, PLACE_DISTANCE_MAX_DEFAULT),
        fov_tolerance: float | None = None,
        limit: int = 100,
    ) -> SearchResult:
        """Pictures *looking at* ``(lon, lat)`` (WGS84): a place search.

        GeoVisio 2.15.1 filters the distance on the ground but sorts by planar distance
        in longitude/latitude degrees (like a bbox search), so the order is only roughly
        the ground order away from the equator: re-sort on the caller's side.

        ``distance`` is ``(min_m, max_m)``, camera to point; GeoVisio only takes whole
        metres (``"0-30"``; ``"0.5-30"`` is a 400), so the range is widened to whole
        metres (``floor(min)``-``ceil(max)``); the caller re-checks exact distances.
        ``fov_tolerance`` (2-180 degrees, None: the server's default 30) is the width
        of the cone around each picture's heading in which the point must lie; the
        server ignores it for 360° pictures and measures it in longitude/latitude
        degrees, not on the ground (see ``feature_pictures``). ``limit`` applies
        (1-10,000; check ``result.capped``).
        """
        if not is_position(lon, lat):
            raise ValueError(f"Not a WGS84 position: {lon!r}, {lat!r}")
        try:
            low, high = (float(v) for v in distance)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"A distance range needs two numbers, got {distance!r}") from exc
        if not (math.isfinite(low) and math.isfinite(high) and 0 <= low <= high):
            raise ValueError(f"The distance range {distance!r} is not 0 <= min <= max")
        limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
        params = {
            "limit": str(limit),
            "place_position": f"{lon:.7f},{lat:.7f}",
            "place_distance": f"{math.floor(low)}-{math.ceil(high)}",
        }
        if fov_tolerance is not None:
            tolerance = float(fov_tolerance)
            if not PLACE_FOV_TOLERANCE_MIN <= tolerance <= PLACE_FOV_TOLERANCE_MAX:
                raise ValueError(f"place_fov_tolerance must be 2-180 degrees, got {fov_tolerance}")
            params["place_fov_tolerance"] = f"{tolerance:g}"
        return self._search(params, limit)

    def _search(self, params: dict, limit: int, parse=None) -> SearchResult:
        """One ``/api/search`` GET, parsed item by item into a ``SearchResult``."""
        response = self.http.request(
            "GET",
            self.discover().search_url,
            params=params,
            max_bytes=search_answer_cap(limit),
        )
        result = SearchResult(limit=limit)
        base = response.url
        parse = parse or picture_from_feature
        try:
            # item by item, so a 10,000-item answer never holds the GIL in one go
            for feature in iter_array_items(decode_utf8(response.content), "features"):
                try:
                    result.pictures.append(parse(feature, base, self.api_url))
                except MalformedFeature:
                    result.malformed += 1
        except RecursionError as exc:
            raise too_deep(response.url) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            kind = response.headers.get("Content-Type", "unknown type")
            raise InvalidResponseError(
                translate(
                    "PanoramaxCore",
                    "The search answer of {url} is not a list of pictures ({kind}).",
                ).format(url=self.api_url, kind=kind),
                url=response.url,
            ) from exc
        return result

    # ------------------------------------------------------------------ sequences
    def list_sequences(self, bbox=None, page_size: int = 100, max_sequences: int | None = None):
        """Yield the sequences in ``bbox`` (all pages), as ``Sequence`` models."""
        instance = self.discover()
        for raw in iter_collection_dicts(
            self.http,
            self.api_url,
            bbox=bbox_param(bbox) if bbox is not None else None,
            page_size=page_size,
            max_collections=max_sequences,
            landing=instance.landing,
        ):
            try:
                yield sequence_from_collection(raw, instance.collections_url, self.api_url)
            except MalformedFeature:
                continue

    def get_sequence(self, sequence_id: str) -> Sequence:
        url = f"{self.discover().collections_url}/{sequence_id}"
        data = self._get_json_or_not_found(url, self._missing_sequence(sequence_id))
        return sequence_from_collection(data, url, self.api_url)

    def iter_sequence_pictures(self, sequence_id: str, page_size: int = 100):
        """Yield the pictures of a sequence in rank order, following ``next`` pages."""
        message = self._missing_sequence(sequence_id)
        for url, body in iter_pages(
            lambda url, params: self._get_json_or_not_found(url, message, params=params),
            f"{self.discover().collections_url}/{sequence_id}/items",
            params={"limit": str(page_size)},
        ):
            for feature in _features(body, url):
                try:
                    yield picture_from_feature(feature, url, self.api_url)
                except MalformedFeature:
                    continue

    def sequence_end(self, sequence_id: str, last: bool = False) -> Picture:
        """The first (or last) picture of a sequence, in at most two requests."""
        url = f"{self.discover().collections_url}/{sequence_id}/items"
        body = self._get_json_or_not_found(
            url, self._missing_sequence(sequence_id), params={"limit": "1"}
        )
        if last:
            last_url = link_href(body, "last")
            if last_url:
                body = self._get_json_or_not_found(last_url, self._missing_sequence(sequence_id))
        features = _features(body, url)
        if not features:
            raise NotFoundError(404, self._missing_sequence(sequence_id), url=url)
        try:
            return picture_from_feature(features[-1], url, self.api_url)
        except MalformedFeature as exc:
            raise InvalidResponseError(
                translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=url),
                url=url,
            ) from exc

    # ------------------------------------------------------------------ pictures
    def get_picture(self, picture_id: str, sequence_id: str | None = None) -> Picture:
        """One picture with its prev/next/related links (found by search if needed)."""
        if not sequence_id:
            found = self.search(ids=[picture_id], limit=1).pictures
            if not found:
                raise NotFoundError(404, self._missing_picture(picture_id))
            sequence_id = found[0].sequence_id
        url = f"{self.discover().collections_url}/{sequence_id}/items/{picture_id}"
        data = self._get_json_or_not_found(url, self._missing_picture(picture_id))
        try:
            return picture_from_feature(data, url, self.api_url)
        except MalformedFeature as exc:
            raise InvalidResponseError(
                translate("PanoramaxCore", "The picture {id} has no usable position.").format(
                    id=picture_id
                ),
                url=url,
            ) from exc

    def download_asset(self, picture: Picture, key: str = "sd") -> bytes:
        """Bytes of the ``thumb``, ``sd`` or ``hd`` file of a picture."""
        url = picture.asset_url(key)
        if not url:
            raise PanoramaxError(
                translate("PanoramaxCore", "The picture {id} has no '{key}' file.").format(
                    id=picture.id, key=key
                )
            )
        return self.http.get_bytes(url)

    # ------------------------------------------------------------------ upload sets
    # No discovery here: an upload never reads the landing page. Errors stay the
    # HTTP layer's own (the uploader turns a refused token into "sign in again"); an
    # HTTP error carries the answer's ``Retry-After`` as ``retry_after`` (text or None),
    # and an answer of the wrong shape raises ``InvalidResponseError``.
    def create_upload_set(self, body: dict) -> str:
        """Create an upload set with these settings (title, split, …); its id."""
        url = f"{self.api_url}/upload_sets"
        answer = self._upload_set_json("POST", url, json=body)
        set_id = answer.get("id") if isinstance(answer, dict) else None
        if not isinstance(set_id, str) or not set_id:
            raise InvalidResponseError(
                translate(
                    "PanoramaxUpload",
                    "The instance created the upload set but its answer has no id ({url}).",
                ).format(url=url),
                url=url,
            )
        return set_id

    def upload_set_url(self, upload_set_id: str) -> str:
        return f"{self.api_url}/upload_sets/{upload_set_id}"

    def upload_set_files_url(self, upload_set_id: str) -> str:
        """Where the set's files are listed, and sent (multipart) by the uploader's sender."""
        return self.upload_set_url(upload_set_id) + "/files"

    def get_upload_set(self, upload_set_id: str) -> dict:
        """The set's JSON: ``ready``, ``items_status``, ``associated_collections``…"""
        url = self.upload_set_url(upload_set_id)
        body = self._upload_set_json("GET", url)
        if not isinstance(body, dict):
            raise self.unexpected_upload_answer(url)
        return body

    def upload_set_files(self, upload_set_id: str) -> list:
        """What the server holds of the set: each file's name, picture id or rejection.

        Entries that are not JSON objects are left out (the file is then sent again, and
        the instance recognises it)."""
        url = self.upload_set_files_url(upload_set_id)
        body = self._upload_set_json("GET", url)
        files = body.get("files") if isinstance(body, dict) else None
        if files is None and isinstance(body, dict) and "files" not in body:
            files = []
        if not isinstance(files, list):
            raise self.unexpected_upload_answer(url)
        return [item for item in files if isinstance(item, dict)]

    def complete_upload_set(self, upload_set_id: str) -> None:
        """Tell the server that no more files come: it dispatches them into sequences."""
        self._signed("POST", self.upload_set_url(upload_set_id) + "/complete")

    def iter_sequence_picture_ids(self, sequence_id: str, page_size: int = 1000):
        """Yield the picture ids of a sequence, page by page (a 404 raises ``NotFoundError``)."""

        def fetch(url, params):
            body = self._upload_set_json("GET", url, params=params)
            if not isinstance(body, dict) or not isinstance(body.get("features", []), list):
                raise self.unexpected_upload_answer(url)
            return body

        for _url, body in iter_pages(
            fetch,
            f"{self.api_url}/collections/{sequence_id}/items",
            params={"limit": page_size},
        ):
            for feature in body.get("features") or []:
                item_id = feature.get("id") if isinstance(feature, dict) else None
                if isinstance(item_id, (str, int)) and not isinstance(item_id, bool):
                    yield str(item_id)

    def my_upload_sets(self) -> list:
        """The signed-in account's open upload sets (not completed), as JSON objects.

        The instance lists at most 100, oldest first, without paging."""
        url = f"{self.api_url}/users/me/upload_sets"
        body = self._upload_set_json("GET", url, params={"limit": "100"})
        sets = body.get("upload_sets") if isinstance(body, dict) else None
        if not isinstance(sets, list):
            raise self.unexpected_upload_answer(url)
        return [item for item in sets if isinstance(item, dict)]

    def _upload_set_json(self, method: str, url: str, **kwargs):
        return decode_json(self._signed(method, url, **kwargs))

    def unexpected_upload_answer(self, url: str) -> InvalidResponseError:
        return InvalidResponseError(
            translate(
                "PanoramaxUpload",
                "The instance answered {url} with something else than expected: try again "
                "later, or report it to the instance's administrators.",
            ).format(url=url),
            url=url,
        )

    # ------------------------------------------------------------------ helpers
    def _signed(self, method: str, url: str, **kwargs):
        return self.http.request(method, url, headers=self.auth_headers(url), **kwargs)

    def _signed_json(self, method: str, url: str, **kwargs):
        return decode_json(self._signed(method, url, **kwargs))

    def _missing_sequence(self, sequence_id: str) -> str:
        return translate(
            "PanoramaxCore",
            "The sequence {id} does not exist on {url} (it may be deleted or hidden).",
        ).format(id=sequence_id, url=self.api_url)

    def _missing_picture(self, picture_id: str) -> str:
        return translate(
            "PanoramaxCore",
            "The picture {id} does not exist on {url} (it may be deleted or hidden).",
        ).format(id=picture_id, url=self.api_url)

    def _get_json_or_not_found(self, url: str, not_found_message: str, params=None):
        try:
            data = self.http.get_json(url, params=params)
        except NotFoundError as exc:
            raise NotFoundError(404, not_found_message, url=url, details=exc.details) from exc
        except HttpError as exc:
            if exc.status == 400 and "collection" in url:
                raise NotFoundError(404, not_found_message, url=url) from exc
            raise
        if not isinstance(data, dict):
            raise InvalidResponseError(
                translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=url), url=url
            )
        return data
