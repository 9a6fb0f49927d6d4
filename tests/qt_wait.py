"""Waiting for background work in tests: spin Qt's event loop until a condition holds."""

from __future__ import annotations

import time


def run_until(qgis_app, condition, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        qgis_app.processEvents()
        time.sleep(0.005)
    qgis_app.processEvents()
    assert condition(), "timed out"
