"""Search benchmark: a conference of 40 published guides (the five demo guides, eight times over), searched by a
delegate for common and rare words; median time of guides.search.search per query (target ≤ 50 ms), against
loading the conference page, interleaved.

Run: .venv/bin/python bench/search.py   (temporary SQLite database; BENCH_DATABASE_URL=postgres://…/empty for
PostgreSQL)
"""

from common import copy_guide, interleaved, load_demo, setup

setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from guides import search  # noqa: E402
from guides.models import Committee, Conference, StudyGuide  # noqa: E402

RUNS = 15
QUERIES = ["trafficking", "palermo protocol", "money laund", "thailand", "non-punishment principle", "zanzibar"]


def main():
    load_demo()
    conference = Conference.objects.get(slug="demo")
    originals = list(StudyGuide.objects.filter(topic__committee__conference__slug__in=["demo", "lakeside"]))
    committees = list(Committee.objects.filter(conference=conference))
    n = 0
    while StudyGuide.objects.filter(topic__committee__conference=conference, status="published").count() < 40:
        original = originals[n % len(originals)]
        copy_guide(original, committees[n % len(committees)], title=f"{original.title} ({n})", order=100 + n)
        n += 1
    guides = StudyGuide.objects.filter(topic__committee__conference=conference, status="published").count()
    delegate = get_user_model().objects.get(username="delegate.nigeria")
    search.search(delegate, conference, "warm")  # every guide indexed (publishing did) and the cache warm
    client = Client()
    client.force_login(delegate)
    functions = {q: (lambda q=q: search.search(delegate, conference, q)) for q in QUERIES}
    functions["conference page"] = lambda: client.get(conference.get_absolute_url())
    results = interleaved(functions, RUNS)
    from guides.models import SearchEntry

    entries = SearchEntry.objects.count()
    print(f"Search, {guides} published guides ({entries:,} indexed places), {connection.vendor}, median of {RUNS}, "
          "interleaved:")
    for query in QUERIES:
        hits = len(search.search(delegate, conference, query))
        print(f"  {query!r:<28} {results[query] * 1000:6.1f} ms  ({hits} results)")
    worst = max(results[q] for q in QUERIES)
    print(f"  conference page              {results['conference page'] * 1000:6.1f} ms")
    print(f"  slowest query ÷ 50 ms target: {worst * 1000 / 50:.2f} (≤ 1 meets it)")


if __name__ == "__main__":
    main()
