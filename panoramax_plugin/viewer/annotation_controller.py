"""The picture's annotations in the viewer: read with the item (or fetched in the
background when the item shown did not list them), drawn in both views, shown or hidden,
clicked, and boxes drawn by the user turned into source-pixel boxes.

A flat picture stored turned (EXIF orientation, :mod:`..core.orientation`) is shown
upright, while the server counts annotation pixels in the stored frame: the layer draws
copies turned upright, and a drawn box is turned back before it is sent.

What is done with a drawn box or a clicked annotation (the tag dialog, the write API) is
not here: :attr:`AnnotationController.box_drawn` and :attr:`AnnotationController.activated`
(re-emitted by the viewer controller as ``annotationBoxDrawn`` / ``annotationActivated``)
are the hooks. Main thread only; every slot is guarded.
"""

from __future__ import annotations

from dataclasses import replace

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..background import job_pool as background
from ..core import orientation as turns
from ..core.semantics import box_problems, box_shape
from ..core.semantics_api import home_api_url
from .annotation_layer import AnnotationLayer


class AnnotationController(QObject):
    """Keeps the dock's views' annotation layer on the picture shown."""

    box_drawn = pyqtSignal(tuple)
    """(minx, miny, maxx, maxy): whole source pixels, checked with ``box_problems``."""
    activated = pyqtSignal(object)
    """The :class:`~..core.semantics.Annotation` the user clicked."""
    changed = pyqtSignal()
    """The annotations of the picture shown were (re)read."""

    def __init__(self, viewer, parent=None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.dock = viewer.dock
        self.logger = viewer.logger
        self.layer = AnnotationLayer()
        self.picture = None
        self.job = None
        self._stored = ()  # the shown picture's annotations, in the server's pixel frame
        self._frame = (None, 1)  # (stored size, orientation) of the shown picture
        self._views = (self.dock.pano_view, self.dock.flat_view)
        for view in self._views:
            view.set_annotation_layer(self.layer)
            view.annotation_rect_drawn.connect(
                lambda rect, view=view: self._guarded("drawing a box", self._on_rect, view, rect)
            )
            view.annotation_clicked.connect(
                lambda annotation: self._guarded("clicking", self._on_clicked, annotation)
            )
        show = getattr(self.dock, "annotations_button", None)
        if show is not None:
            show.toggled.connect(lambda on: self._guarded("showing", self.set_visible, on))
        draw = getattr(self.dock, "draw_annotation_button", None)
        if draw is not None:
            draw.toggled.connect(lambda on: self._guarded("draw mode", self.set_drawing, on))

    # --- what the viewer calls --------------------------------------------------------

    def show_picture(self, picture) -> None:
        """The viewer shows ``picture``: its annotations, read again when it has none."""
        self._guarded("showing a picture", self._show, picture)

    def _show(self, picture) -> None:
        same = self.picture is not None and self.picture.id == picture.id
        self.picture = picture
        if not same:
            self.layer.selected_id = None
        if picture.annotations is None:
            if not same:
                self.layer.clear()
                self._stored, self._frame = (), (None, turns.UPRIGHT)
            self.reload()
            return
        self._apply(picture, picture.annotations)

    def reload(self):
        """Read the shown picture's item again in the background (after an annotation was
        added or removed); the views follow when it comes."""
        picture = self.picture
        if picture is None or not self.viewer.api_url:
            return None
        if self.job is not None:
            self.job.cancel()
        # the picture's own instance: where annotations are written, and where they are
        # read back at once (a federated catalog may lag behind it)
        home = home_api_url(picture.home_url, picture.instance_url or self.viewer.api_url)
        client = self.viewer._client(home)

        def work(job):
            return client.get_picture(picture.id, picture.sequence_id)

        def done(read):
            if self.job is not job_ref[0] or not self.viewer.alive:
                return
            self.job = None
            if self.picture is None or read.id != self.picture.id:
                return
            self._guarded("reading annotations", self._apply, read, read.annotations or ())

        def failed(error):
            if self.job is job_ref[0]:
                self.job = None
                self.logger.warning(
                    self.tr("The annotations could not be read: {error}").format(error=error),
                    push=False,
                )

        job = background.Job(
            self.tr("Reading Panoramax annotations"), work, on_done=done, on_error=failed
        )
        job_ref = [job]
        self.job = job
        return background.start(job)

    def _apply(self, picture, annotations) -> None:
        self._stored = tuple(annotations)
        stored_size, orientation = self._frame = self._stored_frame(picture)
        if stored_size is not None and orientation != turns.UPRIGHT:
            annotations = [_upright(a, stored_size, orientation) for a in annotations]
            size = turns.upright_size(stored_size, orientation)
        else:
            size = stored_size
        self.layer.set_annotations(annotations, size, picture.is_360)
        self._repaint()
        self.changed.emit()

    @property
    def stored_size(self):
        """(width, height) of the shown picture's annotation pixels as the server counts
        them (the stored frame), or None."""
        return self._frame[0]

    def _stored_frame(self, picture) -> tuple:
        """(size as stored, EXIF orientation) of the picture's annotation pixels; the size
        is the shown file's turned back when the item does not give it."""
        orientation = turns.UPRIGHT if picture.is_360 else picture.orientation
        size = picture.image_size
        if size is None:
            shown = self._shown_size(picture)
            size = None if shown is None else turns.upright_size(shown, orientation)
        return size, orientation

    def _shown_size(self, picture):
        """The size of the file shown, when the item does not give the picture's."""
        if picture.is_360:
            return self.dock.pano_view.picture_size
        image = self.dock.flat_view.image
        return None if image.isNull() else (image.width(), image.height())

    def image_shown(self) -> None:
        """A file of the picture was shown: its size stands in for a missing one."""
        picture = self.picture
        if picture is not None and picture.image_size is None and self._stored:
            self._apply(picture, self._stored)

    def set_visible(self, visible: bool) -> None:
        self.layer.visible = bool(visible)
        self._repaint()

    def set_drawing(self, drawing: bool) -> None:
        for view in self._views:
            view.set_drawing(drawing)

    def select(self, annotation_id) -> None:
        self.layer.selected_id = annotation_id
        self.layer.revision += 1
        self._repaint()

    def unload(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        for view in self._views:
            view.set_drawing(False)
            view.set_annotation_layer(None)

    # --- slots ------------------------------------------------------------------------

    def _on_rect(self, view, rect) -> None:
        picture = self.picture
        if picture is None:
            return
        if picture.image_size is None:  # a file's size is not the annotations' frame
            self.dock.set_status(
                self.tr(
                    "The instance does not give this picture's size in pixels: an "
                    "annotation cannot be placed on it."
                )
            )
            return
        if self.layer.source_size is None:  # the annotations are being read again
            self.dock.set_status(
                self.tr("The picture's annotations are still being read: draw the box again.")
            )
            return
        box = self.layer.source_box(view.overlay_pose(), rect)
        size, orientation = self._frame
        if size is None:
            size, orientation = self._stored_frame(picture)
        if box is None or size is None:
            return
        box = turns.box_to_stored(box, size, orientation)
        problems = box_problems(box, size[0], size[1])
        if problems:
            self.dock.set_status(" ".join(problems))
            return
        self.dock.set_status("")
        self.box_drawn.emit(tuple(box_shape(box)))

    def _on_clicked(self, annotation) -> None:
        self.select(annotation.id)
        self.activated.emit(annotation)

    def _repaint(self) -> None:
        for view in self._views:
            view.update()

    def _guarded(self, what: str, call, *args) -> None:
        try:
            call(*args)
        except Exception as exc:  # a Qt slot: an exception escaping it aborts QGIS
            self.logger.warning(f"Annotations: {what} failed: {exc!r}", push=False)


def _upright(annotation, size: tuple, orientation: int):
    """A copy of ``annotation`` in the upright frame of a picture stored ``size``, turned
    by EXIF ``orientation`` (same id and tags: what is clicked is edited on the server)."""
    return replace(
        annotation,
        box=turns.box_to_upright(annotation.box, size, orientation),
        polygon=turns.points_to_upright(annotation.polygon, size, orientation),
    )
