"""'My pictures' checks before sending, and how the server's refusals are told."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import (
    AuthenticationError,
    EditRefusedError,
    NotFoundError,
    NotOwnerError,
)
from panoramax_plugin.core.mine import (
    ConfirmationNeeded,
    EditCheck,
    InvalidEditError,
    MyPictures,
    check_capture_time,
    check_heading,
    check_position,
    check_relative_heading,
    check_sort_order,
    check_title,
    check_visibility,
    distance_km,
)
from tests.http_server import Canned, CannedServer

NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [0, 90.5, 360, "45"])
def test_headings_in_range_pass(value):
    assert check_heading(value).ok


@pytest.mark.parametrize("value", [-1, 360.5, 400, None, "north", float("nan"), True])
def test_headings_out_of_range_are_refused(value):
    check = check_heading(value)
    assert not check.ok and "0 to 360" in check.problems[0]


def test_relative_heading_range():
    assert check_relative_heading(-180).ok and check_relative_heading(270).ok
    assert not check_relative_heading(-181).ok and not check_relative_heading(361).ok


@pytest.mark.parametrize("title", ["", "   ", None, 12])
def test_empty_titles_are_refused(title):
    assert check_title(title).problems == ["The title cannot be empty."]


def test_title_visibility_and_order():
    assert check_title("Rue de la Paix").ok
    assert check_visibility("owner-only", ["anyone", "owner-only"]).ok
    refused = check_visibility("logged-only", ["anyone", "owner-only"])
    assert "anyone, owner-only" in refused.problems[0]
    assert check_sort_order("-filename").ok and not check_sort_order("name").ok


def test_capture_time_in_the_future_or_before_1990_asks_first():
    assert check_capture_time(NOW - timedelta(days=3), now=NOW) == EditCheck()
    future = check_capture_time(NOW + timedelta(hours=1), now=NOW)
    assert future.ok and "future" in future.confirmations[0]
    old = check_capture_time(datetime(1989, 12, 31, tzinfo=timezone.utc), now=NOW)
    assert old.ok and "1990" in old.confirmations[0]
    naive = check_capture_time(datetime(2020, 1, 1), now=NOW)
    assert not naive.ok and "time zone" in naive.problems[0]


def test_position_moved_far_asks_first_and_nonsense_is_refused():
    assert distance_km(2.0, 48.0, 2.0, 49.0) == pytest.approx(111.2, abs=0.2)
    near = check_position(2.0005, 48.0, previous=(2.0, 48.0))
    assert near == EditCheck()
    far = check_position(150.0, -30.0, previous=(2.0, 48.0))
    assert far.ok and " km " in far.confirmations[0]
    assert check_position(3.0, 48.0, previous=(2.0, 48.0), max_km=100).confirmations == []
    for lon, lat in ((200, 10), (10, 95), (0, 0), ("x", 1), (None, None)):
        assert not check_position(lon, lat).ok


def test_raise_if_blocked():
    EditCheck().raise_if_blocked()
    with pytest.raises(InvalidEditError):
        EditCheck(problems=["no"], confirmations=["sure?"]).raise_if_blocked(confirmed=True)
    with pytest.raises(ConfirmationNeeded) as asked:
        EditCheck(confirmations=["sure?"]).raise_if_blocked()
    assert asked.value.reasons == ["sure?"]
    EditCheck(confirmations=["sure?"]).raise_if_blocked(confirmed=True)


def _mine(server) -> MyPictures:
    client = PanoramaxClient(server.url("/api"), auth_headers=lambda url: {"Authorization": "x"})
    return MyPictures(client)


def test_server_refusals_become_typed_errors_with_the_server_message():
    config = Canned(body={"visibility": {"possible_values": ["anyone", "owner-only"]}})
    routes = {
        "/api/configuration": config,
        "/api/collections/theirs": Canned(
            403, {"message": "You're not authorized", "status_code": 403}
        ),
        "/api/collections/expired": Canned(401, {"message": "Token not valid"}),
        "/api/collections/odd": Canned(
            400, {"message": "Impossible to parse", "details": [{"fields": ["title"]}]}
        ),
    }
    with CannedServer(routes) as server:
        me = _mine(server)
        with pytest.raises(NotOwnerError) as theirs:
            me.patch_sequence("theirs", visibility="owner-only")
        assert "another account" in str(theirs.value) and "You're not authorized" in str(
            theirs.value
        )
        with pytest.raises(AuthenticationError) as expired:
            me.delete_sequence("expired")
        assert not isinstance(expired.value, NotOwnerError)
        assert "sign in again" in str(expired.value) and "Token not valid" in str(expired.value)
        with pytest.raises(EditRefusedError) as odd:
            me.patch_sequence("odd", title="x")
        assert "Impossible to parse" in str(odd.value)
        assert odd.value.details == [{"fields": ["title"]}]
        with pytest.raises(NotFoundError) as gone:
            me.delete_picture("s", "p")
        assert "the picture p" in str(gone.value)
        with pytest.raises(InvalidEditError):
            me.patch_sequence("theirs", visibility="logged-only")  # not offered here
    sent = [(m, p) for m, p, _h, _b in server.requests]
    assert ("PATCH", "/api/collections/theirs") in sent
    assert all(
        h.get("Authorization") == "x" for _m, p, h, _b in server.requests if "collections" in p
    )
    assert sent.count(("PATCH", "/api/collections/theirs")) == 1  # the refused one not sent


def test_my_sequences_follow_every_page():
    def page(query):
        number = int(query.get("page", "0"))
        links = [
            {
                "rel": "child",
                "id": f"s{number}",
                "title": f"t{number}",
                "geovisio:status": "ready",
                "geovisio:visibility": "owner-only",
                "stats:items": {"count": 3},
                "extent": {
                    "temporal": {"interval": [["2021-01-01T00:00:00Z", "2021-01-02T00:00:00Z"]]}
                },
            },
        ]
        if number < 2:
            links.append(
                {"rel": "next", "href": f"{{base}}/api/users/me/collection?page={number + 1}"}
            )
        return Canned(body=links and {"links": links})

    with CannedServer({"/api/users/me/collection": page}) as server:
        sequences = list(_mine(server).iter_sequences(page_size=1))
    assert [s.id for s in sequences] == ["s0", "s1", "s2"]
    assert sequences[0].picture_count == 3 and sequences[0].visibility == "owner-only"
    assert sequences[0].start == "2021-01-01T00:00:00Z" and sequences[0].end.startswith(
        "2021-01-02"
    )
