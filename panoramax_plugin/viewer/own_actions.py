"""The open picture's own actions (issue #15, item 6): hide, delete, fix heading, for the
signed-in user's pictures only.

Ownership: the item's ``providers`` name (``Picture.producer``) against the account
signed in on that instance (the upload dialog's token store). A picture without a
producer is tried: the server's refusal (``NotOwnerError``) is shown. Widgets on the main
thread; each change is a background job (PATCH or DELETE, then read back).
"""

from __future__ import annotations

from dataclasses import replace

from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QMessageBox

from ..background import job_pool as background
from ..core.errors import NotFoundError, PanoramaxError
from ..core.mine import MyPictures
from ..network.session import signed_client
from ..plain_text import as_text
from ..upload.token_store import stored_account


class OwnActions(QObject):
    """Wires the dock's ``own_actions`` row to ``controller``'s open picture."""

    def __init__(self, controller, account_source=stored_account, ask=None):
        super().__init__(controller)
        self.controller = controller
        self.row = controller.dock.own_actions
        self.account_source = account_source  # api_url -> (token, account name)
        self.ask = ask or self._ask  # (title, text) -> bool
        self.job = None
        self.row.hide_requested.connect(self.hide)
        self.row.delete_requested.connect(self.delete)
        self.row.heading_requested.connect(self.fix_heading)

    # --- who may act ------------------------------------------------------------------------
    def reason(self, picture) -> str:
        """Why the user may not change ``picture`` ("" when they may)."""
        controller = self.controller
        instance = controller.instance
        if picture is None:
            return ""
        if picture.home_url or (instance is not None and getattr(instance, "read_only", False)):
            return self.tr("Read-only catalog: open this picture on its own instance to change it.")
        token, account = self.account_source(controller.api_url or "")
        if not token:
            return self.tr("Sign in (Upload pictures…) to hide, delete or fix your pictures.")
        if picture.producer and account and picture.producer != account:
            return self.tr("Not yours: this picture belongs to {owner}.").format(
                owner=picture.producer
            )
        return ""

    def update(self) -> None:
        picture = self.controller.current
        reason = self.reason(picture)
        self.row.set_allowed(picture is not None and not reason, reason, busy=self.job is not None)
        if picture is not None:
            self.row.set_heading(picture.heading)

    # --- actions ----------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.controller.dock,
            title,
            as_text(text),  # a title from the server reads as typed
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _mine(self) -> MyPictures:
        api_url = self.controller.api_url
        token, _account = self.account_source(api_url)
        return MyPictures(signed_client(api_url, token, self.controller.settings.timeout_s))

    def _start(self, description: str, work, on_done, confirmed=None):
        """Run ``work`` on the picture shown; ``confirmed``: the picture the user was asked
        about, which must still be the one shown (the viewer may have moved on, playing or
        loading, while the question was open)."""
        picture = self.controller.current
        if confirmed is not None and (picture is None or picture.id != confirmed.id):
            self._warn(
                self.tr(
                    "The viewer moved to another picture while you were asked: nothing was "
                    "changed. Open picture {id} and try again."
                ).format(id=confirmed.id)
            )
            return None
        if picture is None or self.job is not None or self.reason(picture):
            return None
        mine = self._mine()

        def done(result):
            self.job = None
            if self.controller.alive:
                on_done(picture, result)
                self.update()

        def failed(error):
            self.job = None
            message = str(error) if isinstance(error, PanoramaxError) else repr(error)
            if self.controller.alive:
                self.controller.dock.set_status(message)
                self.controller.logger.warning(message)
                self.update()

        self.job = background.start(
            background.Job(description, lambda job: work(mine, picture), done, failed)
        )
        self.update()
        return self.job

    def hide(self):
        def work(mine, picture):
            mine.patch_picture(picture.sequence_id, picture.id, visibility="owner-only")
            return mine.picture(picture.sequence_id, picture.id)  # read back

        def done(picture, after):
            self._said(
                self.tr("Picture {id} hidden: only you see it now (visibility: {value}).").format(
                    id=picture.id, value=after.visibility
                )
            )

        return self._start(self.tr("Hiding a Panoramax picture"), work, done)

    def fix_heading(self, heading: int):
        def work(mine, picture):
            mine.patch_picture(picture.sequence_id, picture.id, heading=heading)
            return mine.picture(picture.sequence_id, picture.id)

        def done(picture, after):
            current = self.controller.current
            if current is not None and current.id == picture.id and after.heading is not None:
                self.controller.heading_fixed(replace(current, heading=after.heading))
            self._said(
                self.tr("Heading of picture {id} set to {heading}°.").format(
                    id=picture.id, heading=f"{after.heading:.0f}"
                )
            )

        return self._start(self.tr("Fixing a Panoramax picture's heading"), work, done)

    def delete(self):
        picture = self.controller.current
        if picture is None or self.reason(picture) or self.job is not None:
            return None
        if not self.ask(
            self.tr("Delete the picture"),
            self.tr("Delete picture {id} from the instance? This cannot be undone.").format(
                id=picture.id
            ),
        ):
            return None

        def work(mine, picture):
            mine.delete_picture(picture.sequence_id, picture.id)
            try:
                mine.picture(picture.sequence_id, picture.id)
            except NotFoundError:
                return True
            return False

        def done(picture, gone):
            if gone:
                self._said(self.tr("Picture {id} deleted.").format(id=picture.id))
            else:
                self._said(
                    self.tr("Picture {id}: deletion asked; the instance still shows it.").format(
                        id=picture.id
                    )
                )

        return self._start(self.tr("Deleting a Panoramax picture"), work, done, confirmed=picture)

    def _said(self, text: str) -> None:
        self.controller.dock.set_status(text)
        self.controller.logger.success(text)

    def _warn(self, text: str) -> None:
        self.controller.dock.set_status(text)
        self.controller.logger.warning(text)

    def cancel(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.cancel()
