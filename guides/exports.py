"""Conference-wide export: every published guide as one PDF (cover, combined contents, each guide with its
own contents and page numbers, an outline entry per guide) and as a ZIP of one PDF per guide.

Off the request path: each guide is a part that any background worker may take (reusing cached PDFs), so several
workers render several guides at once; the worker that finishes the last part merges them.
"""

import datetime
import io
import logging
import os
import secrets
import shutil
import socket
import tempfile
import zipfile

import pikepdf
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone

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


def conference_export_run(*, export, worker=""):
    """Runs an export in this process: lays out its parts, renders whatever no other worker took, and puts the
    guides together when the last part is done. Returns the export as it stands afterwards."""
    if conference_export_prepare(export=export) is None:
        return export
    return conference_export_work(export=export, worker=worker)


def conference_export_prepare(*, export):
    """Claims a queued export (or one whose worker died) and lays out one part per published guide, once.
    Returns how many parts still wait for a worker, or None when this export is over (finished, or failed as
    stale). An export other workers are running is joined: parts are taken one by one, never twice."""
    from guides.models import ConferenceExport, ExportPart

    if not ConferenceExport.objects.filter(pk=export.pk).filter(ConferenceExport.claimable()).update(
            status=ExportStatus.RUNNING, heartbeat_at=timezone.now()):
        export.refresh_from_db()
        if export.status != ExportStatus.RUNNING or not export.parts.exists():
            return None
    with transaction.atomic():
        if not export.parts.exists():
            guides = list(published_guides_in_order(export.conference).values_list("pk", flat=True))
            ExportPart.objects.bulk_create(
                [ExportPart(export=export, guide_id=pk, position=number) for number, pk in enumerate(guides)])
            ConferenceExport.objects.filter(pk=export.pk).update(total=len(guides), done=0)
    export.refresh_from_db()
    return export.parts.filter(status=ExportStatus.QUEUED).count()


def _claimable_parts():
    """Queued parts, and running parts whose worker stopped beating (or, taken outside a worker, went silent for
    BackgroundWork.STALE_SECONDS)."""
    from guides.models import BackgroundWork, WorkerHeartbeat

    now = timezone.now()
    lease = now - datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    alive = WorkerHeartbeat.objects.filter(beat_at__gte=lease).values("worker_id")
    silent = now - datetime.timedelta(seconds=BackgroundWork.STALE_SECONDS)
    # A db_worker beats before its first task (guides/management/commands/db_worker.py): one that is not beating
    # is dead, by the same rule that puts its task back in the queue.
    return Q(status=ExportStatus.QUEUED) | Q(status=ExportStatus.RUNNING) & (
        Q(claimed_at__lt=silent) | ~Q(worker__startswith="pid:") & ~Q(worker__in=alive))


def _claim_part(export, worker):
    from guides.models import ExportPart

    for _ in range(20):  # another worker took the one we chose: choose again
        part = export.parts.filter(_claimable_parts()).order_by("position").first()
        if part is None:
            return None
        now = timezone.now()
        if ExportPart.objects.filter(pk=part.pk, status=part.status, claimed_at=part.claimed_at).update(
                status=ExportStatus.RUNNING, worker=worker, claimed_at=now):
            part.status, part.worker, part.claimed_at = ExportStatus.RUNNING, worker, now
            return part
    return None


def conference_export_work(*, export, worker=""):
    """One worker's share: takes parts until none is left, then, if it finished the last one, puts the export
    together. Any number of workers may run this at once for the same export."""
    from guides.models import ConferenceExport, ExportPart

    worker = (worker or f"pid:{socket.gethostname()}:{os.getpid()}")[:100]
    while (part := _claim_part(export, worker)) is not None:
        guide = (StudyGuide.objects.filter(pk=part.guide_id).select_related(
            "topic__committee__conference", "published_revision").first())
        outcome = {"status": ExportStatus.DONE, "error": ""}
        try:
            if guide is None or guide.published_revision_id is None:
                raise ValueError("The guide was unpublished or deleted during the export.")
            outcome["pdf_name"] = pdf.guide_pdf(guide).name
        except Exception as error:  # one failed guide must not lose the others
            logger.exception("Export of guide %s failed", part.guide_id)
            outcome = {"status": ExportStatus.FAILED, "error": str(error) or error.__class__.__name__}
        # Only if the part is still ours (a worker that was thought dead and came back does not count twice).
        ExportPart.objects.filter(pk=part.pk, worker=worker, claimed_at=part.claimed_at).update(**outcome)
        finished = export.parts.filter(status__in=[ExportStatus.DONE, ExportStatus.FAILED]).count()
        ConferenceExport.objects.filter(pk=export.pk, status=ExportStatus.RUNNING).update(
            done=Greatest(F("done"), Value(finished)), heartbeat_at=timezone.now())
    return _merge_when_all_done(export)


