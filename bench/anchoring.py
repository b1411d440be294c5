"""Anchoring benchmark: time to re-anchor 1,000 annotations after a section edit (target: under 1 s).

Run: .venv/bin/python bench/anchoring.py   (temporary SQLite database; prints its figures)
"""

import re
import statistics
import time

from common import load_demo, setup

setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from delegates.models import Annotation  # noqa: E402
from delegates.services import annotation_create, annotations_reanchor  # noqa: E402
from guides import revisions  # noqa: E402
from guides.models import StudyGuide  # noqa: E402
from guides.services import guide_content_save, guide_publish  # noqa: E402

ANNOTATIONS = 1000
RUNS = 5


def main():
    load_demo()
    guide = StudyGuide.objects.get(topic__committee__slug="ccpcj")
    user = get_user_model().objects.get(username="delegate.ecpat")
    sections = revisions.rendered(guide.published_revision).sections
    # 1,000 highlights spread over every section: words and phrases of 1 to 8 words.
    with transaction.atomic():
        made = 0
        while made < ANNOTATIONS:
            for section in sections:
                words = [(m.start(), m.end()) for m in re.finditer(r"\w+", section.text)]
                index = (made * 7) % max(1, len(words) - 8)
                start, end = words[index][0], words[index + made % 8][1]
                annotation_create(user=user, guide=guide, section_id=section.pk, start=start, end=end,
                                  exact=section.text[start:end])
                made += 1
                if made == ANNOTATIONS:
                    break
    assert Annotation.objects.filter(guide=guide).count() == ANNOTATIONS

    # The chair inserts a sentence at the start of every section and corrects a word in one.
    def edit():
        for section in guide.sections.all():
            section.body = "A sentence the chair added. " + section.body.replace("poverty", "destitution")
            section.save()

    guide_content_save(guide=guide, by=None, changes=edit)
    guide_publish(guide=guide, note="Edited every section.")  # re-anchors once
    timings = []
    for _ in range(RUNS):
        with transaction.atomic():
            start = time.perf_counter()
            annotations_reanchor(guide=guide, revision=guide.published_revision)
            timings.append(time.perf_counter() - start)
    statuses = {s: Annotation.objects.filter(guide=guide, status=s).count() for s in ("anchored", "changed", "orphaned")}
    print(f"Re-anchoring {ANNOTATIONS} annotations on {len(sections)} sections after an edit (SQLite):")
    print(f"  median {statistics.median(timings) * 1000:.0f} ms, best {min(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms over {RUNS} runs")
    print(f"  result: {statuses}")


if __name__ == "__main__":
    main()
