"""The signed-in user's own sequences, pictures and upload sets ("My pictures").

Routes as the local GeoVisio 2.15.1 accepts them (checked by tests/integration/test_mine.py):

- ``GET /api/users/me/collection?limit=N``: one page of the user's sequences, each as a
  ``rel="child"`` link carrying ``id``, ``title``, ``geovisio:status``,
  ``geovisio:visibility``, ``stats:items.count``, ``extent``, ``geovisio:length_km``,
  ``created``, ``updated`` (hidden and still-processing ones included); ``next`` links
  until the end. The upload set of origin is only in the sequence itself
  (``GET /api/collections/{id}``, link ``rel="upload_set"``).
- ``PATCH /api/collections/{id}`` JSON ``{"title", "visibility", "relative_heading",
  "sortby"}`` (any subset) → 200 with the sequence; ``relative_heading`` is an integer in
  -180..180 and is not echoed: it rewrites the pictures' ``view:azimuth``.
- ``PATCH /api/collections/{cid}/items/{id}`` JSON ``{"visibility", "heading" (integer
  0..360), "capture_time" (ISO 8601), "latitude", "longitude"}`` → 200 with the picture.
- ``DELETE`` of either → 204; a sequence's deletion finishes asynchronously
  (``wait_deleted`` follows it until the sequence answers 404).
- ``GET /api/users/me/upload_sets`` (``filter``, default ``dispatched = FALSE``),
  ``GET /api/upload_sets/{id}[/files]``, ``POST …/complete``, ``DELETE /api/upload_sets/{id}``.

Refusals: 401 (no or invalid token: sign in again), 403 (not the owner), 404 (gone, or
hidden from this account), 400 (the server's message and details).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .errors import (
    NotFoundError,
    PanoramaxError,
)
from .i18n import translate
from .models import finite_float
from .pager import iter_pages, link_href
from .signed import server_said, signed_json, signed_send, unexpected_answer

SORT_ORDERS = ("+gpsdate", "-gpsdate", "+filedate", "-filedate", "+filename", "-filename")
EARLIEST_PLAUSIBLE_YEAR = 1990
MAX_PLAIN_MOVE_KM = 1.0
"""A picture moved farther than this needs the user's confirmation."""


class InvalidEditError(PanoramaxError):
    """The change was not sent: the input is invalid (``problems`` says why)."""

    def __init__(self, problems: list):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class ConfirmationNeeded(PanoramaxError):
    """The change was not sent: it looks unusual; send it again with ``confirmed=True``."""

    def __init__(self, reasons: list):
        super().__init__(" ".join(reasons))
        self.reasons = list(reasons)


@dataclass
class EditCheck:
    """What a change needs before it is sent: ``problems`` refuse it, ``confirmations``
    ask the user first."""

    problems: list = field(default_factory=list)
    confirmations: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_blocked(self, confirmed: bool = False) -> None:
        if self.problems:
            raise InvalidEditError(self.problems)
        if self.confirmations and not confirmed:
            raise ConfirmationNeeded(self.confirmations)


# ---------------------------------------------------------------------- validation
def check_heading(value, check: EditCheck | None = None) -> EditCheck:
    """A picture's heading: degrees, 0 to 360 (north 0, east 90)."""
    check = check or EditCheck()
    number = finite_float(value)
    if number is None or not 0 <= number <= 360:
        check.problems.append(
            translate(
                "PanoramaxCore",
                "The heading must be a number of degrees from 0 to 360 (north 0, east 90), "
                "not {value}.",
            ).format(value=value)
        )
    return check


def check_relative_heading(value, check: EditCheck | None = None) -> EditCheck:
    """A sequence's heading relative to its direction of travel: -180 to 180 (360 too)."""
    check = check or EditCheck()
    number = finite_float(value)
    if number is None or not -180 <= number <= 360:
        check.problems.append(
            translate(
                "PanoramaxCore",
                "The heading relative to the direction of travel must be a number of degrees "
                "from -180 to 180 (0 ahead, 90 to the right), not {value}.",
            ).format(value=value)
        )
    return check


def check_title(value, check: EditCheck | None = None) -> EditCheck:
    check = check or EditCheck()
    if not isinstance(value, str) or not value.strip():
        check.problems.append(translate("PanoramaxCore", "The title cannot be empty."))
    return check


def check_visibility(value, offered, check: EditCheck | None = None) -> EditCheck:
    check = check or EditCheck()
    if value not in offered:
        check.problems.append(
            translate(
                "PanoramaxCore",
                "The instance does not offer the visibility '{value}' (it offers: {offered}).",
            ).format(value=value, offered=", ".join(offered))
        )
    return check


