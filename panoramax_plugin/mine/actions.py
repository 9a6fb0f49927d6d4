"""The "My pictures" actions: hide / show, delete, rename, headings, order, capture time.

Each works on given ids or on the selected features of the my-pictures layers, checks
the input first (problems shown, unusual values confirmed: ``message_box`` is injectable
for tests), sends the changes from a ``CoreTask`` a few at a time (``WORKERS`` Qt threads,
each with its own QGIS HTTP client), reads the result back and updates the features.

Refusals: another account's material (``NotOwnerError``) is reported per item; a sign-in
that is no longer accepted (``AuthenticationError``) stops the action and keeps it in
``pending_retry`` ("sign in again, then retry").
"""

from __future__ import annotations

import threading

from qgis.core import QgsTask
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox

from ..background.core_task import CoreTask, start_task
from ..background.qthreads import run_in_qthreads
from ..compat import active_layer as compat_active_layer
from ..core.errors import AuthenticationError, NotOwnerError, PanoramaxError
from ..core.mine import (
    ConfirmationNeeded,
    EditCheck,
    InvalidEditError,
    check_capture_time,
    check_heading,
    check_position,
    check_relative_heading,
    check_sort_order,
    check_title,
    check_visibility,
)
from ..plain_text import as_text
from .loader import PerThread

WORKERS = 4
"""Changes sent at once: polite to the instance, much faster than one after another."""

DELETE_TIMEOUT_S = 120.0


