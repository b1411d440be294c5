"""Anchoring benchmark: a chair's publish on a guide with 5,000 delegate notes (target: returns in under 1 s),
and the background job that re-anchors all of them.

Figures are ratios measured interleaved in one run (A, B, A, B…, medians of RUNS): the same edit published on
the guide with 5,000 notes (A) and on an identical guide with none (B). Absolute times are printed too.

Run: .venv/bin/python bench/anchoring.py   (temporary SQLite database)
"""

import re
import statistics
import time

from common import load_demo, multiply, setup

setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from delegates.models import Annotation  # noqa: E402
from delegates.services import annotation_create, annotations_reanchor  # noqa: E402
from guides import revisions  # noqa: E402
from guides.models import StudyGuide  # noqa: E402
from guides.services import guide_content_save, guide_publish  # noqa: E402

ANNOTATIONS = 5000
RUNS = 3


def annotate(guide, user, count):
    sections = revisions.rendered(guide.published_revision).sections
    with transaction.atomic():
        made = 0
        while made < count:
            for section in sections:
                words = [(m.start(), m.end()) for m in re.finditer(r"\w+", section.text)]
                if len(words) < 10:
                    continue
                index = (made * 7) % (len(words) - 8)
                start, end = words[index][0], words[index + made % 8][1]
                annotation_create(user=user, guide=guide, section_id=section.pk, start=start, end=end,
                                  exact=section.text[start:end])
                made += 1
                if made == count:
                    break


def edit_and_publish(guide, run):
    def edit():
        for section in guide.sections.all():
            section.body = f"Sentence {run} the chair added. " + section.body
            section.save()

    guide_content_save(guide=guide, by=None, changes=edit)
    start = time.perf_counter()
    guide_publish(guide=guide, note=f"Edit {run}.")
    return time.perf_counter() - start


def main():
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    load_demo()
    original = StudyGuide.objects.get(topic__committee__slug="ccpcj")
    noted, plain = multiply(original, 1), multiply(original, 1)
    user = get_user_model().objects.get(username="delegate.ecpat")
    annotate(noted, user, ANNOTATIONS)
    assert Annotation.objects.filter(guide=noted).count() == ANNOTATIONS

    with_notes, without = [], []
    for run in range(RUNS):
        with_notes.append(edit_and_publish(noted, run))
        without.append(edit_and_publish(plain, run))
    jobs = []
    for _ in range(RUNS):  # the background job's work, from scratch each time
        Annotation.objects.filter(guide=noted).update(anchored_revision=0)
        start = time.perf_counter()
        with transaction.atomic():
            annotations_reanchor(guide=noted, revision=noted.published_revision)
        jobs.append(time.perf_counter() - start)
    statuses = {s: Annotation.objects.filter(guide=noted, status=s).count() for s in ("anchored", "changed", "orphaned")}
    a, b = statistics.median(with_notes), statistics.median(without)
    from django.db import connection

    print(f"Publishing an edit of every section, guide with {ANNOTATIONS} notes vs none ({connection.vendor}, "
          f"medians of {RUNS}):")
    print(f"  with notes {a * 1000:.0f} ms, without {b * 1000:.0f} ms, ratio {a / b:.2f} (target: under 1 s)")
    print(f"  background job re-anchoring all {ANNOTATIONS}: median {statistics.median(jobs) * 1000:.0f} ms")
    print(f"  result: {statuses}")


if __name__ == "__main__":
    main()
