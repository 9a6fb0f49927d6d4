"""The pure geometry of *Coverage along lines*: exact covered stretches, pieces, groups."""

from __future__ import annotations

import math
import random

import pytest

from panoramax_plugin.core.line_coverage import (
    PointGrid,
    complement,
    covered_intervals,
    cut_polyline,
    expand_box,
    group_boxes,
    line_coverage,
    merge_intervals,
    polyline_length,
    sub_polyline,
    union_box,
)


def test_a_point_beside_a_straight_line_covers_its_chord_exactly():
    line = [(0.0, 0.0), (100.0, 0.0)]
    grid = PointGrid([(50.0, 6.0)], cell=10.0)
    coverage = line_coverage(line, grid, 10.0)
    # chord half-length sqrt(10² - 6²) = 8
    assert coverage.length == pytest.approx(100.0)
    assert coverage.covered == pytest.approx(16.0)
    assert coverage.uncovered == pytest.approx(84.0)
    assert [p[0][0] for p in coverage.uncovered_parts] == [0.0, pytest.approx(58.0)]
    assert coverage.uncovered_parts[0][-1] == pytest.approx((42.0, 0.0))


def test_points_along_the_line_cover_it_all_and_far_points_nothing():
    line = [(0.0, 0.0), (50.0, 0.0), (50.0, 50.0)]
    on_line = [(x, 1.0) for x in range(0, 51, 10)] + [(49.0, y) for y in range(0, 51, 10)]
    full = line_coverage(line, PointGrid(on_line, 20.0), 10.0)
    assert full.covered == pytest.approx(100.0)
    assert full.uncovered_parts == []
    far = line_coverage(line, PointGrid([(500.0, 500.0)], 20.0), 10.0)
    assert far.covered == 0.0
    assert len(far.uncovered_parts) == 1
    assert polyline_length(far.uncovered_parts[0]) == pytest.approx(100.0)


def test_coverage_matches_dense_sampling_on_random_lines():
    rng = random.Random(4)
    for _ in range(20):
        line = [(rng.uniform(0, 300), rng.uniform(0, 300)) for _ in range(6)]
        points = [(rng.uniform(0, 300), rng.uniform(0, 300)) for _ in range(40)]
        distance = rng.uniform(5, 40)
        coverage = line_coverage(line, PointGrid(points, distance), distance)
        # sample every 5 cm along the line
        sampled = 0.0
        for a, b in zip(line, line[1:]):
            length = math.dist(a, b)
            n = max(1, int(length / 0.05))
            for i in range(n):
                t = (i + 0.5) / n
                x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
                if any(math.dist((x, y), p) <= distance for p in points):
                    sampled += length / n
        assert coverage.covered == pytest.approx(sampled, abs=0.2)
        assert coverage.length == pytest.approx(polyline_length(line))
        assert sum(polyline_length(p) for p in coverage.uncovered_parts) == pytest.approx(
            coverage.uncovered, abs=1e-6
        )


def test_a_long_diagonal_segment_finds_its_points_chunk_by_chunk():
    line = [(0.0, 0.0), (10_000.0, 10_000.0)]
    points = [(5_000.0, 5_000.0), (9_990.0, 9_990.0)]
    intervals = covered_intervals(line, PointGrid(points, 15.0), 15.0)
    assert len(intervals) == 2
    assert intervals[0][0] == pytest.approx(5_000 * math.sqrt(2) - 15)


def test_intervals_merge_and_complement():
    assert merge_intervals([(5, 8), (0, 2), (1, 3), (8, 9), (4, 4)]) == [(0, 3), (5, 9)]
    assert complement([(0, 3), (5, 9)], 10) == [(3, 5), (9, 10)]
    assert complement([], 4) == [(0.0, 4)]
    assert complement([(0, 4)], 4) == []


def test_sub_polyline_and_cut_keep_every_vertex_in_between():
    line = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
    assert sub_polyline(line, 5, 15) == [(5.0, 0.0), (10.0, 0.0), (10.0, 5.0)]
    assert sub_polyline(line, 10, 10) == []
    pieces = cut_polyline([(0.0, 0.0), (4500.0, 0.0)], 2000.0)
    assert len(pieces) == 3
    assert [polyline_length(p) for p in pieces] == [pytest.approx(1500.0)] * 3
    assert pieces[0][-1] == pieces[1][0]
    assert cut_polyline(line, 2000.0) == [line]


def test_nearby_boxes_share_a_group_and_distant_ones_do_not():
    # 100 short lines in a 2 km square, and one line 50 km away
    rng = random.Random(1)
    boxes = []
    for _ in range(100):
        lon, lat = 2.0 + rng.uniform(0, 0.025), 45.0 + rng.uniform(0, 0.018)
        boxes.append(expand_box((lon, lat, lon + 0.002, lat + 0.0005), 20))
    boxes.append(expand_box((2.6, 45.0, 2.602, 45.001), 20))
    groups = group_boxes(boxes)
    assert sorted(i for g in groups for i in g) == list(range(101))
    assert len(groups) == 2
    assert [100] in groups


def test_groups_never_exceed_the_extent_unless_one_box():
    rng = random.Random(2)
    boxes = []
    for _ in range(500):
        lon, lat = 2.0 + rng.uniform(0, 0.3), 45.0 + rng.uniform(0, 0.3)
        boxes.append((lon, lat, lon + 0.003, lat + 0.003))
    boxes.append((1.0, 44.0, 1.5, 44.5))  # one huge line
    groups = group_boxes(boxes, max_extent_m=5_000)
    assert sorted(i for g in groups for i in g) == list(range(501))
    from panoramax_plugin.core.line_coverage import box_size_m

    for group in groups:
        if len(group) > 1:
            assert max(box_size_m(union_box(boxes[i] for i in group))) <= 5_000
    assert len(groups) < 100


def test_expand_box_grows_by_at_least_the_margin():
    box = expand_box((2.0, 48.0, 2.0, 48.0), 100.0)
    assert (box[3] - box[1]) * 110_574 / 2 >= 100
    assert (box[2] - box[0]) * 111_320 * math.cos(math.radians(48.0)) / 2 >= 100


def test_two_small_clusters_apart_are_searched_apart_even_within_the_extent():
    west = [(2.0 + i * 1e-4, 45.0, 2.0 + i * 1e-4 + 5e-4, 45.0005) for i in range(10)]
    east = [(2.05 + i * 1e-4, 45.03, 2.05 + i * 1e-4 + 5e-4, 45.0305) for i in range(10)]
    groups = group_boxes(west + east, max_extent_m=10_000)
    assert sorted(sorted(g) for g in groups) == [list(range(10)), list(range(10, 20))]
