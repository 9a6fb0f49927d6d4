"""Writing tags, annotations and reports (issue #14) against the real local instance: each
change on a fresh upload, read back from the item, the sequence and the search; what the
server answers to another account and to nobody; bad input never sent."""

from __future__ import annotations

import pytest
import requests

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import AuthenticationError, EditRefusedError
from panoramax_plugin.core.http import HttpClient, same_origin
from panoramax_plugin.core.mine import InvalidEditError
from panoramax_plugin.core.semantics import (
    MAX_KEY_LENGTH,
    MAX_VALUE_LENGTH,
    REPORT_ISSUES,
    Tag,
    replace_changes,
    tag_changes,
    tag_filter,
)
from panoramax_plugin.core.semantics_api import SemanticsApi

from .seeding import delete_sequences
from .test_mine import fresh_sequence, other_account_token

pytestmark = pytest.mark.integration


@pytest.fixture()
def cleanup(local_instance):
    """Sequences made by the test, deleted afterwards (their tags and annotations too)."""
    sequences = []
    yield sequences
    delete_sequences(local_instance.api, local_instance.token, sequences)


class RecordingHttp(HttpClient):
    """The real HTTP client, remembering every request and its headers."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, dict(kwargs.get("headers") or {})))
        return super().request(method, url, **kwargs)


def api_for(api: str, token: str | None, http=None, home: str | None = None) -> SemanticsApi:
    """As the plugin builds it: the token only for its own instance's origin."""
    home = home or api

    def headers(url):
        return {"Authorization": f"Bearer {token}"} if token and same_origin(url, home) else {}

    return SemanticsApi(PanoramaxClient(api, http=http, auth_headers=headers))


def searched(api: str, key: str, value: str, picture_ids) -> list:
    answer = requests.get(
        f"{api}/search",
        params={"filter": tag_filter(key, [value]), "ids": ",".join(picture_ids), "limit": 50},
        timeout=30,
    )
    answer.raise_for_status()
    return sorted(f["id"] for f in answer.json()["features"])


def test_tags_on_a_picture_and_a_sequence_read_back_and_searched(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it tags")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = api_for(api, local_instance.token)
    sign = Tag("osm|traffic_sign", "FR:B14[50]")
    html = Tag("panoramax:comment", "<b>bold</b><script>alert(1)</script>")

    tags = me.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[sign, html]))
    assert set(tags) == {sign, html}
    assert set(me.picture_tags(sequence_id, ids[0])[0]) == {sign, html}
    assert searched(api, sign.key, sign.value, ids) == [ids[0]]

    # replacement: delete then add, in one PATCH
    new_sign = Tag("osm|traffic_sign", "FR:B14[30]")
    tags = me.edit_picture_tags(sequence_id, ids[0], replace_changes(sign, new_sign))
    assert set(tags) == {new_sign, html}
    assert searched(api, sign.key, sign.value, ids) == []
    assert searched(api, new_sign.key, new_sign.value, ids) == [ids[0]]

    # adding what is already there: the server's message is shown
    with pytest.raises(EditRefusedError) as duplicate:
        me.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[html]))
    assert "duplicates" in str(duplicate.value)

    # the whole sequence
    weather = Tag("panoramax:weather", "sunny")
    assert me.edit_sequence_tags(sequence_id, tag_changes(add=[weather])) == (weather,)
    assert me.sequence_tags(sequence_id) == (weather,)
    assert me.edit_sequence_tags(sequence_id, tag_changes(remove=[weather])) == ()

    # removed: nothing left, nothing found
    assert me.edit_picture_tags(sequence_id, ids[0], tag_changes(remove=[new_sign, html])) == ()
    assert me.picture_tags(sequence_id, ids[0])[0] == ()
    assert searched(api, new_sign.key, new_sign.value, ids) == []


def test_another_account_may_tag_and_nobody_is_asked_to_sign_in(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it tags other")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = api_for(api, local_instance.token)
    other = api_for(api, other_account_token())
    tag = Tag("osm|highway", "bus_stop")

    # GeoVisio 2.15.1: anyone signed in may change the tags of anybody's picture/sequence
    assert other.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[tag])) == (tag,)
    assert me.picture_tags(sequence_id, ids[0])[0] == (tag,)
    assert other.edit_picture_tags(sequence_id, ids[0], tag_changes(remove=[tag])) == ()
    assert other.edit_sequence_tags(sequence_id, tag_changes(add=[tag])) == (tag,)
    assert other.edit_sequence_tags(sequence_id, tag_changes(remove=[tag])) == ()

    anonymous = api_for(api, None)
    with pytest.raises(AuthenticationError) as refused:
        anonymous.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[tag]))
    assert "sign in again" in str(refused.value)
    assert "Authentication is mandatory" in str(refused.value)  # the server's words
    assert me.picture_tags(sequence_id, ids[0])[0] == ()


