"""Observation records: the values a layer gets from each kind of measure."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from panoramax_plugin.core.observation import (
    KNOWN_FIELDS,
    METHOD_RAY,
    Observation,
    from_ground_point,
    from_ray,
    from_triangulation,
)
from panoramax_plugin.core.single_measure import ground_point
from panoramax_plugin.core.triangulation import Ray, triangulate
from panoramax_plugin.core.view_geometry import destination, sight

LON, LAT = 2.3522, 48.8566
T0 = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)


def test_known_field_names_fit_a_shapefile_and_match_values():
    names = [f.name for f in KNOWN_FIELDS]
    assert all(len(name) <= 10 for name in names)
    assert len(set(names)) == len(names)
    obs = Observation("single picture", LON, LAT)
    assert list(obs.values()) == names


def test_triangulated_values():
    target = destination(LON, LAT, 45.0, 12.0)
    cams = [(LON, LAT), destination(LON, LAT, 90.0, 8.0)]
    rays = []
    for i, cam in enumerate(cams):
        seen = sight(cam[0], cam[1], 2.0, target[0], target[1], 0.0)
        rays.append(Ray(cam[0], cam[1], seen.azimuth, seen.elevation, f"id{i}", captured_at=T0))
    values = from_triangulation(triangulate(rays), "http://127.0.0.1:5000/api").values()
    assert values["pnx_method"] == "triangulated"
    assert values["pnx_pics"] == "id0,id1"
    assert values["pnx_inst"] == "http://127.0.0.1:5000/api"
    assert len(values["pnx_yaws"].split(",")) == 2
    assert values["pnx_date"] == T0
    assert values["pnx_cross"] > 10.0 and values["pnx_unc_m"] > 0.0
    assert values["pnx_dist_m"] == pytest.approx(8.49, abs=0.01)  # the nearer camera
    assert values["pnx_height"] == pytest.approx(0.0, abs=0.01)


def test_single_picture_and_ray_values():
    ray = Ray(LON, LAT, 90.0, -11.31, "solo", captured_at=T0)
    point = ground_point(LON, LAT, ray.bearing, ray.pitch, 2.0)
    values = from_ground_point(point, ray, "x", height_m=2.5).values()
    assert values["pnx_method"] == "single picture"
    assert values["pnx_dist_m"] == pytest.approx(10.0, abs=0.01)
    assert values["pnx_height"] == 2.5 and values["pnx_cross"] is None
    lone = from_ray(ray, 30.0)
    assert lone.method == METHOD_RAY and lone.line[0] == (LON, LAT)
    with pytest.raises(ValueError):
        Observation(METHOD_RAY, LON, LAT)
    with pytest.raises(ValueError):
        Observation("guess", LON, LAT)
