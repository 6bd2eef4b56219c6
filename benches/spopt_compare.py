#!/usr/bin/env python3
"""impuls against PySAL spopt on the same instances, side by side.

    pip install spopt pulp highspy          # spopt 0.7, PuLP with the HiGHS backend
    cargo build --release
    python3 benches/spopt_compare.py [--suite orlib,mclp,tsplib,generated] [--timeout 3600] [--only pmed6]

For every case both tools solve the same model to proven optimality and the script prints one
table: instance, model, n, m, p (or radius), impuls seconds, spopt seconds, ratio, and both
objective values. Seconds are wall-clock seconds of the whole job, reading included:
impuls as one process (`impuls solve ... --json`), spopt in a child Python process that reads
the same file, builds the cost matrix spopt needs (dense, n × m) and solves with PuLP + HiGHS.
A spopt run that exceeds --timeout or --memory-gb is stopped and reported as such.

Instances come from IMPULS_BENCH_DIR (default ../shared/benchmarks):
- orlib: OR-Library pmed graphs; spopt gets the all-pairs shortest-path matrix (scipy, last
  duplicate edge wins, as in impuls and the published optima), impuls reads the file itself.
- mclp: the SJC point sets (every point is demand and candidate, Euclidean distance, covered iff
  d <= S); both tools get the same points, impuls through its CSV pair reader.
- tsplib: TSPLIB point sets with floor(Euclidean) distances (the p-median literature's values).
- generated: clustered synthetic MCLP instances from `impuls generate --seed 1` (10^4 to 10^6
  demand points, 1000 sites, p = 100, radius 5 km, 2 km at 10^6); spopt reads the same native
  JSON file.
  Writing the file is not timed.
"""

import argparse
import csv
import json
import math
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (instance, p) for OR-Library; p is the file's own p
ORLIB = ["pmed1", "pmed6", "pmed11", "pmed16", "pmed21", "pmed26", "pmed31", "pmed36", "pmed40"]
# (instance, radius, p): rows of mclp/computed_optima_highs.csv whose optimum leaves demand uncovered
MCLP = [(f"SJC{n}", r, p) for n in (324, 402, 500, 708, 818) for r, p in ((200, 20), (400, 10))]
TSPLIB = [("rl1304", 10), ("rl1304", 100)]
# (demand points, sites, p, radius km): `impuls generate --seed 1` instances, MCLP
GENERATED = [(10_000, 1000, 100, 5.0), (100_000, 1000, 100, 5.0), (1_000_000, 1000, 100, 2.0)]


# ---------------------------------------------------------------- readers (for spopt's side)


