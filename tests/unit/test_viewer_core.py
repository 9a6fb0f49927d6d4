"""Pure parts of the viewer: view cone, size-bounded cache, picture ids from links."""

import math

import pytest

from panoramax_plugin.core.geometry import view_cone
from panoramax_plugin.core.instances import picture_id_from_text
from panoramax_plugin.core.lru import SizedLRU

PID = "8df007b2-d8eb-43bf-8299-24a27a49eeab"


def test_view_cone_points_along_the_bearing():
    cone = view_cone(100.0, 200.0, bearing=90.0, fov=60.0, radius=10.0, steps=2)
    assert cone[0] == cone[-1] == (100.0, 200.0)
    middle = cone[2]  # the arc's middle point: due east
    assert middle == pytest.approx((110.0, 200.0))
    edges = [cone[1], cone[3]]
    angles = sorted(math.degrees(math.atan2(px - 100.0, py - 200.0)) % 360 for px, py in edges)
    assert angles == pytest.approx([60.0, 120.0])
    north = view_cone(0, 0, bearing=0, fov=30, radius=5, steps=2)[2]
    assert north == pytest.approx((0.0, 5.0))


def test_sized_lru_evicts_by_bytes():
    cache = SizedLRU(100)
    cache.put("a", 1, 40)
    cache.put("b", 2, 40)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("c", 3, 40)  # over 100: b goes
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert cache.size == 80
    cache.put("huge", 4, 1000)
    assert "huge" not in cache and cache.size == 80


@pytest.mark.parametrize(
    "text",
    [
        PID,
        f"  {PID.upper()} ",
        f"https://panoramax.ign.fr/#focus=pic&pic={PID}&map=17/48/2",
        f"https://api.panoramax.xyz/#pic={PID}",
        f"http://127.0.0.1:5000/api/collections/c/items/{PID}",
    ],
)
def test_picture_id_from_text(text):
    assert picture_id_from_text(text) == PID


def test_no_picture_id():
    assert picture_id_from_text("https://panoramax.ign.fr/") is None
    assert picture_id_from_text("not an id") is None
