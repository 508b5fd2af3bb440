"""The collector's pause (edikit._gc): what it leaves behind for the caller's process."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import edikit
from edikit._gc import paused_gc

SAMPLE = Path(__file__).parents[2] / "fixtures" / "samples" / "856-pick-pack.edi"


class _Cyclic:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


# Run in a fresh interpreter: which generation an object is in depends on everything the
# process did before (a test that ran edikit's command in-process, say).
_KEPT_SCRIPT = """
import gc
from edikit._gc import paused_gc

with paused_gc(kept=True):
    assert not gc.isenabled()
    kept = [[n] for n in range(10_000)]
enabled = gc.isenabled()
gc.disable()  # no collection from here on moves anything between generations
oldest = any(o is kept for o in gc.get_objects(generation=2))
youngest = any(o is kept for o in gc.get_objects(generation=0))
print(enabled, gc.get_freeze_count(), oldest, youngest)
"""


def test_what_a_kept_pause_built_goes_to_the_oldest_generation_and_nothing_stays_frozen() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KEPT_SCRIPT], capture_output=True, text=True, check=True
    )
    # The collector is back on, nothing is frozen, and what was built is in the oldest
    # generation, where no young collection rescans it.
    assert done.stdout.split() == ["True", "0", "True", "False"]


@pytest.mark.usefixtures("collector_on")
def test_cycles_built_in_the_pause_are_still_collected() -> None:
    with paused_gc(kept=True):
        cycle = _Cyclic()
        alive = weakref.ref(cycle)
        del cycle
    assert alive() is not None
    gc.collect()
    assert alive() is None


@pytest.mark.usefixtures("collector_on")
def test_a_callers_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc(kept=True):
            _ = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_caller_who_disabled_the_collector_keeps_it_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_a_pause_whose_objects_are_not_kept_does_not_count_frozen_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stream pauses the collector for each transaction set: counting the frozen objects
    walks them all, so a process that froze many (edikit's own command does before its
    report) would pay for them at every set."""

    def walked() -> int:
        raise AssertionError("the frozen objects were counted")

    monkeypatch.setattr(gc, "get_freeze_count", walked)
    with paused_gc():
        pass
    assert gc.isenabled()
    transactions = list(edikit.stream(SAMPLE))
    assert transactions
