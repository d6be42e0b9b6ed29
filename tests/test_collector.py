"""The collector pause: restored as found, and what was built leaves the young generations."""

from __future__ import annotations

import gc
import sys

import pytest

from kg.collector import collector_paused


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="CPython 3.14's incremental collector has other generations")
def test_what_a_pause_built_is_scanned_once_on_leaving_not_by_whatever_runs_next():
    gc.collect()
    with collector_paused():
        built = [[i] for i in range(50_000)]  # containers the collector tracks
        assert gc.get_count()[0] >= 50_000  # young and uncounted while paused
    assert gc.isenabled()
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation)}
    assert not young & {id(o) for o in built}  # in the oldest generation: no young pass will rescan them
    assert any(o is built[0] for o in gc.get_objects(2))


def test_a_callers_own_disable_is_kept_and_a_raise_restores_the_collector():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("build failed")
    assert gc.isenabled()
