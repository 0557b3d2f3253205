"""loaders/gc_pause.py: cycle collection is off inside the block and back as it was after."""

from __future__ import annotations

import gc

import pytest

from loaders.gc_pause import gc_paused


def test_collection_is_off_inside_and_on_again_after_even_when_the_block_fails():
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
        raise ValueError("bad file")
    assert gc.isenabled()


def test_a_process_that_turned_collection_off_keeps_it_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
