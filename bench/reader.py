"""Reader benchmark: median server time for the reader of the largest demo guide and of a generated guide
five times its size, cold (render + cache fill) and warm (rendered guide from the cache).

Run: .venv/bin/python bench/reader.py   (uses a temporary SQLite database; prints its figures)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="mlmun-bench-")
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "mlmun.settings", "SECRET_KEY": "bench", "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "testserver", "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "STATIC_ROOT": f"{tmp}/static",
})

import django  # noqa: E402

django.setup()

import django.contrib.auth  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guides.models import StudyGuide, Topic  # noqa: E402
from guides.services import guide_publish  # noqa: E402

RUNS = 15


def size(guide):
    return sum(len(s.body) for s in guide.sections.all()) + guide.sources.count() * 200


def multiply(guide, factor):
    """A new guide holding factor copies of every part of guide."""
    topic = Topic.objects.create(committee=guide.topic.committee, title=f"{guide.title} ×{factor}", order=99)
    big = StudyGuide.objects.create(topic=topic)
    for copy in range(factor):
        suffix = f"-{copy}"
        for source in guide.sources.all():
            source.pk, source.guide, source.key = None, big, source.key + suffix
            source.save()
        for section in guide.sections.all():
            body = section.body
            for key in guide.sources.values_list("key", flat=True):
                body = body.replace(f"@{key}]", f"@{key}{suffix}]").replace(f"@{key};", f"@{key}{suffix};")
            section.pk, section.guide, section.order, section.body = None, big, section.order + copy * 100, body
            section.save()
        for term in guide.key_terms.all():
            term.pk, term.guide, term.term, term.source = None, big, f"{term.term}{suffix}", None
            term.save()
        for event in guide.timeline_events.all():
            event.pk, event.guide, event.source = None, big, None
            event.save()
        for party in guide.stakeholders.all():
            party.pk, party.guide = None, big
            party.save()
    guide_publish(guide=big)
    return big


def measure(client, guide):
    url = guide.get_absolute_url()
    results = {}
    for phase in ("cold", "warm"):
        timings, queries = [], 0
        for _ in range(RUNS):
            if phase == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
            assert response.status_code == 200
            queries = len(captured)
        results[phase] = (statistics.median(timings) * 1000, queries)
    return results


def main():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    client = Client()
    client.force_login(django.contrib.auth.get_user_model().objects.get(username="delegate.nigeria"))
    largest = max(StudyGuide.objects.all(), key=size)
    big = multiply(largest, 5)
    print(f"Reader benchmark, median of {RUNS} requests (SQLite, database cache)")
    for label, guide in (("largest demo guide", largest), ("generated 5x guide", big)):
        figures = measure(client, guide)
        print(
            f"  {label:<20} {guide.sections.count():>3} sections {guide.sources.count():>4} sources | "
            f"cold {figures['cold'][0]:7.1f} ms ({figures['cold'][1]} queries) | "
            f"warm {figures['warm'][0]:7.1f} ms ({figures['warm'][1]} queries)"
        )


if __name__ == "__main__":
    main()
