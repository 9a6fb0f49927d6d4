"""Writing what pictures show (issue #14): tags, annotations and reports.

Routes as the local GeoVisio 2.15.1 answers (checked by
tests/integration/test_semantics_write.py):

- ``PATCH /api/collections/{cid}/items/{pid}`` and ``PATCH /api/collections/{cid}`` with
  ``{"semantics": [{"key", "value", "action"}]}`` → 200 with the item (tags in
  ``properties.semantics``) or the sequence (``semantics``). Anyone signed in may change
  the tags of anybody's picture or sequence; signed out → 401; adding a tag that is
  already there → 400 ("duplicates").
- ``POST …/items/{pid}/annotations`` ``{"shape": [minx, miny, maxx, maxy], "semantics"}``
  → 200 with the annotation; ``PATCH /api/annotations/{aid}`` ``{"semantics": [...]}``
  → 200, or 204 when no tag is left (the annotation is then deleted);
  ``DELETE /api/annotations/{aid}`` → 204.
- ``POST /api/reports`` (anonymous allowed; signed: kept with the account) → 200;
  ``GET /api/users/me/reports?limit=N&filter=…`` (``limit`` required, 1–100; the default
  filter hides closed reports) → ``{"reports": [...]}``.

Inputs are checked before anything is sent (``InvalidEditError``). Pure Python: call it
from a background task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import AuthenticationError
from .i18n import translate
from .mine import InvalidEditError
from .semantics import (
    REPORT_ISSUES,
    Annotation,
    box_problems,
    box_shape,
    parse_annotation,
    parse_annotations,
    parse_tags,
    tag_problems,
)
from .signed import server_said, signed_json, unexpected_answer

ALL_MY_REPORTS = "reporter = 'me' OR owner = 'me'"
"""Every report I made or that concerns my pictures, whatever its status."""

MAX_REPORTS = 100  # the server's page limit
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class SignInNeeded(AuthenticationError):
    """The instance does not take this anonymously: sign in, then try again."""


@dataclass(frozen=True)
class Report:
    """One report as ``/api/users/me/reports`` lists it."""

    id: str
    issue: str
    status: str
    picture_id: str | None = None
    sequence_id: str | None = None
    opened: str | None = None
    closed: str | None = None
    comments: str | None = None
    resolver_comments: str | None = None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_report(raw) -> Report | None:
    """A report, or None without an id, issue or status."""
    if not isinstance(raw, dict):
        return None
    report_id, issue, status = (_text(raw.get(k)) for k in ("id", "issue", "status"))
    if not (report_id and issue and status):
        return None
    return Report(
        id=report_id,
        issue=issue,
        status=status,
        picture_id=_text(raw.get("picture_id")),
        sequence_id=_text(raw.get("sequence_id")),
        opened=_text(raw.get("ts_opened")),
        closed=_text(raw.get("ts_closed")),
        comments=_text(raw.get("reporter_comments")),
        resolver_comments=_text(raw.get("resolver_comments")),
    )


def home_api_url(home_url: str | None, api_url: str) -> str:
    """The API root of a picture's own instance: from its home item link (``…/api/…``)
    when it was read from a federated catalog, else ``api_url``."""
    if isinstance(home_url, str) and "/api/" in home_url:
        return home_url[: home_url.index("/api/") + len("/api")]
    return api_url


def change_problems(changes) -> list:
    """Why a ``semantics`` change list cannot be sent (empty when it can)."""
    if not changes:
        return [translate("PanoramaxCore", "No tag to change.")]
    problems = []
    for change in changes:
        if not isinstance(change, dict) or change.get("action") not in ("add", "delete"):
            problems.append(translate("PanoramaxCore", "A tag change must add or delete."))
            continue
        for problem in tag_problems(change.get("key"), change.get("value")):
            if problem not in problems:
                problems.append(problem)
    return problems


def report_problems(issue, picture_id=None, sequence_id=None, email=None) -> list:
    """Why a report cannot be sent (empty when it can)."""
    problems = []
    if issue not in REPORT_ISSUES:
        problems.append(
            translate("PanoramaxCore", "Unknown kind of issue: {issue}.").format(issue=issue)
        )
    if not picture_id and not sequence_id:
        problems.append(translate("PanoramaxCore", "A report is about a picture or a sequence."))
    if email and not _EMAIL.match(email.strip()):
        problems.append(
            translate("PanoramaxCore", "This e-mail address does not look right: {email}").format(
                email=email
            )
        )
    return problems


class SemanticsApi:
    """Tags, annotations and reports on one instance, through ``client``'s HTTP entry
    point and token (``client.auth_headers(url)``: the token of that instance only).
    Blocking: call it from a task."""

    def __init__(self, client):
        self.client = client
        self.api_url = client.api_url

    # -------------------------------------------------------------- tags
    def edit_picture_tags(self, sequence_id: str, picture_id: str, changes) -> tuple:
        """Apply ``changes`` (``semantics.tag_changes``) to a picture; its tags afterwards."""
        self._check(change_problems(changes))
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}"
        what = translate("PanoramaxCore", "the tags of picture {id}").format(id=picture_id)
        answer = self._json("PATCH", url, what=what, json={"semantics": list(changes)})
        if not isinstance(answer, dict) or not isinstance(answer.get("properties"), dict):
            answer = self._json("GET", url, what=what)
        return parse_tags((answer.get("properties") or {}).get("semantics"))

    def edit_sequence_tags(self, sequence_id: str, changes) -> tuple:
        """Apply ``changes`` to a sequence's own tags; its tags afterwards."""
        self._check(change_problems(changes))
        url = f"{self.api_url}/collections/{sequence_id}"
        what = translate("PanoramaxCore", "the tags of sequence {id}").format(id=sequence_id)
        answer = self._json("PATCH", url, what=what, json={"semantics": list(changes)})
        if not isinstance(answer, dict) or "id" not in answer:
            answer = self._json("GET", url, what=what)
        return self.sequence_tags_of(answer)

    def picture_tags(self, sequence_id: str, picture_id: str) -> tuple:
        """(tags, annotations) of a picture as the instance has them now."""
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}"
        answer = self._json(
            "GET", url, what=translate("PanoramaxCore", "the picture {id}").format(id=picture_id)
        )
        if not isinstance(answer, dict):
            raise unexpected_answer(url)
        properties = answer.get("properties") if isinstance(answer.get("properties"), dict) else {}
        return (
            parse_tags(properties.get("semantics")),
            parse_annotations(properties.get("annotations"), picture_id),
        )

    def sequence_tags(self, sequence_id: str) -> tuple:
        url = f"{self.api_url}/collections/{sequence_id}"
        what = translate("PanoramaxCore", "the sequence {id}").format(id=sequence_id)
        return self.sequence_tags_of(self._json("GET", url, what=what))

    @staticmethod
    def sequence_tags_of(collection) -> tuple:
        return parse_tags(collection.get("semantics")) if isinstance(collection, dict) else ()

    # -------------------------------------------------------------- annotations
    def create_annotation(
        self, sequence_id: str, picture_id: str, box, tags, picture_size=None
    ) -> Annotation:
        """A new annotation on ``box`` (source-picture pixels from the top-left corner);
        ``picture_size`` (width, height), when known, bounds the box."""
        problems = []
        for tag in tags:
            problems += [p for p in tag_problems(tag.key, tag.value) if p not in problems]
        if not tags:
            problems.append(translate("PanoramaxCore", "An annotation needs at least one tag."))
        if picture_size:
            problems += box_problems(box, int(picture_size[0]), int(picture_size[1]))
        self._check(problems)
        url = f"{self.api_url}/collections/{sequence_id}/items/{picture_id}/annotations"
        body = {
            "shape": box_shape(box),
            "semantics": [{"key": tag.key, "value": tag.value} for tag in tags],
        }
        what = translate("PanoramaxCore", "the annotations of picture {id}").format(id=picture_id)
        annotation = parse_annotation(self._json("POST", url, what=what, json=body), picture_id)
        if annotation is None:
            raise unexpected_answer(url)
        return annotation

    def edit_annotation_tags(self, annotation_id: str, changes) -> Annotation | None:
        """Apply ``changes`` to an annotation's tags; the annotation afterwards, or None
        when no tag is left (the instance then deletes it)."""
        self._check(change_problems(changes))
        url = f"{self.api_url}/annotations/{annotation_id}"
        answer = self._json(
            "PATCH", url, what=self._what_annotation(annotation_id), json={"semantics": changes}
        )
        if answer is None:
            return None
        annotation = parse_annotation(answer)
        if annotation is None:
            raise unexpected_answer(url)
        return annotation

    def annotation(self, annotation_id: str) -> Annotation:
        url = f"{self.api_url}/annotations/{annotation_id}"
        annotation = parse_annotation(
            self._json("GET", url, what=self._what_annotation(annotation_id))
        )
        if annotation is None:
            raise unexpected_answer(url)
        return annotation

    def delete_annotation(self, annotation_id: str) -> None:
        url = f"{self.api_url}/annotations/{annotation_id}"
        self._json("DELETE", url, what=self._what_annotation(annotation_id))

    # -------------------------------------------------------------- reports
    def report(
        self,
        issue: str,
        picture_id: str | None = None,
        sequence_id: str | None = None,
        comment: str | None = None,
        email: str | None = None,
        signed: bool = True,
    ) -> Report:
        """Report a picture (or a whole sequence) to the instance's moderators; anonymous
        unless ``signed``. Raises ``SignInNeeded`` when the instance wants an account."""
        self._check(report_problems(issue, picture_id, sequence_id, email))
        body = {"issue": issue}
        if picture_id:
            body["picture_id"] = picture_id
        if sequence_id:
            body["sequence_id"] = sequence_id
        if comment and comment.strip():
            body["reporter_comments"] = comment.strip()
        if email and email.strip():
            body["reporter_email"] = email.strip()
        url = f"{self.api_url}/reports"
        what = translate("PanoramaxCore", "the report")
        try:
            answer = self._json("POST", url, what=what, json=body, signed=signed)
        except AuthenticationError as exc:
            if signed:
                raise
            raise SignInNeeded(
                exc.status,
                translate(
                    "PanoramaxCore",
                    "This instance does not take anonymous reports: sign in, then report again.",
                )
                + server_said(exc),
                url=url,
                details=exc.details,
            ) from exc
        report = parse_report(answer)
        if report is None:
            raise unexpected_answer(url)
        return report

    def my_reports(self, filter_text: str = ALL_MY_REPORTS, limit: int = MAX_REPORTS) -> list:
        """The reports I made or that concern my pictures, newest first."""
        url = f"{self.api_url}/users/me/reports"
        params = {"limit": str(max(1, min(MAX_REPORTS, int(limit))))}
        if filter_text:
            params["filter"] = filter_text
        body = self._json("GET", url, what="", params=params)
        raw = body.get("reports") if isinstance(body, dict) else None
        if not isinstance(raw, list):
            raise unexpected_answer(url)
        return [report for report in map(parse_report, raw) if report is not None]

    # -------------------------------------------------------------- HTTP
    def _json(self, method: str, url: str, *, what: str, **kwargs):
        return signed_json(self.client, method, url, what=what, **kwargs)

    @staticmethod
    def _check(problems: list) -> None:
        if problems:
            raise InvalidEditError(problems)

    @staticmethod
    def _what_annotation(annotation_id: str) -> str:
        return translate("PanoramaxCore", "the annotation {id}").format(id=annotation_id)
