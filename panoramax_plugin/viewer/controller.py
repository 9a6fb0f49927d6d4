"""What the viewer shows and how it moves: pictures, navigation, prefetch, map sync.

Main thread only; items and images come from background jobs (:mod:`.background`,
``ImageLoader``).
"""

from __future__ import annotations

from dataclasses import replace

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QObject, QPointF, QTimer, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from ..background import job_pool as background
from ..background.core_task import CoreTask, start_task
from ..core.camera import Camera
from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.feature_pictures import nearest_picture
from ..core.instances import picture_id_from_text, viewer_picture_url
from ..core.look_at import LookTarget, camera_toward_target, flat_point_toward
from ..core.owner_reads import TokenRefusals, owner_reads
from ..core.picture_file import refined_heading
from ..core.view_geometry import DEFAULT_FLAT_HFOV
from ..measure.tool import MeasureTool
from ..network.session import qgis_http_client
from ..semantics.annotation_actions import AnnotationActions
from ..semantics.viewer_actions import SemanticsActions
from ..upload.token_store import stored_account
from .annotation_controller import AnnotationController
from .capture_action import ViewCapture
from .details import details_text
from .image_loader import LEVELS, ImageLoader, image_file_heading, image_warning
from .map_sync import MapSync
from .overlay_controller import OverlayController
from .own_actions import OwnActions
from .qimage_numpy import qimage_to_array

SETTINGS_LAST = "panoramax/viewer_last"  # "api_url|sequence id|picture id"
HD_BELOW_HFOV = 60.0  # a 360° view narrower than this asks for the HD file
METRES_PER_DEGREE = 111_320.0  # of latitude: a click tolerance in degrees, on the ground
TARGET_FLAT_ZOOM = 2.0  # a flat picture opened toward a feature: times the fitted scale


