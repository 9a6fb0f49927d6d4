"""A load's main-thread work (features into layers, the summary), a small step per
event-loop turn so that QGIS never stalls, with Python's cyclic GC paused from the load's
start to its end (``core.gc_pause``: a collection over a million new objects froze QGIS).

Shared by the browse and the tagged-pictures controllers. A step that raises ends the
load (the queue cleared, the GC resumed) and is handed to ``on_failure``: nothing leaves
the timer's slot.
"""

from __future__ import annotations

from collections import deque

from qgis.PyQt.QtCore import QObject, QTimer

from ..core import gc_pause


class MainThreadSteps(QObject):
    """``begin()`` a load, ``add(step)`` its work as it comes, ``end()`` it (also on
    cancel or failure)."""

    def __init__(self, on_failure, parent=None):
        super().__init__(parent)
        self._steps: deque = deque()
        self._on_failure = on_failure  # (exception) -> None, main thread
        self.gc_held = False
        self._timer = QTimer(self)
        self._timer.setInterval(1)  # 0 would starve other timers of the GUI
        self._timer.timeout.connect(self._run_one)

    def __bool__(self) -> bool:
        """True while steps wait."""
        return bool(self._steps)

    def begin(self) -> None:
        """A new load: nothing left of the last one, the GC paused until ``end``."""
        self._steps.clear()
        if not self.gc_held:
            gc_pause.pause()
            self.gc_held = True

    def add(self, step) -> None:
        self._steps.append(step)
        self._timer.start()

    def end(self) -> None:
        """The load is over (complete, canceled or failed): no step left, the GC back."""
        self._steps.clear()
        self._timer.stop()
        if self.gc_held:
            gc_pause.resume()
            self.gc_held = False

    def _run_one(self) -> None:
        if not self._steps:
            self._timer.stop()
            return
        step = self._steps.popleft()
        try:
            step()
        except Exception as error:  # a timer slot: nothing may leave it
            self.end()
            self._on_failure(error)
