"""'My pictures' (issue #15) against the real local instance: each change on a fresh upload,
read back from the API; another account refused; hidden pictures kept for their owner."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.errors import AuthenticationError, NotFoundError, NotOwnerError
from panoramax_plugin.core.mine import ConfirmationNeeded, InvalidEditError, MyPictures
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.instance_control import run_instance_script

from .seeding import delete_sequences, upload_set

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def mine(api: str, token: str | None, http=None) -> MyPictures:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return MyPictures(PanoramaxClient(api, http=http, auth_headers=lambda url: dict(headers)))


def fresh_sequence(local_instance, folder: Path, count: int = 4, title: str = "it mine"):
    """Upload ``count`` new pictures heading east, 6 m and 2 s apart; the seeded set."""
    lat, lon = random.uniform(43.5, 49.0), random.uniform(-0.5, 6.0)
    day = datetime(2021, 6, 1, 9, tzinfo=timezone.utc) + timedelta(days=random.randrange(900))
    shots = line_of_shots(lat, lon, count, spacing_m=6.0, bearing_deg=90.0, start_time=day)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [make_flat_jpeg(folder / f"m{i:02d}.jpg", s) for i, s in enumerate(shots)]
    seeded = upload_set(local_instance.api, local_instance.token, paths, f"{title} {lat:.5f}")
    assert len(seeded.sequence_ids) == 1, seeded
    by_name = {f["file_name"]: f["picture_id"] for f in seeded.files}
    return seeded, [by_name[p.name] for p in paths], shots


@pytest.fixture()
def cleanup(local_instance):
    sequences = []
    yield sequences
    delete_sequences(local_instance.api, local_instance.token, sequences)


def anonymous_search_ids(api: str, picture_ids) -> list:
    answer = requests.get(f"{api}/search", params={"ids": ",".join(picture_ids)}, timeout=30)
    answer.raise_for_status()
    return [f["id"] for f in answer.json()["features"]]


def test_each_change_read_back_then_deleted(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, shots = fresh_sequence(local_instance, tmp_path)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(api, local_instance.token)

    listed = {s.id: s for s in me.iter_sequences(page_size=5)}  # several pages
    assert sequence_id in listed
    assert listed[sequence_id].picture_count == 4
    assert listed[sequence_id].visibility == "anyone"
    assert listed[sequence_id].status == "ready"
    assert listed[sequence_id].start.startswith(shots[0].captured_at.strftime("%Y-%m-%d"))
    assert me.sequence(sequence_id).upload_set_id == seeded.upload_set_id
    assert set(me.visibility_values()) >= {"anyone", "owner-only"}

    # title, order, relative heading: PATCH /api/collections/{id}
    assert me.patch_sequence(sequence_id, title="  renamed by QGIS ").title == "renamed by QGIS"
    assert me.sequence(sequence_id).title == "renamed by QGIS"
    after = me.patch_sequence(sequence_id, sortby="-filename")
    assert after.sorted_by == "-filename"
    assert [p.id for p in me.iter_pictures(sequence_id)] == ids[::-1]
    me.patch_sequence(sequence_id, sortby="+gpsdate")
    assert [p.id for p in me.iter_pictures(sequence_id)] == ids
    me.patch_sequence(sequence_id, relative_heading=90)  # east-bound: looking south
    assert [round(p.heading) for p in me.iter_pictures(sequence_id)] == [180] * 4

    # one picture: heading, time, position, visibility
    first = me.picture(sequence_id, ids[1])
    new_time = datetime(2021, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    moved = (first.lon + 0.0001, first.lat + 0.0001)
    changed = me.patch_picture(
        sequence_id,
        ids[1],
        heading=123,
        capture_time=new_time,
        position=moved,
        previous_position=(first.lon, first.lat),
    )
    again = me.picture(sequence_id, ids[1])
    for picture in (changed, again):
        assert round(picture.heading) == 123
        assert datetime.fromisoformat(picture.datetime.replace("Z", "+00:00")) == new_time
        assert picture.lon == pytest.approx(moved[0], abs=1e-7)
        assert picture.lat == pytest.approx(moved[1], abs=1e-7)

    # hidden: still the owner's, gone from an anonymous search
    assert ids[2] in anonymous_search_ids(api, [ids[2]])
    assert me.patch_picture(sequence_id, ids[2], visibility="owner-only").visibility == "owner-only"
    owners = {p.id: p for p in me.iter_pictures(sequence_id)}
    assert owners[ids[2]].visibility == "owner-only"
    assert anonymous_search_ids(api, [ids[2]]) == []
    anonymous = mine(api, None)
    with pytest.raises(NotFoundError):
        anonymous.picture(sequence_id, ids[2])

    # deletions
    me.delete_picture(sequence_id, ids[3])
    with pytest.raises(NotFoundError) as gone:
        me.picture(sequence_id, ids[3])
    assert ids[3] in str(gone.value)
    assert ids[3] not in [p.id for p in me.iter_pictures(sequence_id)]
    me.delete_sequence(sequence_id)
    assert me.wait_deleted(sequence_id, timeout=60)
    assert sequence_id not in {s.id for s in me.iter_sequences()}
    assert anonymous_search_ids(api, ids) == []


def test_bulk_hide_three_sequences_then_delete_them(local_instance, tmp_path, cleanup):
    api = local_instance.api
    me = mine(api, local_instance.token)
    sequence_ids, picture_ids = [], []
    for n in range(3):
        seeded, ids, _shots = fresh_sequence(local_instance, tmp_path / str(n), count=2)
        sequence_ids += seeded.sequence_ids
        picture_ids += ids
    cleanup.extend(sequence_ids)
    assert sorted(anonymous_search_ids(api, picture_ids)) == sorted(picture_ids)
    for sequence_id in sequence_ids:
        assert me.patch_sequence(sequence_id, visibility="owner-only").visibility == "owner-only"
    listed = {s.id: s for s in me.iter_sequences()}
    assert [listed[s].visibility for s in sequence_ids] == ["owner-only"] * 3
    assert anonymous_search_ids(api, picture_ids) == []
    for sequence_id in sequence_ids:  # hidden pictures stay listed for their owner
        assert len(list(me.iter_pictures(sequence_id))) == 2
        answer = requests.get(f"{api}/collections/{sequence_id}", timeout=30)
        assert answer.status_code == 404  # and the sequence is hidden from anonymous users
    for sequence_id in sequence_ids:
        me.patch_sequence(sequence_id, visibility="anyone")
    assert sorted(anonymous_search_ids(api, picture_ids)) == sorted(picture_ids)
    for sequence_id in sequence_ids:
        me.delete_sequence(sequence_id)
    assert all(me.wait_deleted(s, timeout=60) for s in sequence_ids)


def other_account_token() -> str:
    """A token of a second local account (made if needed; from a chroot, through the
    host's instance control, as the other instance commands)."""
    done = run_instance_script("token", timeout=120, arguments=["qgis-other-user"])
    token = done.stdout.decode().strip().splitlines()[-1]
    assert token.count(".") == 2, done
    return token


def test_another_account_is_refused_with_the_server_message(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(api, local_instance.token)
    before = me.sequence(sequence_id)
    other = mine(api, other_account_token())

    with pytest.raises(NotOwnerError) as refused:
        other.patch_sequence(sequence_id, title="not mine", visibility="owner-only")
    assert "Only the owner can change the visibility and the title" in str(refused.value)
    with pytest.raises(NotOwnerError) as refused:
        other.delete_sequence(sequence_id)
    assert "not authorized" in str(refused.value)
    with pytest.raises(NotOwnerError) as refused:
        other.delete_picture(sequence_id, ids[0])
    assert "not authorized to edit this picture" in str(refused.value)
    with pytest.raises(NotOwnerError):
        other.patch_picture(sequence_id, ids[0], visibility="owner-only")
    with pytest.raises(AuthenticationError) as anonymous:
        mine(api, None).patch_sequence(sequence_id, title="anonymous")
    assert "sign in again" in str(anonymous.value)

    after = me.sequence(sequence_id)
    assert (after.title, after.visibility, after.picture_count) == (
        before.title,
        "anyone",
        2,
    )
    assert [p.visibility for p in me.iter_pictures(sequence_id)] == ["anyone", "anyone"]


def test_bad_input_is_not_sent_and_unusual_input_asks_first(local_instance, tmp_path, cleanup):
    api = local_instance.api
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(api, local_instance.token)
    picture = me.picture(sequence_id, ids[0])
    with pytest.raises(InvalidEditError):
        me.patch_picture(sequence_id, ids[0], heading=400)
    with pytest.raises(InvalidEditError):
        me.patch_sequence(sequence_id, title="   ")
    with pytest.raises(InvalidEditError):
        me.patch_sequence(sequence_id, visibility="friends-only")
    old = datetime(1985, 3, 1, 10, tzinfo=timezone.utc)
    with pytest.raises(ConfirmationNeeded):
        me.patch_picture(sequence_id, ids[0], capture_time=old)
    far = (picture.lon + 20, picture.lat)
    with pytest.raises(ConfirmationNeeded) as asked:
        me.patch_picture(
            sequence_id, ids[0], position=far, previous_position=(picture.lon, picture.lat)
        )
    assert " km " in str(asked.value)
    unchanged = me.picture(sequence_id, ids[0])
    assert (unchanged.heading, unchanged.datetime, unchanged.lon) == (
        picture.heading,
        picture.datetime,
        picture.lon,
    )
    confirmed = me.patch_picture(sequence_id, ids[0], capture_time=old, confirmed=True)
    assert confirmed.datetime.startswith("1985-03-01T10:00:00")


def test_upload_sets_listed_completed_and_deleted(local_instance, tmp_path):
    api = local_instance.api
    me = mine(api, local_instance.token)
    headers = {"Authorization": f"Bearer {local_instance.token}"}
    lat, lon = random.uniform(43.5, 49.0), random.uniform(-0.5, 6.0)
    shots = line_of_shots(lat, lon, 2, spacing_m=6.0)
    made = []
    for n, shot in enumerate(shots):
        title = f"it mine open {lat:.5f} {n}"
        body = {"title": title, "estimated_nb_files": 5}
        created = requests.post(f"{api}/upload_sets", json=body, headers=headers, timeout=30)
        created.raise_for_status()
        set_id = created.json()["id"]
        made.append(set_id)
        path = make_flat_jpeg(tmp_path / f"open{n}.jpg", shot)
        with path.open("rb") as stream:
            sent = requests.post(
                f"{api}/upload_sets/{set_id}/files",
                files={"file": (path.name, stream, "image/jpeg")},
                headers=headers,
                timeout=60,
            )
        assert sent.status_code == 202, sent.text
    sequences = []
    try:
        open_sets = {s["id"]: s for s in me.upload_sets()}
        assert set(made) <= set(open_sets)
        assert open_sets[made[0]]["completed"] is False
        files = me.upload_set_files(made[0])
        assert [f["file_name"] for f in files] == ["open0.jpg"]

        me.complete_upload_set(made[0])
        state = me.upload_set(made[0])
        assert state["completed"] is True
        me.delete_upload_set(made[1])
        with pytest.raises(NotFoundError):
            me.upload_set(made[1])
        assert made[1] not in {s["id"] for s in me.upload_sets()}
        every = {s["id"] for s in me.upload_sets(filter_text="dispatched = TRUE")}
        sequences = [c["id"] for c in me.upload_set(made[0]).get("associated_collections") or []]
        assert made[1] not in every
    finally:
        for set_id in made:
            requests.delete(f"{api}/upload_sets/{set_id}", headers=headers, timeout=30)
        delete_sequences(api, local_instance.token, sequences)


def test_changes_through_the_qgis_transport(local_instance, tmp_path, cleanup, qgis_app):
    """The same PATCH and DELETE through QGIS networking (on the main thread here)."""
    from panoramax_plugin.network.session import qgis_http_client

    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token, http=qgis_http_client(30))
    assert me.patch_sequence(sequence_id, title="through QGIS").title == "through QGIS"
    assert round(me.patch_picture(sequence_id, ids[0], heading=271).heading) == 271
    me.delete_sequence(sequence_id)
    assert me.wait_deleted(sequence_id, timeout=60)


def test_changes_from_a_qgis_task(local_instance, tmp_path, cleanup, qgis_app):
    """PATCH and DELETE through QGIS networking from a task's worker thread, as the UI will."""
    from qgis.core import QgsApplication

    from panoramax_plugin.background.core_task import CoreTask
    from panoramax_plugin.network.session import qgis_http_client
    from tests.qt_wait import run_until

    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)

    def work(task):
        me = mine(local_instance.api, local_instance.token, http=qgis_http_client(30))
        hidden = me.patch_sequence(sequence_id, visibility="owner-only").visibility
        heading = me.patch_picture(sequence_id, ids[1], heading=42).heading
        me.delete_sequence(sequence_id)
        return hidden, heading, me.wait_deleted(sequence_id, timeout=60)

    results, errors = [], []
    task = CoreTask("test mine", work, on_done=results.append, on_error=errors.append)
    QgsApplication.taskManager().addTask(task)
    run_until(qgis_app, lambda: results or errors, 90)
    assert errors == []
    assert results == [("owner-only", 42, True)]
