"""A long solve in a child process for the signal tests (``test_threads_and_signals.py``).

``python signal_child.py solve`` solves a generated p-median (20 000 demand points, 2 000
sites, p = 40: minutes without interruption), ``pareto`` computes the three-objective Harz
front, ``alarm`` solves the p-median under a SIGALRM handler that raises ``TimeoutError`` after
one second. Each prints ``started`` before the call and then the outcome as one JSON line.
"""

from __future__ import annotations

import json
import pathlib
import signal
import sys
import time

import impuls

REPO = pathlib.Path(__file__).resolve().parents[2]


def main(mode: str) -> None:
    if mode == "pareto":
        print("started", flush=True)
        front = impuls.pareto(REPO / "instances" / "harz", ["access", "balance", "change"])
        print(json.dumps({"complete": front.complete, "proposals": len(front.proposals),
                          "note": front.note}), flush=True)
        return
    model = impuls.PMedian.from_instance(impuls.generate(20_000, 2_000, seed=1), 40)
    if mode == "alarm":
        def alarm(signum, frame):
            raise TimeoutError("alarm")
        signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, 1.0)
    print("started", flush=True)
    started = time.monotonic()
    try:
        result = model.solve()
    except TimeoutError as e:
        print(json.dumps({"raised": type(e).__name__, "after": time.monotonic() - started}), flush=True)
        # the stopped solve has released the library: the next one runs
        again = impuls.PMedian.from_cost_matrix([[1.0, 2.0], [2.0, 1.0]], [1, 1], 1).solve()
        print(json.dumps({"next": again.status}), flush=True)
        return
    print(json.dumps({"status": result.status, "objective": result.objective,
                      "bound": result.bound, "verified": result.verified,
                      "open": len(result.open_sites)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
