"""Pictures of the user's features, against the real local instance (``seeded_place``:
8 flat pictures 6 m apart heading 45°, 4 panoramas 8 m apart heading 90°, ~44 m north),
and the place search's failures on canned/hostile servers."""

from __future__ import annotations

import json
import math

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import (
    HttpError,
    InvalidResponseError,
    NetworkError,
    NotPanoramaxError,
    ServerError,
)
from panoramax_plugin.core.feature_pictures import (
    Target,
    find_pictures,
    nearest_picture,
    pictures_of_features,
)
from panoramax_plugin.core.geometry import distance_m
from panoramax_plugin.core.http import HttpClient
from tests.http_server import Canned, CannedServer, landing

M_PER_DEG = math.pi / 180 * 6_371_008.8


def towards(lon: float, lat: float, azimuth: float, metres: float) -> tuple:
    a = math.radians(azimuth)
    east, north = metres * math.sin(a), metres * math.cos(a)
    return lon + east / (M_PER_DEG * math.cos(math.radians(lat))), lat + north / M_PER_DEG


@pytest.fixture(scope="module")
def placed(local_instance, seeded_place):
    """The seeded pictures as the instance stores them (positions, headings)."""
    client = PanoramaxClient(local_instance.api)
    ids = seeded_place.flat_ids + seeded_place.pano_ids
    by_id = {p.id: p for p in client.search(ids=ids, limit=len(ids)).pictures}
    assert set(by_id) == set(ids)
    flat = [by_id[i] for i in seeded_place.flat_ids]
    panos = [by_id[i] for i in seeded_place.pano_ids]
    return client, flat, panos


def test_the_instance_filters_place_searches_in_metres_but_sorts_them_in_degrees(placed):
    """GeoVisio 2.15.1: ``place_distance`` is on the ground, the order is the planar
    distance in longitude/latitude degrees (so not the ground order off the equator)."""
    client, flat, panos = placed
    last = flat[-1]
    lon, lat = towards(last.lon, last.lat, last.heading, 4.0)
    result = client.search_place(lon, lat, distance=(0, 40.5), fov_tolerance=180, limit=50)
    ground = [distance_m(p.lon, p.lat, lon, lat) for p in result.pictures]
    degrees = [math.hypot(p.lon - lon, p.lat - lat) for p in result.pictures]
    assert result.pictures[0].id == last.id
    assert degrees == sorted(degrees)
    assert max(ground) <= 41.0  # whole metres: 40.5 went out as 0-41
    assert {p.id for p in panos} & {p.id for p in result.pictures}  # 360: any heading
    assert client.search_place(lon, lat, distance=(0, 40), limit=2).capped  # limit applies


def test_a_point_in_front_of_a_flat_picture_finds_it_straight_ahead(placed):
    client, flat, _panos = placed
    last = flat[-1]
    point = towards(last.lon, last.lat, last.heading, 5.0)
    found = find_pictures(client, Target("point", [[point]]), max_distance_m=30)
    by_id = {c.picture.id: c for c in found}
    assert last.id in by_id
    candidate = by_id[last.id]
    assert candidate.yaw == pytest.approx(0.0, abs=2.0)
    assert candidate.distance_m == pytest.approx(5.0, abs=0.5)
    assert candidate.visible and not candidate.picture.is_360
    # the pictures further back on the line look at it too, farther away
    assert {c.picture.id for c in found if not c.picture.is_360} >= {p.id for p in flat[-4:]}


def test_a_point_behind_the_flat_pictures_is_not_returned(placed):
    client, flat, _panos = placed
    first = flat[0]
    point = towards(first.lon, first.lat, first.heading + 180.0, 5.0)
    found = find_pictures(client, Target("point", [[point]]), max_distance_m=20)
    assert not {c.picture.id for c in found} & {p.id for p in flat}


