"""The viewer's background work: its own Qt thread pool, results on the main thread.

Why not ``QgsTask``: on QGIS 3.22 the task manager hands the runnable of a task that
has just finished - already deleted by the thread pool - to ``QThreadPool.cancel()``
(in ``taskStatusChanged`` and ``cleanupAndDeleteTask``). When a new runnable was
allocated at the same address and still waits in Qt's global pool, the pool takes it
out of its queue and deletes it: that task then stays "queued" for ever, and a map
render job lost that way never finishes (the canvas draws for ever; deleting the canvas
waits for the job without a timeout). The viewer starts several tasks per picture, so
it ran into this (a prefetch never started) and made it likelier for everything else
in the global pool. Its network waits also held the global pool's threads (as many as
cores), which QGIS needs for map rendering.

Here every piece of work is a plain callable run by a pool of the viewer's own: nothing
is ever taken out of a queue (a canceled job still runs, sees it is canceled and
returns), nobody waits for a job, and the main thread gets each result through a
queued signal.
"""

from __future__ import annotations

import functools
import itertools

from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QThreadPool, pyqtSignal

from .core_task import TaskCanceled, call_work, hand_over

MAX_THREADS = 6
"""Threads of the viewer's pool: a picture needs up to six fetches at once (item,
preview, thumb, sd, the next item and its sd), and canceled fetches finish their
request (bounded by the HTTP timeout) before their thread is free again."""

PRIORITY_NOW = 1
PRIORITY_AHEAD = 0  # prefetching: after whatever is shown now


class Job:
    """``work(job)`` in a worker thread; then, on the main thread and unless canceled,
    ``on_done(result)`` or ``on_error(exception)``.

    ``work`` may call ``job.check_canceled()`` (raises ``TaskCanceled``) and
    ``job.isCanceled()``, as with ``CoreTask``.
    """

    def __init__(self, description: str, work, on_done=None, on_error=None):
        self._description = description
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._canceled = False
        self.result = None
        self.error: BaseException | None = None
        self.error_trace: str | None = None
        self.finished = False  # True once the main thread got the outcome

    def description(self) -> str:
        return self._description

    def cancel(self) -> None:
        """No callback will be called; the worker stops at its next check."""
        self._canceled = True

    def isCanceled(self) -> bool:  # the QgsTask spelling: work functions serve both
        return self._canceled

    def check_canceled(self) -> None:
        if self._canceled:
            raise TaskCanceled()

    def _run(self) -> None:
        """In a worker thread; never raises."""
        if not self._canceled:
            self.result, self.error, self.error_trace, _ = call_work(self._work, self)

    def _deliver(self) -> None:
        """On the main thread: hand the outcome over (never raises)."""
        self.finished = True
        if not self._canceled:
            hand_over(self.result, self.error, self._on_done, self._on_error, "viewer")


class _Relay(QObject):
    """Lives on the main thread: a job's end arrives there as a queued call."""

    finished = pyqtSignal(object)  # job number

    def __init__(self):
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, number: int) -> None:
        job = _jobs.pop(number, None)
        if job is not None:
            job._deliver()


_relay: _Relay | None = None
_pool: QThreadPool | None = None
_numbers = itertools.count()
# Jobs from start() until the main thread took their outcome. Workers get a job's number
# and drop their reference before saying it is done: the last reference to a job, and
# so to what its callbacks hold (the controller, the loader...), always goes on the
# main thread; a QObject freed from a worker thread would be deleted in the wrong thread.
_jobs: dict = {}


def _run(number: int, relay: _Relay) -> None:
    """In a worker thread: run job ``number``, then tell the main thread (never raises:
    an exception leaving a pool thread aborts QGIS)."""
    try:
        job = _jobs.get(number)
        if job is not None:
            job._run()
        del job
        relay.finished.emit(number)
    except BaseException:  # interpreter shutting down: nobody is waiting any more
        pass


def pool() -> QThreadPool:
    """The viewer's pool (made on first use, on the main thread)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_THREADS)
        # owned by C++ and never deleted: deleting a QThreadPool waits, without a
        # timeout, for every job it runs (at interpreter exit that could be for ever)
        sip.transferto(_pool, None)
    return _pool


def pending() -> int:
    """Jobs started whose outcome the main thread has not taken yet, canceled ones
    included (their worker still ends its request). For shutdown code and tests: the
    last references to what their callbacks hold go when this reaches 0."""
    return len(_jobs)


def start(job: Job, priority: int = PRIORITY_NOW) -> Job:
    """Run ``job`` in the background; call from the main thread."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    number = next(_numbers)
    _jobs[number] = job
    pool().start(functools.partial(_run, number, _relay), priority)
    return job
