"""The viewer's own actions on the open picture (issue #15, item 6) against the local
instance: hide, fix heading (the map cone follows), delete with confirmation, each read
back; disabled with the reason for another account's picture or nobody signed in."""

from __future__ import annotations

import os

import pytest
import requests

from tests.instance_control import run_instance_script
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

from .seeding import delete_sequences
from .test_mine import fresh_sequence

pytestmark = pytest.mark.integration
ME = os.environ.get("PANORAMAX_USER", "qgis-tester")


def open_and_wait(viewer, qgis_app, picture_id, sequence_id):
    viewer.open_id(picture_id, sequence_id)
    run_until(qgis_app, lambda: viewer.current is not None and viewer.current.id == picture_id)
    assert viewer.current is not None and viewer.current.id == picture_id, viewer.said
    return viewer.current


def item(api, token, sequence_id, picture_id):
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(
        f"{api}/collections/{sequence_id}/items/{picture_id}", headers=headers, timeout=30
    )


def test_hide_fix_heading_and_delete_my_picture(desktop, local_instance, qgis_app, tmp_path):
    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=3, title="it viewer own")
    sequence_id = seeded.sequence_ids[0]
    answers = []
    try:
        with open_viewer(desktop, api) as viewer:
            actions = viewer.own_actions
            actions.account_source = lambda url: (token, ME)
            actions.ask = lambda title, text: answers.pop(0)
            row = viewer.dock.own_actions
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            assert row.hide_button.isEnabled() and row.heading_button.isEnabled(), row.reason.text()

            job = actions.hide()
            assert job is not None
            run_until(qgis_app, lambda: actions.job is None, 60)
            hidden = item(api, token, sequence_id, ids[0]).json()
            assert hidden["properties"]["geovisio:visibility"] == "owner-only"
            assert "hidden" in viewer.said[-1][1]

            row.heading.setValue(200)
            row.heading_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert (
                round(item(api, token, sequence_id, ids[0]).json()["properties"]["view:azimuth"])
                == 200
            )
            assert round(viewer.current.heading) == 200
            assert round(viewer.map_sync.last[2]) == 200  # the cone follows

            # the viewer moves on (playing, an item arriving) while the question is open:
            # the picture asked about is not the one shown any more, nothing is deleted
            open_and_wait(viewer, qgis_app, ids[2], sequence_id)

            def moved_on_then_yes(title, text):
                assert ids[2] in text
                open_and_wait(viewer, qgis_app, ids[1], sequence_id)
                return True

            actions.ask = moved_on_then_yes
            assert actions.delete() is None
            assert item(api, token, sequence_id, ids[2]).status_code == 200
            assert item(api, token, sequence_id, ids[1]).status_code == 200
            assert "moved to another picture" in viewer.dock.status.text()
            actions.ask = lambda title, text: answers.pop(0)

            answers[:] = [False]
            assert actions.delete() is None  # the user said no
            assert item(api, token, sequence_id, ids[1]).status_code == 200
            answers[:] = [True]
            assert actions.delete() is not None
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert item(api, token, sequence_id, ids[1]).status_code == 404
            assert "deleted" in viewer.said[-1][1]
    finally:
        delete_sequences(api, token, [sequence_id])


def test_actions_disabled_for_another_account_or_when_signed_out(
    desktop, local_instance, qgis_app, tmp_path
):
    api, token = local_instance.api, local_instance.token
    done = run_instance_script("token", timeout=120, arguments=["qgis-other-user"])
    other = done.stdout.decode().strip().splitlines()[-1]
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it not yours")
    sequence_id = seeded.sequence_ids[0]
    try:
        with open_viewer(desktop, api) as viewer:
            actions = viewer.own_actions
            row = viewer.dock.own_actions
            actions.account_source = lambda url: (other, "qgis-other-user")
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            assert not row.hide_button.isEnabled()
            assert not row.delete_button.isEnabled()
            assert not row.heading_button.isEnabled()
            assert ME in row.reason.text()
            assert actions.hide() is None  # refused before any request

            # the producer unknown: tried, and the server's refusal shown
            actions.reason = lambda picture: ""
            actions.hide()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert (
                item(api, token, sequence_id, ids[0]).json()["properties"]["geovisio:visibility"]
                == "anyone"
            )
            assert "another account" in viewer.said[-1][1]
            del actions.reason

            actions.account_source = lambda url: ("", "")
            actions.update()
            assert not row.hide_button.isEnabled()
            assert "Sign in" in row.reason.text()
    finally:
        delete_sequences(api, token, [sequence_id])


def test_my_hidden_pictures_open_in_the_viewer_when_signed_in(
    desktop, local_instance, qgis_app, tmp_path
):
    """A hidden picture answers 404 to anybody, its files too: signed in, the viewer reads
    it with the owner's token. A token the instance refuses (expired) is dropped at once:
    public pictures still open."""
    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it hidden")
    sequence_id = seeded.sequence_ids[0]
    headers = {"Authorization": f"Bearer {token}"}
    hidden = requests.patch(
        f"{api}/collections/{sequence_id}/items/{ids[0]}",
        json={"visibility": "owner-only"},
        headers=headers,
        timeout=30,
    )
    assert hidden.status_code == 200
    anybody = requests.get(f"{api}/collections/{sequence_id}/items/{ids[0]}", timeout=30)
    assert anybody.status_code == 404
    try:
        with open_viewer(desktop, api) as viewer:
            viewer.account_source = lambda url: ("", "")  # signed out: not found
            viewer.open_id(ids[0], sequence_id)
            run_until(qgis_app, lambda: "does not exist" in viewer.dock.status.text(), 30)
            assert viewer.current is None or viewer.current.id != ids[0]

            viewer.account_source = lambda url: (token, ME)  # signed in: it opens
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            run_until(qgis_app, lambda: (ids[0], "sd") in viewer.images, 60)
            section = viewer.dock.tags_section  # its tags are read too
            run_until(qgis_app, lambda: viewer.semantics._read_job is None, 30)
            assert "No tag" in section.message.text(), section.message.text()

            viewer.account_source = lambda url: ("expired.token.value", ME)
            viewer.prefetched.clear()
            viewer.loader.cache.clear()
            open_and_wait(viewer, qgis_app, ids[1], sequence_id)  # public: still opens
            run_until(qgis_app, lambda: (ids[1], "sd") in viewer.images, 60)
            run_until(qgis_app, lambda: viewer.semantics._read_job is None, 30)
            assert "No tag" in section.message.text(), section.message.text()  # read too
            assert viewer.token_refusals.refused("expired.token.value")
    finally:
        delete_sequences(api, token, [sequence_id])
