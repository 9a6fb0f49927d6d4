"""Pausing the cyclic GC nests, and never switches it on if it was off."""

import gc

from panoramax_plugin.core import gc_pause


def test_nested_pauses_restore_the_collector_once():
    assert gc.isenabled()
    gc_pause.pause()
    with gc_pause.paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the outer pause still holds
    gc_pause.resume()
    assert gc.isenabled()
    gc_pause.resume()  # an extra resume is harmless
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with gc_pause.paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
