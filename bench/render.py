"""Render benchmark: building a revision's rendering (the one content pipeline) for the largest demo guide and
for copies of it 5× and 20× its size, interleaved (1×, 5×, 20×, 1×, …), medians of RUNS. Target: linear in the
guide's size, 20× ÷ 1× ≤ 25.

Run: .venv/bin/python bench/render.py   (temporary SQLite database)
"""

import statistics
import time

from common import load_demo, multiply, setup, size

setup()

from guides.models import StudyGuide  # noqa: E402
from guides.rendering import build_rendered_guide  # noqa: E402

RUNS = 5


def main():
    load_demo()
    largest = max(StudyGuide.objects.all(), key=size)
    guides = {1: largest, 5: multiply(largest, 5), 20: multiply(largest, 20)}
    timings = {factor: [] for factor in guides}
    for _ in range(RUNS):
        for factor, guide in guides.items():
            guide = StudyGuide.objects.get(pk=guide.pk)
            start = time.perf_counter()
            build_rendered_guide(guide)
            timings[factor].append(time.perf_counter() - start)
    medians = {factor: statistics.median(values) for factor, values in timings.items()}
    print(f"Rendering “{largest.title}” and copies (SQLite), medians of {RUNS}:")
    for factor, median in medians.items():
        print(f"  {factor:2}× ({size(guides[factor]):,} characters): {median * 1000:7.1f} ms, "
              f"{median / medians[1]:5.1f}× the 1× time")
    print(f"  20× ÷ 1× = {medians[20] / medians[1]:.1f} (target ≤ 25)")


if __name__ == "__main__":
    main()
