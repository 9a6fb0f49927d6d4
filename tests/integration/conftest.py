"""Integration fixtures: the real local Panoramax instance (``make instance``).

Without ``PANORAMAX_API`` the tests skip, saying why; ``make test`` sets
``PANORAMAX_REQUIRE_INSTANCE=1`` so that a missing instance fails instead.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.fixtures.pictures import line_of_shots, make_flat_jpeg, make_pano_jpeg

from .seeding import delete_sequences, upload_set


@dataclass
class LocalInstance:
    api: str
    token: str | None
    admin_token: str | None


@pytest.fixture(scope="session")
def local_instance() -> LocalInstance:
    api = os.environ.get("PANORAMAX_API")
    required = os.environ.get("PANORAMAX_REQUIRE_INSTANCE") == "1"
    reason = None
    if not api:
        reason = "PANORAMAX_API is not set: start the local instance with `make instance`"
    else:
        try:
            requests.get(api, timeout=10).raise_for_status()
        except requests.RequestException as exc:
            reason = f"the local instance at {api} does not answer: {exc}"
    if reason:
        if required:
            pytest.fail(reason)
        pytest.skip(reason)
    return LocalInstance(
        api, os.environ.get("PANORAMAX_TOKEN"), os.environ.get("PANORAMAX_ADMIN_TOKEN")
    )


@dataclass
class SeededPlace:
    """Two sequences (flat, then 360) at a place and day no other test run uses."""

    bbox: tuple
    flat_ids: list  # picture ids in capture order
    pano_ids: list
    flat_sequence: str
    pano_sequence: str
    flat_start: datetime
    pano_start: datetime
    flat_headings: list


@pytest.fixture(scope="session")
def seeded_place(local_instance, tmp_path_factory) -> SeededPlace:
    rng = random.Random()
    lat, lon = rng.uniform(43.5, 49.0), rng.uniform(-0.5, 6.0)  # somewhere in France
    day = datetime(2019, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))) + timedelta(
        days=rng.randrange(0, 1500)
    )
    folder = tmp_path_factory.mktemp("seed")
    flat_shots = line_of_shots(
        lat, lon, 8, spacing_m=6.0, bearing_deg=45.0, start_time=day, accuracy_m=2.5
    )
    flat_paths = [make_flat_jpeg(folder / f"flat_{i:03d}.jpg", s) for i, s in enumerate(flat_shots)]
    pano_day = day + timedelta(days=40)
    pano_shots = line_of_shots(
        lat + 0.0004, lon, 4, spacing_m=8.0, bearing_deg=90.0, start_time=pano_day, interval_s=3.0
    )
    pano_paths = [
        make_pano_jpeg(folder / f"pano_{i:03d}.jpg", s, pose_heading=s.heading)
        for i, s in enumerate(pano_shots)
    ]
    flat = upload_set(local_instance.api, local_instance.token, flat_paths, f"it flat {lat:.5f}")
    pano = upload_set(local_instance.api, local_instance.token, pano_paths, f"it pano {lat:.5f}")
    assert len(flat.sequence_ids) == 1 and len(pano.sequence_ids) == 1, (flat, pano)
    by_name = {f["file_name"]: f["picture_id"] for f in flat.files}
    pano_by_name = {f["file_name"]: f["picture_id"] for f in pano.files}
    place = SeededPlace(
        bbox=(lon - 0.002, lat - 0.002, lon + 0.002, lat + 0.002),
        flat_ids=[by_name[p.name] for p in flat_paths],
        pano_ids=[pano_by_name[p.name] for p in pano_paths],
        flat_sequence=flat.sequence_ids[0],
        pano_sequence=pano.sequence_ids[0],
        flat_start=day,
        pano_start=pano_day,
        flat_headings=[s.heading for s in flat_shots],
    )
    yield place
    delete_sequences(
        local_instance.api, local_instance.token, [place.flat_sequence, place.pano_sequence]
    )
