"""Pause Python's cyclic garbage collector while a big answer becomes a layer.

Parsing 10,000 pictures allocates ~150,000 containers that live until the
layer is filled: meanwhile the collector runs full collections over a growing
heap, each holding the GIL for 30-100 ms, which freezes the QGIS GUI thread.
Nothing built there forms reference cycles (refcounting frees it all), so the
pause loses nothing. Pauses nest (a counter); the collector is switched back
on only if it was on before the first one.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


def pause() -> None:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1


def resume() -> None:
    global _depth
    with _lock:
        if _depth == 0:
            return
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused_gc():
    pause()
    try:
        yield
    finally:
        resume()
