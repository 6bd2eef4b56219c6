"""The GIL is released during a solve, solves from several threads are safe, and Ctrl-C (or an
exception of another signal handler) stops a long solve or Pareto run (in a child process)."""

from __future__ import annotations

import json
import pathlib
import signal
import subprocess
import sys
import threading
import time

import numpy as np

import impuls

CHILD = pathlib.Path(__file__).with_name("signal_child.py")


def test_other_threads_run_during_a_solve():
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1  # pure Python: needs the GIL for every step

    model = impuls.PMedian.from_instance(impuls.generate(20_000, 2_000, seed=1), 40)
    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.3)
    before = ticks
    time.sleep(0.3)
    rate = (ticks - before) / 0.3  # ticks per second of free running
    start = ticks
    result = model.solve(time_limit=2.0)
    during = ticks - start
    stop.set()
    counter.join()
    assert result.seconds >= 2.0 and result.status == "time_limit"
    # with the GIL held the counter would get one switch interval (5 ms) at most
    assert during > 0.25 * rate, (during, rate)


def test_solves_from_several_threads_agree():
    rng = np.random.default_rng(12)
    cost, weights = rng.uniform(0, 100, (80, 30)), rng.integers(1, 9, 80).astype(float)
    alone = impuls.PMedian.from_cost_matrix(cost, weights, 5).solve().objective
    results = [None] * 6

    def run(k):
        results[k] = impuls.PMedian.from_cost_matrix(cost, weights, 5).solve()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.objective for r in results] == [alone] * 6
    assert all(r.status == "optimal" for r in results)


def run_child(mode: str, signal_after: float = None) -> list:
    """Starts the child, sends SIGINT ``signal_after`` seconds after it starts its call, and
    returns the JSON lines it printed (it must exit 0 within 120 s of the signal)."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "started", child.stderr.read()
        if signal_after is not None:
            time.sleep(signal_after)
            child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
    finally:
        child.kill()
    assert child.returncode == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_ctrl_c_returns_the_best_solution_as_interrupted():
    (outcome,) = run_child("solve", signal_after=1.5)
    assert outcome["status"] == "interrupted"
    assert outcome["verified"] and outcome["objective"] > 0 and outcome["open"] == 40
    assert outcome["bound"] is None or outcome["bound"] <= outcome["objective"]


def test_ctrl_c_stops_a_pareto_run_with_the_points_found():
    (outcome,) = run_child("pareto", signal_after=2.0)
    assert not outcome["complete"]
    assert outcome["note"].startswith("UNVOLLSTÄNDIG")


def test_an_exception_of_another_signal_handler_stops_the_solve_and_is_raised():
    raised, following = run_child("alarm")
    assert raised["raised"] == "TimeoutError"
    assert following == {"next": "optimal"}
