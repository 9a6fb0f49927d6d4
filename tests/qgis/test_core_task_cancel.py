"""What a canceled CoreTask hands to its owner: by default its outcome (an upload says what
was sent and how to resume); with ``on_canceled`` what work returned; with
``quiet_when_canceled`` nothing (a search replaced by a newer one)."""

from __future__ import annotations

import threading

import pytest

from panoramax_plugin.background.core_task import CoreTask, start_task
from panoramax_plugin.core.errors import PanoramaxError
from tests.qt_wait import run_until


def canceled_task(qgis_app, outcome: str, **options):
    """A task canceled while it runs, whose work then raises or returns; what was called."""
    called = []
    started, canceled = threading.Event(), threading.Event()

    def work(task):
        started.set()
        canceled.wait(10)
        if outcome == "error":
            raise PanoramaxError("Upload canceled: what was sent is kept.")
        return ["sent one"]

    task = CoreTask(
        "cancel test",
        work,
        on_done=lambda result: called.append(("done", result)),
        on_error=lambda error: called.append(("error", str(error))),
        **options,
    )
    done = []
    task.taskCompleted.connect(lambda: done.append(1))
    task.taskTerminated.connect(lambda: done.append(1))
    start_task(task)
    run_until(qgis_app, started.is_set, 10)
    task.cancel()
    canceled.set()
    run_until(qgis_app, lambda: done, 10)
    for _ in range(5):
        qgis_app.processEvents()
    return called


@pytest.mark.parametrize("outcome", ["error", "result"])
def test_by_default_the_owner_hears_how_it_ended(qgis_app, outcome):
    called = canceled_task(qgis_app, outcome)
    if outcome == "error":
        assert called == [("error", "Upload canceled: what was sent is kept.")]
    else:
        assert called == []  # run() said not ok: no result to give


def test_on_canceled_gets_what_work_returned(qgis_app):
    seen = []
    called = canceled_task(qgis_app, "result", on_canceled=seen.append)
    assert called == [] and seen == [["sent one"]]


def test_a_quiet_task_calls_nothing_once_canceled(qgis_app):
    assert canceled_task(qgis_app, "error", quiet_when_canceled=True) == []
