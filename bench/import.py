"""Import benchmark: a 40-page Word guide with 100 footnotes, 20 key terms and a 20-row timeline, read and previewed
(target: under 5 s on a 2-core machine), then written through the one writer; and the peak memory.

pandoc's own parse is measured alone on the same file, interleaved with ours (median of 3), so the ratio says what
our reading adds to pandoc's.

Run: .venv/bin/python bench/import.py   (temporary SQLite database; prints its figures)
"""

import resource
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import load_demo, setup

setup()

import pypandoc  # noqa: E402

from guides import importer  # noqa: E402
from guides.models import Committee, Topic  # noqa: E402
from guides.services import guide_create, guide_import_apply  # noqa: E402

RUNS = 3
WORDS_PER_PAGE = 500


def document_markdown():
    """About 40 pages: a letter, 20 key terms, a 20-row timeline table, parties, long prose, 100 footnotes."""
    sentence = "Trafficking networks exploit weak laws, poverty and conflict across borders every year. "
    parts = ["# Letter from the Chairs\n", sentence * 20 + "[^1]\n", "# Definition of Key Terms\n"]
    parts += [f"**Term {n}:** A definition of term {n} that delegates need.[^{n + 1}]\n" for n in range(1, 21)]
    parts += ["# Timeline of Events\n", "| Date | Event |\n|---|---|\n"]
    parts += [f"| {1990 + n} | Event number {n} in the history of the topic |\n" for n in range(20)]
    parts += ["\n# Major Parties Involved\n"] + [f"## {name}\n\n{sentence * 8}\n" for name in
                                               ("Nigeria", "USA", "UK", "Thailand", "UNODC", "ILO", "OSCE")]
    note = 22
    for chapter in range(1, 9):
        parts.append(f"# Background part {chapter}\n")
        for paragraph in range(22):
            text = sentence * 8
            if note <= 100 and paragraph % 2 == 0:
                text += f"[^{note}]"
                note += 1
            parts.append(text + "\n")
    parts.append("# Possible Solutions\n\n" + (sentence * 8 + "\n\n") * 20)
    parts.append("# Questions a Resolution Must Answer\n\n" + "".join(f"{n}. Question {n}?\n" for n in range(1, 8)))
    parts += [f"\n[^{n}]: Author {n}. \"Report number {n} on trafficking.\" {2000 + n % 24}, https://example.org/report/{n}."
              for n in range(1, 101)]
    return "\n".join(parts)


def main():
    load_demo()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "guide.md").write_text(document_markdown())
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "docx", "-o", str(tmp / "guide.docx"),
                    str(tmp / "guide.md")], check=True)
    data = (tmp / "guide.docx").read_bytes()
    words = len((tmp / "guide.md").read_text().split())

    def ours():
        result = importer.import_document(data, "guide.docx")
        importer.preview_blocks(result)
        return result

    def pandoc_alone():
        subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "-f", "docx", "-t", "json"], input=data,
                       capture_output=True, check=True)

    timings = {"ours": [], "pandoc": []}
    for _ in range(RUNS):
        for name, function in (("ours", ours), ("pandoc", pandoc_alone)):
            start = time.perf_counter()
            function()
            timings[name].append(time.perf_counter() - start)
    read, alone = statistics.median(timings["ours"]), statistics.median(timings["pandoc"])
    tracemalloc.start()
    result = ours()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    committee = Committee.objects.get(slug="ga3")
    guide = guide_create(topic=Topic.objects.create(committee=committee, title="Imported benchmark", order=9), by=None)
    start = time.perf_counter()
    guide_import_apply(guide=guide, result=result, by=None)
    written = time.perf_counter() - start
    counts = result.counts()
    print(f"Word document of {words} words (~{words // WORDS_PER_PAGE} pages, {len(data) // 1024} KB): {counts}")
    print(f"  read + preview {read:.2f} s (median of {RUNS}; target < 5 s) | pandoc's parse alone {alone:.2f} s | "
          f"ratio {read / alone:.2f}")
    print(f"  write through the one writer (new revision) {written:.2f} s | total {read + written:.2f} s")
    print(f"  peak Python memory while reading {peak / 1e6:.0f} MB; process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          f"(pandoc runs in its own process, capped at 1 GB)")


if __name__ == "__main__":
    main()
