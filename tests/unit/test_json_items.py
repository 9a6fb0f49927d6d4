"""Item-by-item decoding gives exactly what json.loads gives, or fails like it."""

import json

import pytest

from panoramax_plugin.core.json_items import iter_array_items

CASES = [
    {"features": [{"id": 1}, {"id": "a", "x": [1, {"features": []}]}], "links": []},
    {"features": []},
    {"features": [1, "two", None, 3.5]},
    {"context": {"features": "not this"}, "features": [{"id": 2}]},  # key not first
    {"type": "FeatureCollection", "features": [{"id": 3}]},
]


@pytest.mark.parametrize("body", CASES)
@pytest.mark.parametrize("indent", [None, 2])
def test_same_items_as_json_loads(body, indent):
    text = json.dumps(body, indent=indent)
    assert list(iter_array_items(text, "features")) == body["features"]


@pytest.mark.parametrize(
    "text",
    [
        "<html>",
        '{"features": [1, 2',
        '{"features": {"a": 1}}',
        '{"other": []}',
        '{"features": [1 2]}',
    ],
)
def test_broken_answers_raise_value_error(text):
    with pytest.raises(ValueError):
        list(iter_array_items(text, "features"))


def test_piecewise_utf8_decoding_matches():
    from panoramax_plugin.core.json_items import decode_utf8

    text = "é360°Ωx" * 1000
    data = text.encode("utf-8")
    assert decode_utf8(data, chunk=7) == text  # pieces cut inside multi-byte characters
    with pytest.raises(UnicodeDecodeError):
        decode_utf8(b"\xff\xfe" * 10, chunk=3)
