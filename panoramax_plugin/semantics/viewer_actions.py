"""Wires the viewer's tags section to the open picture: reads its tags, changes them,
reports the picture, lists my reports.

Tags: anyone signed in on the picture's own instance may change them (GeoVisio 2.15.1),
so the buttons need a token for that instance, not ownership; a picture read from a
federated catalog is tagged on its own instance (its ``via`` link) when the user is signed
in there. Reports go to the
picture's home instance, anonymously when signed out there. Widgets on the main thread;
every network call is a background job; no exception leaves a slot.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QDialog, QMessageBox

from ..background import job_pool as background
from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.semantics import Tag, tag_changes
from ..core.semantics_api import SemanticsApi, SignInNeeded, home_api_url
from ..network.session import signed_client
from ..plain_text import as_text
from ..upload.token_store import stored_account
from .report_dialog import ReportDialog
from .reports_dialog import MyReportsDialog
from .tag_dialog import ask_tags
from .tags_section import PICTURE

SEQUENCE_TAGS_FOR_S = 60.0
"""How long a sequence's tags, once read, stand for every picture of it shown."""


class SemanticsActions(QObject):
    """The tags section of ``controller``'s dock, kept in step with its open picture."""

    def __init__(self, controller, section, account_source=stored_account, tags_source=None):
        super().__init__(controller)
        self.controller = controller
        self.section = section
        self.account_source = account_source  # api_url -> (token, account name)
        self.ask_tags = tags_source or ask_tags  # (parent, title, initial, typed=) -> [Tag]|None
        self.sign_in = None  # optional callable: opens the sign-in (the upload dialog)
        self.job = None  # the running change
        self._read_job = None
        self.reports_dialog = None
        self._draw_tip = None  # the dock's own tooltip of "Draw box"
        self.picture_tags: tuple = ()
        self.sequence_tags: tuple = ()
        self._sequence_tags_read: dict = {}  # (api, sequence id) -> (tags, monotonic time)
        self.unsent: dict = {}  # (picture id, scope) -> tags typed whose sending failed
        section.add_requested.connect(lambda scope: self._guard(self.add, scope))
        section.remove_requested.connect(lambda scope, tag: self._guard(self.remove, scope, tag))
        section.replace_requested.connect(lambda scope, tag: self._guard(self.replace, scope, tag))
        section.report_requested.connect(lambda: self._guard(self.report))
        section.my_reports_requested.connect(lambda: self._guard(self.show_my_reports))
        controller.picture_shown.connect(lambda picture: self._guard(self.picture_opened, picture))
        self.update()

    # --- who may act ------------------------------------------------------------------------
    def home(self, picture) -> str:
        """The API of the picture's own instance."""
        return home_api_url(picture.home_url, picture.instance_url or self.controller.api_url or "")

    def reason(self, picture) -> str:
        """Why the user may not change ``picture``'s tags ("" when they may).

        A picture read from a federated catalog is tagged on its own instance (its
        ``via`` link), with the account signed in there; a read-only catalog's picture
        without that link cannot be tagged from here."""
        if picture is None:
            return ""
        instance = self.controller.instance
        read_only = instance is not None and getattr(instance, "read_only", False)
        if read_only and not picture.home_url:
            return self.tr("Read-only catalog: open this picture on its own instance to tag it.")
        home = self.home(picture)
        token, _account = self.account_source(home)
        if token:
            return ""
        if picture.home_url:
            return self.tr(
                "This picture lives on {host}: choose that instance once and sign in there "
                "(Upload pictures…) to tag it from here."
            ).format(host=urlsplit(home).netloc or home)
        return self.tr("Sign in (Upload pictures…) to add or remove tags.")

    def update(self) -> None:
        picture = self.controller.current
        reason = self.reason(picture)
        allowed = picture is not None and not reason
        self.section.set_allowed(allowed, reason, busy=self.job is not None)
        self._update_draw_button(allowed, reason)
        api_url = self.controller.api_url or ""
        signed_here = bool(api_url and self.account_source(api_url)[0])
        self.section.set_report_allowed(
            picture is not None,
            signed_here,
            self.tr("Sign in (Upload pictures…) to see your reports."),
        )

    def _update_draw_button(self, allowed: bool, reason: str) -> None:
        """Annotating follows the tagging rule: "Draw box" is off, with the reason, when
        the user may not tag this picture."""
        button = getattr(self.controller.dock, "draw_annotation_button", None)
        if button is None:
            return
        if self._draw_tip is None:
            self._draw_tip = button.toolTip()
        if not allowed and button.isChecked():
            button.setChecked(False)
        button.setEnabled(allowed)
        button.setToolTip(self._draw_tip if allowed else as_text(reason))  # a host

    def _reader(self, api_url: str) -> SemanticsApi:
        """Reads as the viewer reads: with the owner's token to their own instance (their
        hidden pictures), as anybody once the instance refuses it (an expired sign-in must
        not hide the tags of public pictures)."""
        return SemanticsApi(PanoramaxClient(api_url, http=self.controller.reads_http()))

    def _api(self, api_url: str, signed: bool = True) -> SemanticsApi:
        token = self.account_source(api_url)[0] if signed else ""
        return SemanticsApi(signed_client(api_url, token, self.controller.settings.timeout_s))

    # --- reading ----------------------------------------------------------------------------
    def picture_opened(self, picture) -> None:
        self.update()
        if self._read_job is not None:
            self._read_job.cancel()
        self.picture_tags = self.sequence_tags = ()
        if picture.tags:  # what the search or the item said: shown until read afresh
            self.section.set_tags(tuple(picture.tags), ())
        else:
            self.section.set_tags()
        self.section.set_message(self.tr("Reading the tags…"))
        home = self.home(picture)
        api = self._reader(home)
        known = self._known_sequence_tags(home, picture.sequence_id)

        def work(job):
            tags = api.picture_tags(picture.sequence_id, picture.id)[0]
            job.check_canceled()
            if known is not None or not picture.sequence_id:
                return tags, known or (), False
            return tags, api.sequence_tags(picture.sequence_id), True

        def done(result):
            self._read_job = None
            tags, sequence, fresh = result
            if fresh:
                self._remember_sequence_tags(home, picture.sequence_id, sequence)
            self._show_tags(picture, tags, sequence)

        def failed(error):
            self._read_job = None
            if self._is_current(picture):
                self.section.set_message(self._message(error))

        self._read_job = background.start(
            background.Job(self.tr("Reading a Panoramax picture's tags"), work, done, failed)
        )

    def _known_sequence_tags(self, home: str, sequence_id):
        """The sequence's tags read less than SEQUENCE_TAGS_FOR_S ago (stepping through a
        sequence reads them once, not at every picture); None when they must be read."""
        known = self._sequence_tags_read.get((home, sequence_id))
        if known is None or time.monotonic() - known[1] > SEQUENCE_TAGS_FOR_S:
            return None
        return known[0]

    def _remember_sequence_tags(self, home: str, sequence_id, tags) -> None:
        if not sequence_id:
            return
        read = self._sequence_tags_read
        read.pop((home, sequence_id), None)
        read[(home, sequence_id)] = (tuple(tags), time.monotonic())
        while len(read) > 32:
            read.pop(next(iter(read)))

    def _is_current(self, picture) -> bool:
        current = self.controller.current
        return self.controller.alive and current is not None and current.id == picture.id

    def _show_tags(self, picture, picture_tags, sequence_tags) -> None:
        if not self._is_current(picture):
            return
        self.picture_tags, self.sequence_tags = tuple(picture_tags), tuple(sequence_tags)
        self.section.set_tags(self.picture_tags, self.sequence_tags)

    # --- changing ---------------------------------------------------------------------------
    def _may_change(self) -> bool:
        picture = self.controller.current
        return picture is not None and self.job is None and not self.reason(picture)

    def add(self, scope: str):
        if not self._may_change():
            return None
        title = (
            self.tr("Tags to add to the picture")
            if scope == PICTURE
            else self.tr("Tags to add to the whole sequence")
        )
        asked = self.controller.current
        kept = self.unsent.get(self._unsent_key(asked, scope), ())  # typed, not sent before
        tags = self.ask_tags(self.controller.dock, title, kept)
        if not tags or not self._still_shown(asked):
            return None
        existing = self.picture_tags if scope == PICTURE else self.sequence_tags
        new = [tag for tag in tags if tag not in existing]
        if not new:
            self._said(self.tr("These tags are already there."))
            return None
        return self._change(scope, tag_changes(add=new), asked, typed=tuple(tags))

    def remove(self, scope: str, tag: Tag):
        return self._change(scope, tag_changes(remove=[tag]))

    def replace(self, scope: str, tag: Tag):
        """The user edits the chosen tag: what disappeared is deleted, then what is new added."""
        if not self._may_change():
            return None
        asked = self.controller.current
        tags = self.ask_tags(self.controller.dock, self.tr("Replace the tag"), (), typed=tag)
        if not tags or not self._still_shown(asked):
            return None
        if tag in tags:  # kept as it was: only what is new is added
            changes = tag_changes(add=[t for t in tags if t != tag])
        else:
            changes = tag_changes(add=tags, remove=[tag])
        if not changes:
            self._said(self.tr("The tag is unchanged."))
            return None
        return self._change(scope, changes, asked)

    def _still_shown(self, asked) -> bool:
        """The picture the user was asked about is still the one shown (playing, or an
        item arriving, moves the viewer on while a dialog is open); else say so."""
        if asked is not None and self._is_current(asked):
            return True
        if asked is not None:
            self._warn(
                self.tr(
                    "The viewer moved to another picture while you typed: nothing was "
                    "changed. Open picture {id} and try again."
                ).format(id=asked.id)
            )
        return False

    @staticmethod
    def _unsent_key(picture, scope: str) -> tuple:
        """Tags typed for a sequence stay with the sequence, for a picture with it."""
        if picture is None:
            return (None, scope)
        return (picture.id if scope == PICTURE else picture.sequence_id, scope)

    def _change(self, scope: str, changes: list, asked=None, typed=()):
        picture = self.controller.current
        if asked is not None and not self._still_shown(asked):
            return None
        if picture is None or self.job is not None or self.reason(picture) or not changes:
            return None
        home = self.home(picture)
        api = self._api(home)
        picture_tags, sequence_tags = self.picture_tags, self.sequence_tags  # main thread

        def work(job):
            if scope == PICTURE:
                tags = api.edit_picture_tags(picture.sequence_id, picture.id, changes)
                return tags, sequence_tags
            return picture_tags, api.edit_sequence_tags(picture.sequence_id, changes)

        def done(result):
            self.job = None
            if not self.controller.alive:
                return
            if scope != PICTURE:
                self._remember_sequence_tags(home, picture.sequence_id, result[1])
            self.unsent.pop(self._unsent_key(picture, scope), None)
            self._show_tags(picture, *result)
            self.update()
            self._said(
                self.tr("Tags of picture {id} saved.").format(id=picture.id)
                if scope == PICTURE
                else self.tr("Tags of sequence {id} saved.").format(id=picture.sequence_id)
            )

        def failed(error):
            self.job = None
            self._sequence_tags_read.pop((home, picture.sequence_id), None)  # may be half done
            if typed:  # what the user typed is kept for the next time the dialog opens
                self.unsent[self._unsent_key(picture, scope)] = tuple(typed)
            if self.controller.alive:
                self._failed(error, self._kept_text(scope) if typed else "")
                self.update()

        self.job = background.start(
            background.Job(self.tr("Changing Panoramax tags"), work, done, failed)
        )
        self.update()
        return self.job

    # --- reports ----------------------------------------------------------------------------
    def report(self, dialog_factory=ReportDialog):
        picture = self.controller.current
        if picture is None:
            return None
        api_url = self.home(picture)
        token, account = self.account_source(api_url)
        dialog = dialog_factory(
            self.controller.dock, picture.id, picture.sequence_id, account if token else ""
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            issue, comment, email, whole = dialog.values()
        finally:
            dialog.deleteLater()
        api = self._api(api_url, signed=bool(token))

        def work(job):
            return api.report(
                issue,
                picture_id=None if whole else picture.id,
                sequence_id=picture.sequence_id,
                comment=comment or None,
                email=email or None,
                signed=bool(token),
            )

        def done(report):
            self._said(
                self.tr("Report sent to the instance's moderators (status: {status}).").format(
                    status=report.status
                )
            )

        def failed(error):
            if isinstance(error, SignInNeeded):
                self._offer_sign_in(str(error))
            else:
                self._failed(error)

        return background.start(
            background.Job(self.tr("Sending a Panoramax report"), work, done, failed)
        )

    def _offer_sign_in(self, message: str) -> None:
        self.controller.logger.warning(message)
        if self.sign_in is None:
            QMessageBox.information(
                self.controller.dock, self.tr("Sign in to report"), as_text(message)
            )
            return
        answer = QMessageBox.question(
            self.controller.dock,
            self.tr("Sign in to report"),
            as_text(message + "\n\n" + self.tr("Sign in now?")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.sign_in()

    def show_my_reports(self):
        api_url = self.controller.api_url
        if not api_url or not self.account_source(api_url)[0]:
            return None
        if self.reports_dialog is None:
            self.reports_dialog = MyReportsDialog(self.controller.dock, api_url)
        dialog = self.reports_dialog
        dialog.set_message(self.tr("Loading the reports of {instance}…").format(instance=api_url))
        dialog.show()
        dialog.raise_()
        api = self._api(api_url)

        def done(reports):
            if self.reports_dialog is dialog:
                dialog.set_reports(reports)

        def failed(error):
            if self.reports_dialog is dialog:
                dialog.set_message(self._message(error))
            self._failed(error)

        return background.start(
            background.Job(
                self.tr("Reading my Panoramax reports"), lambda job: api.my_reports(), done, failed
            )
        )

    # --- messages ---------------------------------------------------------------------------
    @staticmethod
    def _message(error) -> str:
        return str(error) if isinstance(error, PanoramaxError) else repr(error)

    def _failed(self, error, then: str = "") -> None:
        message = " ".join(part for part in (self._message(error), then) if part)
        self.controller.dock.set_status(message)
        self.controller.logger.warning(message)  # also in the message bar

    def _said(self, text: str) -> None:
        self.controller.dock.set_status(text)
        self.controller.logger.success(text)

    def _kept_text(self, scope: str) -> str:
        """After a failed send: where the typed tags wait."""
        if scope == PICTURE:
            return self.tr("The tags you typed are kept: Tag picture… brings them back.")
        return self.tr("The tags you typed are kept: Tag sequence… brings them back.")

    def _warn(self, text: str) -> None:
        self.controller.dock.set_status(text)
        self.controller.logger.warning(text)

    def _guard(self, slot, *args):
        """Run a slot; an unexpected error is logged, never raised into Qt."""
        try:
            return slot(*args)
        except Exception as error:  # a slot must not raise (QGIS would show a Python error)
            self._failed(error)
            return None

    def cancel(self) -> None:
        for job in (self.job, self._read_job):
            if job is not None:
                job.cancel()
        self.job = self._read_job = None
        if self.reports_dialog is not None:
            self.reports_dialog.close()
            self.reports_dialog = None
