"""Pictures of the user's features: target points, field of view, ranking, many targets."""

from __future__ import annotations

import json
import math
import threading
from datetime import datetime, timezone

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import NotPanoramaxError, ServerError
from panoramax_plugin.core.feature_pictures import (
    DEFAULT_HFOV,
    PLACE_FOV_TOLERANCE,
    Target,
    TargetError,
    find_pictures,
    make_candidate,
    nearest_picture,
    pictures_of_features,
    polygon_centroid,
    rank_candidates,
    target_point_for,
)
from panoramax_plugin.core.geometry import distance_m
from panoramax_plugin.core.models import Picture
from tests.hostile_server import feature, feature_collection
from tests.http_server import Canned, CannedServer, landing

LON0, LAT0 = 4.8, 45.7
NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def at(east_m: float, north_m: float) -> tuple:
    """(lon, lat) ``east_m``/``north_m`` metres from the origin."""
    m = math.pi / 180 * 6_371_008.8
    return LON0 + east_m / (m * math.cos(math.radians(LAT0))), LAT0 + north_m / m


def towards(azimuth: float, metres: float) -> tuple:
    a = math.radians(azimuth)
    return at(metres * math.sin(a), metres * math.cos(a))


def square(cx, cy, half) -> list:
    return [at(cx - half, cy - half), at(cx + half, cy - half), at(cx + half, cy + half),
            at(cx - half, cy + half), at(cx - half, cy - half)]  # fmt: skip


def picture(pid="p", east=0.0, north=0.0, heading=0.0, fov=None, is_360=False, **kw) -> Picture:
    lon, lat = at(east, north)
    return Picture(pid, "s", lon, lat, heading=heading, field_of_view=fov, is_360=is_360, **kw)


def near(point, east, north, tolerance_m=0.05) -> bool:
    return distance_m(*point, *at(east, north)) <= tolerance_m


# ------------------------------------------------------------------------------ target points
def test_point_target_is_itself():
    target = Target("point", [[at(3, 4)]])
    assert target_point_for(target, *at(0, 0)) == at(3, 4)


def test_line_target_is_the_nearest_point_of_the_line():
    target = Target("line", [[at(-10, 10), at(10, 10)]])
    assert near(target_point_for(target, *at(0, 0)), 0, 10)
    assert near(target_point_for(target, *at(20, 0)), 10, 10)  # beyond the end: the end


def test_multipart_line_considers_every_part():
    target = Target("line", [[at(-50, 40), at(50, 40)], [at(-5, 12), at(5, 12)]])
    assert near(target_point_for(target, *at(0, 0)), 0, 12)


def test_small_polygon_is_aimed_at_its_centroid():
    target = Target("polygon", [square(0, 20, 5)])  # a 10 m bus shelter
    assert near(target_point_for(target, *at(0, 0)), 0, 20)
    assert near(target_point_for(target, *at(-30, 20)), 0, 20)
    assert near(polygon_centroid(target), 0, 20)


def test_large_polygon_is_aimed_at_its_nearest_boundary_point():
    target = Target("polygon", [[at(-50, 20), at(50, 20), at(50, 70), at(-50, 70)]])
    assert near(target_point_for(target, *at(0, 0)), 0, 20)
    assert near(target_point_for(target, *at(60, 40)), 50, 40)


def test_picture_inside_a_polygon_looks_at_its_own_place():
    target = Target("polygon", [square(0, 0, 5)])
    assert target_point_for(target, *at(1, 1)) == at(1, 1)
    candidate = make_candidate(picture(east=1, north=1, heading=200.0), target, NOW)
    assert candidate.distance_m == 0.0 and candidate.yaw == 0.0 and candidate.visible


def test_hole_is_outside_and_multipolygon_parts_all_count():
    outer, hole = square(0, 0, 50), square(0, 0, 20)
    target = Target("polygon", [outer, hole])
    assert near(target_point_for(target, *at(0, 5)), 0, 20)  # in the hole: nearest edge
    assert target_point_for(target, *at(0, 30)) == at(0, 30)  # in the ring
    multi = Target("polygon", [square(0, 100, 40), square(200, 0, 40)])
    assert target_point_for(multi, *at(200, 10)) == at(200, 10)
    assert near(target_point_for(multi, *at(0, 0)), 0, 60)