class ViewerController(QObject):
    """Shows one picture at a time in the dock and on the map."""

    picture_shown = pyqtSignal(object)  # Picture
    image_shown = pyqtSignal(str, str)  # picture id, level
    annotationBoxDrawn = pyqtSignal(tuple)  # (minx, miny, maxx, maxy) source px
    annotationActivated = pyqtSignal(object)  # the Annotation clicked

    def __init__(self, dock, canvas, logger, settings, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.logger = logger
        self.settings = settings
        self.api_url: str | None = None
        self.instance = None
        self.current = None
        self.shown_level: int = -1
        self.camera = Camera()
        # the signed-in user's token goes with the viewer's reads of their own instance, so
        # their hidden pictures open too (core.owner_reads); a refused token is dropped
        self.account_source = stored_account  # api_url -> (token, account name)
        self.token_refusals = TokenRefusals()
        self.loader = ImageLoader(int(settings.viewer_cache_mb), settings.timeout_s, self)
        self.loader.account_source = self.own_account
        self.loader.refusals = self.token_refusals
        self.loader.ready.connect(self._on_image)
        self.loader.failed.connect(self._on_image_failed)
        self.map_sync = MapSync(canvas)
        self.overlay = OverlayController(dock, settings, logger, parent=self)
        self.annotations = AnnotationController(self, parent=self)
        self.annotations.box_drawn.connect(self.annotationBoxDrawn)
        self.annotations.activated.connect(self.annotationActivated)
        self.measure = MeasureTool(self, canvas, logger, settings, parent=self)
        self.item_task = None  # the job reading the item to show next (a Job)
        self._prefetch_task = None
        self._save_task = None
        self.capture = ViewCapture(self, parent=self)
        self._nearest_job = None
        self.prefetched: dict = {}  # picture id -> Picture (items fetched ahead)
        self._image_status: str | None = None  # status set by a picture file, if any
        # level -> message: files of the shown picture that failed (said once one shows)
        self._file_failures: dict = {}
        self.play_timer = QTimer(self)
        self.play_timer.timeout.connect(self._play_step)
        self._alive = True  # False once unloaded: late task results are then ignored
        # the place the viewer turns toward (a feature of the user's), kept while the
        # user steps through pictures; None: pictures open looking ahead
        self.target = None

        dock.navigate.connect(self.go)
        dock.play_toggled.connect(self.set_playing)
        dock.open_requested.connect(self.open_text)
        dock.related_chosen.connect(lambda pid: self.open_id(pid))
        dock.follow_toggled.connect(self._set_follow)
        dock.web_requested.connect(self.open_in_browser)
        dock.copy_requested.connect(self.copy_link)
        dock.save_requested.connect(self.save_hd)
        dock.capture_requested.connect(self.capture_view)
        dock.closed.connect(self.on_closed)
        dock.pano_view.camera_changed.connect(self._on_camera)
        dock.flat_view.zoom_changed.connect(self._on_flat_zoom)
        self.own_actions = OwnActions(self)  # hide, delete, fix heading: my pictures
        self.semantics = SemanticsActions(self, dock.tags_section)  # tags, reports
        self.annotation_actions = AnnotationActions(self, self.semantics)  # drawn boxes

    # ------------------------------------------------------------------ opening
    def set_instance(self, api_url: str, instance=None) -> None:
        if api_url != self.api_url:
            self.instance = None
        self.api_url = api_url
        if instance is not None:
            self.instance = instance
        self.own_actions.update()
        self.semantics.update()

    def _client(self, api_url: str | None = None) -> PanoramaxClient:
        same = api_url in (None, self.api_url)
        return PanoramaxClient(
            api_url or self.api_url,
            http=self.reads_http(),
            instance=self.instance if same else None,
        )

    def own_account(self):
        """(api_url, token) of the user signed in on the current instance, or None. Main
        thread (the auth database); what it gives is used by the viewer's jobs."""
        if not self.api_url:
            return None
        token = self.account_source(self.api_url)[0]  # ("", "") without an auth database
        return (self.api_url, token) if token else None

    def reads_http(self, account=...):
        """An HTTP client for reads: the owner's token to their own instance (see
        ``core.owner_reads``). ``account``: as ``own_account()`` gave it on the main
        thread, when the client is made in a job."""
        if account is ...:
            account = self.own_account()
        return owner_reads(qgis_http_client(self.settings.timeout_s), account, self.token_refusals)

    def open_text(self, text: str) -> None:
        picture_id = picture_id_from_text(text)
        if picture_id is None:
            self.dock.set_status(self.tr("This is not a picture id or a Panoramax picture link."))
            return
        self.open_id(picture_id)

    def open_nearest(self, lon: float, lat: float, radius: float):
        """Open the instance's picture nearest to a map click (no layer had one there).

        ``radius``: degrees (the click tolerance); the nearest picture on the ground
        within it, else within four times it (core ``nearest_picture``)."""
        if not self.api_url:
            self.dock.set_status(self.tr("Choose a Panoramax instance first."))
            return None
        radius_m = max(1.0, radius * METRES_PER_DEGREE)
        client = self._client()

        def work(job):
            return nearest_picture(client, lon, lat, radius_m)

        def done(picture):
            if picture is None:
                self.logger.info(self.tr("No Panoramax picture there."), push=True)
                return
            self.dock.setVisible(True)  # the plugin's viewer action follows the dock
            self.dock.raise_()
            self.open_id(picture.id, picture.sequence_id)

        self._nearest_job = background.start(
            background.Job(
                self.tr("Looking for a Panoramax picture"),
                work,
                on_done=done,
                on_error=lambda error: self.logger.error(str(error)),
            )
        )
        return self._nearest_job

    def open_id(self, picture_id: str, sequence_id: str | None = None, api_url: str | None = None):
        """Fetch the item (links, details) in the background, then show it."""
        if api_url:
            self.set_instance(api_url)
        if not self.api_url:
            self.dock.set_status(self.tr("Choose a Panoramax instance first."))
            return None
        self._cancel_item()  # whatever was being opened: this one wins
        known = self.prefetched.get(picture_id)
        if known is not None:
            self.show(known)
            return None
        self.dock.set_status(self.tr("Loading picture…"))
        self._fetch_preview(picture_id)
        client = self._client()

        def work(job):
            picture = client.get_picture(picture_id, sequence_id)
            self.instance = client.instance  # discovered once, reused by later opens
            return picture

        return self._start_item(work)

    def open_sequence(self, sequence_id: str, api_url: str | None = None):
        """Show the first picture of a sequence (read in the background: its first page)."""
        if api_url:
            self.set_instance(api_url)
        if not self.api_url:
            self.dock.set_status(self.tr("Choose a Panoramax instance first."))
            return None
        self._cancel_item()
        self.dock.set_status(self.tr("Loading picture…"))
        client = self._client()

        def work(job):
            first = client.sequence_end(sequence_id)
            picture = client.get_picture(first.id, sequence_id)  # with its links
            self.instance = client.instance
            return picture

        return self._start_item(work)

    def _start_item(self, work) -> background.Job:
        """Read an item in the background, then show it (unless another one was asked)."""
        job = background.Job(
            self.tr("Opening Panoramax picture"),
            work,
            on_done=lambda picture: self._on_item(job, picture),
            on_error=lambda error: self._on_item_error(error, job),
        )
        self.item_task = job
        return background.start(job)

    def _on_item(self, job, picture) -> None:
        if job is self.item_task:
            self.show(picture)

    def _fetch_preview(self, picture_id: str) -> None:
        """Fetch the thumbnail while the item itself is read: first pixels sooner.

        The landing page's ``item-preview`` link gives its URL from the id alone.
        """
        template = self.instance.link("item-preview") if self.instance is not None else None
        if template and "{id}" in template:
            from ..core.models import Picture

            preview = Picture(
                picture_id, None, 0.0, 0.0, assets={"thumb": template.replace("{id}", picture_id)}
            )
            self.loader.request(preview, "thumb")

    def _cancel_item(self) -> None:
        job, self.item_task = self.item_task, None
        if job is not None:
            job.cancel()

    def _on_item_error(self, error, job=None) -> None:
        if not self._alive or (job is not None and job is not self.item_task):
            return
        self.item_task = None
        self.set_playing(False)  # playing on would retry the same picture at every step
        message = str(error) if isinstance(error, PanoramaxError) else repr(error)
        self.dock.set_status(message)
        self.logger.warning(message, push=False)

    # ------------------------------------------------------------------ showing
    def show(self, picture) -> None:
        if not self._alive:
            return
        self._cancel_item()  # done, or superseded by this picture
        same = self.current is not None and self.current.id == picture.id
        self.current = picture
        self.prefetched[picture.id] = picture
        if not same:
            self.shown_level = -1
            self.camera = self._camera_for(picture)
        self.dock.set_status("")
        self._image_status = None
        self._file_failures = {}
        self.dock.set_details(details_text(picture))
        self.dock.id_edit.setText(picture.id)
        self.dock.set_navigation(
            prev=picture.prev is not None,
            next=picture.next is not None,
            sequence=bool(picture.sequence_id),
        )
        related = sorted(
            picture.related, key=lambda link: (link.datetime is None, link.datetime or 0)
        )
        self.dock.set_related(
            [
                (link.datetime.strftime("%Y-%m-%d") if link.datetime else link.id, link.id)
                for link in related
                if link.id
            ]
        )
        before = self.dock.stack.currentWidget()
        view = self.dock.show_pano() if picture.is_360 else self.dock.show_flat()
        if not same:
            if view is not before:
                self._clear_view(view)  # it still holds an older picture of that kind
            view.set_message(self.tr("Loading picture…"))
            self.dock.pano_view.set_camera(self.camera)
        self.loader.cancel_except({picture.id} | ({picture.next.id} if picture.next else set()))
        levels = ["thumb", "sd"] + (["hd"] if self.settings.viewer_always_hd else [])
        for level in levels:
            self.loader.request(picture, level)
        self._sync_map()
        self.overlay.show_picture(picture)
        self.annotations.show_picture(picture)
        QgsSettings().setValue(
            SETTINGS_LAST, f"{picture.instance_url}|{picture.sequence_id or ''}|{picture.id}"
        )
        self.own_actions.update()
        self.picture_shown.emit(picture)
        self._prefetch(picture)

    def heading_fixed(self, picture) -> None:
        """The open picture as the instance has it after a heading fix: the cone follows."""
        self.current = picture
        self.prefetched[picture.id] = picture
        self._sync_map()
        self.overlay.show_picture(picture)

    def _on_image(self, picture_id: str, level: str, image) -> None:
        if not self._alive or self.current is None or picture_id != self.current.id:
            return  # a prefetch, or a picture the user left
        rank = LEVELS.index(level)
        if rank <= self.shown_level:
            return  # never replace a sharper image with a blurrier one
        first = self.shown_level < 0
        self.shown_level = rank
        warning = image_warning(image)
        self._refine_heading(image_file_heading(image))
        if self.current.is_360:
            array, image = qimage_to_array(image)
            # the camera was set when the picture was shown (ahead, or toward a target)
            self.dock.pano_view.set_source(array, keep_camera=True)
        else:
            self.dock.flat_view.set_image(image, same_picture=not first)
            if first:
                self._zoom_flat_toward_target(image)
        if first:
            self.annotations.image_shown()
        sharper_failed = [
            message
            for failed, message in self._file_failures.items()
            if LEVELS.index(failed) > rank
        ]
        if warning:  # shown as far as it could be read, and said so
            self._set_image_status(warning)
            self.logger.warning(warning, push=False)
        elif sharper_failed:  # a sharper file failed before this one came: say so
            self._set_image_status(sharper_failed[-1])
        elif self._image_status is not None and self.dock.status.text() == self._image_status:
            self._set_image_status(None)  # an earlier file failed, this one is fine
        self.image_shown.emit(picture_id, level)

    def _on_image_failed(self, picture_id: str, level: str, message: str) -> None:
        if not self._alive or self.current is None or picture_id != self.current.id:
            return
        self.logger.warning(message, push=False)
        self._file_failures[level] = message
        if self.shown_level >= 0:
            if LEVELS.index(level) > self.shown_level:  # a sharper file: keep what is shown
                self._set_image_status(message)
            return
        if any(self.loader.is_pending(picture_id, other) for other in LEVELS):
            return  # another file of the picture may still come: it says this one failed
        # nothing of this picture can be shown: say so where the picture would be
        view = self.dock.pano_view if self.current.is_360 else self.dock.flat_view
        self._clear_view(view)
        view.set_message(message)
        self._set_image_status(message)

    def _set_image_status(self, message: str | None) -> None:
        """A message about the picture's files in the status line (None clears it)."""
        self._image_status = message
        self.dock.set_status(message or "")

    def _clear_view(self, view) -> None:
        if view is self.dock.pano_view:
            view.set_source(None, keep_camera=True)
        else:
            view.set_image(None)

    def _prefetch(self, picture) -> None:
        """Fetch the next picture's item and sd file while the user looks at this one."""
        link = picture.next
        previous, self._prefetch_task = self._prefetch_task, None
        if previous is not None:
            previous.cancel()  # the picture after another one: not needed any more
        if link is None or link.id in self.prefetched:
            if link is not None:
                self.loader.request(self.prefetched[link.id], "sd", background.PRIORITY_AHEAD)
            return
        client = self._client()

        def work(job):
            return client.get_picture(link.id, link.collection_id or picture.sequence_id)

        def done(next_picture):
            if not self._alive:
                return
            self.prefetched[next_picture.id] = next_picture
            while len(self.prefetched) > 64:
                self.prefetched.pop(next(iter(self.prefetched)))
            self.loader.request(next_picture, "sd", background.PRIORITY_AHEAD)

        self._prefetch_task = background.start(
            background.Job(
                self.tr("Prefetching Panoramax picture"),
                work,
                on_done=done,
                on_error=lambda error: None,
            ),
            background.PRIORITY_AHEAD,
        )

    def _refine_heading(self, file_value) -> None:
        """The shown picture's heading to the decimal its file gives (the API rounds it to
        whole degrees): map cone and overlays follow, and a view turned toward a target
        turns by the difference so that it stays on the target."""
        picture = self.current
        heading = refined_heading(picture.heading, file_value)
        if heading is None or heading == picture.heading:
            return
        delta = heading - picture.heading
        self.current = replace(picture, heading=heading)
        self.prefetched[picture.id] = self.current
        if self.target is not None and picture.is_360:
            self.camera = self.camera.turned(-delta)
            self.dock.pano_view.set_camera(self.camera)
        self.overlay.show_picture(self.current)
        self._sync_map()

    # ------------------------------------------------------------------ looking at a place
    def look_at(self, target) -> None:
        """Turn pictures toward ``target`` (a ``LookTarget``; None: look ahead again), the
        one shown now and those the user steps to; its marker drawn in the picture."""
        self.target = target
        if target is None:
            self.clear_target_marker()
        else:
            self.set_target_marker(target.lon, target.lat, target.height_m, target.label)
        if self.current is not None and self.current.is_360:
            camera = self._camera_for(self.current)
            self.camera = camera
            self.dock.pano_view.set_camera(camera)

    def open_candidate(self, candidate, height_m: float = 0.0, label: str = "") -> None:
        """Open a picture found for a feature, turned toward the feature."""
        self.look_at(LookTarget(candidate.target_lon, candidate.target_lat, height_m, label))
        picture = candidate.picture
        self.open_id(picture.id, picture.sequence_id)

    def _camera_for(self, picture) -> Camera:
        """The camera a newly shown picture opens with: toward the target when there is
        one within reach, else straight ahead (the zoom kept)."""
        if self.target is not None and picture.is_360:
            camera = camera_toward_target(
                picture, self.target, self.camera.hfov, self.settings.camera_height_m
            )
            if camera is not None:
                return camera
        return Camera(hfov=self.camera.hfov)

    def _zoom_flat_toward_target(self, image) -> None:
        """A flat picture's first image: zoom toward the target when it is in view."""
        if self.target is None or self.current is None:
            return
        point = flat_point_toward(
            self.current,
            self.target,
            image.width(),
            image.height(),
            self.settings.camera_height_m,
        )
        if point is not None:
            self.dock.flat_view.look_at(QPointF(*point), TARGET_FLAT_ZOOM)

    # ------------------------------------------------------------------ camera and map
    def _on_camera(self, camera) -> None:
        self.camera = camera
        self._sync_map()
        if (
            self.current is not None
            and camera.hfov < HD_BELOW_HFOV
            and self.shown_level < LEVELS.index("hd")
        ):
            self.loader.request(self.current, "hd")

    def _on_flat_zoom(self, zoom: float) -> None:
        if self.current is not None and zoom > 1.0 and self.shown_level < LEVELS.index("hd"):
            self.loader.request(self.current, "hd")

    def _sync_map(self) -> None:
        picture = self.current
        if picture is None:
            return
        if picture.is_360:
            bearing, fov = self.camera.map_bearing(picture.heading), self.camera.hfov
        else:
            bearing = picture.heading
            # the field of view the overlays, the measures and "look at" assume too
            fov = picture.field_of_view or DEFAULT_FLAT_HFOV
        self.map_sync.show(picture.lon, picture.lat, bearing, fov)

    def _set_follow(self, enabled: bool) -> None:
        self.map_sync.follow = enabled
        self._sync_map()

    # ------------------------------------------------------------------ navigation
    def go(self, where: str) -> None:
        picture = self.current
        if picture is None:
            return
        if where in ("next", "prev"):
            link = picture.next if where == "next" else picture.prev
            if link is not None:
                self.open_id(link.id, link.collection_id or picture.sequence_id)
            return
        if not picture.sequence_id:
            return
        client = self._client()
        sequence_id, last = picture.sequence_id, where == "last"

        def work(job):
            end = client.sequence_end(sequence_id, last=last)
            return client.get_picture(end.id, sequence_id)

        self._cancel_item()
        self._start_item(work)

    def set_playing(self, playing: bool) -> None:
        if playing:
            self.play_timer.start(int(self.dock.speed.value() * 1000))
        else:
            self.play_timer.stop()
            if self.dock.play_button.isChecked():
                self.dock.play_button.setChecked(False)

    def _play_step(self) -> None:
        self.play_timer.setInterval(int(self.dock.speed.value() * 1000))
        if self.current is None or self.current.next is None:
            self.set_playing(False)
            return
        if self.item_task is None:  # wait for the previous step to arrive
            self.go("next")

    # ------------------------------------------------------------------ actions
    def link(self) -> str | None:
        if self.current is None:
            return None
        return viewer_picture_url(
            self.current.home_url or self.current.instance_url, self.current.id
        )

    def open_in_browser(self) -> None:
        if self.link():
            QDesktopServices.openUrl(QUrl(self.link()))

    def copy_link(self) -> None:
        if self.link():
            QApplication.clipboard().setText(self.link())

    def save_hd(self, path: str | None = None):
        picture = self.current
        if picture is None or not picture.asset_url("hd"):
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.dock,
                self.tr("Save HD picture"),
                f"{picture.id}.jpg",
                self.tr("JPEG pictures (*.jpg)"),
            )
        if not path:
            return None
        url = picture.asset_url("hd")
        account = self.own_account()

        def work(task):
            data = self.reads_http(account).get_bytes(url)
            with open(path, "wb") as stream:
                stream.write(data)
            return path

        task = CoreTask(
            self.tr("Saving Panoramax picture"),
            work,
            on_done=lambda saved: self.logger.success(
                self.tr("Picture saved to {path}").format(path=saved)
            ),
            on_error=lambda error: self.logger.error(
                self.tr("The picture could not be saved: {error}").format(error=error)
            ),
        )
        self._save_task = task
        return start_task(task)

    @property
    def alive(self) -> bool:
        """False once unloaded: late background results are then dropped."""
        return self._alive

    # ------------------------------------------------------------------ capture
    def capture_view(self, target: str = "file", path: str | None = None):
        """Save the view as shown (``target`` "file": to ``path``, asked when None) or copy
        it to the clipboard ("clipboard"); see :class:`.capture_action.ViewCapture`."""
        return self.capture.capture_view(target, path)

    # ------------------------------------------------------------------ overlay
    def set_target_marker(
        self, lon: float, lat: float, height_m: float = 0.0, label: str = ""
    ) -> bool:
        """Draw the feature the user asked pictures of in the picture: a ring and a
        crosshair over everything, at ``height_m`` above the ground. Replaces the previous
        target; kept across pictures until :meth:`clear_target_marker`. False (nothing
        drawn) for non-finite coordinates; never raises."""
        return self.overlay.set_target(lon, lat, height_m, label)

    def clear_target_marker(self) -> None:
        self.overlay.clear_target()

    # ------------------------------------------------------------------ lifecycle
    def last_opened(self) -> tuple | None:
        """(api_url, sequence id, picture id) of the picture shown last, if any."""
        value = QgsSettings().value(SETTINGS_LAST, "")
        parts = str(value or "").split("|")
        if len(parts) == 3 and parts[0] and parts[2]:
            return parts[0], parts[1] or None, parts[2]
        return None

    def restore(self) -> None:
        """Reopen the last picture when the dock comes back."""
        if self.current is not None:
            self.show(self.current)
            return
        last = self.last_opened()
        if last is not None:
            self.open_id(last[2], last[1], last[0])

    def on_closed(self) -> None:
        self.set_playing(False)
        self.loader.cancel_all()
        self._cancel_item()
        if self._prefetch_task is not None:
            self._prefetch_task.cancel()
            self._prefetch_task = None
        self._save_task = None
        self.capture.task = None
        if self._nearest_job is not None:
            self._nearest_job.cancel()  # the viewer closed: it does not open again by itself
            self._nearest_job = None
        self.map_sync.clear()
        self.measure.set_active(False)  # its marks leave the map with the viewer

    def unload(self) -> None:
        self.on_closed()
        self.measure.unload()
        self.overlay.unload()
        self.annotations.unload()
        self.own_actions.cancel()
        self.semantics.cancel()
        self.annotation_actions.cancel()
        self._alive = False
        self.loader.cache.clear()