def _merge_when_all_done(export):
    from guides.models import ConferenceExport

    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    if export.parts.exclude(status__in=[ExportStatus.DONE, ExportStatus.FAILED]).exists() or not (
            ConferenceExport.objects.filter(pk=export.pk, status=ExportStatus.RUNNING)
            .filter(Q(merge_started_at__isnull=True) | Q(merge_started_at__lt=stale))
            .update(merge_started_at=now, heartbeat_at=now)):
        export.refresh_from_db()
        return export  # another worker is still rendering, or is putting it together
    export.refresh_from_db()
    return _merge(export)


def _failure(guide, error):
    return {"guide": str(guide), "committee": guide.topic.committee.abbreviation, "error": error}


def _merge(export):
    parts = list(export.parts.select_related("guide__topic__committee__conference").order_by("position"))
    with tempfile.TemporaryDirectory(prefix="mlmun-export-") as folder:
        # Each guide's PDF is fetched from storage once, to this worker's own scratch folder (gone when the merge
        # is), and counted; the join and the ZIP read it from there one guide at a time.
        kept, failures = [], []  # kept: (guide, local file, pages)
        for part in parts:
            guide = part.guide
            if part.status == ExportStatus.FAILED:
                failures.append(_failure(guide, part.error))
                continue
            local = os.path.join(folder, f"{part.position}.pdf")
            try:
                with default_storage.open(part.pdf_name, "rb") as handle, open(local, "wb") as copy:
                    shutil.copyfileobj(handle, copy)
                with pikepdf.open(local) as source:
                    kept.append((guide, local, len(source.pages)))
            except Exception as error:  # removed from storage meanwhile, or cut short
                logger.exception("Export of guide %s failed", guide.pk)
                failures.append(_failure(guide, str(error)))

        cover, cover_pages = _cover(export.conference, kept)
        base = f"exports/{secrets.token_urlsafe(16)}"  # served only through the organizers' download view
        with tempfile.TemporaryFile(dir=folder) as merged:
            _join(export, cover, cover_pages, kept, merged)
            export.pdf_name = pdf.save_whole(f"{base}.pdf", File(merged))
        with tempfile.TemporaryFile(dir=folder) as archive:
            # PDFs are compressed already: stored as they are, not deflated again.
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as bundle:
                for guide, local, _ in kept:
                    bundle.write(local, pdf.guide_pdf_filename(guide))
            export.zip_name = pdf.save_whole(f"{base}.zip", File(archive))
    export.failures = failures
    export.status = ExportStatus.DONE if kept or not parts else ExportStatus.FAILED
    export.finished_at = timezone.now()
    export.done = len(parts)
    export.save(update_fields=["pdf_name", "zip_name", "failures", "status", "finished_at", "done"])
    return export


def _cover(conference, kept):
    """The cover and combined contents, which come first: each guide's first page depends on their length. The
    pages are numbered for a cover of two pages (cover and one page of contents, as for most conferences) and it
    is rendered again only if it came out longer. Returns the PDF and its number of pages."""
    entries = [{"guide": guide, "committee": guide.topic.committee, "page": 0} for guide, _, _ in kept]
    cover_pages = 2
    for _ in range(3):  # page numbers only ever lengthen the contents by a line's width: settles at once
        page = cover_pages + 1
        for entry, (_, _, pages) in zip(entries, kept, strict=True):
            entry["page"] = page
            page += pages
        cover = _cover_pdf(conference, entries)
        with pikepdf.open(io.BytesIO(cover)) as rendered:
            actual = len(rendered.pages)
        if actual == cover_pages:
            break
        cover_pages = actual
    return cover, cover_pages


