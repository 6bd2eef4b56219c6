"""Shared fixtures: the repository's paths, the benchmark data and the CLI binary."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

from spopt_crosscheck import REPO, bench_dir as _bench_dir


def _required(path: pathlib.Path, what: str, explicit: bool) -> pathlib.Path:
    """``path`` if it exists; otherwise a failure under CI or when the path was set
    explicitly, a skip on a developer's machine without it (as the Rust tests do)."""
    if path.exists():
        return path
    message = f"{what} not found at {path}"
    if explicit or os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def bench_dir() -> pathlib.Path:
    """``IMPULS_BENCH_DIR`` (default ``../shared/benchmarks``)."""
    return _required(_bench_dir(), "benchmark data", "IMPULS_BENCH_DIR" in os.environ)


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    """The release binary the Rust tests build (``IMPULS_BIN`` to use another)."""
    path = pathlib.Path(os.environ.get("IMPULS_BIN", REPO / "target" / "release" / "impuls"))
    return _required(path, "the impuls binary (cargo build --release)", "IMPULS_BIN" in os.environ)


@pytest.fixture(scope="session")
def cli_error(cli):
    """The one line the CLI prints for a failing command, without its ``error: `` prefix."""

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(cli), "--quiet", *args], capture_output=True, text=True, cwd=REPO, timeout=300
        )
        assert done.returncode == 1, done
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
        return lines[0].removeprefix("error: ")

    return run


@pytest.fixture(scope="session")
def harz_dir() -> pathlib.Path:
    return REPO / "instances" / "harz"


@pytest.fixture(scope="session")
def small_catalogue() -> pathlib.Path:
    return REPO / "tests" / "data" / "small_catalogue"