def test_small_polygon_centroid_is_the_area_centroid_of_the_outer_ring():
    # an L shape: vertex mean and area centroid differ
    l_shape = [at(0, 0), at(20, 0), at(20, 5), at(5, 5), at(5, 20), at(0, 20)]
    target = Target("polygon", [l_shape])
    x = (20 * 5 * 10 + 5 * 15 * 2.5) / (100 + 75)
    y = (20 * 5 * 2.5 + 5 * 15 * 12.5) / (100 + 75)
    assert near(polygon_centroid(target), x, y, 0.01)


@pytest.mark.parametrize(
    "kind, parts, words",
    [
        ("point", [], "empty"),
        ("line", [[]], "empty"),
        ("line", [[at(0, 0), at(0, 0)]], "degenerate"),
        ("polygon", [[at(0, 0), at(1, 0), at(2, 0), at(0, 0)]], "degenerate"),
        ("polygon", [[at(0, 0), at(1, 0)]], "degenerate"),
        ("point", [[at(0, 0), at(1, 1)]], "degenerate"),
        ("point", [[(float("nan"), 45.0)]], "longitudes"),
        ("point", [[(200.0, 45.0)]], "longitudes"),
        ("point", [[("a", "b")]], "not numbers"),
    ],
)
def test_bad_geometries_are_a_typed_error_naming_the_feature(kind, parts, words):
    with pytest.raises(TargetError) as info:
        Target(kind, parts, feature_id=7, label="Shelter 7")
    assert "Shelter 7" in str(info.value) and words in str(info.value)


# ------------------------------------------------------------------------------ candidates
def test_flat_picture_sees_the_target_only_inside_its_field_of_view():
    ahead = Target(
        "point", [[at(10 * math.sin(math.radians(25)), 10 * math.cos(math.radians(25)))]]
    )
    seen = make_candidate(picture(heading=0.0, fov=60.0), ahead, NOW)
    assert seen.visible and seen.yaw == pytest.approx(25.0, abs=0.1)
    assert seen.off_centre_deg == pytest.approx(25.0, abs=0.1)
    aside = Target(
        "point", [[at(10 * math.sin(math.radians(34)), 10 * math.cos(math.radians(34)))]]
    )
    assert not make_candidate(picture(heading=0.0, fov=60.0), aside, NOW).visible
    assert DEFAULT_HFOV / 2 > 34  # no field of view given: the default one
    assert make_candidate(picture(heading=0.0, fov=None), aside, NOW).visible
    assert not make_candidate(picture(heading=None, fov=60.0), ahead, NOW).visible


def test_360_picture_always_sees_the_target_and_gives_the_yaw_to_turn_to():
    behind_left = Target("point", [[at(-10, -10)]])  # azimuth 225
    candidate = make_candidate(picture(heading=90.0, is_360=True), behind_left, NOW)
    assert candidate.visible and candidate.off_centre_deg == 0.0
    assert candidate.azimuth == pytest.approx(225.0, abs=0.1)
    assert candidate.yaw == pytest.approx(135.0, abs=0.1)
    wrapped = make_candidate(picture(heading=300.0, is_360=True), behind_left, NOW)
    assert wrapped.yaw == pytest.approx(-75.0, abs=0.1)


def _cand(pid, east, north, heading=0.0, **kw):
    return make_candidate(picture(pid, east, north, heading=heading, **kw), TARGET, NOW)


TARGET = Target("point", [[at(0, 0)]])


def test_ranking_by_distance_date_and_quality():
    old = _cand("old", 0, -3, captured_at=datetime(2015, 1, 1, tzinfo=timezone.utc))
    new = _cand("new", 0, -12, captured_at=datetime(2024, 6, 1, tzinfo=timezone.utc))
    sharp = _cand("sharp", 0, -20, horizontal_accuracy=1.0, pixel_density=60.0)
    ids = lambda cs: [c.picture.id for c in cs]  # noqa: E731
    assert ids(rank_candidates([sharp, new, old], "distance")) == ["old", "new", "sharp"]
    assert ids(rank_candidates([sharp, old, new], "date")) == ["new", "old", "sharp"]
    assert ids(rank_candidates([old, new, sharp], "quality"))[0] == "sharp"
    with pytest.raises(ValueError):
        rank_candidates([old], "colour")


