"""A ``QgsTask`` that runs a core function off the GUI thread, safely.

No exception ever leaves ``run()`` (on QGIS 3.22 that aborts the interpreter);
it is kept and handed to ``on_error`` in ``finished()``, on the main thread,
where widgets and ``QgsProject`` may be touched.
"""

from __future__ import annotations

import traceback

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

from ..core.errors import PanoramaxError

# Tasks alive from creation until QGIS reports them completed or terminated. The
# task manager owns the C++ object but calls run() through the Python wrapper:
# if that wrapper were garbage-collected first (e.g. a queued task canceled and
# forgotten by its owner), QGIS would call a pure virtual run() and abort.
_LIVE: set = set()


class TaskCanceled(Exception):
    """Raised by ``check_canceled`` inside the work function to stop early."""


class CoreTask(QgsTask):
    """Runs ``work(task)``; then ``on_done(result)`` or ``on_error(exception)``.

    ``work`` may call ``task.setProgress`` and ``task.check_canceled()``. A canceled
    task's outcome still goes to ``on_done`` / ``on_error`` (an upload says what was sent
    and how to resume), unless the owner gives ``on_canceled`` (called with what ``work``
    returned: a batch of changes reports the ones already sent) or ``quiet_when_canceled``
    (a search replaced by a newer one: its late error or result must not end the new one).
    """

    def __init__(
        self,
        description: str,
        work,
        on_done=None,
        on_error=None,
        flags=QgsTask.Flag.CanCancel,
        on_canceled=None,
        quiet_when_canceled=False,
    ):
        super().__init__(description, flags)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._on_canceled = on_canceled
        self._quiet_when_canceled = quiet_when_canceled
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
        if self.isCanceled() and (self._on_canceled is not None or self._quiet_when_canceled):
            if self._on_canceled is not None:
                hand_over(self.result, None, self._on_canceled, self._on_error, "task")
        elif ok:
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


def start_task(task: QgsTask, watch=None, on_lost=None) -> QgsTask:
    """Hand ``task`` to QGIS's task manager: the one way the plugin starts a ``QgsTask``.

    With ``watch`` (a ``LostTaskWatch``), ``on_lost()`` is called if QGIS 3.22 loses the
    task before starting it (see ``lost_task.py``).
    """
    QgsApplication.taskManager().addTask(task)
    if watch is not None:
        watch.watch(task, on_lost)
    return task