def _join(export, cover, cover_pages, kept, out):
    """Writes the cover, then every guide, as one PDF to out: each guide's bookmarks under one "ABBR: title"
    bookmark, its links to its own parts kept (pikepdf carries named destinations, renaming any two guides share).

    qpdf (through pikepdf) joins 60 guides in about a tenth of pypdf's time and memory. Each guide is opened,
    copied in and closed before the next is opened, so the worker holds the joined PDF and one guide, not every
    guide twice. The bundle stays a tagged PDF (PDF/UA-1 like each guide): the guides' structure trees are joined
    under one Document."""
    total = cover_pages + sum(pages for _, _, pages in kept)
    bundle = pikepdf.new()
    structure = _Structure(bundle)
    placed = []  # (bookmark title, first page, how many top-level bookmarks the guide brought)
    parts = [(None, io.BytesIO(cover))] + [
        (f"{guide.topic.committee.abbreviation}: {guide.title}", local) for guide, local, _ in kept]
    for title, where in parts:
        with pikepdf.open(where) as source:
            first, last_object = len(bundle.pages), _last_object(bundle)
            if title is None:  # the cover: no bookmarks of its own
                bundle.add_pages_from(source, outlines="ignore")
            else:
                with source.open_outline() as outline:
                    placed.append((title, first, len(outline.root)))
                bundle.add_pages_from(source, outlines="preserve")
            structure.add(source, first, len(source.pages))
            _own_stream_data(bundle, last_object)
    numbers, forms = _number_forms(total)
    with numbers:
        last_object = _last_object(bundle)
        _number_pages(bundle, forms)
        _own_stream_data(bundle, last_object)
    structure.finish()
    with bundle.open_outline() as outline:
        items, outline.root[:] = list(outline.root), []
        for title, first_page, count in placed:
            parent = pikepdf.OutlineItem(title, first_page)
            parent.children.extend(items[:count])
            items = items[count:]
            outline.root.append(parent)
    with bundle.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = f"Study guides — {export.conference}"
        meta["dc:creator"] = [str(export.conference)]
        meta["pdfuaid:part"] = "1"
    bundle.docinfo["/Title"] = f"Study guides — {export.conference}"
    bundle.docinfo["/Author"] = str(export.conference)
    bundle.Root.Lang = pikepdf.String("en")
    bundle.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    bundle.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _last_object(bundle):
    """The highest object number in bundle: objects copied in afterwards are numbered above it. (Found with an
    empty object of its own, which nothing refers to and so is never written.)"""
    return bundle.make_indirect(pikepdf.Dictionary()).objgen[0]


def _own_stream_data(bundle, after):
    """The streams copied into bundle since object number after hold their data themselves, so that the guide
    they came from can be closed (and its objects freed) before the bundle is written."""
    for number in range(after + 1, _last_object(bundle)):
        stream = bundle.get_object((number, 0))
        if isinstance(stream, pikepdf.Stream):
            stream.write(stream.read_raw_bytes(), filter=stream.get("/Filter"), decode_parms=stream.get("/DecodeParms"))


def _parent_tree_entries(node):
    """(key, value) of a number tree: its /Nums, and those of its /Kids."""
    entries = []
    nums = node.get("/Nums")
    if nums is not None:
        entries += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in node.get("/Kids", []):
        entries += _parent_tree_entries(kid)
    return entries


