"""The cost of refusing hostile files: `python -m wayahead validate FILE` as a process of its own,
its wall time, CPU time and peak memory (the builders are tests/hostile.py's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFUSAL_LIMIT_S, REFUSAL_LIMIT_MB = 2.0, 300


@dataclass(frozen=True)
class Measured:
    """One finished process: exit code, output, wall and CPU seconds, peak resident memory."""

    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    cpu_s: float
    peak_mb: float


# Run by a small Python process of its own: a child's peak memory counts the memory of the
# process it was forked from, which for pytest or the bench may be hundreds of MB.
_LAUNCHER = (
    "import json, resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "wall = time.perf_counter() - started\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(json.dumps([code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))\n"
)


def run_measured(args: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> Measured:
    """Run `args` from a small launcher process, so that its own resource use is reported."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage.json"
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *args], cwd=cwd, env=env, stdout=out, stderr=err, check=True
        )
        code, wall, cpu, peak_kb = json.loads(report.read_text())
        out.seek(0), err.seek(0)
        return Measured(
            code, out.read().decode(errors="replace"), err.read().decode(errors="replace"), wall, cpu, peak_kb / 1024
        )


def validate_measured(path: Path, database_url: str) -> Measured:
    """`python -m wayahead validate PATH` against the database at `database_url`."""
    env = os.environ | {"WAYAHEAD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    return run_measured([sys.executable, "-m", "wayahead", "validate", str(path)], env)


def hostile_builders() -> dict[str, Callable[[], bytes]]:
    """The worst file of each kind, by name (built by tests/hostile.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile

    return {
        "one value in XFD1048576": hostile.far_cell,
        "one value in XFD3052": lambda: hostile.far_cell("XFD3052"),
        "1,000,000 junk rows": hostile.junk_rows,
        "210,000 filled cells": hostile.many_cells,
        "190 parts padded with comments to 1 MB": hostile.comment_padded,
        "zip bomb (300 MB of zeros)": hostile.zip_bomb,
        "XML bomb": hostile.xml_bomb,
        "hidden look-alike Funding sheet only": lambda: hostile.hidden_lookalike(keep_visible=False),
        "two zip entries of one name": hostile.duplicate_entry,
        "9,000 junk rows (within the limits)": lambda: hostile.junk_rows(9000),
    }
