"""Conference-wide export: every published guide as one PDF (cover, combined contents, each guide with its
own contents and page numbers, an outline entry per guide) and as a ZIP of one PDF per guide.

Guides are rendered one at a time (reusing cached PDFs) and merged, off the request path.
"""

import io
import logging
import secrets
import zipfile

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from guides import pdf
from guides.enums import ExportStatus, GuideStatus
from guides.models import StudyGuide

logger = logging.getLogger(__name__)


def published_guides_in_order(conference):
    return (
        StudyGuide.objects.filter(topic__committee__conference=conference, status=GuideStatus.PUBLISHED)
        .select_related("topic__committee__conference", "published_revision")
        .defer("published_revision__rendered", "published_revision__source")
        .prefetch_related("topic__committee__chairs", "publications")
        .order_by("topic__committee__order", "topic__committee__name", "topic__order", "pk")
    )


def _cover_pdf(conference, entries):
    html = render_to_string("guides/print/conference.html", {"conference": conference, "entries": entries})
    return pdf.print_pdf(html)


def conference_export_run(*, export):
    from guides.models import ConferenceExport

    if not ConferenceExport.objects.filter(pk=export.pk).filter(ConferenceExport.claimable()).update(
            status=ExportStatus.RUNNING, heartbeat_at=timezone.now(), done=0):
        export.refresh_from_db()
        return export  # failed as stale, finished, or being run by a live worker: nothing to do
    export.refresh_from_db()
    guides = list(published_guides_in_order(export.conference))
    export.total = len(guides)
    export.save(update_fields=["total"])
    rendered, failures = [], []
    for guide in guides:
        try:
            result = pdf.guide_pdf(guide)
            with default_storage.open(result.name, "rb") as handle:
                data = handle.read()
            reader = PdfReader(io.BytesIO(data))  # parsed once: counted here, appended below
            rendered.append((guide, data, reader))
        except Exception as error:  # one failed guide must not lose the others
            logger.exception("Export of guide %s failed", guide.pk)
            failures.append({"guide": str(guide), "committee": guide.topic.committee.abbreviation, "error": str(error)})
        export.done += 1
        export.heartbeat_at = timezone.now()
        export.save(update_fields=["done", "heartbeat_at"])

    # The cover and combined contents come first, so each guide's first page depends on their length: number
    # the pages for a cover of two pages (cover and one page of contents, as for most conferences) and render
    # again only if it came out longer.
    entries = [{"guide": guide, "committee": guide.topic.committee, "page": 0} for guide, _, _ in rendered]

    def number_from(cover_pages):
        page = cover_pages + 1
        for entry, (_, _, reader) in zip(entries, rendered, strict=True):
            entry["page"] = page
            page += len(reader.pages)

    cover_pages = 2
    for _ in range(3):  # page numbers only ever lengthen the contents by a line's width: settles at once
        number_from(cover_pages)
        cover = _cover_pdf(export.conference, entries)
        actual = len(PdfReader(io.BytesIO(cover)).pages)
        if actual == cover_pages:
            break
        cover_pages = actual

    writer = PdfWriter()
    writer.append(io.BytesIO(cover), import_outline=False)
    for guide, _, reader in rendered:
        writer.append(reader, outline_item=f"{guide.topic.committee.abbreviation}: {guide.title}")
    writer.add_metadata({"/Title": f"Study guides — {export.conference}", "/Author": str(export.conference)})
    # Each guide inside is tagged, but pypdf cannot join their structure trees: the bundle says its language and
    # title; the tagged PDF of each guide is in the ZIP beside it.
    from pypdf.generic import NameObject, TextStringObject

    writer._root_object[NameObject("/Lang")] = TextStringObject("en")
    merged = io.BytesIO()
    writer.write(merged)
    base = f"exports/{secrets.token_urlsafe(16)}"  # served only through the organizers' download view
    export.pdf_name = pdf.save_whole(f"{base}.pdf", merged.getvalue())

    archive = io.BytesIO()
    # PDFs are compressed already: stored as they are, not deflated again.
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as bundle:
        for guide, data, _ in rendered:
            bundle.writestr(pdf.guide_pdf_filename(guide), data)
    export.zip_name = pdf.save_whole(f"{base}.zip", archive.getvalue())
    export.failures = failures
    export.status = ExportStatus.DONE if rendered or not guides else ExportStatus.FAILED
    export.finished_at = timezone.now()
    export.save()
    return export
