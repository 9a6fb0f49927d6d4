"""The tag dialog (reused by the annotation drawing), the tags section and the report
dialog without a server: live reasons, limits, markup kept as text, labels translated."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox, QLabel

from panoramax_plugin.core.semantics import MAX_KEY_LENGTH, MAX_VALUE_LENGTH, REPORT_ISSUES, Tag
from panoramax_plugin.plain_text import as_text
from panoramax_plugin.semantics import tag_dialog
from panoramax_plugin.semantics.labels import issue_labels, status_label
from panoramax_plugin.semantics.report_dialog import ReportDialog
from panoramax_plugin.semantics.tag_dialog import TagDialog, ask_tags
from panoramax_plugin.semantics.tags_section import PICTURE, SEQUENCE, TagsSection

HTML = "<b>bold</b><script>alert(1)</script>"


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_tag_dialog_checks_as_you_type_and_keeps_any_key():
    dialog = TagDialog(None, "Tags", initial=[Tag("osm|highway", "bus_stop")])
    assert dialog.key.completer().model().rowCount() > 5  # the common keys
    assert ok_button(dialog).isEnabled()  # the initial tag is enough
    dialog.key.setEditText("k" * (MAX_KEY_LENGTH + 1))
    dialog.value.setText("v")
    assert str(MAX_KEY_LENGTH) in dialog.reason.text()
    assert not ok_button(dialog).isEnabled() and not dialog.add_button.isEnabled()
    dialog.key.setEditText("my:own key")
    dialog.value.setText("v" * (MAX_VALUE_LENGTH + 1))
    assert str(MAX_VALUE_LENGTH) in dialog.reason.text()
    dialog.value.setText(HTML)
    assert dialog.reason.text() == ""
    dialog.add_button.click()
    assert dialog.list.item(1).text() == f"my:own key={HTML}"  # an item: plain text
    assert dialog.tags() == [Tag("osm|highway", "bus_stop"), Tag("my:own key", HTML)]
    dialog.key.setEditText("a=b")
    dialog.value.setText("x")
    assert "'='" in dialog.reason.text() and not ok_button(dialog).isEnabled()
    dialog.deleteLater()


def test_ask_tags_returns_the_tags_or_none(monkeypatch):
    answers = []

    def fake_exec(self):
        filled = answers.pop(0)
        if filled is None:
            return 0
        self.key.setEditText(filled.key)
        self.value.setText(filled.value)
        return 1

    monkeypatch.setattr(tag_dialog.TagDialog, "exec", fake_exec)
    answers[:] = [Tag("osm|amenity", "bench")]
    assert ask_tags(None, "Add") == [Tag("osm|amenity", "bench")]
    answers[:] = [None]
    assert ask_tags(None, "Add") is None
    answers[:] = [Tag("", "")]
    assert ask_tags(None, "Add") is None  # nothing typed, nothing listed


def test_tags_section_shows_markup_as_text_and_says_why_disabled():
    section = TagsSection()
    section.set_tags([Tag("panoramax:comment", HTML)], [Tag("panoramax:weather", "sunny")])
    table = section.table
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [HTML, "sunny"]
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in section.findChildren(QLabel)
    )
    assert section.body.isHidden()  # folded: the picture keeps the dock's height
    assert "2 tags" in section.toggle.text()
    section.toggle.click()
    assert not section.body.isHidden()
    section.set_allowed(False, "Sign in first.")
    assert not section.add_picture_button.isEnabled()
    assert section.reason.text() == "Sign in first."
    assert section.add_sequence_button.toolTip() == as_text("Sign in first.")
    hostile = "This picture lives on x<img src=q>y: sign in there."  # a federated via host
    section.set_allowed(False, hostile)
    assert section.add_sequence_button.toolTip() == as_text(hostile)
    assert "<img" not in section.add_sequence_button.toolTip()
    section.set_allowed(True, "")
    assert section.add_picture_button.isEnabled() and not section.remove_button.isEnabled()
    chosen = []
    section.remove_requested.connect(lambda scope, tag: chosen.append((scope, tag)))
    table.selectRow(1)
    section.remove_button.click()
    table.selectRow(0)
    section.remove_button.click()
    assert chosen == [
        (SEQUENCE, Tag("panoramax:weather", "sunny")),
        (PICTURE, Tag("panoramax:comment", HTML)),
    ]
    section.set_allowed(True, "", busy=True)
    assert not section.remove_button.isEnabled()
    section.deleteLater()


def test_report_dialog_offers_every_issue_with_a_label():
    labels = issue_labels()
    assert list(labels) == list(REPORT_ISSUES)
    assert len(set(labels.values())) == len(REPORT_ISSUES)
    assert status_label("closed_solved") != "closed_solved"
    dialog = ReportDialog(None, "pid", "sid", account="someone")
    assert [dialog.issue.itemData(i) for i in range(dialog.issue.count())] == list(REPORT_ISSUES)
    assert "someone" in dialog.sender_note.text()
    dialog.email.setText("me@example")
    assert not ok_button(dialog).isEnabled()
    dialog.email.setText("me@example.org")
    assert ok_button(dialog).isEnabled()
    dialog.whole_sequence.setChecked(True)
    dialog.issue.setCurrentIndex(REPORT_ISSUES.index("privacy"))
    dialog.comment.setPlainText("  at the window ")
    assert dialog.values() == ("privacy", "at the window", "me@example.org", True)
    dialog.deleteLater()


def test_replacing_puts_the_tag_in_the_fields_and_gives_the_edited_one():
    """Replace…: the chosen tag is in the key and value fields, not in the list, so that
    editing its value and pressing OK gives the new tag alone (sent as delete then add);
    its tooltip, like every server text, reads as typed."""
    from panoramax_plugin.plain_text import as_text

    old = Tag("osm|traffic_sign", "FR:B14[50]")
    dialog = TagDialog(None, "Replace", typed=old)
    assert dialog.listed() == [] and dialog.typed() == old
    assert dialog.tags() == [old] and ok_button(dialog).isEnabled()
    dialog.value.setText("FR:B14[30]")
    assert dialog.tags() == [Tag("osm|traffic_sign", "FR:B14[30]")]
    shown = as_text('a <a href="https://x">link</a>\nnext')
    assert Qt.mightBeRichText(shown) and "<a href" not in shown and "&lt;a href" in shown
