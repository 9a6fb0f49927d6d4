"""The viewer's background jobs: their own pool, outcomes on the main thread, no waiting.

QGIS 3.22's task manager can lose a queued task (it hands a deleted runnable's address
to ``QThreadPool.cancel()``; a new runnable allocated there is taken out of the queue):
a prefetch then never started and the next picture never showed. The viewer's work
therefore never goes through ``QgsTaskManager`` nor Qt's global pool.
"""

from __future__ import annotations

import threading
import time

import pytest

from tests.qt_wait import run_until


@pytest.fixture()
def background(qgis_app):
    from panoramax_plugin.background import job_pool as background

    return background


def test_jobs_run_off_the_main_thread_and_end_on_it(background, qgis_app):
    main = threading.get_ident()
    outcomes = []

    def work(job):
        time.sleep(0.2)
        return threading.get_ident()

    began = time.monotonic()
    jobs = [
        background.start(background.Job("test", work, on_done=lambda ident: outcomes.append(ident)))
        for _ in range(3 * background.MAX_THREADS)
    ]
    # more jobs than threads: starting them never waits
    assert time.monotonic() - began < 0.5
    run_until(qgis_app, lambda: len(outcomes) == len(jobs), 10)
    assert main not in outcomes
    assert all(job.finished for job in jobs)
    # nothing of these jobs kept once handed over (jobs of earlier tests may still end)
    kept = {id(job) for job in background._jobs.values()}
    assert not kept & {id(job) for job in jobs}


def test_errors_go_to_on_error_and_canceled_jobs_call_nothing(background, qgis_app):
    from panoramax_plugin.core.errors import PanoramaxError

    calls = []
    started = threading.Event()

    def fail(job):
        raise PanoramaxError("no such picture")

    def slow(job):
        started.set()
        for _ in range(100):
            job.check_canceled()
            time.sleep(0.01)
        return "late"

    failing = background.start(
        background.Job("fail", fail, on_done=calls.append, on_error=calls.append)
    )
    canceled = background.start(
        background.Job("slow", slow, on_done=calls.append, on_error=calls.append)
    )
    assert started.wait(5)
    canceled.cancel()
    run_until(qgis_app, lambda: failing.finished and canceled.finished, 10)
    assert [str(error) for error in calls] == ["no such picture"]
    assert canceled.result is None  # it stopped at its next check


def test_a_failing_callback_is_logged_not_raised(background, qgis_app):
    messages = []

    def record(message, tag, level):
        messages.append(message)

    from qgis.core import QgsApplication

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        job = background.start(background.Job("boom", lambda job: 1, on_done=lambda result: 1 / 0))
        run_until(qgis_app, lambda: job.finished and messages, 10)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
    assert any("ZeroDivisionError" in message for message in messages)