def check_sort_order(value, check: EditCheck | None = None) -> EditCheck:
    check = check or EditCheck()
    if value not in SORT_ORDERS:
        check.problems.append(
            translate(
                "PanoramaxCore", "Unknown picture order '{value}' (possible orders: {orders})."
            ).format(value=value, orders=", ".join(SORT_ORDERS))
        )
    return check


def check_capture_time(value, check: EditCheck | None = None, now=None) -> EditCheck:
    """A capture time: with its UTC offset; in the future or before 1990 asks first."""
    check = check or EditCheck()
    if not isinstance(value, datetime) or value.utcoffset() is None:
        check.problems.append(
            translate(
                "PanoramaxCore",
                "The capture time must be a date and time with its time zone, not {value}.",
            ).format(value=value)
        )
        return check
    now = now or datetime.now(timezone.utc)
    if value > now:
        check.confirmations.append(
            translate(
                "PanoramaxCore", "The capture time {time} is in the future: apply it anyway?"
            ).format(time=value.isoformat())
        )
    elif value.year < EARLIEST_PLAUSIBLE_YEAR:
        check.confirmations.append(
            translate(
                "PanoramaxCore", "The capture time {time} is before 1990: apply it anyway?"
            ).format(time=value.isoformat())
        )
    return check


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def check_position(
    lon, lat, check: EditCheck | None = None, previous=None, max_km: float = MAX_PLAIN_MOVE_KM
) -> EditCheck:
    """A new position (WGS84); moved farther than ``max_km`` from ``previous`` (lon, lat)
    asks first."""
    check = check or EditCheck()
    x, y = finite_float(lon), finite_float(lat)
    if x is None or y is None or not (-180 <= x <= 180 and -90 <= y <= 90) or (x, y) == (0, 0):
        check.problems.append(
            translate(
                "PanoramaxCore",
                "The position must be a longitude from -180 to 180 and a latitude from -90 "
                "to 90 (WGS84), not {lon}, {lat}.",
            ).format(lon=lon, lat=lat)
        )
        return check
    if previous is not None:
        moved = distance_km(previous[0], previous[1], x, y)
        if moved > max_km:
            check.confirmations.append(
                translate(
                    "PanoramaxCore",
                    "The picture would move {km} km from where it was: apply it anyway?",
                ).format(km=f"{moved:.1f}")
            )
    return check


# ---------------------------------------------------------------------- models
@dataclass(frozen=True)
class MySequence:
    id: str
    title: str
    status: str | None
    visibility: str | None
    picture_count: int | None
    start: str | None  # capture times (ISO 8601 text as the server gives them)
    end: str | None
    created: str | None
    updated: str | None
    length_km: float | None
    bbox: tuple | None
    upload_set_id: str | None = None
    sorted_by: str | None = None


@dataclass(frozen=True)
class MyPicture:
    id: str
    sequence_id: str
    lon: float | None
    lat: float | None
    heading: float | None
    datetime: str | None
    visibility: str | None
    status: str | None
    rank: int | None
    file_name: str | None