def test_best_ranking_prefers_a_sweet_spot_centred_recent_and_sharp():
    when = {"captured_at": datetime(2024, 1, 1, tzinfo=timezone.utc)}
    at_foot = _cand("foot", 0, -0.5, **when)
    sweet = _cand("sweet", 0, -6, **when)
    far = _cand("far", 0, -28, **when)
    assert [c.picture.id for c in rank_candidates([far, at_foot, sweet])] == [
        "sweet",
        "foot",
        "far",
    ]
    centred = _cand("centred", 0, -8, **when)
    skewed = _cand("skewed", 0, -8, heading=30.0, **when)
    assert centred.score > skewed.score
    older = _cand("older", 0, -8, captured_at=datetime(2014, 1, 1, tzinfo=timezone.utc))
    assert centred.score > older.score
    sharp = _cand("sharp", 0, -8, horizontal_accuracy=1.0, pixel_density=60.0, **when)
    assert sharp.score > centred.score
    assert all(0.0 <= c.score <= 1.0 for c in (at_foot, sweet, far, skewed, older, sharp))


# ------------------------------------------------------------------------------ with a server
def _feat(pid, east, north, heading, fov=69, date="2024-05-01T10:00:00Z"):
    lon, lat = at(east, north)
    props = {"view:azimuth": heading, "pers:interior_orientation": {"field_of_view": fov}}
    return feature(pid, lon, lat, **props) | {"properties": {**props, "datetime": date}}


def _routes(search):
    return {"/api": Canned(body=json.dumps(landing())), "/api/search": search}


def _searches(server):
    return [path for _m, path, _h, _b in server.requests if path.startswith("/api/search")]


def test_point_search_is_one_place_search_and_rechecks_what_the_server_sent():
    features = [
        _feat("front", 0, -8, 0),  # sees the point, 8 m
        _feat("behind", 0, 8, 0),  # faces away: dropped
        _feat("pano", 5, 0, 0, fov=360),  # 360: kept, yaw -90
        _feat("far", 0, -40, 0),  # beyond max: dropped
    ]
    seen = []

    def search(query):
        seen.append(query)
        return Canned(body=feature_collection(features))

    with CannedServer(_routes(search)) as server:
        client = PanoramaxClient(server.base_url)
        found = find_pictures(client, TARGET, max_distance_m=30.4, now=NOW)
        assert len(_searches(server)) == 1
        only_flat = find_pictures(client, TARGET, include_360=False)
    assert sorted(c.picture.id for c in found) == ["front", "pano"]
    query = seen[0]
    assert query["place_position"] == f"{LON0:.7f},{LAT0:.7f}"
    assert query["place_distance"] == "0-31"  # whole metres only: widened, re-checked here
    assert float(query["place_fov_tolerance"]) == PLACE_FOV_TOLERANCE
    assert query["limit"] == "100"
    pano = next(c for c in found if c.picture.id == "pano")
    assert pano.yaw == pytest.approx(-90.0, abs=0.1)
    assert not found.capped
    assert [c.picture.id for c in only_flat] == ["front"]


def test_line_search_is_one_bbox_search_of_the_grown_box():
    line = Target("line", [[at(-50, 10), at(50, 10)]], feature_id="fence")
    features = [_feat("a", 40, 0, 0), _feat("b", -45, -5, 0), _feat("c", 0, 50, 0)]
    seen = []

    def search(query):
        seen.append(query)
        return Canned(body=feature_collection(features))

    with CannedServer(_routes(search)) as server:
        found = find_pictures(PanoramaxClient(server.base_url), line, now=NOW)
    assert len(seen) == 1 and "bbox" in seen[0] and "place_position" not in seen[0]
    west, south, east, north = (float(v) for v in seen[0]["bbox"].split(","))
    assert distance_m(west, LAT0, at(-50, 0)[0], LAT0) == pytest.approx(30.0, abs=0.5)
    assert distance_m(LON0, north, LON0, at(0, 10)[1]) == pytest.approx(30.0, abs=0.5)
    assert sorted(c.picture.id for c in found) == ["a", "b"]  # c is 40 m away, facing away
    a = next(c for c in found if c.picture.id == "a")
    assert near((a.target_lon, a.target_lat), 40, 10) and a.yaw == pytest.approx(0.0, abs=0.1)


