"""The core client against the real local GeoVisio: discovery, search, sequences, assets."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import NotFoundError, NotPanoramaxError

pytestmark = pytest.mark.integration


@pytest.fixture()
def client(local_instance):
    return PanoramaxClient(local_instance.api)


def test_discovery_and_configuration(client):
    instance = client.discover()
    assert instance.version == "2.15.1"
    assert instance.search_url.endswith("/api/search")
    assert instance.tiles_url.endswith("/api/map/{z}/{x}/{y}.mvt")
    configuration = client.configuration()
    assert configuration["auth"]["enabled"] is False
    assert configuration["defaults"]["split_distance"] == 100


def test_wrong_path_on_a_real_server_is_not_panoramax(local_instance):
    with pytest.raises(NotPanoramaxError):
        PanoramaxClient(local_instance.api.replace("/api", "/nothing-here")).discover()


def test_search_by_bbox_finds_exactly_the_seeded_pictures(client, seeded_place):
    result = client.search(bbox=seeded_place.bbox, limit=100)
    ids = {p.id for p in result.pictures}
    assert ids == set(seeded_place.flat_ids) | set(seeded_place.pano_ids)
    assert not result.capped and result.malformed == 0


def test_search_by_date_gives_the_exact_subset(client, seeded_place):
    start = seeded_place.pano_start - timedelta(hours=1)
    end = seeded_place.pano_start + timedelta(hours=1)
    result = client.search(bbox=seeded_place.bbox, start=start, end=end, limit=100)
    assert {p.id for p in result.pictures} == set(seeded_place.pano_ids)
    result = client.search(bbox=seeded_place.bbox, end=start, limit=100)
    assert {p.id for p in result.pictures} == set(seeded_place.flat_ids)


def test_search_cap_is_reported(client, seeded_place):
    result = client.search(bbox=seeded_place.bbox, limit=5)
    assert len(result.pictures) == 5 and result.capped


def test_picture_attributes_and_360_detection(client, seeded_place):
    pictures = {p.id: p for p in client.search(bbox=seeded_place.bbox, limit=100).pictures}
    for index, picture_id in enumerate(seeded_place.flat_ids):
        picture = pictures[picture_id]
        assert not picture.is_360 and picture.kind == "flat"
        assert picture.sequence_id == seeded_place.flat_sequence
        assert picture.heading == pytest.approx(seeded_place.flat_headings[index], abs=1)
        # same instant as shot; the offset is the local one the server derives from
        # the position (Europe/Paris: +01:00 in winter, +02:00 in summer)
        assert picture.captured_at == seeded_place.flat_start + timedelta(seconds=2 * index)
        assert picture.captured_at.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
        assert picture.camera == "SyntheticCam Flat-1"
        assert picture.license == "CC-BY-SA-4.0"
        assert picture.horizontal_accuracy == pytest.approx(2.5)
        assert picture.producer == "qgis-tester"
        assert set(picture.assets) == {"thumb", "sd", "hd"}
    for picture_id in seeded_place.pano_ids:
        assert pictures[picture_id].is_360 and pictures[picture_id].kind == "360"


def test_sequences_in_bbox(client, seeded_place):
    sequences = {s.id: s for s in client.list_sequences(bbox=seeded_place.bbox, page_size=1)}
    assert set(sequences) == {seeded_place.flat_sequence, seeded_place.pano_sequence}
    flat = sequences[seeded_place.flat_sequence]
    assert flat.picture_count == 8
    assert flat.first_captured_at < flat.last_captured_at
    assert flat.title.startswith("it flat")
    # the listing has no camera summary (type unknown); the single collection has it
    assert flat.is_360 is None
    assert client.get_sequence(seeded_place.flat_sequence).is_360 is False
    assert client.get_sequence(seeded_place.pano_sequence).is_360 is True


def test_sequence_pictures_in_rank_order_across_pages(client, seeded_place):
    pictures = list(client.iter_sequence_pictures(seeded_place.flat_sequence, page_size=3))
    assert [p.id for p in pictures] == seeded_place.flat_ids
    assert [p.rank for p in pictures] == list(range(1, 9))
    sequence = client.get_sequence(seeded_place.flat_sequence)
    assert sequence.picture_count == 8


def test_next_and_prev_links_walk_the_sequence(client, seeded_place):
    picture = client.get_picture(seeded_place.flat_ids[0])  # found by id alone
    assert picture.prev is None
    walked = [picture.id]
    while picture.next is not None:
        assert picture.next.lon is not None  # links carry the neighbour's position
        picture = client.get_picture(picture.next.id, picture.sequence_id)
        walked.append(picture.id)
    assert walked == seeded_place.flat_ids
    assert picture.prev.id == seeded_place.flat_ids[-2]


def test_related_pictures_of_other_sequences(client, seeded_place):
    """The 360 sequence runs ~45 m north: related links only list close pictures."""
    picture = client.get_picture(seeded_place.pano_ids[0], seeded_place.pano_sequence)
    for link in picture.related:
        assert link.collection_id != seeded_place.pano_sequence


@pytest.mark.parametrize("key, width", [("thumb", 500), ("sd", None), ("hd", 512)])
def test_asset_bytes(client, seeded_place, key, width):
    picture = client.get_picture(seeded_place.flat_ids[2], seeded_place.flat_sequence)
    data = client.download_asset(picture, key)
    assert data[:2] == b"\xff\xd8"
    image = Image.open(io.BytesIO(data))
    if width:
        assert image.width == width


def test_unknown_sequence_and_picture(client):
    with pytest.raises(NotFoundError) as info:
        client.get_sequence("00000000-0000-0000-0000-000000000000")
    assert "does not exist" in str(info.value)
    with pytest.raises(NotFoundError):
        client.get_picture("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFoundError):
        list(client.iter_sequence_pictures("00000000-0000-0000-0000-000000000000"))


def test_first_and_last_picture_of_a_sequence(client, seeded_place):
    assert client.sequence_end(seeded_place.flat_sequence).id == seeded_place.flat_ids[0]
    assert (
        client.sequence_end(seeded_place.flat_sequence, last=True).id == (seeded_place.flat_ids[-1])
    )
