"""PDF benchmark (prints its figures; temporary SQLite database and media folder).

- the largest demo guide, cold (rendered) and cached (served from storage); target cached < 50 ms
- our export against WeasyPrint alone on the same HTML; target overhead < 10 %
- a generated 40-guide conference exported cold and with every guide cached (target < 5 s), and peak memory

Run: .venv/bin/python bench/pdf.py
"""

import os
import resource
import statistics
import time
import tracemalloc

from common import copy_guide, interleaved, setup  # noqa: E402

tmp = setup()

from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402

from guides import pdf, revisions  # noqa: E402
from guides.exports import conference_export_run  # noqa: E402
from guides.models import Committee, Conference, StudyGuide  # noqa: E402
from guides.services import conference_export_start  # noqa: E402

RUNS = 5


def median_ms(function, runs=RUNS, before=None):
    timings = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def forget(guide):
    for name in default_storage.listdir(f"pdf-cache/guides/{guide.pk}")[1]:
        default_storage.delete(f"pdf-cache/guides/{guide.pk}/{name}")


def main():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    guides = list(StudyGuide.objects.select_related("topic__committee__conference"))
    largest = max(guides, key=lambda g: sum(len(s.body) for s in g.sections.all()) + 300 * g.sources.count())
    pdf.guide_pdf(largest)  # warm imports, fonts and the render cache

    cold = median_ms(lambda: pdf.guide_pdf(largest), before=lambda: forget(largest))
    cached = median_ms(lambda: pdf.guide_pdf(largest), runs=20)
    chairs = [c.get_full_name() for c in largest.topic.committee.chairs.all()]
    html = pdf.guide_print_html(largest, revisions.rendered(largest.published_revision), draft=False,
                                revision=largest.published_revision, chairs=chairs)
    css = pdf.print_stylesheet()
    alone = median_ms(lambda: HTML(string=html, base_url=pdf.LOCAL_BASE).write_pdf(stylesheets=[CSS(string=css)],
                                                                               pdf_variant="pdf/ua-1"))
    print(f"Largest demo guide ({largest.topic.committee.abbreviation}, {largest.sections.count()} sections, "
          f"{largest.sources.count()} sources), median of {RUNS}:")
    print(f"  our export, cold    {cold:8.1f} ms")
    print(f"  our export, cached  {cached:8.1f} ms   (target < 50 ms)")
    print(f"  WeasyPrint alone    {alone:8.1f} ms   -> our overhead {100 * (cold - alone) / alone:+.1f} % (target < 10 %)")

    conference = Conference.objects.create(name="Bench Conference", year=2027, slug="bench",
                                           starts_on="2027-03-01", ends_on="2027-03-03")
    for number in range(40):
        committee = Committee.objects.create(conference=conference, name=f"Committee {number + 1}",
                                             abbreviation=f"C{number + 1:02d}", slug=f"c{number + 1:02d}", order=number)
        copy_guide(guides[number % len(guides)], committee)

    def export():
        run, _ = conference_export_start(conference=conference, by=None)
        conference_export_run(export=run)
        return run

    start = time.perf_counter()
    first = export()
    cold_conference = time.perf_counter() - start
    start = time.perf_counter()
    second = export()
    cached_conference = time.perf_counter() - start
    # The cached bundle against a plain pypdf merge of the same guide PDFs (read from storage, written out),
    # interleaved, median of 3.
    import io

    from pypdf import PdfWriter

    names = [pdf.guide_pdf(g).name for g in StudyGuide.objects.filter(topic__committee__conference=conference)]

    def plain_merge():
        writer = PdfWriter()
        for name in names:
            with default_storage.open(name, "rb") as handle:
                writer.append(io.BytesIO(handle.read()))
        writer.write(io.BytesIO())

    ratio = interleaved({"bundle": export, "merge": plain_merge}, runs=3)
    tracemalloc.start()  # a third run, traced, for memory only (tracing slows it down)
    export()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = default_storage.size(second.pdf_name) / 1e6
    print(f"Generated conference of 40 guides ({first.done} done, {len(first.failures)} failed, {size:.1f} MB PDF):")
    print(f"  cold (every guide rendered)   {cold_conference:6.1f} s")
    print(f"  every guide cached            {cached_conference:6.1f} s   (target < 5 s)")
    print(f"  cached bundle {ratio['bundle']:.2f} s ÷ plain pypdf merge of the same files {ratio['merge']:.2f} s = "
          f"{ratio['bundle'] / ratio['merge']:.2f} (target ≤ 1.2; the bundle also writes the ZIP and its cover)")
    print(f"  peak Python memory (cached run, tracemalloc) {peak / 1e6:.0f} MB; "
          f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