def test_pictures_of_features_keeps_each_targets_error_and_bounds_requests():
    targets = [Target("point", [[at(i * 100, 0)]], feature_id=f"f{i}") for i in range(9)]
    broken = f"{at(300, 0)[0]:.7f},{at(300, 0)[1]:.7f}"

    def search(query):
        if query.get("place_position") == broken:
            return Canned(500, {"message": "boom", "status_code": 500})
        return Canned(body=feature_collection([]))

    progress = []
    threads = set()

    def factory():
        threads.add(threading.get_ident())
        return PanoramaxClient(server.base_url)

    with CannedServer(_routes(search)) as server:
        results = pictures_of_features(
            factory, targets, workers=8, progress=lambda d, t: progress.append((d, t))
        )
        searches, total = len(_searches(server)), len(server.requests)
    assert searches == len(targets) and total == len(targets) + 1  # one discovery, shared
    assert len(threads) <= 4
    assert set(results) == {t.feature_id for t in targets}
    assert isinstance(results["f3"], ServerError) and "boom" in str(results["f3"])
    assert all(results[f"f{i}"] == [] for i in range(9) if i != 3)
    assert progress[-1] == (9, 9) and [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_pictures_of_features_with_known_instance_sends_one_request_per_target():
    targets = [Target("point", [[at(i, 0)]]) for i in range(5)]
    with CannedServer(_routes(Canned(body=feature_collection([])))) as server:
        instance = PanoramaxClient(server.base_url).discover()
        before = len(server.requests)
        results = pictures_of_features(
            lambda: PanoramaxClient(server.base_url, instance=instance), targets
        )
        assert len(server.requests) - before == 5
    assert sorted(results) == [0, 1, 2, 3, 4]  # keyed by index without feature ids


def test_pictures_of_features_cancel_stops_between_targets():
    targets = [Target("point", [[at(i, 0)]], feature_id=i) for i in range(40)]
    progress = []
    with CannedServer(_routes(Canned(body=feature_collection([])))) as server:
        results = pictures_of_features(
            lambda: PanoramaxClient(server.base_url),
            targets,
            workers=2,
            progress=lambda d, t: progress.append(d),
            cancel=lambda: len(progress) >= 3,
        )
        searches = len(_searches(server))
    assert 3 <= len(results) <= 3 + 2 and searches == len(results)
    assert all(isinstance(v, list) for v in results.values())


def test_pictures_of_features_not_panoramax_is_kept_per_target():
    targets = [Target("point", [[at(i, 0)]], feature_id=i) for i in range(3)]
    routes = {"/api": Canned(body="<html>my blog</html>", content_type="text/html")}
    with CannedServer(routes) as server:
        results = pictures_of_features(lambda: PanoramaxClient(server.base_url), targets)
    assert all(isinstance(v, NotPanoramaxError) for v in results.values())


def test_nearest_picture_is_the_nearest_on_the_ground_not_the_first_listed():
    # The server lists by degree distance; at 45.7 N a degree of longitude is shorter.
    features = [_feat("listed-first", 0, 9, 0), _feat("nearest", 8, 0, 0)]
    with CannedServer(_routes(Canned(body=feature_collection(features)))) as server:
        found = nearest_picture(PanoramaxClient(server.base_url), LON0, LAT0, 15)
        assert len(_searches(server)) == 1
    assert found.id == "nearest"


def test_nearest_picture_widens_once_then_gives_up():
    answers = [feature_collection([]), feature_collection([_feat("far", 0, 50, 0)])]

    def search(query):
        return Canned(body=answers.pop(0) if answers else feature_collection([]))

    with CannedServer(_routes(search)) as server:
        client = PanoramaxClient(server.base_url)
        assert nearest_picture(client, LON0, LAT0, 15).id == "far"  # 50 m <= 4 x 15
        assert nearest_picture(client, LON0, LAT0, 15) is None
        assert len(_searches(server)) == 4


def test_search_place_checks_its_arguments():
    client = PanoramaxClient("http://127.0.0.1:9")
    with pytest.raises(ValueError):
        client.search_place(200.0, 45.0)
    with pytest.raises(ValueError):
        client.search_place(4.8, 45.0, distance=(10, 5))
    with pytest.raises(ValueError):
        client.search_place(4.8, 45.0, fov_tolerance=1)
