"""A flat picture that does not say its field of view: the map cone is as wide as what the
overlays, the measures and "look at" assume (one default, 70°)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from panoramax_plugin.core.models import Picture
from panoramax_plugin.core.view_geometry import DEFAULT_FLAT_HFOV
from tests.viewer_harness import open_viewer


def test_the_cone_of_a_flat_picture_without_field_of_view(desktop, qgis_app):
    picture = Picture(
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
        2.35,
        48.85,
        captured_at=datetime(2024, 5, 1, tzinfo=timezone.utc),
        heading=30.0,
        is_360=False,
        field_of_view=None,
    )
    with open_viewer(desktop) as viewer:
        viewer.show(picture)
        qgis_app.processEvents()
        lon, lat, bearing, fov = viewer.map_sync.last
        assert (lon, lat, bearing) == (2.35, 48.85, 30.0)
        assert fov == pytest.approx(DEFAULT_FLAT_HFOV)
        viewer.show(Picture(picture.id, None, 2.35, 48.85, heading=30.0, field_of_view=52.0))
        assert viewer.map_sync.last[3] == pytest.approx(52.0)
