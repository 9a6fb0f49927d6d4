"""Triangulation from rays: exact on exact poses, honest uncertainty on perturbed ones,
and a clear refusal for what cannot be measured."""

from __future__ import annotations

import math
import random

import pytest

from panoramax_plugin.core.triangulation import (
    MeasureError,
    Ray,
    crossing_angle,
    triangulate,
)
from panoramax_plugin.core.view_geometry import destination, ground_offset, sight

LON, LAT = 2.3522, 48.8566


def ray_toward(camera, target, picture_id, pitch_target_m=0.0, sigma=None, noise_deg=0.0):
    seen = sight(camera[0], camera[1], 2.0, target[0], target[1], pitch_target_m)
    return Ray(
        camera[0],
        camera[1],
        seen.azimuth + noise_deg,
        seen.elevation,
        picture_id=picture_id,
        position_sigma_m=sigma,
    )


def error_m(result, target) -> float:
    east, north = ground_offset(target[0], target[1], result.lon, result.lat)
    return math.hypot(east, north)


def street(count=2, spacing=8.0):
    return [destination(LON, LAT, 90.0, i * spacing) for i in range(count)]


def test_two_exact_rays_meet_at_the_object():
    target = destination(LON, LAT, 60.0, 14.0)
    cams = street()
    result = triangulate([ray_toward(c, target, f"p{i}", 1.5) for i, c in enumerate(cams)])
    assert error_m(result, target) < 0.005
    assert result.height_m == pytest.approx(1.5, abs=0.01)
    assert result.residual_m is None
    assert len(result.distances_m) == 2
    assert result.distances_m[0] == pytest.approx(14.0, abs=0.01)
    assert 10.0 < result.crossing_angle_deg <= 90.0
    assert result.semi_major_m >= result.semi_minor_m > 0.0
    assert 0.0 <= result.major_azimuth < 180.0


@pytest.mark.parametrize("distance", [5.0, 10.0, 20.0, 30.0])
def test_range_5_to_30_m_within_a_centimetre(distance):
    target = destination(LON, LAT, 45.0, distance)
    cams = [(LON, LAT), destination(LON, LAT, 90.0, distance * 0.8)]
    result = triangulate([ray_toward(c, target, f"p{i}") for i, c in enumerate(cams)])
    assert error_m(result, target) < 0.01


def test_three_rays_give_a_residual():
    target = destination(LON, LAT, 30.0, 15.0)
    cams = street(3)
    rays = [
        ray_toward(c, target, f"p{i}", noise_deg=(0.0, 0.6, -0.6)[i]) for i, c in enumerate(cams)
    ]
    result = triangulate(rays)
    assert result.residual_m is not None and result.residual_m > 0.01
    exact = triangulate([ray_toward(c, target, f"p{i}") for i, c in enumerate(cams)])
    assert exact.residual_m == pytest.approx(0.0, abs=0.005)


def test_uncertainty_covers_perturbed_camera_positions():
    rng = random.Random(7)
    covered = trials = 0
    for _ in range(300):
        sigma = rng.uniform(1.0, 3.0)
        distance = rng.uniform(8.0, 30.0)
        target = destination(LON, LAT, rng.uniform(20.0, 70.0), distance)
        cams = [(LON, LAT), destination(LON, LAT, 90.0, rng.uniform(8.0, 20.0))]
        rays = []
        for i, cam in enumerate(cams):
            true_ray = ray_toward(cam, target, f"p{i}")
            # a 2-D normal error, sigma on each axis
            east, north = rng.gauss(0, sigma), rng.gauss(0, sigma)
            moved = destination(
                cam[0], cam[1], math.degrees(math.atan2(east, north)) % 360, math.hypot(east, north)
            )
            rays.append(
                Ray(moved[0], moved[1], true_ray.bearing, 0.0, f"p{i}", position_sigma_m=sigma)
            )
        try:
            result = triangulate(rays)
        except MeasureError:
            continue
        trials += 1
        east, north = ground_offset(result.lon, result.lat, target[0], target[1])
        a = math.radians(result.major_azimuth)
        along = east * math.sin(a) + north * math.cos(a)
        across = east * math.cos(a) - north * math.sin(a)
        inside = (along / result.semi_major_m) ** 2 + (
            across / max(result.semi_minor_m, 1e-9)
        ) ** 2 <= 1.0
        covered += inside
    assert trials > 250
    assert covered / trials >= 0.90


def test_the_ellipse_ring_has_its_axes():
    target = destination(LON, LAT, 60.0, 14.0)
    result = triangulate(
        [ray_toward(c, target, f"p{i}", sigma=2.0) for i, c in enumerate(street())]
    )
    ring = result.ellipse(36)
    assert ring[0] == pytest.approx(ring[-1])
    radii = [math.hypot(*ground_offset(result.lon, result.lat, lon, lat)) for lon, lat in ring]
    assert max(radii) == pytest.approx(result.semi_major_m, rel=0.01)
    assert min(radii) == pytest.approx(result.semi_minor_m, rel=0.05)


def test_refusals_say_why():
    target = destination(LON, LAT, 60.0, 14.0)
    cams = street()
    one = ray_toward(cams[0], target, "p0")
    with pytest.raises(MeasureError, match="second picture"):
        triangulate([one])
    with pytest.raises(MeasureError, match="same picture"):
        triangulate([one, ray_toward(cams[1], target, "p0")])
    # a far object seen from two close cameras: the rays cross at a small angle
    far = destination(LON, LAT, 0.0, 60.0)
    with pytest.raises(MeasureError, match="further along"):
        triangulate([ray_toward(c, far, f"p{i}") for i, c in enumerate(street(2, 3.0))])
    # directions that meet behind the first camera
    behind = Ray(cams[0][0], cams[0][1], 240.0, 0.0, "a")
    other = Ray(cams[1][0], cams[1][1], 200.0, 0.0, "b")
    with pytest.raises(MeasureError, match="behind"):
        triangulate([behind, other])
    # beyond the distance limit
    very_far = destination(LON, LAT, 45.0, 400.0)
    with pytest.raises(MeasureError, match="too far"):
        triangulate([ray_toward(c, very_far, f"p{i}") for i, c in enumerate(street(2, 300.0))])
    with pytest.raises(MeasureError):
        Ray(float("nan"), LAT, 0.0)


def test_parallel_rays_never_meet():
    cams = street()
    with pytest.raises(MeasureError):
        triangulate(
            [Ray(c[0], c[1], 0.0, 0.0, f"p{i}") for i, c in enumerate(cams)], min_crossing_deg=0.0
        )


def test_a_weak_crossing_is_accepted_with_a_warning():
    target = destination(LON, LAT, 10.0, 40.0)
    cams = street(2, 10.0)
    result = triangulate([ray_toward(c, target, f"p{i}") for i, c in enumerate(cams)])
    assert 10.0 <= result.crossing_angle_deg < 20.0
    assert result.warnings


def test_crossing_angle_folds_lines():
    assert crossing_angle(10.0, 190.0) == pytest.approx(0.0)
    assert crossing_angle(0.0, 100.0) == pytest.approx(80.0)
    assert crossing_angle(350.0, 20.0) == pytest.approx(30.0)
