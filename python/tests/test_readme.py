"""The example of the README's section "Python" runs and prints what its comments say."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from spopt_crosscheck import REPO


def test_readme_example(tmp_path):
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("## Python\n"):readme.index("## Results\n")]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    shutil.copytree(REPO / "instances" / "harz", tmp_path / "instances" / "harz")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    printed = {
        "optimal 1427785 km",
        "optimal 141000.0 ['Blankenburg']",
        "optimal 0.417 ['Wernigerode', 'Thale']",
        "33 ScenarioComparison('2035': 31 optimal, 1 within 1 %, 1 outside, 5 new)",
    }
    for line in printed:
        assert line in lines, line
        assert f"# {line}" in code, line
    assert (tmp_path / "out" / "harz-pt" / "report.html").is_file()
