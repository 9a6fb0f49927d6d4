"""Known instances and validation of typed instance URLs."""

import pytest

from panoramax_plugin.core.errors import InvalidInstanceUrl
from panoramax_plugin.core.instances import (
    KNOWN_INSTANCES,
    known_instance,
    normalize_api_url,
    viewer_picture_url,
)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("panoramax.ign.fr", "https://panoramax.ign.fr/api"),
        ("https://panoramax.ign.fr/", "https://panoramax.ign.fr/api"),
        ("https://panoramax.ign.fr/api", "https://panoramax.ign.fr/api"),
        ("https://panoramax.ign.fr/api/", "https://panoramax.ign.fr/api"),
        ("https://panoramax.ign.fr/api/search?bbox=1", "https://panoramax.ign.fr/api"),
        ("https://panoramax.ign.fr/#focus=pic&pic=abc", "https://panoramax.ign.fr/api"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000/api"),
        ("  https://example.org/panoramax/  ", "https://example.org/panoramax/api"),
    ],
)
def test_normalize(typed, expected):
    assert normalize_api_url(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "ftp://host/api", "https://", "http://host:99999"])
def test_invalid_urls_have_a_message(typed):
    with pytest.raises(InvalidInstanceUrl) as info:
        normalize_api_url(typed)
    assert str(info.value)


def test_known_instances():
    keys = {i.key for i in KNOWN_INSTANCES}
    assert keys == {"ign", "osm-fr", "federated"}
    assert known_instance("federated").read_only
    assert not known_instance("ign").read_only
    assert known_instance("nope") is None


def test_viewer_link():
    url = viewer_picture_url("https://panoramax.ign.fr/api", "abc")
    assert url == "https://panoramax.ign.fr/#focus=pic&pic=abc"
