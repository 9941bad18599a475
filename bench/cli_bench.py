"""``spinewise plan`` from the shell: wall time of the whole process, start to exit.

Runs the console script (``spinewise``, next to this Python) as a subprocess with a
typical profile (upper back, a red resistance band), output to a pipe, and reports the
median and p99 wall time and the child's CPU time (user + system) against the issue's
target of 150 ms:

- warm: the library's compiled cache and the modules' bytecode are written (the usual
  case), ``CLI_BENCH_RUNS`` runs after 3 unmeasured ones;
- cold: the cache removed before each run, so the library is read, checked and cached
  again (the first run after an install or an edit of a data file);
- warm, from source: as warm, but every spinewise module is compiled on every run (a
  copy of the package without ``__pycache__``, ``PYTHONDONTWRITEBYTECODE=1``): a
  checkout where bytecode is never written, as in a sandbox that sets that variable.

The cache lives in a temporary directory (``SPINEWISE_LIBRARY_CACHE``), never the
user's. Environment:

  CLI_BENCH_RUNS=30       warm runs (cold and no-bytecode: a third of them, at least 5)
  CLI_BENCH_SRC=<dir>     time another checkout's ``src`` (e.g. one from ``git archive``),
                          run as ``python -c 'from spinewise.cli import main; main()'``
"""

from __future__ import annotations

import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spinewise

TARGET_MS = 150.0
PROFILE = {"regions": ["upper_back"], "equipment": ["resistance_band"], "band_levels": ["red"]}
WARMUP = 3


def command(profile: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    src = os.environ.get("CLI_BENCH_SRC")
    if src:
        env["PYTHONPATH"] = src
        program = "import sys; from spinewise.cli import main; sys.exit(main())"
        return [sys.executable, "-c", program, "plan", str(profile)], env
    script = Path(sys.executable).parent / "spinewise"
    return [str(script), "plan", str(profile)], env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def p99(values: list[float]) -> float:
    """Nearest rank: of 30 runs, the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def report(name: str, walls: list[float], cpus: list[float]) -> None:
    for kind, values in (("wall", walls), ("cpu", cpus)):
        median, slowest = statistics.median(values) * 1e3, p99(values) * 1e3
        print(
            f"{name:<20}{kind:<5} runs={len(values):<3} median={median:6.1f} ms  "
            f"p99={slowest:6.1f} ms  p99/target({TARGET_MS:g} ms)={slowest / TARGET_MS:.2f}"
        )


def main() -> None:
    runs = int(os.environ.get("CLI_BENCH_RUNS", "30"))
    few = max(5, runs // 3)
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as tmp:
        work = Path(tmp)
        profile = work / "profile.json"
        profile.write_text(json.dumps(PROFILE), encoding="utf-8")
        cache = work / "cache"
        argv, env = command(profile)
        env["SPINEWISE_LIBRARY_CACHE"] = str(cache)
        print(f"command: {' '.join(argv)}")
        # As from a person's shell: the first run writes the bytecode of every module.
        run_once(argv, {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})

        cold: list[tuple[float, float]] = []
        for _ in range(few):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run_once(argv, env))
        for _ in range(WARMUP):
            run_once(argv, env)
        warm = [run_once(argv, env) for _ in range(runs)]

        # A copy of the package without __pycache__, bytecode never written: every
        # spinewise module is compiled on every run (the standard library's is not).
        source = Path(env.get("PYTHONPATH") or Path(spinewise.__file__).parent.parent)
        shutil.copytree(
            source / "spinewise",
            work / "src" / "spinewise",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        no_pyc = dict(env, PYTHONPATH=str(work / "src"), PYTHONDONTWRITEBYTECODE="1")
        for _ in range(WARMUP):  # the copy's own library cache
            run_once(argv, no_pyc)
        compiled = [run_once(argv, no_pyc) for _ in range(few)]

        baseline = [run_once([sys.executable, "-c", "pass"], env) for _ in range(runs)]

    for name, timed in (
        ("warm", warm),
        ("cold (no cache)", cold),
        ("warm, from source", compiled),
        ("python -c pass", baseline),
    ):
        report(name, [wall for wall, _ in timed], [cpu for _, cpu in timed])


if __name__ == "__main__":
    main()
