"""Shared set-up for the benchmarks: a temporary SQLite database with the demo, and a guide multiplier."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(**env):
    """Django on a fresh temporary SQLite database, or the empty database BENCH_DATABASE_URL names (call before
    importing any app code)."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="mlmun-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "mlmun.settings", "SECRET_KEY": "bench", "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver", "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "STATIC_ROOT": f"{tmp}/static",
        "MEDIA_ROOT": f"{tmp}/media", "SITE_URL": "http://testserver", **env,
    })
    if os.environ.get("BENCH_DATABASE_URL"):  # e.g. an empty PostgreSQL database to measure on
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    import django

    django.setup()
    return tmp


def load_demo():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))


def size(guide):
    return sum(len(s.body) for s in guide.sections.all()) + guide.sources.count() * 200


def multiply(guide, factor):
    """A new published guide holding factor copies of every part of guide, written through the one writer."""
    from guides.models import Topic
    from guides.services import guide_content_save, guide_create, guide_publish

    topic = Topic.objects.create(committee=guide.topic.committee, title=f"{guide.title} ×{factor}", order=99)
    big = guide_create(topic=topic, by=None)

    def write():
        for copy in range(factor):
            suffix = f"-{copy}"
            for source in guide.sources.all():
                source.pk, source.guide, source.key = None, big, source.key + suffix
                source.save()
            keys = list(guide.sources.values_list("key", flat=True))

            def rekey(text, keys=keys, suffix=suffix):
                for key in keys:
                    text = text.replace(f"@{key}]", f"@{key}{suffix}]").replace(f"@{key};", f"@{key}{suffix};")
                return text

            for section in guide.sections.all():
                if copy and section.kind in ("key_terms", "major_parties", "timeline", "questions"):
                    continue  # one place per list in a guide
                section.pk, section.guide, section.order = None, big, section.order + copy * 100
                section.body = rekey(section.body)
                section.save()
            for term in guide.key_terms.all():
                term.pk, term.guide, term.term, term.source = None, big, f"{term.term}{suffix}", None
                term.save()
            for event in guide.timeline_events.all():
                event.pk, event.guide, event.source = None, big, None
                event.save()
            for party in guide.stakeholders.all():
                party.pk, party.guide, party.description = None, big, rekey(party.description)
                party.save()

    guide_content_save(guide=big, by=None, changes=write)
    guide_publish(guide=big)
    big.refresh_from_db()
    return big


def interleaved(functions, runs):
    """{name: median seconds}, running the functions in turn (A, B, A, B, ...), runs times each."""
    import statistics
    import time

    timings = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def copy_guide(guide, committee, *, title=None, order=1):
    """A published copy of guide in committee, its parts copied through the one writer (figures stay out)."""
    from guides.models import Topic
    from guides.services import guide_content_save, guide_create, guide_publish

    topic = Topic.objects.create(committee=committee, title=title or guide.title, order=order)
    new = guide_create(topic=topic, by=None)

    def write():
        sources = {}
        for source in guide.sources.all():
            old = source.pk
            source.pk, source.guide = None, new
            source.save()
            sources[old] = source
        for related in ("sections", "stakeholders", "questions"):
            for part in getattr(guide, related).all():
                part.pk, part.guide = None, new
                part.save()
        for part in list(guide.key_terms.all()) + list(guide.timeline_events.all()):
            part.pk, part.guide, part.source = None, new, sources.get(part.source_id)
            part.save()

    guide_content_save(guide=new, by=None, changes=write)
    guide_publish(guide=new)
    return new
