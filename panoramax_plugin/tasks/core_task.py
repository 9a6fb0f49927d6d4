"""A ``QgsTask`` that runs a core function off the GUI thread, safely.

No exception ever leaves ``run()`` (on QGIS 3.22 that aborts the interpreter);
it is kept and handed to ``on_error`` in ``finished()``, on the main thread,
where widgets and ``QgsProject`` may be touched.
"""

from __future__ import annotations

import traceback

from qgis.core import QgsTask

from ..core.errors import PanoramaxError


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

    def check_canceled(self) -> None:
        if self.isCanceled():
            raise TaskCanceled()

    def run(self) -> bool:
        try:
            self.result = self._work(self)
            return not self.isCanceled()
        except TaskCanceled:
            return False
        except BaseException as exc:
            self.error = exc
            if not isinstance(exc, PanoramaxError):
                self.error_trace = traceback.format_exc()
            return False

    def finished(self, ok: bool) -> None:
        if ok:
            if self._on_done:
                self._on_done(self.result)
        elif self.error is not None and self._on_error:
            self._on_error(self.error)
