"""impuls against PySAL spopt (with PuLP and HiGHS) on the same cost matrices.

The cases are small enough for spopt's dense formulations: random points, OR-Library pmed1
(its graph's shortest-path matrix, read by impuls) and the São José dos Campos set SJC324.
``test_spopt.py`` asserts equal optima; run as a script (``python spopt_crosscheck.py``) this
prints the comparison table with the median seconds of three runs of each side (model
building included).
"""

from __future__ import annotations

import os
import pathlib
import statistics
import time
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

import impuls

REPO = pathlib.Path(__file__).resolve().parents[2]


def bench_dir() -> pathlib.Path:
    """``IMPULS_BENCH_DIR``, by default ``../shared/benchmarks`` beside the repository."""
    return pathlib.Path(os.environ.get("IMPULS_BENCH_DIR", REPO.parent / "shared" / "benchmarks"))


@dataclass(frozen=True)
class Data:
    cost: np.ndarray
    weights: np.ndarray


def random_points(seed: int, n: int = 60, m: int = 25) -> Data:
    """n demand points and m sites uniform on a 100 × 100 square, integer weights 1–20."""
    rng = np.random.default_rng(seed)
    demand, sites = rng.uniform(0, 100, (n, 2)), rng.uniform(0, 100, (m, 2))
    cost = np.sqrt(((demand[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2))
    return Data(cost, rng.integers(1, 21, n).astype(float))


def benchmark(relative: str) -> Data:
    """A benchmark file's impedance matrix and weights, as impuls reads it."""
    instance = impuls.read_instance(bench_dir() / relative)
    return Data(instance.cost_matrix(), instance.weights)


@dataclass(frozen=True)
class Case:
    instance: str
    data: Callable[[], Data]
    model: str
    p: Optional[int] = None
    radius: Optional[float] = None
    #: spopt takes about a minute here (its p-center MIP); the test compares with the
    #: published optimum instead, the table script runs spopt
    slow: bool = False

    @property
    def label(self) -> str:
        params = ", ".join(
            f"{k} = {v:g}" for k, v in (("p", self.p), ("S", self.radius)) if v is not None
        )
        return f"{self.instance} {self.model} {params}"


CASES = [
    Case("random-60x25 seed 1", lambda: random_points(1), "pmedian", p=4),
    Case("random-60x25 seed 1", lambda: random_points(1), "pcenter", p=4),
    Case("random-60x25 seed 1", lambda: random_points(1), "mclp", p=3, radius=20.0),
    Case("random-60x25 seed 1", lambda: random_points(1), "lscp", radius=35.0),
    Case("random-60x25 seed 2", lambda: random_points(2), "pmedian", p=6),
    Case("random-60x25 seed 2", lambda: random_points(2), "pcenter", p=6),
    Case("random-60x25 seed 2", lambda: random_points(2), "mclp", p=5, radius=15.0),
    Case("random-60x25 seed 2", lambda: random_points(2), "lscp", radius=32.0),
    Case("pmed1", lambda: benchmark("orlib-pmed/pmed1.txt"), "pmedian", p=5),
    Case("pmed1", lambda: benchmark("orlib-pmed/pmed1.txt"), "pcenter", p=5, slow=True),
    Case("pmed1", lambda: benchmark("orlib-pmed/pmed1.txt"), "mclp", p=5, radius=60.0),
    Case("pmed1", lambda: benchmark("orlib-pmed/pmed1.txt"), "lscp", radius=127.0),
    Case("SJC324", lambda: benchmark("mclp/SJC324.txt"), "mclp", p=10, radius=200.0),
    Case("SJC324", lambda: benchmark("mclp/SJC324.txt"), "lscp", radius=200.0),
]


def solve_spopt(case: Case, data: Data) -> tuple:
    """(objective, seconds) of spopt with PuLP's HiGHS interface."""
    import pulp
    from spopt.locate import LSCP, MCLP, PCenter, PMedian

    started = time.perf_counter()
    if case.model == "pmedian":
        model = PMedian.from_cost_matrix(data.cost, data.weights, p_facilities=case.p)
    elif case.model == "pcenter":
        model = PCenter.from_cost_matrix(data.cost, p_facilities=case.p)
    elif case.model == "mclp":
        model = MCLP.from_cost_matrix(
            data.cost, data.weights, service_radius=case.radius, p_facilities=case.p
        )
    else:
        model = LSCP.from_cost_matrix(data.cost, service_radius=case.radius)
    model.solve(pulp.HiGHS(msg=False), results=False)
    objective = pulp.value(model.problem.objective)
    return objective, time.perf_counter() - started


def solve_impuls(case: Case, data: Data) -> tuple:
    """(result, seconds) of impuls on the same matrix."""
    started = time.perf_counter()
    if case.model == "pmedian":
        model = impuls.PMedian.from_cost_matrix(data.cost, data.weights, p_facilities=case.p)
    elif case.model == "pcenter":
        model = impuls.PCenter.from_cost_matrix(data.cost, p_facilities=case.p)
    elif case.model == "mclp":
        model = impuls.MCLP.from_cost_matrix(
            data.cost, data.weights, service_radius=case.radius, p_facilities=case.p
        )
    else:
        model = impuls.LSCP.from_cost_matrix(data.cost, service_radius=case.radius)
    result = model.solve()
    return result, time.perf_counter() - started


def main(runs: int = 3) -> None:
    """Prints the table: objectives and the median seconds of ``runs`` runs of each side."""
    print("| instance | model | objective spopt | objective impuls | s spopt | s impuls | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for case in CASES:
        data = case.data()
        spopt = [solve_spopt(case, data) for _ in range(runs)]
        ours = [solve_impuls(case, data) for _ in range(runs)]
        spopt_s = statistics.median(s for _, s in spopt)
        impuls_s = statistics.median(s for _, s in ours)
        result = ours[0][0]
        model = case.label.removeprefix(case.instance + " ")
        print(
            f"| {case.instance} | {model} | {spopt[0][0]:g} | {result.objective:g} "
            f"({result.status}) | {spopt_s:.2f} | {impuls_s:.3f} | {spopt_s / impuls_s:.0f}× |",
            flush=True,
        )


if __name__ == "__main__":
    main()
