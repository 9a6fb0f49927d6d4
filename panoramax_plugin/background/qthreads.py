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
from concurrent.futures import Future
from queue import SimpleQueue

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


class QThreadExecutor:
    """A ``concurrent.futures``-like executor (``submit``, ``shutdown``) whose workers are
    Qt threads, for core code that takes an executor and, inside QGIS, sends through
    QGIS networking: each thread gets its own QGIS network manager, which Qt must be
    able to clean up in that thread (a plain Python thread's was left to the wrong
    thread: on QGIS 3.40 connections of other objects were lost, and QGIS crashed at
    exit)."""

    def __init__(self, max_workers: int):
        self._max = max(1, int(max_workers))
        self._queue: SimpleQueue = SimpleQueue()
        self._threads: list = []

    def submit(self, function, *args, **kwargs) -> Future:
        future: Future = Future()
        self._queue.put((future, function, args, kwargs))
        if len(self._threads) < self._max:
            thread = _FutureWorker(self._queue)
            self._threads.append(thread)
            thread.start()
        return future

    def shutdown(self, wait: bool = True) -> None:
        for _ in self._threads:
            self._queue.put(None)
        if wait:
            for thread in self._threads:
                thread.wait()  # releases the GIL while the thread ends


class _FutureWorker(QThread):
    """Runs submitted calls until it takes ``None``; each outcome goes to its future."""

    def __init__(self, queue: SimpleQueue):
        super().__init__()
        self._queue = queue

    def run(self):
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, function, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function(*args, **kwargs))
            except BaseException as exc:  # handed to the future: nothing leaves run()
                future.set_exception(exc)
