"""Print rules checked on every page of every demo PDF (each guide and the conference PDF), as a reader of the
printed pages would: pages rasterised with pdftoppm (poppler-utils) for anything running past the margins, the
text for hyphens inside web addresses and for timeline entries split across pages."""

import html
import re
import shutil
import subprocess

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from guides import pdf, revisions
from guides.exports import conference_export_run
from guides.services import conference_export_start
from tests.pdf_reading import ReadPdf

MARGIN_MM = 20  # print-guide.css: @page margin 22mm 20mm 24mm 20mm
RESOLUTION = 40  # dots per inch: enough to see a line of text in the margin


def pages_as_images(data, tmp_path, name):
    assert shutil.which("pdftoppm"), "pdftoppm is missing: make test installs poppler-utils"
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-gray", "-r", str(RESOLUTION), str(source), str(tmp_path / name)], check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob(f"{name}-*.pgm"))]


def ink_in_side_margins(image):
    """Columns with ink in the outer half of the left and right margins (nothing is printed there)."""
    strip = round(MARGIN_MM / 2 / 25.4 * RESOLUTION)
    width, height = image.size
    pixels = image.load()
    return [x for x in [*range(strip), *range(width - strip, width)]
            if min(pixels[x, y] for y in range(height)) < 160]


def split_timeline_entries(guide, pages):
    """([date of each timeline entry not wholly on one page], entries checked): an entry's date, the start and
    the end of its text must be on one page."""
    flat = [" ".join(page.split()).replace("‐ ", "") for page in pages]  # words hyphenated at line ends
    whole, starts = "", []
    for page in flat:
        starts.append(len(whole))
        whole += page + " "
    split, count = [], 0
    for event in revisions.rendered(guide.published_revision).timeline:
        description = html.unescape(re.sub(r"<[^>]+>", " ", str(event["description_html"])))
        shown = event["title"] or description
        first, last = " ".join(shown.split()[:4]), " ".join(re.sub(r"[\d\s]+$", "", description).split()[-3:])
        found = whole.find(first)
        date = whole.rfind(event["date_display"], 0, found)
        end = whole.find(last, found)
        assert found >= 0 and date >= 0 and end >= 0, (first, last)
        if len({sum(s <= index for s in starts) for index in (date, found, end)}) > 1:
            split.append(event["date_display"])
        count += 1
    return split, count


def guide_pdfs(demo):
    for slug, guide in demo.items():
        with default_storage.open(pdf.guide_pdf(guide).name, "rb") as handle:
            yield slug, guide, handle.read()


def test_every_page_of_every_demo_pdf_keeps_the_print_rules(demo, tmp_path):
    """One rendering of the demo (every guide and the conference PDF), three rules."""
    conference = demo["ga3"].topic.committee.conference
    export, _ = conference_export_start(conference=conference, by=None)
    conference_export_run(export=export)
    export.refresh_from_db()
    guides = list(guide_pdfs(demo))
    with default_storage.open(export.pdf_name, "rb") as handle:
        documents = [*((slug, data) for slug, _, data in guides), ("conference", handle.read())]

    # 1. Nothing runs past the margins, on any page.
    checked = 0
    for name, data in documents:
        images = pages_as_images(data, tmp_path, name)
        assert len(images) == len(ReadPdf(data).pages)
        for number, image in enumerate(images, start=1):
            assert ink_in_side_margins(image) == [], (name, number)
            checked += 1
    assert checked > 60

    events = 0
    for slug, guide, data in guides:
        pages = ReadPdf(data).pages
        # 2. No web address is hyphenated: WeasyPrint marks a hyphen it inserts with U+2010 (a break after a
        # hyphen the address has is fine).
        addresses = [t for t in re.findall(r"\S+", "\n".join(pages)) if "/" in t or "www." in t or "http" in t]
        assert [t for t in addresses if "‐" in t] == [], slug

        # 3. No timeline entry is split across pages.
        split, count = split_timeline_entries(guide, pages)
        assert split == [], slug
        events += count
    assert events > 20


def test_the_margin_check_sees_a_line_that_runs_off_the_page(tmp_path):
    page = ("<html lang=en><body><main><p>A line that runs past the margin: "
            "<span style='white-space: nowrap'>" + "www.example.org/" * 20 + "</span></p></main></body></html>")
    images = pages_as_images(pdf.print_pdf(page), tmp_path, "overflow")
    assert ink_in_side_margins(images[0]) != []


@pytest.fixture
def demo(db, demo_guides):
    return demo_guides



def test_the_timeline_check_sees_an_entry_that_runs_over_a_page(db):
    from guides.models import TimelineEvent
    from guides.services import guide_content_save, guide_publish
    from tests.conftest import make_committee, make_conference, make_guide

    guide = make_guide(make_committee(make_conference(), "GA1"), "Topic", sections=[("Timeline of events", "")])
    long = " ".join(f"Sentence {n} of a long account of what happened that year." for n in range(300))
    guide_content_save(guide=guide, by=None, changes=lambda: [
        TimelineEvent.objects.create(guide=guide, date="2000-01-01", precision="year", title="", description="A short entry."),
        TimelineEvent.objects.create(guide=guide, date="2015-01-01", precision="year", title="", description=long + " The end.")])
    guide_publish(guide=guide)
    guide.refresh_from_db()
    with default_storage.open(pdf.guide_pdf(guide).name, "rb") as handle:
        pages = ReadPdf(handle.read()).pages
    assert split_timeline_entries(guide, pages) == (["2015"], 2)
