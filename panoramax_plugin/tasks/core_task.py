"""A ``QgsTask`` that runs a core function off the GUI thread, safely.

No exception ever leaves ``run()`` (on QGIS 3.22 that aborts the interpreter);
it is kept and handed to ``on_error`` in ``finished()``, on the main thread,
where widgets and ``QgsProject`` may be touched.
"""

from __future__ import annotations

import traceback

from qgis.core import Qgis, QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import QObject, QThreadPool, QTimer

from ..core.errors import PanoramaxError
from ..core.i18n import translate

# Tasks alive from creation until QGIS reports them completed or terminated. The
# task manager owns the C++ object but calls run() through the Python wrapper:
# if that wrapper were garbage-collected first (e.g. a queued task canceled and
# forgotten by its owner), QGIS would call a pure virtual run() and abort.
_LIVE: set = set()


class TaskCanceled(Exception):
    """Raised by ``check_canceled`` inside the work function to stop early."""


class CoreTask(QgsTask):
    """Runs ``work(task)``; then ``on_done(result)`` or ``on_error(exception)``.

    ``work`` may call ``task.setProgress`` and ``task.check_canceled()``.
    """

    def __init__(
        self, description: str, work, on_done=None, on_error=None, flags=QgsTask.Flag.CanCancel
    ):
        super().__init__(description, flags)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self.result = None
        self.error: BaseException | None = None
        self.error_trace: str | None = None
        _LIVE.add(self)
        self.taskCompleted.connect(self._forget)
        self.taskTerminated.connect(self._forget)

    def _forget(self) -> None:
        _LIVE.discard(self)

    def check_canceled(self) -> None:
        if self.isCanceled():
            raise TaskCanceled()

    def run(self) -> bool:
        self.result, self.error, self.error_trace, canceled = call_work(self._work, self)
        return not canceled and self.error is None and not self.isCanceled()

    def finished(self, ok: bool) -> None:
        # finished() is called from C++: an exception here would abort QGIS, e.g. a
        # callback touching a widget deleted while the task ran (plugin unloaded)
        if ok:
            hand_over(self.result, None, self._on_done, self._on_error, "task")
        elif self.error is not None:
            hand_over(None, self.error, self._on_done, self._on_error, "task")


def call_work(work, task) -> tuple:
    """``work(task)`` without ever raising: (result, error, error trace, canceled).

    Shared by ``CoreTask`` and the viewer's own jobs: nothing may leave a worker
    thread (on QGIS 3.22 it aborts the interpreter). Our own errors need no trace.
    """
    try:
        return work(task), None, None, False
    except TaskCanceled:
        return None, None, None, True
    except BaseException as exc:
        trace = None if isinstance(exc, PanoramaxError) else traceback.format_exc()
        return None, exc, trace, False


def hand_over(result, error, on_done, on_error, what: str) -> None:
    """On the main thread: ``on_done(result)`` or ``on_error(error)``, never raising."""
    try:
        if error is None:
            if on_done:
                on_done(result)
        elif on_error:
            on_error(error)
    except Exception:
        QgsMessageLog.logMessage(
            f"Panoramax {what} callback failed:\n" + traceback.format_exc(),
            "Panoramax",
            Qgis.MessageLevel.Warning,
        )


class LostTaskWatch(QObject):
    """Calls ``on_lost()`` when QGIS's task manager lost the watched task before
    starting it. One per owner, reused for each of its tasks.

    On QGIS 3.22 a task that has just ended has its deleted runnable handed to
    ``QThreadPool.cancel()``; a new runnable allocated at the same address and still
    waiting in Qt's global pool is then dropped, and its task stays "queued" for ever
    (see ``viewer/background.py``). A task still queued while the pool has had idle
    threads at ``checks`` checks in a row was lost: its owner starts it again.
    """

    interval_ms = 1000

    def __init__(self, parent=None, checks=3):
        super().__init__(parent)
        self.task: QgsTask | None = None
        self.on_lost = None
        self.checks = checks
        self.idle_checks = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)

    def watch(self, task: QgsTask, on_lost) -> None:
        """Watch ``task`` (instead of any earlier one) until it starts or ends."""
        self.task, self.on_lost, self.idle_checks = task, on_lost, 0
        self.timer.start(self.interval_ms)

    def stop(self) -> None:
        self.timer.stop()
        self.task = None

    def _check(self) -> None:
        task = self.task
        try:
            queued = task is not None and task.status() == QgsTask.TaskStatus.Queued
        except RuntimeError:  # ended, and deleted by the task manager
            queued = False
        if not queued:
            self.stop()
            return
        pool = QThreadPool.globalInstance()
        if pool.activeThreadCount() >= pool.maxThreadCount():
            self.idle_checks = 0  # really waiting for a thread
            return
        self.idle_checks += 1
        if self.idle_checks < self.checks:
            return
        on_lost = self.on_lost
        self.stop()
        QgsMessageLog.logMessage(
            translate(
                "LostTaskWatch", "QGIS never started the task “{task}”: starting it again."
            ).format(task=task.description()),
            "Panoramax",
            Qgis.MessageLevel.Warning,
        )
        hand_over(None, None, lambda _: on_lost(), None, "lost task")