def _int_or_none(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _sequence(raw: dict, upload_set_id: str | None = None) -> MySequence:
    extent = raw.get("extent") if isinstance(raw.get("extent"), dict) else {}
    interval = ((extent.get("temporal") or {}).get("interval") or [[None, None]])[0] or [None]
    bbox = ((extent.get("spatial") or {}).get("bbox") or [None])[0]
    stats = raw.get("stats:items") if isinstance(raw.get("stats:items"), dict) else {}
    length = finite_float(raw.get("geovisio:length_km"))
    if upload_set_id is None:
        href = link_href(raw, "upload_set")
        upload_set_id = href.rstrip("/").rsplit("/", 1)[-1] if href else None
    return MySequence(
        id=str(raw["id"]),
        title=str(raw.get("title") or ""),
        status=raw.get("geovisio:status"),
        visibility=raw.get("geovisio:visibility"),
        picture_count=_int_or_none(stats.get("count")),
        start=interval[0] if interval else None,
        end=interval[-1] if interval else None,
        created=raw.get("created"),
        updated=raw.get("updated"),
        length_km=length,
        bbox=tuple(bbox) if isinstance(bbox, list) and len(bbox) == 4 else None,
        upload_set_id=upload_set_id,
        sorted_by=raw.get("geovisio:sorted-by"),
    )


def _picture(raw: dict, sequence_id: str) -> MyPicture:
    geometry = raw.get("geometry") if isinstance(raw.get("geometry"), dict) else {}
    coords = geometry.get("coordinates") if isinstance(geometry.get("coordinates"), list) else []
    props = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
    return MyPicture(
        id=str(raw["id"]),
        sequence_id=str(raw.get("collection") or sequence_id),
        lon=finite_float(coords[0]) if len(coords) >= 2 else None,
        lat=finite_float(coords[1]) if len(coords) >= 2 else None,
        heading=finite_float(props.get("view:azimuth")),
        datetime=props.get("datetime"),
        visibility=props.get("geovisio:visibility"),
        status=props.get("geovisio:status"),
        rank=_int_or_none(props.get("geovisio:rank_in_collection")),
        file_name=props.get("original_file:name"),
    )


# ---------------------------------------------------------------------- client
class MyPictures:
    """The signed-in account's own material on one instance, through ``client``'s HTTP
    entry point and token (``PanoramaxClient(..., auth_headers=…)``, or a QGIS transport
    with an ``authcfg``). Blocking: call it from a task."""

    def __init__(self, client):
        self.client = client
        self.api_url = client.api_url
        self._visibilities = None

    # -------------------------------------------------------------- reading
    def visibility_values(self) -> list:
        """The visibilities the instance offers (``/api/configuration``)."""
        if self._visibilities is None:
            config = self.client.configuration()
            values = (config.get("visibility") or {}).get("possible_values")
            self._visibilities = (
                [v for v in values if isinstance(v, str)]
                if isinstance(values, list)
                else ["anyone", "owner-only"]
            )
        return self._visibilities

    def iter_sequences(self, page_size: int = 100):
        """Yield every sequence of the signed-in user (all pages), hidden ones included."""
        for _url, body in iter_pages(
            self._get_page, f"{self.api_url}/users/me/collection", {"limit": str(page_size)}
        ):
            for link in body.get("links") or []:
                if isinstance(link, dict) and link.get("rel") == "child" and link.get("id"):
                    yield _sequence(link)

    def sequence(self, sequence_id: str) -> MySequence:
        """One sequence, with its upload set of origin."""
        url = f"{self.api_url}/collections/{sequence_id}"
        return _sequence(self._json("GET", url, what=self._what_sequence(sequence_id)))

    def iter_pictures(self, sequence_id: str, page_size: int = 500):
        """The pictures of one of my sequences in rank order (hidden ones too, as owner)."""
        url = f"{self.api_url}/collections/{sequence_id}/items"
        for _url, body in iter_pages(self._get_page, url, {"limit": str(page_size)}):
            for feature in body.get("features") or []:
                if isinstance(feature, dict) and feature.get("id"):
                    yield _picture(feature, sequence_id)

    def picture(self, sequence_id: str, picture_id: str) -> MyPicture:
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}"
        return _picture(self._json("GET", url, what=self._what_picture(picture_id)), sequence_id)

    # -------------------------------------------------------------- checks
    def check_sequence_edit(
        self, *, title=None, visibility=None, relative_heading=None, sortby=None
    ) -> EditCheck:
        check = EditCheck()
        if title is not None:
            check_title(title, check)
        if visibility is not None:
            check_visibility(visibility, self.visibility_values(), check)
        if relative_heading is not None:
            check_relative_heading(relative_heading, check)
        if sortby is not None:
            check_sort_order(sortby, check)
        return check

    def check_picture_edit(
        self,
        *,
        visibility=None,
        heading=None,
        capture_time=None,
        position=None,
        previous_position=None,
        max_move_km: float = MAX_PLAIN_MOVE_KM,
    ) -> EditCheck:
        check = EditCheck()
        if visibility is not None:
            check_visibility(visibility, self.visibility_values(), check)
        if heading is not None:
            check_heading(heading, check)
        if capture_time is not None:
            check_capture_time(capture_time, check)
        if position is not None:
            check_position(position[0], position[1], check, previous_position, max_move_km)
        return check

    # -------------------------------------------------------------- edits
    def patch_sequence(
        self,
        sequence_id: str,
        *,
        title=None,
        visibility=None,
        relative_heading=None,
        sortby=None,
        confirmed: bool = False,
    ) -> MySequence:
        """Change a sequence; the sequence as the server has it afterwards."""
        self.check_sequence_edit(
            title=title, visibility=visibility, relative_heading=relative_heading, sortby=sortby
        ).raise_if_blocked(confirmed)
        body = {}
        if title is not None:
            body["title"] = title.strip()
        if visibility is not None:
            body["visibility"] = visibility
        if relative_heading is not None:
            heading = round(float(relative_heading))
            body["relative_heading"] = heading - 360 if heading > 180 else heading
        if sortby is not None:
            body["sortby"] = sortby
        url = f"{self.api_url}/collections/{sequence_id}"
        what = self._what_sequence(sequence_id)
        answer = self._json("PATCH", url, what=what, json=body)
        return (
            _sequence(answer)
            if isinstance(answer, dict) and answer.get("id")
            else self.sequence(sequence_id)
        )

    def patch_picture(
        self,
        sequence_id: str,
        picture_id: str,
        *,
        visibility=None,
        heading=None,
        capture_time: datetime | None = None,
        position=None,
        previous_position=None,
        max_move_km: float = MAX_PLAIN_MOVE_KM,
        confirmed: bool = False,
    ) -> MyPicture:
        """Change a picture (``position`` is (lon, lat) WGS84); the picture afterwards."""
        self.check_picture_edit(
            visibility=visibility,
            heading=heading,
            capture_time=capture_time,
            position=position,
            previous_position=previous_position,
            max_move_km=max_move_km,
        ).raise_if_blocked(confirmed)
        body = {}
        if visibility is not None:
            body["visibility"] = visibility
        if heading is not None:
            body["heading"] = round(float(heading)) % 360
        if capture_time is not None:
            body["capture_time"] = capture_time.isoformat()
        if position is not None:
            body["longitude"], body["latitude"] = float(position[0]), float(position[1])
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}"
        answer = self._json("PATCH", url, what=self._what_picture(picture_id), json=body)
        if isinstance(answer, dict) and answer.get("id"):
            return _picture(answer, sequence_id)
        return self.picture(sequence_id, picture_id)

    def delete_picture(self, sequence_id: str, picture_id: str) -> None:
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}"
        self._send("DELETE", url, what=self._what_picture(picture_id))

    def delete_sequence(self, sequence_id: str) -> None:
        """Ask for the deletion (the server finishes it later: see ``wait_deleted``)."""
        url = f"{self.api_url}/collections/{sequence_id}"
        self._send("DELETE", url, what=self._what_sequence(sequence_id))

    def is_gone(self, sequence_id: str) -> bool:
        try:
            self._send("GET", f"{self.api_url}/collections/{sequence_id}", what="")
        except NotFoundError:
            return True
        return False

    def wait_deleted(
        self, sequence_id: str, timeout: float = 60.0, interval: float = 0.5, cancelled=None
    ) -> bool:
        """Follow a sequence's deletion until it answers 404; False when ``timeout``
        (seconds) passed first or ``cancelled()`` turned true."""
        deadline = time.monotonic() + timeout
        while True:
            if self.is_gone(sequence_id):
                return True
            if time.monotonic() >= deadline or (cancelled and cancelled()):
                return False
            time.sleep(min(interval, max(0.0, deadline - time.monotonic())))

    # -------------------------------------------------------------- upload sets
    def upload_sets(self, filter_text: str | None = None, limit: int = 100) -> list:
        """My upload sets as JSON objects (``id``, ``title``, ``completed``, ``dispatched``,
        ``nb_items``, ``items_status``, ``associated_collections``…). The instance lists
        only the open ones (``dispatched = FALSE``) unless ``filter_text`` says otherwise."""
        params = {"limit": str(limit)}
        if filter_text:
            params["filter"] = filter_text
        url = f"{self.api_url}/users/me/upload_sets"
        body = self._json("GET", url, what="", params=params)
        sets = body.get("upload_sets") if isinstance(body, dict) else None
        if not isinstance(sets, list):
            raise unexpected_answer(url)
        return [item for item in sets if isinstance(item, dict)]

    def upload_set(self, upload_set_id: str) -> dict:
        url = f"{self.api_url}/upload_sets/{upload_set_id}"
        return self._json("GET", url, what=self._what_upload_set(upload_set_id))

    def upload_set_files(self, upload_set_id: str) -> list:
        url = f"{self.api_url}/upload_sets/{upload_set_id}/files"
        body = self._json("GET", url, what=self._what_upload_set(upload_set_id))
        files = body.get("files") if isinstance(body, dict) else None
        return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []

    def complete_upload_set(self, upload_set_id: str) -> None:
        url = f"{self.api_url}/upload_sets/{upload_set_id}/complete"
        self._send("POST", url, what=self._what_upload_set(upload_set_id))

    def delete_upload_set(self, upload_set_id: str) -> None:
        url = f"{self.api_url}/upload_sets/{upload_set_id}"
        self._send("DELETE", url, what=self._what_upload_set(upload_set_id))

    # -------------------------------------------------------------- HTTP
    def _get_page(self, url, params):
        body = self._json("GET", url, what="", params=params)
        if not isinstance(body, dict):
            raise unexpected_answer(url)
        return body

    def _json(self, method: str, url: str, *, what: str, **kwargs):
        return signed_json(self.client, method, url, what=what, **kwargs)

    def _send(self, method: str, url: str, *, what: str, **kwargs):
        return signed_send(self.client, method, url, what=what, **kwargs)

    @staticmethod
    def _what_sequence(sequence_id: str) -> str:
        return translate("PanoramaxCore", "the sequence {id}").format(id=sequence_id)

    @staticmethod
    def _what_picture(picture_id: str) -> str:
        return translate("PanoramaxCore", "the picture {id}").format(id=picture_id)

    @staticmethod
    def _what_upload_set(upload_set_id: str) -> str:
        return translate("PanoramaxCore", "the upload set {id}").format(id=upload_set_id)


_server_said = server_said  # the name older callers know
