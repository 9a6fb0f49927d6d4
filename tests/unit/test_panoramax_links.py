"""Pasted ids and links of any instance -> (instance API, picture, sequence); the URLs the
expression functions build (no network)."""

from __future__ import annotations

import pytest

from panoramax_plugin.core.instances import (
    PanoramaxRef,
    is_bare_id,
    parse_panoramax_text,
    picture_asset_url,
    picture_id_from_text,
    viewer_picture_url,
)

PIC = "890b6268-7716-4e34-ada9-69985e6c1657"
SEQ = "b3bae33e-cba0-4a2c-9a1e-2b1e2f0c7d11"
IGN = "https://panoramax.ign.fr/api"
OSM = "https://panoramax.openstreetmap.fr/api"
LOCAL = "http://127.0.0.1:5000/api"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PIC, (None, PIC, None)),
        (f"  {PIC.upper()}\n", (None, PIC, None)),
        (f"https://panoramax.ign.fr/#focus=pic&pic={PIC}&map=19.51/48.12/-1.71", (IGN, PIC, None)),
        (f"https://panoramax.ign.fr/#map=19/48/2&pic={PIC}&seq={SEQ}&xyz=10/0/0", (IGN, PIC, SEQ)),
        (f"https://panoramax.openstreetmap.fr/?pic={PIC}&focus=pic", (OSM, PIC, None)),
        (f"https://panoramax.openstreetmap.fr/#focus=map&seq={SEQ}", (OSM, None, SEQ)),
        (f"https://api.panoramax.xyz/#pic={PIC}", ("https://api.panoramax.xyz/api", PIC, None)),
        (f"panoramax.ign.fr/#pic={PIC}", (IGN, PIC, None)),  # pasted without the scheme
        # a custom host, the viewer under a path, a port
        (
            f"https://street.example.org/panoramax/#focus=pic&pic={PIC}",
            ("https://street.example.org/panoramax/api", PIC, None),
        ),
        (f"http://127.0.0.1:5000/#focus=pic&pic={PIC}", (LOCAL, PIC, None)),
        # API URLs
        (f"http://127.0.0.1:5000/api/pictures/{PIC}", (LOCAL, PIC, None)),
        (f"http://127.0.0.1:5000/api/pictures/{PIC}/hd.jpg", (LOCAL, PIC, None)),
        (f"https://panoramax.ign.fr/api/collections/{SEQ}/items/{PIC}", (IGN, PIC, SEQ)),
        (f"https://panoramax.ign.fr/api/collections/{SEQ}/items/{PIC}/", (IGN, PIC, SEQ)),
        (f"https://panoramax.ign.fr/api/collections/{SEQ}", (IGN, None, SEQ)),
        (f"https://panoramax.ign.fr/api/collections/{SEQ}/items?limit=10", (IGN, None, SEQ)),
        (f"https://panoramax.ign.fr/api/search?limit=1&ids={PIC}", (IGN, PIC, None)),
        (
            f"https://geo.example.com:8443/pnx/api/pictures/{PIC}/sd.jpg",
            ("https://geo.example.com:8443/pnx/api", PIC, None),
        ),
    ],
)
def test_links_of_every_shape(text, expected):
    ref = parse_panoramax_text(text)
    assert ref == PanoramaxRef(*expected)
    assert picture_id_from_text(text) == expected[1]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "not an id",
        "https://panoramax.ign.fr/",
        "https://panoramax.ign.fr/#focus=pic&map=17/48/2",
        f"{PIC}x",  # one character too many
        PIC[:-1],
        f"https://panoramax.ign.fr/#pic={PIC}0",  # an id longer than a UUID
        f"ftp://panoramax.ign.fr/#pic={PIC}",
        f"https://panoramax.ign.fr:99999/#pic={PIC}",
        f"https://panoramax.ign.fr/#nopic={PIC}",
        "https://panoramax.ign.fr/api/collections",
    ],
)
def test_garbage_is_none(text):
    assert parse_panoramax_text(text) is None


def test_bare_id_may_be_a_sequence():
    assert is_bare_id(f" {PIC} ") and not is_bare_id(f"https://x.org/#pic={PIC}")
    assert not is_bare_id("") and not is_bare_id(None)


def test_a_collection_that_is_not_a_uuid_still_gives_the_picture():
    ref = parse_panoramax_text(f"http://127.0.0.1:5000/api/collections/c/items/{PIC}")
    assert ref == PanoramaxRef(LOCAL, PIC, None)


def test_viewer_url_turned_toward_a_heading():
    assert viewer_picture_url(IGN, PIC) == f"https://panoramax.ign.fr/#focus=pic&pic={PIC}"
    assert viewer_picture_url(IGN, PIC, heading=-90.0) == (
        f"https://panoramax.ign.fr/#focus=pic&pic={PIC}&xyz=270/0/0"
    )
    assert viewer_picture_url(LOCAL, PIC, heading=12.3456, pitch=-5, zoom=30).endswith(
        "&xyz=12.35/-5/30"
    )
    # the link it builds is read back by the parser
    assert parse_panoramax_text(viewer_picture_url(LOCAL, PIC, heading=45)) == (LOCAL, PIC, None)


def test_asset_urls():
    assert picture_asset_url(IGN, PIC, "thumb") == f"{IGN}/pictures/{PIC}/thumb.jpg"
    assert picture_asset_url(LOCAL + "/", PIC, "hd") == f"{LOCAL}/pictures/{PIC}/hd.jpg"
    with pytest.raises(ValueError):
        picture_asset_url(IGN, PIC, "huge")
