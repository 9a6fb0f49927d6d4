"""The heading a downloaded picture file gives, to refine the API's whole degrees."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from panoramax_plugin.core.picture_file import file_heading, refined_heading
from tests.fixtures.pictures import Shot, make_flat_jpeg

WHEN = datetime(2024, 5, 2, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("heading", [36.6, 0.25, 275.4, 359.8])
def test_the_exif_heading_is_read_to_its_decimals(tmp_path, heading):
    path = make_flat_jpeg(tmp_path / "p.jpg", Shot(45.0, 4.0, WHEN, heading=heading))
    assert file_heading(path.read_bytes()) == pytest.approx(heading, abs=0.01)


def test_no_heading_or_no_exif_gives_none(tmp_path):
    path = make_flat_jpeg(tmp_path / "p.jpg", Shot(45.0, 4.0, WHEN, heading=None))
    assert file_heading(path.read_bytes()) is None
    assert file_heading(b"\xff\xd8\xff\xd9") is None
    assert file_heading(b"") is None


def test_the_file_refines_the_api_only_when_it_is_the_same_heading_unrounded():
    assert refined_heading(37.0, 36.6) == 36.6
    assert refined_heading(0.0, 359.8) == 359.8  # across north
    assert refined_heading(275.0, 275.4) == 275.4
    # a heading the instance corrected (a sequence turned by its owner): the instance's
    assert refined_heading(217.0, 37.0) is None
    assert refined_heading(None, 36.6) is None
    assert refined_heading(37.0, None) is None
