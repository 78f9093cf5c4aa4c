"""Check worker processes tune their garbage collector after the first check (latency: a full
collection walked the engine's tables again every ~40 messages); the gateway's own process is
left alone unless the `safehaven gateway` command asks."""

from __future__ import annotations

import gc

from safehaven.gateway import server
from tests.gateway.conftest import make_gateway


def _worker_gc_state() -> tuple[tuple[int, int, int], int]:
    server._warm()  # a check in this worker (the warm-up may have gone to the other one)
    return gc.get_threshold(), gc.get_freeze_count()


def test_check_workers_freeze_their_warm_state_and_raise_the_threshold(gateway_files, sink_port):
    before = gc.get_threshold()
    gw = make_gateway(gateway_files, sink_port, executor="process")
    try:
        states = [gw.handler.pool.submit(_worker_gc_state).result(60) for _ in range(4)]
    finally:
        gw.stop()
    assert all(threshold == server.GC_THRESHOLD for threshold, _ in states)
    assert all(frozen > 1000 for _, frozen in states)
    assert gc.get_threshold() == before  # not this (the gateway's) process


def test_thread_workers_leave_the_gateway_process_gc_alone(gateway_files, sink_port):
    before = gc.get_threshold(), gc.get_freeze_count()
    gw = make_gateway(gateway_files, sink_port, executor="thread")
    try:
        assert gw.handler.pool.submit(server._warm).result(60)
    finally:
        gw.stop()
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
