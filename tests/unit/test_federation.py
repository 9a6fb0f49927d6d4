"""The federation's instance list: tolerant parsing, merging with the built-in instances."""

from __future__ import annotations

import json

from panoramax_plugin.core.federation import (
    MAX_ANSWER_BYTES,
    MAX_INSTANCES,
    instances_from_json,
    instances_to_json,
    merge_instances,
    needs_refresh,
    parse_instances,
    parse_instances_bytes,
)
from panoramax_plugin.core.instances import KNOWN_INSTANCES

ANSWER = {
    "instances": [
        {"id": "a", "name": "bikespace", "url": "https://panoramax.bikespace.example/"},
        {"id": "b", "name": "osm-fr", "url": "https://panoramax.openstreetmap.fr"},
        {"name": "with api", "api_url": "https://pano.example.org/api"},
        {"id": "x", "url": "https://nameless.example"},
        {"name": "urlless"},
    ]
}


def test_object_with_instances_list():
    found = parse_instances(ANSWER)
    assert [i.api_url for i in found] == [
        "https://panoramax.bikespace.example/api",
        "https://panoramax.openstreetmap.fr/api",
        "https://pano.example.org/api",
    ]
    assert found[0].key == found[0].api_url
    assert found[0].label == "bikespace (panoramax.bikespace.example)"
    assert found[0].viewer_url == "https://panoramax.bikespace.example/"
    assert not found[0].read_only


def test_plain_list_and_other_field_names():
    found = parse_instances(
        [
            {"title": "T", "href": "https://t.example"},
            {"label": "L", "api": "https://l.example/api"},
        ]
    )
    assert [i.api_url for i in found] == ["https://t.example/api", "https://l.example/api"]


def test_hostile_answers_give_nothing():
    for body in (b"", b"<html>", b"null", b"42", b'"text"', b"{}", b'{"instances": 3}', b"\xff"):
        assert parse_instances_bytes(body) == []
    assert parse_instances_bytes(b"[" * 100_000) == []  # deep nesting: RecursionError
    assert parse_instances_bytes(b" " * (MAX_ANSWER_BYTES + 1)) == []
    assert parse_instances_bytes(None) == []


def test_wrong_types_and_bad_urls_are_skipped():
    found = parse_instances(
        [
            "https://string.example",
            None,
            [1, 2],
            {"name": 3, "url": "https://a.example"},
            {"name": "n", "url": 12},
            {"name": "ftp", "url": "ftp://files.example"},
            {"name": "js", "url": "javascript:alert(1)"},
            {"name": "plain http", "url": "http://insecure.example"},
            {"name": "bare", "url": "bare.example"},
            {"name": "spaces", "url": "https://a b.example"},
            {"name": "port", "url": "https://a.example:99999"},
            {"name": "creds", "url": "https://user:pw@a.example"},
            {"name": "long", "url": "https://" + "a" * 400 + ".example"},
            {"name": "ok", "url": "https://ok.example"},
        ]
    )
    assert [i.api_url for i in found] == ["https://ok.example/api"]


def test_loopback_only_when_allowed():
    entries = [{"name": "local", "url": "http://127.0.0.1:5000"}]
    assert parse_instances(entries) == []
    assert [i.api_url for i in parse_instances(entries, allow_loopback=True)] == [
        "http://127.0.0.1:5000/api"
    ]


def test_duplicates_and_size_limits():
    entries = [
        {"name": "A", "url": "https://dup.example"},
        {"name": "B", "url": "https://DUP.example/"},
    ]
    assert len(parse_instances(entries)) == 1
    many = [{"name": f"n{i}", "url": f"https://n{i}.example"} for i in range(MAX_INSTANCES * 3)]
    assert len(parse_instances(many)) == MAX_INSTANCES
    found = parse_instances([{"name": "x" * 500 + "\n\tname", "url": "https://long.example"}])
    assert len(found[0].label) < 120 and "\n" not in found[0].label


def test_builtin_first_and_never_duplicated():
    extra = parse_instances(ANSWER)
    merged = merge_instances(extra)
    assert merged[: len(KNOWN_INSTANCES)] == list(KNOWN_INSTANCES)
    urls = [i.api_url for i in merged]
    assert urls.count("https://panoramax.openstreetmap.fr/api") == 1  # built-in osm-fr kept
    assert "https://pano.example.org/api" in urls
    assert merge_instances([]) == list(KNOWN_INSTANCES)
    assert merge_instances(None) == list(KNOWN_INSTANCES)


def test_cache_round_trip():
    extra = parse_instances(ANSWER)
    text = instances_to_json(extra)
    assert instances_from_json(text) == extra
    assert json.loads(text)[0]["api_url"] == extra[0].api_url
    for junk in (None, "", "not json", 5):
        assert instances_from_json(junk) == []


def test_refresh_once_a_day():
    now = 1_000_000.0
    assert needs_refresh(None, now)
    assert needs_refresh("junk", now)
    assert needs_refresh(float("nan"), now)
    assert needs_refresh(now + 3600, now)  # from the future: the clock moved
    assert not needs_refresh(now - 3600, now)
    assert not needs_refresh(str(now - 3600), now)
    assert needs_refresh(now - 25 * 3600, now)
