"""SemanticsApi without a server: what is sent, to whom, and how refusals read."""

from __future__ import annotations

import json

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import AuthenticationError, NotFoundError
from panoramax_plugin.core.http import same_origin
from panoramax_plugin.core.mine import InvalidEditError
from panoramax_plugin.core.semantics import Tag, tag_changes
from panoramax_plugin.core.semantics_api import (
    SemanticsApi,
    SignInNeeded,
    home_api_url,
    parse_report,
    report_problems,
)

API = "https://home.example/api"


class Answer:
    def __init__(self, status, body):
        self.status_code = status
        self.content = json.dumps(body).encode() if body is not None else b""
        self.headers = {"Content-Type": "application/json"}
        self._body = body

    def json(self):
        return self._body


class FakeHttp:
    """Records requests; answers from ``replies`` (an answer or an exception)."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.calls = []

    def request(self, method, url, headers=None, **kwargs):
        self.calls.append((method, url, dict(headers or {}), kwargs.get("json")))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def api(http, token="secret"):
    def headers(url):
        return {"Authorization": f"Bearer {token}"} if same_origin(url, API) else {}

    return SemanticsApi(PanoramaxClient(API, http=http, auth_headers=headers))


def test_tag_changes_are_sent_delete_first_and_read_back_from_the_answer():
    http = FakeHttp(
        Answer(200, {"id": "p", "properties": {"semantics": [{"key": "a", "value": "2"}]}})
    )
    changes = tag_changes(add=[Tag("a", "2")], remove=[Tag("a", "1")])
    assert api(http).edit_picture_tags("s", "p", changes) == (Tag("a", "2"),)
    method, url, headers, body = http.calls[0]
    assert (method, url) == ("PATCH", f"{API}/collections/s/items/p")
    assert [c["action"] for c in body["semantics"]] == ["delete", "add"]
    assert headers == {"Authorization": "Bearer secret"}


def test_anonymous_report_sends_no_token_and_a_refusal_asks_to_sign_in():
    refused = AuthenticationError(401, "The server said: Authentication is mandatory", url=API)
    http = FakeHttp(refused)
    with pytest.raises(SignInNeeded) as asked:
        api(http).report("privacy", picture_id="p", comment=" hi ", signed=False)
    assert "sign in" in str(asked.value) and "Authentication is mandatory" in str(asked.value)
    method, url, headers, body = http.calls[0]
    assert (method, url, headers) == ("POST", f"{API}/reports", {})
    assert body == {"issue": "privacy", "picture_id": "p", "reporter_comments": "hi"}


def test_a_missing_annotation_is_named():
    http = FakeHttp(NotFoundError(404, "gone", url=API))
    with pytest.raises(NotFoundError) as missing:
        api(http).delete_annotation("a1")
    assert "a1" in str(missing.value)


def test_report_checks_and_parsing():
    assert report_problems("other", picture_id="p") == []
    assert len(report_problems("spam", email="x@y")) == 3  # issue, target, e-mail
    assert report_problems("other", sequence_id="s", email="ann@example.org") == []
    report = parse_report({"id": "r", "issue": "other", "status": "waiting", "ts_opened": "t"})
    assert (report.id, report.status, report.opened, report.picture_id) == (
        "r",
        "waiting",
        "t",
        None,
    )
    assert parse_report({"id": "r"}) is None and parse_report("x") is None


def test_bad_changes_are_not_sent():
    http = FakeHttp()
    with pytest.raises(InvalidEditError):
        api(http).edit_sequence_tags("s", [{"key": "a", "value": "b", "action": "set"}])
    with pytest.raises(InvalidEditError):
        api(http).create_annotation("s", "p", (0, 0, 5, 5), [])
    assert http.calls == []


def test_home_api_url_of_a_federated_picture():
    item = "https://other.example/api/collections/s/items/p"
    assert home_api_url(item, API) == "https://other.example/api"
    assert home_api_url(None, API) == API
