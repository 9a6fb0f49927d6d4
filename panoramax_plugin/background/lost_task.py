"""Start again a ``QgsTask`` that QGIS 3.22's task manager lost before starting it."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import QObject, QThreadPool, QTimer

from ..core.i18n import translate
from .core_task import hand_over


class LostTaskWatch(QObject):
    """Calls ``on_lost()`` when QGIS's task manager lost the watched task before
    starting it. One per owner, reused for each of its tasks.

    On QGIS 3.22 a task that has just ended has its deleted runnable handed to
    ``QThreadPool.cancel()``; a new runnable allocated at the same address and still
    waiting in Qt's global pool is then dropped, and its task stays "queued" for ever
    (see ``job_pool.py``). A task still queued while the pool has had idle
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
