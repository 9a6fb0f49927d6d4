"""From features of the user's layer to the pictures that show them, in the viewer.

One search at a time: features become WGS84 targets on the main thread (a feature that
cannot be looked for is said and skipped), the place searches run in a ``QgsTask``
(progress, cancel from the task bar or the list's close button), then the viewer lists
the pictures per feature and opens the best one turned toward its feature.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QObject

from ..background.core_task import CoreTask, start_task
from ..background.qthreads import QThreadExecutor
from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.feature_pictures import pictures_of_features
from ..network.session import qgis_http_client
from .feature_targets import TargetError, target_from_feature

THUMBNAILS_PER_FEATURE = 30  # thumbnails fetched for the list (the rest on demand)


class FeaturePictures(QObject):
    """``search(layer, features)``; the results go to the viewer dock's candidate list."""

    def __init__(self, viewer_provider, logger, parent=None):
        super().__init__(parent)
        self._viewer_provider = viewer_provider  # () -> ViewerController (made on demand)
        self.logger = logger
        self.task: CoreTask | None = None
        self._last = None  # (layer, features) of the last search: searched again on demand
        self._wired = None  # the viewer whose dock signals are connected

    # ------------------------------------------------------------------ searching
    def search(self, layer, features) -> CoreTask | None:
        """Look for the pictures of ``features`` of ``layer`` on the viewer's instance."""
        viewer = self._viewer()
        features = list(features)
        if not features:
            self.logger.warning(
                self.tr("Select one or more features of the layer first."), push=True
            )
            return None
        targets = []
        for feature in features:
            try:
                targets.append(target_from_feature(layer, feature))
            except TargetError as error:
                self.logger.warning(str(error), push=True)
        if not targets:
            return None
        if not viewer.api_url:
            self.logger.warning(self.tr("Choose a Panoramax instance first."), push=True)
            return None
        self.cancel()
        self._last = (layer, features)
        settings = viewer.settings
        api_url, instance, timeout = viewer.api_url, viewer.instance, settings.timeout_s
        distance = float(settings.feature_search_distance_m)

        def client_factory():
            return PanoramaxClient(api_url, http=qgis_http_client(timeout), instance=instance)

        def work(task):
            def progress(done, total):
                task.setProgress(100.0 * done / max(1, total))

            return pictures_of_features(
                client_factory,
                targets,
                max_distance_m=distance,
                progress=progress,
                cancel=task.isCanceled,
                executor_factory=QThreadExecutor,  # QGIS networking wants Qt threads
            )

        candidates = viewer.dock.candidates
        candidates.set_distance(distance)
        if len(targets) == 1:
            text = self.tr("Looking for pictures of {label}…").format(label=targets[0].label)
        else:
            text = self.tr("Looking for pictures of {count} features…").format(count=len(targets))
        candidates.show_searching(text)
        viewer.dock.setVisible(True)
        viewer.dock.raise_()
        task = CoreTask(
            self.tr("Panoramax pictures of features"),
            work,
            on_done=lambda results: self._on_results(task, targets, results),
            on_error=lambda error: self._on_error(task, error),
        )
        self.task = task
        start_task(task)
        return task

    def cancel(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            try:
                task.cancel()
            except RuntimeError:  # already deleted by the task manager
                pass

    # ------------------------------------------------------------------ results
    def _on_results(self, task, targets, results) -> None:
        if task is not self.task:
            return  # superseded or canceled
        self.task = None
        viewer = self._viewer()
        groups = []
        for target in targets:
            found = results.get(target.feature_id)
            if isinstance(found, BaseException):
                message = str(found) if isinstance(found, PanoramaxError) else repr(found)
                self.logger.warning(
                    self.tr("Pictures of {label}: {error}").format(
                        label=target.label, error=message
                    ),
                    push=False,
                )
                groups.append((target.label, message))
            else:
                groups.append((target.label, list(found or [])))
        candidates = viewer.dock.candidates
        candidates.show_results(groups)
        for _, found in groups:
            if isinstance(found, list):
                for candidate in found[:THUMBNAILS_PER_FEATURE]:
                    viewer.loader.request(candidate.picture, "thumb")
        if candidates.candidates():
            candidates.choose_row(0)  # the best one, turned toward its feature

    def _on_error(self, task, error) -> None:
        if task is not self.task:
            return
        self.task = None
        message = str(error) if isinstance(error, PanoramaxError) else repr(error)
        viewer = self._viewer()
        viewer.dock.candidates.show_results([(self.tr("the features"), message)])
        self.logger.warning(message, push=True)

    # ------------------------------------------------------------------ the viewer
    def _viewer(self):
        viewer = self._viewer_provider()
        if self._wired is not viewer:
            candidates = viewer.dock.candidates
            candidates.chosen.connect(self._open)
            candidates.cancel_requested.connect(self.cancel)
            candidates.distance_changed.connect(self._search_again_within)
            candidates.closed.connect(lambda: self._viewer_provider().look_at(None))
            viewer.loader.ready.connect(self._thumbnail)
            self._wired = viewer
        return viewer

    def _search_again_within(self, metres: int) -> None:
        """The user changed the distance: kept for next time, the last search made again."""
        viewer = self._viewer()
        viewer.settings.set_and_save("feature_search_distance_m", float(metres))
        if self._last is not None:
            layer, features = self._last
            try:
                self.search(layer, features)
            except RuntimeError:  # the layer was removed meanwhile
                self._last = None

    def _open(self, candidate) -> None:
        viewer = self._viewer()
        settings = viewer.settings
        label = (
            self._labels.get(candidate.feature_id, "") if hasattr(candidate, "feature_id") else ""
        )
        viewer.open_candidate(candidate, float(settings.feature_height_m), label)

    def _thumbnail(self, picture_id: str, level: str, image) -> None:
        if level != "thumb":
            return
        try:
            self._viewer().dock.candidates.set_thumbnail(picture_id, image)
        except RuntimeError:  # the dock was deleted (plugin unloaded)
            pass
