"""What the browse and the tagged-pictures controllers share about their running search:
a ``LoadPicturesTask`` in ``self.task`` delivering batches to ``self._on_batch``, its
main-thread work in ``self.steps`` (``MainThreadSteps``), watched by ``self._lost_watch``
(``LostTaskWatch``), the controller saying ``loading_changed``."""

from __future__ import annotations


class SearchTaskOwner:
    """Mixed into a QObject controller (after QObject) that has the attributes above."""

    def cancel(self) -> None:
        """Stop the search under way: no more batches, nothing left to put in layers."""
        self._lost_watch.stop()
        task, self.task = self.task, None
        if task is not None:
            try:
                task.batch_ready.disconnect(self._on_batch)
                task.cancel()
            except (RuntimeError, TypeError):  # already finished and deleted
                pass
        self.steps.end()
        self.loading_changed.emit(False)

    def is_loading(self) -> bool:
        return self.task is not None or bool(self.steps)

    def _on_terminated(self) -> None:
        """Canceled from QGIS's task manager, or failed: the load is over."""
        if self.sender() is self.task:
            self.task = None
            self.steps.end()
            self.loading_changed.emit(False)
