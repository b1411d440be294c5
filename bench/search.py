"""Search benchmark: a conference of 40 published guides (the five demo guides, eight times over), searched by a
delegate for common and rare words; median time of guides.search.search per query (target ≤ 50 ms), against
loading the conference page, interleaved.

Run: .venv/bin/python bench/search.py   (temporary SQLite database; BENCH_DATABASE_URL=postgres://…/empty for
PostgreSQL)
"""

from common import interleaved, load_demo, setup

setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from guides import search  # noqa: E402
from guides.models import Committee, Conference, StudyGuide, Topic  # noqa: E402
from guides.services import guide_content_save, guide_create, guide_publish  # noqa: E402

RUNS = 15
QUERIES = ["trafficking", "palermo protocol", "money laund", "thailand", "non-punishment principle", "zanzibar"]


def copy_guide(guide, committee, n):
    """A published copy of guide in committee (its parts copied through the one writer)."""
    topic = Topic.objects.create(committee=committee, title=f"{guide.title} ({n})", order=100 + n)
    copy = guide_create(topic=topic, by=None)

    def write():
        sources = {}
        for source in guide.sources.all():
            old = source.pk
            source.pk, source.guide = None, copy
            source.save()
            sources[old] = source
        sections = {}
        for section in guide.sections.all():
            old = section.pk
            section.pk, section.guide = None, copy
            section.save()
            sections[old] = section
        for related in ("key_terms", "timeline_events", "stakeholders", "questions"):
            for part in getattr(guide, related).all():
                part.pk, part.guide = None, copy
                if getattr(part, "source_id", None):
                    part.source = sources[part.source_id]
                part.save()

    guide_content_save(guide=copy, by=None, changes=write)
    guide_publish(guide=copy)
    return copy


def main():
    load_demo()
    conference = Conference.objects.get(slug="demo")
    originals = list(StudyGuide.objects.filter(topic__committee__conference__slug__in=["demo", "lakeside"]))
    committees = list(Committee.objects.filter(conference=conference))
    n = 0
    while StudyGuide.objects.filter(topic__committee__conference=conference, status="published").count() < 40:
        copy_guide(originals[n % len(originals)], committees[n % len(committees)], n)
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
