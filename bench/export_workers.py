"""Conference export fan-out benchmark: a generated conference of 60 guides exported cold (no guide PDF cached)
by 1 and by 2 background workers (real `manage.py db_worker` processes), against WeasyPrint rendering all 60
guides as one document in one process. Targets: 2 workers ≤ 0.6 of the one-document time; each worker's peak
memory ≤ 0.4 of the one-document peak.

Interleaved (one document, 1 worker, 2 workers, again...), median of RUNS. Time runs from the export being
started to it being done (workers are started and have beaten before), so worker start-up is not counted.
Peak memory is each process's VmHWM (peak resident set) from /proc; the workers are fresh for every run.

Run: .venv/bin/python bench/export_workers.py [guides]   (temporary SQLite database and media folder)
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, copy_guide, load_demo, setup

tmp = setup()

from django.conf import settings  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from guides import pdf, revisions  # noqa: E402
from guides.enums import ExportStatus  # noqa: E402
from guides.models import Committee, Conference, StudyGuide, WorkerHeartbeat  # noqa: E402
from guides.services import conference_export_start  # noqa: E402

RUNS = 3
GUIDES = int(sys.argv[1]) if len(sys.argv) > 1 else 60

ONE_DOCUMENT = """
import resource, sys, time
from weasyprint import CSS, HTML
html, css, base = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
start = time.perf_counter()
data = HTML(string=html, base_url=base).write_pdf(stylesheets=[CSS(string=css)], pdf_variant="pdf/ua-1")
took = time.perf_counter() - start
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(took, int(peak) * 1024, len(data))
"""


def peak_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) * 1024


def forget_pdfs(guides):
    for guide in guides:
        folder = f"pdf-cache/guides/{guide.pk}"
        if default_storage.exists(folder):
            for name in default_storage.listdir(folder)[1]:
                default_storage.delete(f"{folder}/{name}")


def start_workers(count, run):
    env = {**os.environ, "WORKER_BEAT_SECONDS": "1", "WORKER_LEASE_SECONDS": "30"}
    workers = [subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay",
         "--worker-id", f"bench-{run}-{n}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for n in range(count)]
    names = {f"bench-{run}-{n}" for n in range(count)}
    while set(WorkerHeartbeat.objects.filter(worker_id__in=names).values_list("worker_id", flat=True)) != names:
        time.sleep(0.1)
    return workers


def export_with(count, conference, guides, run):
    forget_pdfs(guides)
    DBTaskResult.objects.all().delete()
    workers = start_workers(count, run)
    try:
        start = time.perf_counter()
        export, started = conference_export_start(conference=conference, by=None)
        assert started
        while True:
            export.refresh_from_db()
            if export.status != ExportStatus.RUNNING and export.status != ExportStatus.QUEUED:
                break
            time.sleep(0.05)
        took = time.perf_counter() - start
        assert (export.status, export.done, export.total, export.failures) == ("done", len(guides), len(guides), [])
        peaks = [peak_bytes(w.pid) for w in workers]
        shares = sorted(export.parts.values_list("worker", flat=True))
        return took, max(peaks), {name: shares.count(name) for name in set(shares)}, min(peaks)
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()


def main():
    load_demo()
    demo = list(StudyGuide.objects.filter(topic__committee__conference__slug="demo").order_by("pk"))
    conference = Conference.objects.create(name="Bench Conference", year=2027, slug="bench",
                                           starts_on="2027-03-01", ends_on="2027-03-03")
    for number in range(GUIDES):
        committee = Committee.objects.create(conference=conference, name=f"Committee {number + 1}",
                                             abbreviation=f"C{number + 1:02d}", slug=f"c{number + 1:02d}",
                                             order=number)
        copy_guide(demo[number % len(demo)], committee)
    guides = list(StudyGuide.objects.filter(topic__committee__conference=conference)
                  .select_related("topic__committee__conference", "published_revision"))

    # The one document: every guide's print page, one after the other, with the same stylesheet.
    bodies = []
    for guide in guides:
        html = pdf.guide_print_html(guide, revisions.rendered(guide.published_revision), draft=False,
                                    revision=guide.published_revision, chairs=[])
        bodies.append(html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0])
    head = html.split("<body", 1)[0]
    (Path(tmp) / "all.html").write_text(f"{head}<body>{''.join(bodies)}</body></html>")
    (Path(tmp) / "print.css").write_text(pdf.print_stylesheet())

    def one_document():
        out = subprocess.run([sys.executable, "-c", ONE_DOCUMENT, f"{tmp}/all.html", f"{tmp}/print.css",
                              pdf.LOCAL_BASE], capture_output=True, text=True, check=True, cwd=ROOT)
        took, peak, size = out.stdout.split()
        return float(took), int(peak), int(size)

    results = {"one document": [], "1 worker": [], "2 workers": []}
    shares = []
    for run in range(RUNS):
        results["one document"].append(one_document())
        results["1 worker"].append(export_with(1, conference, guides, f"{run}a"))
        two = export_with(2, conference, guides, f"{run}b")
        results["2 workers"].append(two)
        shares.append((two[2], f"lowest worker peak {two[3] / 1e6:.0f} MB"))
        print(f"  run {run + 1}: " + ", ".join(f"{k} {v[-1][0]:.1f} s" for k, v in results.items()), flush=True)

    def median(name, index):
        return statistics.median(r[index] for r in results[name])

    alone, alone_peak = median("one document", 0), median("one document", 1)
    print(f"Generated conference of {GUIDES} guides, cold, {RUNS} runs interleaved, medians "
          f"(lease {settings.WORKER_LEASE_SECONDS} s, {os.cpu_count()} cores):")
    print(f"  WeasyPrint, all guides as one document   {alone:6.1f} s   peak {alone_peak / 1e6:5.0f} MB")
    for name in ("1 worker", "2 workers"):
        took, peak = median(name, 0), median(name, 1)
        print(f"  export, {name:<9}                       {took:6.1f} s   ratio {took / alone:.2f}"
              f"   highest worker peak {peak / 1e6:5.0f} MB = {peak / alone_peak:.2f} of one document")
    print("  targets: 2 workers ≤ 0.6 of the one-document time; each worker ≤ 0.4 of its peak memory")
    print(f"  guides per worker with 2 workers: {shares}")


if __name__ == "__main__":
    os.chdir(tmp)
    main()
