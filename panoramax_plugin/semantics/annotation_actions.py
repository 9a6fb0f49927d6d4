"""Creating, editing and deleting annotations from the viewer.

The views emit a drawn box (``ViewerController.annotationBoxDrawn``, source-picture pixels
from the top-left corner) and a clicked annotation (``annotationActivated``); this asks for
the tags, sends the change to the picture's home instance in the background and has the
views read the picture's annotations again. Who may act is the tags section's rule
(``SemanticsActions.reason``: signed in on the picture's own instance).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtWidgets import QMenu, QMessageBox

from ..background import job_pool as background
from ..core.semantics import tag_changes


def annotation_changes(old_tags, new_tags) -> list:
    """The tag changes that turn ``old_tags`` into ``new_tags`` (delete, then add)."""
    old, new = list(old_tags), list(new_tags)
    return tag_changes(
        add=[tag for tag in new if tag not in old], remove=[tag for tag in old if tag not in new]
    )


class AnnotationActions(QObject):
    """Annotation edits for ``controller``'s open picture, through ``semantics`` (the
    viewer's ``SemanticsActions``: who may act, the signed client, messages)."""

    def __init__(self, controller, semantics, message_box=QMessageBox, menu_choice=None):
        super().__init__(controller)
        self.controller = controller
        self.semantics = semantics
        self.message_box = message_box
        self.menu_choice = menu_choice or self._menu_choice  # (annotation) -> "edit"|"delete"|None
        self.job = None
        self.unsent: dict = {}  # picture id -> tags typed for a box whose sending failed
        controller.annotationBoxDrawn.connect(lambda box: semantics._guard(self.create, tuple(box)))
        controller.annotationActivated.connect(
            lambda annotation: semantics._guard(self.activated, annotation)
        )

    def _allowed(self):
        """The open picture when the user may annotate it, else None (the reason said)."""
        picture = self.controller.current
        if picture is None:
            return None
        reason = self.semantics.reason(picture)
        if reason:
            self.controller.dock.set_status(reason)
            return None
        if self.job is not None:
            self.controller.dock.set_status(self.tr("An annotation change is still being sent."))
            return None
        return picture

    def create(self, box):
        picture = self._allowed()
        if picture is None:
            return None
        # the frame the box is in (the stored one), read before the dialog: the viewer may
        # show another picture by the time it is closed; the box stays with this one
        size = self.controller.annotations.stored_size
        kept = self.unsent.get(picture.id, ())  # typed for a box whose sending failed
        tags = self.semantics.ask_tags(
            self.controller.dock, self.tr("Tags of the new annotation"), kept
        )
        if not tags:
            return None
        api = self.semantics._api(self.semantics.home(picture))
        return self._send(
            picture,
            lambda: api.create_annotation(picture.sequence_id, picture.id, box, tags, size),
            self.tr("Annotation added to picture {id}.").format(id=picture.id),
            typed=tuple(tags),
        )

    def activated(self, annotation):
        """A click on an annotation: edit or delete it when the user may (the tooltip
        already shows its tags to everybody)."""
        self.controller.annotations.select(annotation.id)
        if self._allowed() is None:
            return None
        choice = self.menu_choice(annotation)
        if choice == "edit":
            return self.edit(annotation)
        if choice == "delete":
            return self.delete(annotation)
        return None

    def edit(self, annotation):
        picture = self._allowed()
        if picture is None:
            return None
        tags = self.semantics.ask_tags(
            self.controller.dock, self.tr("Tags of the annotation"), tuple(annotation.tags)
        )
        if tags is None:
            return None
        changes = annotation_changes(annotation.tags, tags)
        if not changes:
            return None
        if not tags and not self._confirm_delete():
            return None
        api = self.semantics._api(self.semantics.home(picture))
        return self._send(
            picture,
            lambda: api.edit_annotation_tags(annotation.id, changes),
            self.tr("Annotation tags saved."),
        )

    def delete(self, annotation):
        picture = self._allowed()
        if picture is None or not self._confirm_delete():
            return None
        api = self.semantics._api(self.semantics.home(picture))
        return self._send(
            picture,
            lambda: api.delete_annotation(annotation.id),
            self.tr("Annotation deleted."),
        )

    def _confirm_delete(self) -> bool:
        answer = self.message_box.question(
            self.controller.dock,
            self.tr("Delete the annotation"),
            self.tr("Delete this annotation and its tags from the picture, for everybody?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _send(self, picture, call, success: str, typed=()):
        """``typed``: the tags of a new annotation, kept for the next box drawn on this
        picture when sending fails (nothing typed is lost)."""

        def work(_job):
            return call()

        def done(_result):
            self.job = None
            self.unsent.pop(picture.id, None)
            if not self.controller.alive:
                return
            self.semantics._said(success)
            if self.semantics._is_current(picture):
                self.controller.annotations.reload()

        def failed(error):
            self.job = None
            if typed:
                self.unsent[picture.id] = tuple(typed)
            if self.controller.alive:
                kept = self.tr("The tags you typed are kept: draw the box again to send them.")
                self.semantics._failed(error, kept if typed else "")

        self.job = background.start(
            background.Job(self.tr("Sending a Panoramax annotation"), work, done, failed)
        )
        return self.job

    def _menu_choice(self, annotation):
        menu = QMenu(self.controller.dock)
        for tag in annotation.tags:
            entry = menu.addAction(tag.text)  # plain text: a QAction shows no markup
            entry.setEnabled(False)
        menu.addSeparator()
        edit = menu.addAction(self.tr("Edit the tags…"))
        delete = menu.addAction(self.tr("Delete the annotation…"))
        chosen = menu.exec(QCursor.pos())
        return {edit: "edit", delete: "delete"}.get(chosen)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
