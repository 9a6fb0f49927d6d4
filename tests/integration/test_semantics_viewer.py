"""The viewer's tags section and reports (issue #14) against the local instance: tags
added, replaced and removed on the picture and the sequence, read back; markup in a value
shown as text; disabled with the reason when signed out; the server's refusal shown;
reports anonymous and signed, then listed in "My reports". Screenshots for a look."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel

from panoramax_plugin.core.semantics import Tag
from panoramax_plugin.semantics.report_dialog import ReportDialog
from panoramax_plugin.semantics.tags_section import PICTURE, SEQUENCE
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

from .seeding import delete_sequences
from .test_mine import fresh_sequence

pytestmark = pytest.mark.integration
ME = os.environ.get("PANORAMAX_USER", "qgis-tester")
SHOTS = Path(os.environ.get("PANORAMAX_SHOTS", "/tmp/shots-sem-write"))
HTML = '<b>bold</b><img src="x" onerror="alert(1)"><script>alert(2)</script>'


def open_and_wait(viewer, qgis_app, picture_id, sequence_id):
    viewer.open_id(picture_id, sequence_id)
    run_until(qgis_app, lambda: viewer.current is not None and viewer.current.id == picture_id)
    actions = viewer.semantics
    run_until(qgis_app, lambda: actions._read_job is None, 60)
    return viewer.current


def count_sequence_reads(actions) -> list:
    """The sequence ids whose tags ``actions`` reads from now on."""
    reads, make_reader = [], actions._reader

    def counting_reader(url):
        api = make_reader(url)
        read = api.sequence_tags
        api.sequence_tags = lambda sequence_id: (reads.append(sequence_id), read(sequence_id))[1]
        return api

    actions._reader = counting_reader
    return reads


def server_tags(api, sequence_id, picture_id=None):
    url = f"{api}/collections/{sequence_id}" + (f"/items/{picture_id}" if picture_id else "")
    body = requests.get(url, timeout=30).json()
    raw = body["properties"].get("semantics") if picture_id else body.get("semantics")
    return {(t["key"], t["value"]) for t in raw or []}


def rows(section):
    table = section.table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def choose(section, scope, tag):
    for row in range(section.table.rowCount()):
        if section.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == (scope, tag):
            section.table.selectRow(row)
            return
    raise AssertionError((scope, tag, rows(section)))


def test_tags_added_replaced_removed_from_the_viewer(desktop, local_instance, qgis_app, tmp_path):
    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it tag viewer")
    sequence_id = seeded.sequence_ids[0]
    typed = []
    try:
        with open_viewer(desktop, api, dock_size=(640, 900)) as viewer:
            actions = viewer.semantics
            actions.account_source = lambda url: (token, ME)
            actions.ask_tags = lambda parent, title, initial, **_: typed.pop(0)
            section = viewer.dock.tags_section
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            assert section.add_picture_button.isEnabled(), section.reason.text()
            assert rows(section) == []

            sign, html = Tag("osm|traffic_sign", "FR:B14[50]"), Tag("panoramax:comment", HTML)
            typed[:] = [[sign, html]]
            section.add_picture_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert server_tags(api, sequence_id, ids[0]) == {
                (sign.key, sign.value),
                (html.key, HTML),
            }
            assert set(rows(section)) == {
                (sign.key, sign.value, "picture"),
                (html.key, HTML, "picture"),
            }
            assert "saved" in viewer.said[-1][1]

            # the viewer moves on while the tag dialog is open: nothing is written anywhere
            def moved_on(parent, title, initial, **_):
                open_and_wait(viewer, qgis_app, ids[1], sequence_id)
                return [Tag("panoramax:moved", "no")]

            actions.ask_tags = moved_on
            section.add_picture_button.click()
            assert actions.job is None
            assert not {k for k, _v in server_tags(api, sequence_id, ids[1])} & {"panoramax:moved"}
            assert not {k for k, _v in server_tags(api, sequence_id, ids[0])} & {"panoramax:moved"}
            assert "moved to another picture" in viewer.said[-1][1]
            actions.ask_tags = lambda parent, title, initial, **_: typed.pop(0)
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)

            weather = Tag("panoramax:weather", "sunny")
            typed[:] = [[weather]]
            section.add_sequence_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert server_tags(api, sequence_id) == {(weather.key, weather.value)}
            assert (weather.key, weather.value, "sequence") in rows(section)

            # the next picture of the sequence: its own tags read, the sequence's known
            sequence_reads = count_sequence_reads(actions)
            open_and_wait(viewer, qgis_app, ids[1], sequence_id)
            assert rows(section) == [(weather.key, weather.value, "sequence")]
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            assert (weather.key, weather.value, "sequence") in rows(section)
            assert (sign.key, sign.value, "picture") in rows(section)
            assert sequence_reads == []
            actions._sequence_tags_read.clear()  # as after a minute: read again
            open_and_wait(viewer, qgis_app, ids[1], sequence_id)
            assert sequence_reads == [sequence_id]
            assert rows(section) == [(weather.key, weather.value, "sequence")]
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)

            # replace: the chosen tag deleted, the edited one added
            new_sign = Tag(sign.key, "FR:B14[30]")
            choose(section, PICTURE, sign)
            typed[:] = [[new_sign]]
            section.replace_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert server_tags(api, sequence_id, ids[0]) == {
                (new_sign.key, new_sign.value),
                (html.key, HTML),
            }

            # markup stays text: in the table item and everywhere else in the section
            section.set_expanded(True)
            section.show()
            SHOTS.mkdir(parents=True, exist_ok=True)
            assert section.grab().save(str(SHOTS / "tags-section.png"))
            assert any(row[1] == HTML for row in rows(section))
            for label in section.findChildren(QLabel):
                assert label.textFormat() == Qt.TextFormat.PlainText

            for scope, tag in ((PICTURE, new_sign), (PICTURE, html), (SEQUENCE, weather)):
                choose(section, scope, tag)
                section.remove_button.click()
                run_until(qgis_app, lambda: actions.job is None, 60)
            assert server_tags(api, sequence_id, ids[0]) == set()
            assert server_tags(api, sequence_id) == set()
            assert rows(section) == []
    finally:
        delete_sequences(api, token, [sequence_id])


def test_disabled_when_signed_out_and_refusal_shown(desktop, local_instance, qgis_app, tmp_path):
    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it tag out")
    sequence_id = seeded.sequence_ids[0]
    try:
        with open_viewer(desktop, api) as viewer:
            actions = viewer.semantics
            section = viewer.dock.tags_section
            actions.account_source = lambda url: ("", "")
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            assert not section.add_picture_button.isEnabled()
            draw = viewer.dock.draw_annotation_button  # annotating follows tagging
            assert not draw.isEnabled() and "Sign in" in draw.toolTip()
            assert not section.add_sequence_button.isEnabled()
            assert "Sign in" in section.reason.text()
            assert "Sign in" in section.add_picture_button.toolTip()
            assert section.report_button.isEnabled()  # anonymous reports are allowed
            assert not section.my_reports_button.isEnabled()
            assert actions.add(PICTURE) is None  # refused before anything

            # a token the instance does not accept: its message reaches the message bar
            actions.account_source = lambda url: ("not.a.token", ME)
            actions.update()
            assert section.add_picture_button.isEnabled()
            actions.ask_tags = lambda parent, title, initial, **_: [Tag("osm|highway", "bus_stop")]
            section.add_picture_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            level, message = viewer.said[-1]
            assert "sign in again" in message and level == Qgis.MessageLevel.Warning, viewer.said
            assert "kept" in message  # what was typed is not lost
            assert viewer.dock.status.text() == message
            assert server_tags(api, sequence_id, ids[0]) == set()

            # signed in again: the dialog opens with the tags typed before, sent as they are
            offered = []

            def ask(parent, title, initial, **_):
                offered.append(tuple(initial))
                return list(initial)

            actions.account_source = lambda url: (token, ME)
            actions.ask_tags = ask
            section.add_picture_button.click()
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert offered == [(Tag("osm|highway", "bus_stop"),)]
            assert server_tags(api, sequence_id, ids[0]) == {("osm|highway", "bus_stop")}
            assert actions.unsent == {}  # sent: nothing kept any more
    finally:
        delete_sequences(api, token, [sequence_id])


class FakeReportDialog(ReportDialog):
    """The real dialog, filled in and accepted without a user."""

    answers: list = []

    def exec(self):
        issue, comment, email, whole = self.answers.pop(0)
        self.issue.setCurrentIndex(self.issue.findData(issue))
        self.comment.setPlainText(comment)
        self.email.setText(email)
        self.whole_sequence.setChecked(whole)
        return 1


def test_report_anonymous_and_signed_then_my_reports(desktop, local_instance, qgis_app, tmp_path):
    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it report ui")
    sequence_id = seeded.sequence_ids[0]
    try:
        with open_viewer(desktop, api) as viewer:
            actions = viewer.semantics
            actions.account_source = lambda url: ("", "")
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)

            dialog = ReportDialog(viewer.dock, ids[0], sequence_id, "")
            dialog.comment.setPlainText("A <b>face</b> near the door")
            dialog.email.setText("not an address")
            dialog.show()
            assert "e-mail" in dialog.reason.text()
            assert "anonymously" in dialog.sender_note.text()
            assert dialog.grab().save(str(SHOTS / "report-dialog.png"))
            dialog.deleteLater()

            FakeReportDialog.answers = [("blur_missing", "anonymous from QGIS", "", False)]
            job = actions.report(dialog_factory=FakeReportDialog)
            run_until(qgis_app, lambda: job.finished, 60)
            assert "Report sent" in viewer.said[-1][1], viewer.said

            actions.account_source = lambda url: (token, ME)
            actions.update()
            assert viewer.dock.tags_section.my_reports_button.isEnabled()
            FakeReportDialog.answers = [("mislocated", "signed <i>from QGIS</i>", "", True)]
            job = actions.report(dialog_factory=FakeReportDialog)
            run_until(qgis_app, lambda: job.finished, 60)
            assert "Report sent" in viewer.said[-1][1], viewer.said

            job = actions.show_my_reports()
            run_until(qgis_app, lambda: job.finished, 60)
            table = actions.reports_dialog.table
            cells = [table.item(r, 4).text() for r in range(table.rowCount())]
            assert "signed <i>from QGIS</i>" in cells  # mine, as text
            assert "anonymous from QGIS" in cells  # about my picture (owner = me)
            assert actions.reports_dialog.grab().save(str(SHOTS / "my-reports.png"))
    finally:
        delete_sequences(api, token, [sequence_id])


def test_a_federated_pictures_tags_go_to_its_own_instance(
    desktop, local_instance, qgis_app, tmp_path
):
    """Browsing a read-only federated catalog, a picture with a ``via`` link to its own
    instance is tagged there, with the account of that instance only; signed out there,
    the reason names the instance."""
    import dataclasses

    from panoramax_plugin.core.instances import KNOWN_INSTANCES

    api, token = local_instance.api, local_instance.token
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="it tag via")
    sequence_id = seeded.sequence_ids[0]
    asked = []
    try:
        with open_viewer(desktop, api) as viewer:
            actions = viewer.semantics
            open_and_wait(viewer, qgis_app, ids[0], sequence_id)
            catalog = next(i for i in KNOWN_INSTANCES if i.read_only)
            viewer.instance = catalog  # as if read from the federated catalog
            viewer.api_url = "http://127.0.0.1:9/api"  # the catalog: never asked here
            viewer.current = dataclasses.replace(
                viewer.current, home_url=f"{api}/collections/{sequence_id}/items/{ids[0]}"
            )

            def account(url):
                asked.append(url)
                return (token, ME) if url == api else ("", "")

            actions.account_source = account
            assert actions.reason(viewer.current) == ""
            actions.ask_tags = lambda parent, title, initial, **_: [Tag("osm|highway", "bus_stop")]
            assert actions.add(PICTURE) is not None
            run_until(qgis_app, lambda: actions.job is None, 60)
            assert server_tags(api, sequence_id, ids[0]) == {("osm|highway", "bus_stop")}
            assert api in asked  # the token looked up for the home instance

            actions.account_source = lambda url: ("", "")
            reason = actions.reason(viewer.current)
            assert "127.0.0.1:5000" in reason, reason
            viewer.current = dataclasses.replace(viewer.current, home_url=None)
            assert "Read-only" in actions.reason(viewer.current)
    finally:
        delete_sequences(api, token, [sequence_id])