def test_360_pictures_are_found_whatever_their_heading_with_the_yaw_to_turn(placed):
    client, _flat, panos = placed
    pano = panos[1]
    point = towards(pano.lon, pano.lat, 180.0, 5.0)  # south; the panoramas head east
    found = find_pictures(client, Target("point", [[point]]), max_distance_m=6)
    by_id = {c.picture.id: c for c in found}
    assert pano.id in by_id
    assert by_id[pano.id].yaw == pytest.approx(wrap(180.0 - pano.heading), abs=2.0)
    assert find_pictures(client, Target("point", [[point]]), include_360=False) == []


def wrap(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def test_a_line_across_the_view_is_found_at_its_nearest_point(placed):
    client, flat, _panos = placed
    last = flat[-1]
    foot = towards(last.lon, last.lat, last.heading, 10.0)
    ends = [towards(*foot, last.heading + 90.0, 15.0), towards(*foot, last.heading - 90.0, 15.0)]
    line = Target("line", [ends], feature_id="fence")
    found = find_pictures(client, line, max_distance_m=25)
    by_id = {c.picture.id: c for c in found}
    assert last.id in by_id
    candidate = by_id[last.id]
    assert distance_m(candidate.target_lon, candidate.target_lat, *foot) < 0.3
    assert candidate.yaw == pytest.approx(0.0, abs=2.0)
    results = pictures_of_features(lambda: PanoramaxClient(client.api_url), [line])
    assert last.id in {c.picture.id for c in results["fence"]}


def test_nearest_picture_is_the_truly_nearest(placed):
    client, flat, panos = placed
    everything = flat + panos
    for picture in (flat[3], flat[0], panos[2]):
        click = towards(picture.lon, picture.lat, 300.0, 2.0)
        nearest = min(everything, key=lambda p: distance_m(p.lon, p.lat, *click))
        assert nearest.id == picture.id
        assert nearest_picture(client, *click, 20.0).id == picture.id
    far = towards(flat[0].lon, flat[0].lat, 225.0, 60.0)
    assert nearest_picture(client, *far, 20.0).id == flat[0].id  # found once widened (x4)


def _routes(search: Canned) -> dict:
    return {"/api": Canned(body=json.dumps(landing())), "/api/search": search}


TARGET = Target("point", [[(4.8, 45.7)]], feature_id="shelter")


def test_a_failing_place_search_is_a_clear_typed_error():
    with CannedServer(_routes(Canned(500, {"message": "db down", "status_code": 500}))) as server:
        with pytest.raises(ServerError) as info:
            find_pictures(PanoramaxClient(server.base_url), TARGET)
    assert "db down" in str(info.value)
    with CannedServer(_routes(Canned(body="{}", delay=1.0))) as server:
        client = PanoramaxClient(server.base_url, http=HttpClient(timeout=0.2))
        with pytest.raises(NetworkError) as info:
            find_pictures(client, TARGET)
    assert "did not answer in time" in str(info.value)
    html = Canned(200, "<html><body>Welcome</body></html>", content_type="text/html")
    with CannedServer(_routes(html)) as server:
        with pytest.raises(InvalidResponseError) as info:
            find_pictures(PanoramaxClient(server.base_url), TARGET)
    assert "not a list of pictures (text/html)" in str(info.value)
    with CannedServer({"/api": html}) as server:
        results = pictures_of_features(lambda: PanoramaxClient(server.base_url), [TARGET])
    assert isinstance(results["shelter"], NotPanoramaxError)


def test_the_instance_refuses_what_search_place_never_sends(local_instance):
    """Why ``search_place`` rounds the range to whole metres and checks the tolerance."""
    client = PanoramaxClient(local_instance.api)
    search = client.discover().search_url
    for params in (
        {"place_position": "4.8,45.7", "place_distance": "0.5-30"},
        {"place_position": "4.8,45.7", "place_distance": "0-30", "place_fov_tolerance": "1"},
    ):
        with pytest.raises(HttpError) as info:
            client.http.request("GET", search, params=params)
        assert info.value.status == 400