class MineActions(QObject):
    """Runs the actions for ``loader`` (its account and layers)."""

    finished = pyqtSignal(str, int, int)  # action name, succeeded, failed

    def __init__(
        self,
        loader,
        logger,
        parent_widget=None,
        message_box=None,
        workers=WORKERS,
        canvas=None,
        viewer=None,
        active_layer=None,
    ):
        super().__init__(parent_widget)
        self.canvas = canvas  # for the heading preview (none: no preview)
        self.viewer = viewer  # () -> the viewer's controller, or None
        self.preview = None  # the HeadingPreview shown while asking
        self.loader = loader
        self.logger = logger
        self.parent_widget = parent_widget
        self.message_box = message_box or QMessageBox
        self.workers = workers
        self.active_layer = active_layer or compat_active_layer  # () -> QGIS's active layer
        self.refresh_account = None  # () -> None: the loader's account from the stored token
        self.pending_retry = None  # the action an expired sign-in interrupted
        self.tasks: list = []

    # ------------------------------------------------------------------ targets
    def _sequence_ids(self, sequence_ids):
        return (
            list(sequence_ids) if sequence_ids is not None else self.loader.sequences.selected_ids()
        )

    def _both_or_either(self, sequence_ids, pictures):
        """(sequence ids, picture keys) for hide/show and delete: the arguments when given,
        else the selection of one layer, never both silently. With sequences and pictures
        both selected, the active layer's selection counts (the one the user works in);
        when neither is active, nothing is done and the log says why (None)."""
        if sequence_ids is not None or pictures is not None:
            return list(sequence_ids or []), self._picture_keys(pictures or [])
        sequence_ids = self._sequence_ids(None)
        picture_keys = self._picture_keys(None)
        if sequence_ids and picture_keys:
            active = self.active_layer()
            if active is self.loader.pictures.layer:
                return [], picture_keys
            if active is not self.loader.sequences.layer:
                self.logger.warning(
                    self.tr(
                        "Sequences and pictures are both selected: make the layer to act on "
                        "the active one (Layers panel), or clear one of the selections."
                    )
                )
                return None
            return sequence_ids, []
        return sequence_ids, picture_keys

    def _picture_keys(self, pictures):
        """(sequence id, picture id) pairs; default: the selected pictures."""
        if pictures is not None:
            return [tuple(p) for p in pictures]
        return [(f["sequence_id"], f["id"]) for f in self.loader.pictures.layer.selectedFeatures()]

    # ------------------------------------------------------------------ actions
    def set_visibility(self, visibility: str, sequence_ids=None, pictures=None):
        targets = self._both_or_either(sequence_ids, pictures)
        if targets is None:
            return None
        sequence_ids, pictures = targets
        check = check_visibility(visibility, self.loader.visibilities)
        items = [("sequence", s) for s in sequence_ids] + [("picture", p) for p in pictures]

        def job(mine, item):
            kind, key = item
            if kind == "sequence":
                return mine.patch_sequence(key, visibility=visibility, confirmed=True)
            return mine.patch_picture(key[0], key[1], visibility=visibility, confirmed=True)

        return self._start(
            "visibility",
            self.tr("Changing the visibility"),
            items,
            job,
            check,
            lambda: self.set_visibility(visibility, sequence_ids, pictures),
        )

    def rename(self, title: str, sequence_ids=None):
        sequence_ids = self._sequence_ids(sequence_ids)
        items = [("sequence", s) for s in sequence_ids]
        return self._start(
            "title",
            self.tr("Renaming sequences"),
            items,
            lambda mine, item: mine.patch_sequence(item[1], title=title, confirmed=True),
            check_title(title),
            lambda: self.rename(title, sequence_ids),
        )

    def set_relative_heading(self, degrees, sequence_ids=None, preview=True):
        """With a canvas and ``preview``: the map (and the viewer) show the pictures
        turned first, and the change is sent only once the user confirms it."""
        sequence_ids = self._sequence_ids(sequence_ids)
        items = [("sequence", s) for s in sequence_ids]
        check = check_relative_heading(degrees)
        asked = False
        if preview and self.canvas is not None and items and self.loader.account is not None:
            if not self._checked(check):
                return None
            if not self._preview_and_ask(degrees, sequence_ids):
                return None
            asked = True
        return self._start(
            "relative_heading",
            self.tr("Correcting headings"),
            items,
            lambda mine, item: mine.patch_sequence(
                item[1], relative_heading=degrees, confirmed=True
            ),
            check,
            lambda: self.set_relative_heading(degrees, sequence_ids, preview=False),
            reload_pictures=True,
            asked=asked,
        )

    def _preview_and_ask(self, degrees, sequence_ids) -> bool:
        from .heading_preview import HeadingPreview

        self.preview = HeadingPreview(self.canvas, self.loader.pictures.layer, self.viewer)
        try:
            shown = self.preview.show(sequence_ids, degrees)
            question = self.tr(
                "Turn the pictures of {sequences} sequence(s) to {degrees}° from the "
                "direction of travel? The map shows {pictures} loaded picture(s) turned."
            ).format(sequences=len(sequence_ids), degrees=degrees, pictures=shown)
            return self._ask(self.tr("Relative heading"), question)
        finally:
            self.preview.clear()
            self.preview = None

    def set_order(self, sortby: str, sequence_ids=None):
        sequence_ids = self._sequence_ids(sequence_ids)
        items = [("sequence", s) for s in sequence_ids]
        return self._start(
            "sortby",
            self.tr("Changing the picture order"),
            items,
            lambda mine, item: mine.patch_sequence(item[1], sortby=sortby, confirmed=True),
            check_sort_order(sortby),
            lambda: self.set_order(sortby, sequence_ids),
            reload_pictures=True,
        )

    def set_heading(self, heading, pictures=None):
        pictures = self._picture_keys(pictures)
        items = [("picture", p) for p in pictures]
        return self._start(
            "heading",
            self.tr("Correcting picture headings"),
            items,
            lambda mine, item: mine.patch_picture(*item[1], heading=heading, confirmed=True),
            check_heading(heading),
            lambda: self.set_heading(heading, pictures),
        )

    def move_picture(self, sequence_id, picture_id, position, previous=None):
        """Move one picture to ``position`` (lon, lat WGS84); farther than 1 km from
        ``previous`` (lon, lat) asks first."""
        position = (float(position[0]), float(position[1]))
        items = [("picture", (sequence_id, picture_id))]
        return self._start(
            "position",
            self.tr("Moving a picture"),
            items,
            lambda mine, item: mine.patch_picture(
                *item[1], position=position, previous_position=previous, confirmed=True
            ),
            check_position(position[0], position[1], previous=previous),
            lambda: self.move_picture(sequence_id, picture_id, position, previous),
        )

    def set_capture_time(self, capture_time, pictures=None):
        pictures = self._picture_keys(pictures)
        items = [("picture", p) for p in pictures]
        return self._start(
            "capture_time",
            self.tr("Correcting capture times"),
            items,
            lambda mine, item: mine.patch_picture(
                *item[1], capture_time=capture_time, confirmed=True
            ),
            check_capture_time(capture_time),
            lambda: self.set_capture_time(capture_time, pictures),
        )

    def delete(self, sequence_ids=None, pictures=None):
        """Delete after a confirmation saying how many pictures will go."""
        targets = self._both_or_either(sequence_ids, pictures)
        if targets is None:
            return None
        sequence_ids, pictures = targets
        pictures = [p for p in pictures if p[0] not in set(sequence_ids)]
        if not sequence_ids and not pictures:
            return None
        count, counted = len(pictures), True
        for sequence_id in sequence_ids:
            feature = self.loader.sequences.feature(sequence_id)
            value = feature["picture_count"] if feature is not None else None
            counted = counted and isinstance(value, int)
            count += value if isinstance(value, int) else 0
        if counted:
            question = self.tr(
                "Delete {sequences} sequence(s) and {pictures} picture(s) in all from the "
                "instance? This cannot be undone."
            ).format(sequences=len(sequence_ids), pictures=count)
        else:  # a sequence not on the map (signed in again, layer reloaded): no count
            question = self.tr(
                "Delete {sequences} sequence(s) with all their pictures from the instance "
                "(how many is not known here)? This cannot be undone."
            ).format(sequences=len(sequence_ids))
        if not self._ask(self.tr("Delete my pictures"), question):
            return None
        self.loader.sequences.set_pending(sequence_ids, "deleting")
        self.loader.pictures.set_pending([p[1] for p in pictures], "deleting")
        items = [("sequence", s) for s in sequence_ids] + [("picture", p) for p in pictures]

        def job(mine, item):
            kind, key = item
            if kind == "picture":
                mine.delete_picture(*key)
                return True
            mine.delete_sequence(key)
            return mine.wait_deleted(key, timeout=DELETE_TIMEOUT_S)

        return self._start(
            "delete",
            self.tr("Deleting my pictures"),
            items,
            job,
            EditCheck(),
            lambda: self.delete(sequence_ids, pictures),
            asked=True,
        )

    def retry(self):
        """Run again the action an expired sign-in stopped."""
        action, self.pending_retry = self.pending_retry, None
        return action() if action else None

    # ------------------------------------------------------------------ machinery
    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = self.message_box.question(
            self.parent_widget, title, as_text(text), buttons, QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    def _checked(self, check: EditCheck) -> bool:
        if check.problems:
            text = "\n".join(check.problems)
            self.logger.warning(text)
            self.message_box.warning(self.parent_widget, self.tr("My pictures"), text)
            return False
        for reason in check.confirmations:
            if not self._ask(self.tr("My pictures"), reason):
                return False
        return True

    def _start(
        self, name, description, items, job, check, again, reload_pictures=False, asked=False
    ):
        if self.refresh_account is not None:
            self.refresh_account()  # a sign-in since: its new token (same account, same layers)
        account = self.loader.account
        if account is None:
            self.logger.warning(self.tr("Sign in to the instance to change your pictures."))
            return None
        if not items:
            self.logger.info(self.tr("Select my sequences or pictures first."), push=True)
            return None
        if not asked and not self._checked(check):
            return None
        loaded = set(
            self.loader.pictures.layer.uniqueValues(
                self.loader.pictures.fields.indexOf("sequence_id")
            )
        )
        clients = PerThread(account)
        workers = self.workers

        def work(task):
            results = {}
            lock = threading.Lock()
            done = [0]

            def attempt(item):
                try:
                    result = job(clients.get(), item)
                    extra = None
                    if reload_pictures and item[1] in loaded:
                        extra = list(clients.get().iter_pictures(item[1]))
                    return (result, extra)
                except (PanoramaxError, ConfirmationNeeded) as exc:
                    return exc

            def one(item):
                if task.isCanceled():
                    return
                try:
                    outcome = attempt(item)
                except RuntimeError:
                    # a Qt wrapper PyQt wrongly believes deleted (_STALE_WRAPPER in the
                    # QGIS transport, ~1 request in 1000 from new threads): the changes
                    # are absolute (a deletion already done answers 404), so once more
                    try:
                        outcome = attempt(item)
                    except RuntimeError as exc:
                        outcome = PanoramaxError(
                            QCoreApplication.translate(
                                "PanoramaxMine",
                                "The change to {what} could not be sent ({error}); try again.",
                            ).format(what=item[1], error=exc)
                        )
                with lock:
                    results[item] = outcome
                    done[0] += 1
                    task.setProgress(100.0 * done[0] / len(items))

            run_in_qthreads(one, items, min(workers, len(items)))
            return results

        task = CoreTask(
            description,
            work,
            on_done=lambda results: self._apply(name, items, results, again, account=account),
            on_error=lambda error: self._failed(name, items, error, again),
            on_canceled=lambda results: self._apply(
                name, items, results or {}, again, True, account
            ),
        )
        self.tasks = [t for t in self.tasks if not _finished(t)] + [task]
        return start_task(task)

    def _apply(self, name, items, results, again, canceled=False, account=None) -> None:
        """What the task sent (all of it, or up to a cancel) shown in the layers, unless
        they show another account by now (signed out or in as someone else meanwhile)."""
        if account is not None and not self.loader.is_current(account):
            self.logger.info(
                self.tr(
                    "Changes sent as {account}: My pictures shows another account now, "
                    "load it again to see them."
                ).format(account=account.name),
                push=True,
            )
            self.finished.emit(name, 0, 0)
            return
        ok = failed = not_sent = 0
        auth_error = None
        for item in items:
            outcome = results.get(item)
            kind, key = item
            if outcome is None:  # canceled before it was sent
                not_sent += 1
                if name == "delete":
                    self._pending(kind, key, "")
                continue
            if isinstance(outcome, Exception):
                failed += 1
                if isinstance(outcome, AuthenticationError) and not isinstance(
                    outcome, NotOwnerError
                ):
                    auth_error = outcome
                elif isinstance(outcome, (InvalidEditError, ConfirmationNeeded)):
                    self.logger.warning(str(outcome))
                else:
                    self.logger.error(str(outcome))
                if name == "delete":
                    self._pending(kind, key, "")
                continue
            ok += 1
            result, extra = outcome
            self._update(name, kind, key, result, extra)
        if canceled:
            self.logger.warning(
                self.tr(
                    "Canceled: {count} change(s) applied, {failed} failed, {not_sent} not sent."
                ).format(count=ok, failed=failed, not_sent=not_sent),
                push=True,
            )
        elif auth_error is not None:
            self.pending_retry = again
            self.logger.error(
                str(auth_error)
                + " "
                + self.tr("Sign in again, then retry: the change is kept until then.")
            )
        elif failed == 0:
            self.logger.success(self.tr("{count} change(s) applied.").format(count=ok))
        else:
            self.logger.warning(
                self.tr(
                    "{count} change(s) applied, {failed} not applied: the Panoramax log "
                    "says why for each; select them and try again."
                ).format(count=ok, failed=failed),
                push=True,
            )
        self.finished.emit(name, ok, failed + not_sent)

    def _pending(self, kind, key, text) -> None:
        if kind == "sequence":
            self.loader.sequences.set_pending([key], text)
        else:
            self.loader.pictures.set_pending([key[1]], text)

    def _update(self, name, kind, key, result, extra) -> None:
        sequences, pictures = self.loader.sequences, self.loader.pictures
        if name == "delete":
            if kind == "sequence" and result:
                sequences.remove([key])
                pictures.remove_sequences([key])
            elif kind == "sequence":  # still being deleted when we stopped following
                self.logger.info(
                    self.tr("The sequence {id} is still being deleted by the instance.").format(
                        id=key
                    )
                )
            else:
                pictures.remove([key[1]])
            return
        if kind == "sequence":
            sequences.update_sequence(result)
            if extra is not None:
                pictures.set_pictures(key, extra)
                sequences.set_line(key, extra)
        else:
            pictures.update_picture(result)
            if name == "position":  # the sequence's line goes through the new place
                sequences.set_line(key[0], pictures.points_of(key[0]))

    def _failed(self, name, items, error, again) -> None:
        if name == "delete":  # nothing is known of what was deleted: no mark stays
            for kind, key in items:
                self._pending(kind, key, "")
        if isinstance(error, AuthenticationError) and not isinstance(error, NotOwnerError):
            self.pending_retry = again
        self.logger.error(str(error))
        self.finished.emit(name, 0, -1)


def _finished(task) -> bool:
    try:
        return task.status() in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated)
    except (RuntimeError, AttributeError):
        return True
