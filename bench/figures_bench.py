"""Exercise figures: time to render every exercise's static and animated SVG.

Each run clears every cache (parsed figure files, resolved poses, rendered
strings), then renders all static and animated figures. Poses come from the
shipped cache of fitted poses; a last line times fitting them from scratch.
"""

from __future__ import annotations

import statistics
import time

from spinewise.core.exercises import load_library
from spinewise.core.figures import clear_caches, render_animated_svg, render_static_svg
from spinewise.core.figures.catalogue import load_figure
from spinewise.core.figures.scene import resolve

RUNS = 9


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ids = load_library().ids()
    totals: list[float] = []
    cpu: list[float] = []
    per_figure: list[float] = []
    size = 0
    for _ in range(RUNS):
        clear_caches()
        start, start_cpu = time.perf_counter(), time.process_time()
        for exercise_id in ids:
            t = time.perf_counter()
            size = len(render_static_svg(exercise_id)) + len(render_animated_svg(exercise_id))
            per_figure.append(time.perf_counter() - t)
        totals.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"figures: {len(ids)} exercises, static + animated SVG each, caches cleared per run")
    print(
        f"all figures: median {statistics.median(totals) * 1000:.0f} ms, "
        f"p99 {_percentile(totals, 0.99) * 1000:.0f} ms over {RUNS} runs "
        f"(CPU time: median {statistics.median(cpu) * 1000:.0f} ms)"
    )
    print(
        f"one figure (static + animated): median {statistics.median(per_figure) * 1000:.1f} ms, "
        f"p99 {_percentile(per_figure, 0.99) * 1000:.1f} ms; last animated+static {size // 1024} KiB"
    )
    clear_caches()
    start = time.perf_counter()
    for exercise_id in ids:
        resolve(load_figure(exercise_id))
    print(f"fitting every pose from scratch (no fit cache): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
