"""Reader benchmark: median server time for the reader of the largest demo guide and of a generated guide
five times its size, cold (stored revision parsed from JSON) and warm (parsed revision kept by the process);
then the warm reader against a minimal view that loads the same session and user, interleaved (target ≤ 1.5).

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

from guides import revisions, views  # noqa: E402
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
                views._pages.clear(), views._articles.clear(), views._mentions_html.clear()
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


def minimal(request):
    from django.http import HttpResponse

    return HttpResponse(f"Hello {request.user.get_username()}", content_type="text/plain")


def ratio(client, guide):
    from common import interleaved
    from django.urls import clear_url_caches, path

    from mlmun import urls

    urls.urlpatterns.insert(0, path("bench-minimal/", minimal))
    clear_url_caches()

    def get(url):
        def run():
            assert client.get(url).status_code == 200
        return run

    get(guide.get_absolute_url())()  # warm
    results = interleaved({"reader": get(guide.get_absolute_url()), "minimal": get("/bench-minimal/")}, runs=RUNS * 10)
    print(f"  warm reader {results['reader'] * 1000:.1f} ms ÷ minimal view with the same session and user "
          f"{results['minimal'] * 1000:.1f} ms = {results['reader'] / results['minimal']:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
    client = Client()
    client.force_login(django.contrib.auth.get_user_model().objects.get(username="delegate.nigeria"))
    ratio(client, max(StudyGuide.objects.filter(topic__committee__slug="ga3"), key=size))
