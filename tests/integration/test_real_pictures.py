"""Real pictures from public projects (GoPro Max, Ricoh Theta, a phone) uploaded and read back.

The server refuses bytes it has already seen, so on a second run against the same
instance the files come back as duplicates with the id of the picture already
there: the read-back checks run on that picture either way.
"""

from __future__ import annotations

import pytest

from panoramax_plugin.core.client import PanoramaxClient
from tests.samples import PICTURES

from .seeding import upload_set

pytestmark = pytest.mark.integration

REAL = {
    "GSAG2002_gopro_max.JPG": PICTURES / "pano" / "GSAG2002_gopro_max.JPG",
    "R0014760_ricoh_theta_v.JPG": PICTURES / "pano" / "R0014760_ricoh_theta_v.JPG",
    "2018_07_19_17_33_15_820_+0200.jpg": PICTURES
    / "flat"
    / "mapillary_tools"
    / "2018_07_19_17_33_15_820_+0200.jpg",
}


@pytest.fixture(scope="module")
def real_pictures(local_instance):
    missing = [str(p) for p in REAL.values() if not p.exists()]
    if missing:
        pytest.skip(f"real pictures not available (shared/ not beside the checkout): {missing}")
    seeded = upload_set(
        local_instance.api,
        local_instance.token,
        list(REAL.values()),
        "real pictures",
        timeout_s=180,
    )
    ids = {f["file_name"]: f["picture_id"] for f in seeded.files if not f.get("rejected")}
    ids.update(seeded.duplicates)
    rejected = {
        f["file_name"]: f["rejected"]
        for f in seeded.files
        if f.get("rejected") and f["file_name"] not in seeded.duplicates
    }
    assert not rejected, rejected
    assert set(ids) == set(REAL)
    return ids


@pytest.fixture()
def client(local_instance):
    return PanoramaxClient(local_instance.api)


def test_gopro_max_is_360_with_position_and_time(client, real_pictures):
    picture = client.get_picture(real_pictures["GSAG2002_gopro_max.JPG"])
    assert picture.is_360 and picture.field_of_view == 360
    assert picture.lat == pytest.approx(52.4434, abs=1e-3)
    assert picture.lon == pytest.approx(6.8899, abs=1e-3)
    assert picture.camera_make.lower().startswith("gopro")
    assert picture.captured_at.year == 2020 and picture.captured_at.month == 5
    assert picture.tiles_template and "{TileCol}" in picture.tiles_template
    hd = client.download_asset(picture, "hd")
    assert hd[:2] == b"\xff\xd8" and len(hd) > 1_000_000


def test_ricoh_theta_is_360(client, real_pictures):
    picture = client.get_picture(real_pictures["R0014760_ricoh_theta_v.JPG"])
    assert picture.is_360
    assert picture.lat == pytest.approx(53.1821, abs=1e-3)
    assert picture.lon == pytest.approx(-2.8613, abs=1e-3)
    assert "THETA" in (picture.camera_model or "").upper()


def test_phone_picture_is_flat_with_heading(client, real_pictures):
    picture = client.get_picture(real_pictures["2018_07_19_17_33_15_820_+0200.jpg"])
    assert not picture.is_360
    assert picture.heading == pytest.approx(40, abs=1)
    assert picture.camera_make.lower() == "samsung"
    assert client.download_asset(picture, "thumb")[:2] == b"\xff\xd8"
