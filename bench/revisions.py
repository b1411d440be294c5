"""Revisions benchmark: storing a revision, reading the published one, diffing two, and their size.

Every comparison is measured interleaved in one run (A, B, A, B, ...) and reported as medians and their ratio,
because this machine is shared and absolute times move between runs.

Run: .venv/bin/python bench/revisions.py   (temporary SQLite database; prints its figures)
"""

import statistics

from common import interleaved, load_demo, multiply, setup, size

setup()

import django.contrib.auth  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guides import revisions  # noqa: E402
from guides.models import StudyGuide  # noqa: E402
from guides.services import guide_content_save, guide_publish  # noqa: E402

RUNS = 7


def editor(guide):
    """Each call changes one word of the first section and stores a revision through the one writer."""
    counter = iter(range(10**6))
    first = guide.sections.order_by("order", "pk").first()

    def edit():
        n = next(counter)
        guide_content_save(guide=guide, by=None,
                           changes=lambda: type(first).objects.filter(pk=first.pk).update(body=first.body + f" r{n}"))
    return edit


def reader(client, guide):
    url = guide.get_absolute_url()

    def read():
        assert client.get(url).status_code == 200
    return read


def queries(client, guide):
    with CaptureQueriesContext(connection) as captured:
        client.get(guide.get_absolute_url())
    return len(captured)


def main():
    load_demo()
    largest = max(StudyGuide.objects.all(), key=size)
    big = multiply(largest, 5)
    print(f"Largest demo guide: {largest.topic.committee.abbreviation}, {largest.sections.count()} sections, "
          f"{largest.sources.count()} sources; 5x guide: {big.sections.count()} sections, {big.sources.count()} sources")

    stored = interleaved({"largest": editor(largest), "5x": editor(big)}, RUNS)
    print(f"Store a revision (render + source + write), median of {RUNS} interleaved:")
    print(f"  largest {stored['largest'] * 1000:7.1f} ms | 5x {stored['5x'] * 1000:7.1f} ms | "
          f"ratio {stored['5x'] / stored['largest']:.2f} (5x the content)")

    for guide in (largest, big):
        guide_publish(guide=guide)
    client = Client()
    client.force_login(django.contrib.auth.get_user_model().objects.get(username="delegate.usa"))
    for guide in (largest, big):
        reader(client, guide)()  # warm: parsed once per process
    counts = (queries(client, largest), queries(client, big))
    warm = interleaved({"largest": reader(client, largest), "5x": reader(client, big)}, runs=15)
    print("Reader of the published revision, warm, median of 15 interleaved:")
    print(f"  largest {warm['largest'] * 1000:7.1f} ms ({counts[0]} queries) | 5x {warm['5x'] * 1000:7.1f} ms "
          f"({counts[1]} queries) | ratio {warm['5x'] / warm['largest']:.2f}")

    # Twenty published updates later: the reader's queries and time do not grow with the errata log.
    few = queries(client, largest)
    one_update = interleaved({"reader": reader(client, largest)}, runs=15)["reader"]
    for _ in range(20):
        editor(largest)()
        guide_publish(guide=largest, note="Another correction.")
        reader(client, largest)()
    many = queries(client, largest)
    twenty = interleaved({"reader": reader(client, largest)}, runs=15)["reader"]
    print(f"  after 20 more published updates: {many} queries (was {few}); warm {twenty * 1000:.1f} ms "
          f"(was {one_update * 1000:.1f} ms; ratio {twenty / one_update:.2f}: the errata log on the page grows)")

    # Diff: one edit in every section of the largest guide, against the published revision.
    base = StudyGuide.objects.get(pk=largest.pk).published_revision

    def edit_every_section():
        for section in largest.sections.all():
            section.body = section.body.replace(" the ", " a ", 1) + " One more sentence."
            section.save()

    revision = guide_content_save(guide=largest, by=None, changes=edit_every_section)
    old, new = revisions.rendered(base), revisions.rendered(revision)
    diff = interleaved({"diff": lambda: revisions.revision_diff(old, new),
                        "parse both": lambda: (revisions.rendered_from_json(base.rendered),
                                               revisions.rendered_from_json(revision.rendered))}, RUNS)
    changed = len(revisions.revision_diff(old, new))
    print(f"Word diff of the largest guide with one edit per section ({changed} parts changed), median of {RUNS}:")
    print(f"  diff {diff['diff'] * 1000:.1f} ms | parsing the two revisions {diff['parse both'] * 1000:.1f} ms | "
          f"ratio {diff['diff'] / diff['parse both']:.2f}")

    for label, guide in (("largest", largest), ("5x", big)):
        sizes = list(guide.revisions.values_list("size", flat=True))
        print(f"Stored bytes per revision, {label}: median {statistics.median(sizes) / 1024:.0f} KB "
              f"over {len(sizes)} revisions (limit {revisions.MAX_REVISION_BYTES / 1024 / 1024:.0f} MB; "
              f"at most {revisions.KEEP_UNPUBLISHED} unpublished kept per guide)")


if __name__ == "__main__":
    main()