def read_orlib(path):
    """Vertices and all-pairs shortest paths of a pmed file (last duplicate edge wins)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import shortest_path

    tokens = path.read_text().split()
    n, m, p = int(tokens[0]), int(tokens[1]), int(tokens[2])
    edges = {}
    for k in range(m):
        u, v, c = (int(t) for t in tokens[3 + 3 * k : 6 + 3 * k])
        edges[(min(u, v), max(u, v))] = c
    rows, cols, vals = [], [], []
    for (u, v), c in edges.items():
        rows += [u - 1, v - 1]
        cols += [v - 1, u - 1]
        vals += [c, c]
    graph = csr_matrix((vals, (rows, cols)), shape=(n, n))
    return shortest_path(graph, method="D", directed=False), np.ones(n), p


def read_points(path):
    """(x, y, weight) of an SJC file (`n 9999 p S` header) or a TSPLIB EUC_2D file."""
    import numpy as np

    lines = path.read_text().splitlines()
    pts = []
    if path.suffix == ".tsp":
        on = False
        for line in lines:
            if line.strip().startswith("NODE_COORD_SECTION"):
                on = True
                continue
            if on:
                parts = line.split()
                if not parts or parts[0] == "EOF":
                    break
                pts.append((float(parts[1]), float(parts[2]), 1.0))
    else:
        for line in lines[1:]:
            parts = line.split()
            if len(parts) >= 3:
                pts.append((float(parts[0]), float(parts[1]), float(parts[2])))
    return np.array(pts)


def read_generated(path):
    """Demand (x, y, weight) and site (x, y) arrays of a native JSON instance."""
    import numpy as np

    doc = json.loads(path.read_text())
    demand = np.array([(d["x"], d["y"], d["weight"]) for d in doc["demand"]])
    sites = np.array([(s["x"], s["y"]) for s in doc["sites"]])
    return demand, sites


def euclidean(pts, floor):
    from scipy.spatial.distance import cdist

    import numpy as np

    d = cdist(pts[:, :2], pts[:, :2])
    return np.floor(d) if floor else d


# ---------------------------------------------------------------- spopt in a child process


def spopt_job(case, bench, queue, memory_gb):
    """Runs in a child: read, build the dense cost matrix, solve with spopt + PuLP/HiGHS."""
    limit = int(memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # HiGHS prints its banner on the process's stdout even with msg=False: keep the table clean
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    import pulp
    from spopt.locate import MCLP as SpoptMCLP
    from spopt.locate import PMedian

    started = time.perf_counter()
    try:
        if case["suite"] == "orlib":
            cost, weights, p = read_orlib(bench / "orlib-pmed" / f"{case['name']}.txt")
            model = PMedian.from_cost_matrix(cost, weights, p_facilities=p)
        elif case["suite"] == "tsplib":
            pts = read_points(bench / "tsplib" / f"{case['name']}.tsp")
            model = PMedian.from_cost_matrix(euclidean(pts, True), pts[:, 2], p_facilities=case["p"])
        elif case["suite"] == "generated":
            import numpy as np

            demand, sites = read_generated(Path(case["file"]))
            cost = np.sqrt(((demand[:, None, :2] - sites[None, :, :]) ** 2).sum(axis=2))
            model = SpoptMCLP.from_cost_matrix(
                cost, demand[:, 2], service_radius=case["radius"], p_facilities=case["p"]
            )
        else:
            pts = read_points(bench / "mclp" / f"{case['name']}.txt")
            model = SpoptMCLP.from_cost_matrix(
                euclidean(pts, False), pts[:, 2], service_radius=case["radius"], p_facilities=case["p"]
            )
        model = model.solve(pulp.HiGHS(msg=False, gapRel=0.0))
        objective = pulp.value(model.problem.objective)
        status = pulp.LpStatus[model.problem.status]
        queue.put(("ok", time.perf_counter() - started, objective, status))
    except MemoryError:
        queue.put(("memory", time.perf_counter() - started, None, f"out of memory (> {memory_gb} GB)"))
    except Exception as e:  # report, never hide
        queue.put(("error", time.perf_counter() - started, None, f"{type(e).__name__}: {e}"))


def run_spopt(case, bench, timeout, memory_gb):
    queue = mp.Queue()
    child = mp.Process(target=spopt_job, args=(case, bench, queue, memory_gb))
    started = time.perf_counter()
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None, None, f"stopped after {timeout:.0f} s"
    if queue.empty():
        return None, None, f"died (exit {child.exitcode}; memory limit {memory_gb} GB?)"
    kind, _, objective, status = queue.get()
    seconds = time.perf_counter() - started
    return (seconds if kind == "ok" else None), objective, status


# ---------------------------------------------------------------- impuls


def run_impuls(case, bench, exe, workdir):
    if case["suite"] == "orlib":
        args = [str(bench / "orlib-pmed" / f"{case['name']}.txt"), "--model", "pmedian"]
    elif case["suite"] == "tsplib":
        tsp = bench / "tsplib" / f"{case['name']}.tsp"
        args = [str(tsp), "--model", "pmedian", "-p", str(case["p"]), "--distance", "floor"]
    elif case["suite"] == "generated":
        args = [case["file"], "--model", "mclp", "--radius", str(case["radius"]), "-p", str(case["p"])]
    else:
        # the same points as a CSV pair: every point is demand and candidate
        pts = read_points(bench / "mclp" / f"{case['name']}.txt")
        demand, sites = workdir / f"{case['name']}_demand.csv", workdir / f"{case['name']}_sites.csv"
        with open(demand, "w", newline="") as d, open(sites, "w", newline="") as s:
            dw, sw = csv.writer(d), csv.writer(s)
            dw.writerow(["id", "x", "y", "weight"])
            sw.writerow(["id", "x", "y"])
            for k, (x, y, w) in enumerate(pts, 1):
                dw.writerow([k, f"{x:g}", f"{y:g}", f"{w:g}"])
                sw.writerow([k, f"{x:g}", f"{y:g}"])
        args = ["--demand", str(demand), "--sites", str(sites), "--crs", "planar", "--model", "mclp",
                "--radius", str(case["radius"]), "-p", str(case["p"])]
    started = time.perf_counter()
    out = subprocess.run([exe, "solve", *args, "--json", "-q"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        return None, None, out.stderr.strip().splitlines()[-1] if out.stderr else f"exit {out.returncode}"
    result = json.loads(out.stdout)
    return seconds, result["objective"], result["status"]


# ---------------------------------------------------------------- table


def cases(suites, only):
    out = []
    if "orlib" in suites:
        out += [{"suite": "orlib", "name": n, "model": "pmedian"} for n in ORLIB]
    if "mclp" in suites:
        out += [{"suite": "mclp", "name": n, "model": "mclp", "radius": r, "p": p} for n, r, p in MCLP]
    if "tsplib" in suites:
        out += [{"suite": "tsplib", "name": n, "model": "pmedian", "p": p} for n, p in TSPLIB]
    if "generated" in suites:
        out += [
            {"suite": "generated", "name": f"gen{n}", "model": "mclp", "demand": n, "sites": m, "p": p, "radius": r}
            for n, m, p, r in GENERATED
        ]
    return [c for c in out if not only or c["name"] in only]


def fmt(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench-dir", default=os.environ.get("IMPULS_BENCH_DIR", str(ROOT.parent / "shared/benchmarks")))
    ap.add_argument("--impuls", default=str(ROOT / "target/release/impuls"))
    ap.add_argument("--suite", default="orlib,mclp,tsplib")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds per spopt run")
    ap.add_argument("--memory-gb", type=float, default=16.0, help="address-space limit of a spopt run")
    ap.add_argument("--csv", help="also write the table here")
    a = ap.parse_args()
    bench = Path(a.bench_dir)
    rows = []
    header = ["instance", "model", "p", "radius", "impuls_s", "spopt_s", "ratio",
              "impuls_objective", "spopt_objective", "impuls_status", "spopt_status"]
    print(f"{'instance':<10} {'model':<8} {'p':>4} {'radius':>6} {'impuls s':>9} {'spopt s':>9} {'ratio':>8} "
          f"{'impuls objective':>17} {'spopt objective':>16}  spopt status", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases(a.suite.split(","), set(a.only)):
            if case["suite"] == "generated":
                case["file"] = str(Path(tmp) / f"{case['name']}.json")
                subprocess.run([a.impuls, "-q", "generate", "--demand", str(case["demand"]), "--sites",
                                str(case["sites"]), "--seed", "1", "-o", case["file"]], check=True)
            i_s, i_obj, i_status = run_impuls(case, bench, a.impuls, Path(tmp))
            s_s, s_obj, s_status = run_spopt(case, bench, a.timeout, a.memory_gb)
            ratio = s_s / i_s if (s_s and i_s) else None
            if i_obj is not None and s_obj is not None and abs(i_obj - s_obj) > 1e-6 * max(1.0, abs(i_obj)):
                s_status += " (objective differs!)"
            p = case.get("p", "")
            radius = case.get("radius", "")
            print(f"{case['name']:<10} {case['model']:<8} {p!s:>4} {radius!s:>6} {fmt(i_s):>9} {fmt(s_s):>9} "
                  f"{fmt(ratio, 1):>8} {fmt(i_obj, 1):>17} {fmt(s_obj, 1):>16}  {s_status}", flush=True)
            rows.append([case["name"], case["model"], p, radius, i_s, s_s, ratio, i_obj, s_obj, i_status, s_status])
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)


if __name__ == "__main__":
    main()
