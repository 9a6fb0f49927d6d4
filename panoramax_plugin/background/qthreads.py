"""Work on plain ``QThread``s, for code that blocks its caller until it is done.

Qt network calls need a thread Qt started (timers: transfer timeout, cancel poll);
Python's own threads have none. Used inside a task that already runs off the GUI
thread: a side listing next to a search (``QThreadCall``), files sent N at a time
(``run_in_qthreads``).
"""

from __future__ import annotations

import threading
import traceback
from collections import deque

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QThread


class QThreadCall(QThread):
    """Runs a function that never raises in its own QThread; ``result`` once joined."""

    def __init__(self, function):
        super().__init__()
        self.function = function
        self.result = None

    def run(self):
        self.result = self.function()


class _QueueWorker(QThread):
    """A Qt thread that takes items from a shared queue until it is empty."""

    def __init__(self, take, function):
        super().__init__()
        self.take = take
        self.function = function

    def run(self):
        while True:
            item = self.take()
            if item is None:
                return
            try:
                self.function(item)
            except BaseException:  # nothing may leave QThread.run (it would abort QGIS)
                QgsMessageLog.logMessage(
                    "Panoramax worker thread failed:\n" + traceback.format_exc(),
                    "Panoramax",
                    Qgis.MessageLevel.Critical,
                )


def run_in_qthreads(function, items, workers: int) -> None:
    """``function(item)`` for every item, ``workers`` Qt threads at a time; returns when
    all are done. The uploader's ``run_parallel`` in QGIS."""
    queue = deque(items)
    lock = threading.Lock()

    def take():
        with lock:
            return queue.popleft() if queue else None

    threads = [_QueueWorker(take, function) for _ in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.wait()
