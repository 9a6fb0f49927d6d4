"""BENCH measure_*: triangulation from clicks on painted objects (issue "Measure and digitize").

Synthetic known-object streets (``tests/fixtures/street_scene.paint_geometry``, the
geometry the street pictures are painted with): for each case a pole 5-30 m from the first
of two 360° cameras 6-20 m apart along a street, both 5760x2880 (the hd size of a 360°
camera). The user's click is the painted object's centre, rounded to the pixel it falls in
(pixel-accurate clicks); it becomes a ray through ``view_geometry.equirect_direction`` and
the picture's heading (rounded to 0.01° as the EXIF stores it), then ``triangulate``.

* ``measure_triangulation_error_p95_m``: exact poses, p95 horizontal error (target <= 0.25 m);
* ``measure_uncertainty_coverage``: the cameras' positions given to the triangulation moved
  by a normal error of 1-3 m (sigma per axis, said as the picture's accuracy): the share of
  cases whose true position lies in the reported 95 % ellipse (target >= 0.90);
* ``measure_triangulate_us``: time of one two-ray triangulation.

Cases whose rays cross at less than 10° are refused by the triangulation and left out (it
says how many). Pure Python, no instance; exits 0 whatever the figures (says when a target
is missed).
"""

from __future__ import annotations

import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from panoramax_plugin.core.triangulation import MeasureError, Ray, triangulate  # noqa: E402
from panoramax_plugin.core.view_geometry import (  # noqa: E402
    destination,
    equirect_direction,
    ground_offset,
)
from tests.fixtures.street_scene import SceneObject, paint_geometry  # noqa: E402

WIDTH, HEIGHT = 5760, 2880
CASES = 400


def clicked_ray(obj, camera, heading, picture_id, told_position=None, sigma=None):
    painted = paint_geometry(obj, camera[0], camera[1], heading, WIDTH, HEIGHT)
    col = math.floor(painted.col) + 0.5  # the pixel the user clicks
    row = math.floor(painted.row) + 0.5
    yaw, pitch = equirect_direction(col, row, WIDTH, HEIGHT)
    lon, lat = told_position or camera
    return Ray(lon, lat, (heading + yaw) % 360.0, pitch, picture_id, position_sigma_m=sigma)


def case(rng):
    start = (rng.uniform(-4.0, 7.0), rng.uniform(43.0, 50.0))
    street = rng.uniform(0.0, 360.0)
    heading = round((street + rng.uniform(-40.0, 40.0)) % 360.0, 2) % 360.0
    spacing = rng.uniform(6.0, 20.0)
    cameras = [start, destination(start[0], start[1], street, spacing)]
    side = rng.choice((-1.0, 1.0))
    spot = destination(
        start[0],
        start[1],
        (street + side * rng.uniform(20.0, 80.0)) % 360.0,
        rng.uniform(5.0, 30.0),
    )
    pole = SceneObject("pole", spot[0], spot[1], 2.5, 0.08, (255, 0, 0))
    return pole, cameras, heading


def moved(camera, sigma, rng):
    east, north = rng.gauss(0.0, sigma), rng.gauss(0.0, sigma)
    bearing = math.degrees(math.atan2(east, north)) % 360.0
    return destination(camera[0], camera[1], bearing, math.hypot(east, north))


def error_m(result, obj):
    return math.hypot(*ground_offset(obj.lon, obj.lat, result.lon, result.lat))


def inside_ellipse(result, obj) -> bool:
    east, north = ground_offset(result.lon, result.lat, obj.lon, obj.lat)
    axis = math.radians(result.major_azimuth)
    along = east * math.sin(axis) + north * math.cos(axis)
    across = east * math.cos(axis) - north * math.sin(axis)
    minor = max(result.semi_minor_m, 1e-9)
    return (along / result.semi_major_m) ** 2 + (across / minor) ** 2 <= 1.0


def main() -> int:
    rng = random.Random(20261129)
    errors, covered, perturbed, refused = [], 0, 0, 0
    timings = []
    for _ in range(CASES):
        pole, cameras, heading = case(rng)
        rays = [clicked_ray(pole, c, heading, f"p{i}") for i, c in enumerate(cameras)]
        try:
            started = time.perf_counter()
            result = triangulate(rays)
            timings.append(time.perf_counter() - started)
        except MeasureError:
            refused += 1
            continue
        errors.append(error_m(result, pole))
        sigma = rng.uniform(1.0, 3.0)
        told = [
            clicked_ray(pole, c, heading, f"p{i}", moved(c, sigma, rng), sigma)
            for i, c in enumerate(cameras)
        ]
        try:
            noisy = triangulate(told)
        except MeasureError:
            continue
        perturbed += 1
        covered += inside_ellipse(noisy, pole)
    errors.sort()
    p95 = errors[min(len(errors) - 1, int(math.ceil(0.95 * len(errors))) - 1)]
    coverage = covered / perturbed
    timings.sort()
    print(
        f"measure: {len(errors)} cases measured, {refused} refused (crossing < 10°), "
        f"{perturbed} perturbed"
    )
    print(f"BENCH measure_triangulation_error_p95_m {p95:.4f} m")
    print(f"BENCH measure_triangulation_error_max_m {errors[-1]:.4f} m")
    print(f"BENCH measure_uncertainty_coverage {coverage:.3f} ratio")
    print(f"BENCH measure_triangulate_us {timings[len(timings) // 2] * 1e6:.1f} us")
    if len(errors) < 200:
        print("measure: fewer than 200 cases measured")
    if p95 > 0.25:
        print("measure: target missed: p95 error over 0.25 m")
    if coverage < 0.90:
        print("measure: target missed: coverage under 0.90")
    return 0


if __name__ == "__main__":
    sys.exit(main())