def test_bad_input_is_refused_before_sending(local_instance):
    http = RecordingHttp()
    me = api_for(local_instance.api, local_instance.token, http=http)
    sequence_id, picture_id = "00000000-0000-0000-0000-000000000001", "0" * 8
    too_long = [
        Tag("k" * (MAX_KEY_LENGTH + 1), "v"),
        Tag("osm|note", "v" * (MAX_VALUE_LENGTH + 1)),
        Tag("", "v"),
        Tag("osm|note", "  "),
    ]
    for tag in too_long:
        with pytest.raises(InvalidEditError):
            me.edit_picture_tags(sequence_id, picture_id, tag_changes(add=[tag]))
        with pytest.raises(InvalidEditError):
            me.edit_sequence_tags(sequence_id, tag_changes(remove=[tag]))
        with pytest.raises(InvalidEditError):
            me.create_annotation(sequence_id, picture_id, (0, 0, 10, 10), [tag])
    with pytest.raises(InvalidEditError):
        me.edit_picture_tags(sequence_id, picture_id, [])
    with pytest.raises(InvalidEditError):
        me.edit_annotation_tags("a", [{"key": "k", "value": "v", "action": "replace"}])
    with pytest.raises(InvalidEditError) as outside:
        me.create_annotation(
            sequence_id, picture_id, (10, 10, 900, 20), [Tag("k", "v")], picture_size=(800, 600)
        )
    assert "800 × 600" in str(outside.value)
    with pytest.raises(InvalidEditError):
        me.report("spam", picture_id=picture_id)
    with pytest.raises(InvalidEditError):
        me.report("other")
    with pytest.raises(InvalidEditError):
        me.report("other", picture_id=picture_id, email="not an address")
    assert http.calls == []


def test_annotation_created_edited_deleted(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it annot")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = api_for(api, local_instance.token)
    sign = Tag("osm|traffic_sign", "FR:AB4")

    made = me.create_annotation(
        sequence_id, ids[0], (40.4, 30, 10, 80), [sign], picture_size=(800, 600)
    )
    assert made.box == (10, 30, 40, 80) and made.tags == (sign,) and made.picture_id == ids[0]
    listed = me.picture_tags(sequence_id, ids[0])[1]
    assert [a.id for a in listed] == [made.id]

    extra = Tag("osm|direction", "forward")
    edited = me.edit_annotation_tags(made.id, tag_changes(add=[extra]))
    assert set(edited.tags) == {sign, extra}
    assert set(me.annotation(made.id).tags) == {sign, extra}
    edited = me.edit_annotation_tags(made.id, tag_changes(remove=[extra]))
    assert edited.tags == (sign,)

    me.delete_annotation(made.id)
    assert me.picture_tags(sequence_id, ids[0])[1] == ()

    # removing every tag deletes it too
    second = me.create_annotation(sequence_id, ids[1], (0, 0, 5, 5), [sign])
    assert me.edit_annotation_tags(second.id, tag_changes(remove=[sign])) is None
    assert me.picture_tags(sequence_id, ids[1])[1] == ()


def test_reports_of_each_kind_anonymous_and_signed(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it reports")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    http = RecordingHttp()
    me = api_for(api, local_instance.token, http=http)
    anonymous_ids, signed_ids = set(), set()
    for issue in REPORT_ISSUES:
        made = me.report(issue, picture_id=ids[0], comment=f"QGIS test {issue}", signed=False)
        assert (made.issue, made.picture_id) == (issue, ids[0])
        assert made.status in ("open", "open_autofix")  # blur issues: "open_autofix"
        anonymous_ids.add(made.id)
        made = me.report(issue, picture_id=ids[1], email="tester@example.org")
        assert (made.issue, made.picture_id) == (issue, ids[1])
        signed_ids.add(made.id)
    whole = me.report("other", sequence_id=sequence_id, comment="<i>whole</i> sequence")
    assert whole.sequence_id == sequence_id and whole.picture_id is None
    signed_ids.add(whole.id)
    posts = [headers for method, _url, headers in http.calls if method == "POST"]
    assert sum("Authorization" in h for h in posts) == len(signed_ids)

    mine = {report.id: report for report in me.my_reports()}
    assert signed_ids <= set(mine)  # mine (reporter = me) and about my pictures (owner = me)
    assert mine[whole.id].comments == "<i>whole</i> sequence"
    assert all(mine[i].status.startswith("open") and mine[i].opened for i in signed_ids)


def test_the_token_goes_only_to_the_home_instance(local_instance, tmp_path, cleanup):
    """Signed in on 127.0.0.1: the same server reached as ``localhost`` (another origin,
    as another instance would be) gets no token and refuses the change."""
    api = local_instance.api
    assert "127.0.0.1" in api, api
    elsewhere = api.replace("127.0.0.1", "localhost")
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it token")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    http = RecordingHttp()
    tag = Tag("osm|amenity", "bench")
    other_instance = api_for(elsewhere, local_instance.token, http=http, home=api)
    with pytest.raises(AuthenticationError):
        other_instance.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[tag]))
    home = api_for(api, local_instance.token, http=http)
    assert home.edit_picture_tags(sequence_id, ids[0], tag_changes(add=[tag])) == (tag,)
    assert home.edit_picture_tags(sequence_id, ids[0], tag_changes(remove=[tag])) == ()
    for _method, url, headers in http.calls:
        assert ("Authorization" in headers) == url.startswith(api), url
    assert any("Authorization" in headers for _m, _u, headers in http.calls)
