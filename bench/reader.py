"""Reader benchmark: median server time for the reader of the largest demo guide and of a generated guide
five times its size, cold (stored revision parsed from JSON) and warm (parsed revision kept by the process).

Run: .venv/bin/python bench/reader.py   (uses a temporary SQLite database; prints its figures)
"""

import statistics
import time

from common import load_demo, multiply, setup, size

setup()

import django.contrib.auth  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guides import revisions  # noqa: E402
from guides.models import StudyGuide  # noqa: E402

RUNS = 15


def measure(client, guide):
    url = guide.get_absolute_url()
    results = {}
    for phase in ("cold", "warm"):
        timings, queries = [], 0
        for _ in range(RUNS):
            if phase == "cold":  # the stored revision is parsed again from its JSON
                revisions._parsed.clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
            assert response.status_code == 200
            queries = len(captured)
        results[phase] = (statistics.median(timings) * 1000, queries)
    return results


def main():
    load_demo()
    client = Client()
    client.force_login(django.contrib.auth.get_user_model().objects.get(username="delegate.nigeria"))
    largest = max(StudyGuide.objects.all(), key=size)
    big = multiply(largest, 5)
    print(f"Reader benchmark, median of {RUNS} requests (SQLite)")
    for label, guide in (("largest demo guide", largest), ("generated 5x guide", big)):
        figures = measure(client, guide)
        print(
            f"  {label:<20} {guide.sections.count():>3} sections {guide.sources.count():>4} sources | "
            f"cold {figures['cold'][0]:7.1f} ms ({figures['cold'][1]} queries) | "
            f"warm {figures['warm'][0]:7.1f} ms ({figures['warm'][1]} queries)"
        )


if __name__ == "__main__":
    main()