class _Structure:
    """One structure tree for the joined PDF: each part's tree (the cover's, each guide's) under one Document,
    as a Part; the parent-tree keys of each part moved past the previous part's, on its pages and links too."""

    def __init__(self, bundle):
        Name = pikepdf.Name
        self.bundle = bundle
        self.root = bundle.make_indirect(pikepdf.Dictionary(Type=Name.StructTreeRoot))
        self.document = bundle.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.Document, P=self.root,
                                                                K=pikepdf.Array()))
        self.nums, self.offset, self.roles = pikepdf.Array(), 0, pikepdf.Dictionary()

    def add(self, source, first, count):
        """The tree of source, whose pages were just copied to bundle's pages first to first + count."""
        bundle, Name = self.bundle, pikepdf.Name
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return
        kids = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
        for kid in kids:
            if "/P" in kid:
                del kid["/P"]  # copied without its old root, which it would drag along
            copied = bundle.copy_foreign(kid)
            if copied.get("/S") == Name.Document:
                copied.S = Name.Part
            copied.P = self.document
            self.document.K.append(copied)
        entries = []
        if "/ParentTree" in tree:  # copied whole, in one call: its elements are those copied with the kids
            parent_tree = tree.ParentTree if tree.ParentTree.is_indirect else source.make_indirect(tree.ParentTree)
            entries = _parent_tree_entries(bundle.copy_foreign(parent_tree))
        for key, value in entries:
            self.nums.append(key + self.offset)
            self.nums.append(value)
        for number in range(first, first + count):
            page = bundle.pages[number].obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + self.offset
            for annotation in page.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + self.offset
        for role, standard in tree.get("/RoleMap", {}).items():
            self.roles[role] = standard
        self.offset += max((key for key, _ in entries), default=-1) + 1

    def finish(self):
        bundle, root = self.bundle, self.root
        root.K = pikepdf.Array([self.document])
        root.ParentTree = bundle.make_indirect(pikepdf.Dictionary(Nums=self.nums))
        root.ParentTreeNextKey = self.offset
        if len(self.roles):
            root.RoleMap = self.roles
        bundle.Root.StructTreeRoot = root
        bundle.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


# The pages the page numbers are taken from: one per length of number (8, 88, ...), each set right-aligned at the
# foot as a number of that length, then one with every digit, which tells each digit's glyph in the font.
NUMBERS_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }} body {{ margin: 0; }}
div {{ height: 297mm; position: relative; break-after: page; }}
span {{ position: absolute; right: 20mm; bottom: 9mm; font: 700 9pt "DejaVu Sans", sans-serif; color: #333; }}
</style></head><body>{pages}</body></html>"""


def _number_forms(last):
    """A Form XObject per page number from 2 to last, in a PDF of their own (the Form of n is forms[n - 2]).

    WeasyPrint sets one page per length of number and the ten digits once; every number is then its length's page
    with that page's digits replaced by its own, which are as wide (DejaVu Sans has tabular figures), so it stays
    right-aligned. Rendering a page per number instead took WeasyPrint 5 ms a page, seconds for a conference."""
    Array, String = pikepdf.Array, pikepdf.String
    lengths = len(str(last))
    html = NUMBERS_HTML.format(pages="".join(f"<div><span>{'8' * n}</span></div>" for n in range(1, lengths + 1))
                               + "<div><span>0123456789</span></div>")
    numbers = pikepdf.open(io.BytesIO(pdf.print_pdf_untagged(html)))

    def shown(instructions):  # the index of the one text-showing instruction, and the glyphs it shows
        index = next(i for i, ins in enumerate(instructions) if str(ins.operator) in ("TJ", "Tj"))
        operand = instructions[index].operands[0]
        return index, [bytes(o) for o in (operand if isinstance(operand, Array) else [operand]) if isinstance(o, String)]

    pages = [pikepdf.parse_content_stream(page) for page in numbers.pages]
    _, glyphs = shown(pages[lengths])
    if len(glyphs) != 10 or any(len(shown(pages[n])[1]) != n + 1 for n in range(lengths)):
        raise ValueError("The page numbers' font sets digits other than one glyph each.")
    forms = []
    for number in range(2, last + 1):
        text = str(number)
        instructions = list(pages[len(text) - 1])
        index, _ = shown(instructions)
        instructions[index] = pikepdf.ContentStreamInstruction(
            [Array([part for digit in text for part in (String(glyphs[int(digit)]), 0)])], pikepdf.Operator("TJ"))
        form = numbers.pages[len(text) - 1].as_form_xobject()
        form.write(pikepdf.unparse_content_stream(instructions))
        forms.append(form)
    return numbers, forms


def _number_pages(bundle, forms):
    """Every page after the cover carries its page number in the whole conference PDF, at the foot on the right
    (each guide keeps its own "Page 2 of 11" in the middle): the combined contents cite these numbers, so the
    contents and the printed pages agree. The numbers are pagination artifacts for assistive technology."""
    Name = pikepdf.Name
    for page, number in zip(list(bundle.pages)[1:], forms, strict=True):
        form = bundle.copy_foreign(number)
        name = page.add_resource(form, Name.XObject, prefix="Num")
        page.contents_add(pikepdf.Stream(bundle, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(
            bundle, b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + str(name).encode()
            + b" Do Q EMC\n"))
