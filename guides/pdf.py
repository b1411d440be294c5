"""PDF rendering with WeasyPrint that fetches nothing outside our own static and media files."""

import dataclasses
import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from guides.enums import SectionKind

# Sent as the base URL of every document, so relative /static/ and /media/ links resolve to it.
LOCAL_BASE = "https://mlmun.invalid/"


class LocalOnlyURLFetcher(URLFetcher):
    """Serves data: URLs and files under STATIC/MEDIA (resolved real paths inside those folders).

    Everything else (http, https, file elsewhere, attachments) is refused; WeasyPrint then renders
    without it. WeasyPrint 70 needs a URLFetcher subclass here, not a plain function.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False, timeout=1)
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        found = self.local_file(url)
        if found is None:
            self.refused.append(url)
            raise ValueError(f"mlmun fetches no URL outside its own static files and figures: {url}")
        name, data = found
        mime, _ = mimetypes.guess_type(name)
        return URLFetcherResponse(url, data, {"Content-Type": mime or "application/octet-stream"})

    @staticmethod
    def local_file(url):
        """(name, bytes) of a static file, or a figure or logo in default_storage, that url names, else None."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != LOCAL_BASE:
            return None
        path = unquote(parts.path)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if path.startswith(static_prefix):
            relative = path[len(static_prefix):]
            try:
                found = finders.find(relative) or os.path.join(settings.STATIC_ROOT, relative)
            except SuspiciousFileOperation:
                return None
            roots = [Path(settings.STATIC_ROOT).resolve(), *[Path(d).resolve() for d in settings.STATICFILES_DIRS]]
            real = Path(found).resolve()
            if not real.is_file() or not any(real.is_relative_to(root) for root in roots):
                return None
            return real.name, real.read_bytes()
        if path.startswith((settings.MEDIA_URL + "figures/", settings.MEDIA_URL + "logos/")):
            # Only figures and conference logos: never exports or cached PDFs, whatever a guide's Markdown
            # points at.
            name = path[len(settings.MEDIA_URL):]
            try:
                if ".." in name.split("/") or not default_storage.exists(name):
                    return None
                with default_storage.open(name, "rb") as handle:
                    return name, handle.read()
            except (SuspiciousFileOperation, OSError):
                return None
        return None


def html_to_pdf(html, stylesheets=None):
    fetcher = LocalOnlyURLFetcher()
    document = HTML(string=html, base_url=LOCAL_BASE, url_fetcher=fetcher)
    # Tagged PDF/UA-1: a structure tree (headings, lists, tables, figures with their alt text), /Lang and XMP
    # metadata, so screen readers read it in order; it costs no measurable time.
    return document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")


def print_pdf_untagged(html):
    """A PDF whose content is drawn onto other pages as an artifact (the conference PDF's page numbers)."""
    return HTML(string=html, base_url=LOCAL_BASE, url_fetcher=LocalOnlyURLFetcher()).write_pdf()


def print_pdf(html, css=None):
    """HTML typeset with the study-guide print stylesheet."""
    return html_to_pdf(html, stylesheets=[CSS(string=css or print_stylesheet())])


# Bump when the print template or the way PDFs are made changes in a way the hash cannot see.
PDF_VERSION = 3  # 2: tagged PDF/UA-1; 3: lists keep their numbers
PRINT_CSS = "css/print-guide.css"
# With the space before it: a footnote call sits on its word ("trafficking¹"), never alone on the next line.
_FOOTNOTE_REFS = re.compile(r'[ \t\n]*<sup class="fn-ref">(.*?)</sup>', re.S)
_LINK_TEXT = re.compile(r'(<a [^>]*>)([^<\s]{25,})(</a>)')
_FOOTNOTE_NUMBER = re.compile(r'href="#fn-(\d+)"')
_TERM_LINK = re.compile(r'<a class="term" [^>]*>(.*?)</a>', re.S)
_OL_START = re.compile(r'<ol start="(\d{1,9})">')


def _print_html_fragment(html, footnotes):
    """Reader HTML → print HTML: each citation becomes a real footnote; glossary links become plain text."""

    def footnote(match):
        inner = match.group(1)
        notes = [f'<span class="footnote">{footnotes[int(n)]}</span>' for n in _FOOTNOTE_NUMBER.findall(inner)]
        missing = re.findall(r'<span class="cite-missing">.*?</span>', inner)
        # "[@a; @b]" reads "1,2": the comma is written between these two calls only, not by a CSS rule that
        # would also put one before a call that follows another call further on in the paragraph.
        return '<span class="fn-sep">,</span>'.join(notes) + "".join(missing)

    return mark_safe(list_numbers(breakable_urls(_TERM_LINK.sub(r"\1", _FOOTNOTE_REFS.sub(footnote, html)))))


def list_numbers(html):
    """WeasyPrint ignores <ol start>: a list that goes on after a paragraph ("3. …") would print from 1 again.
    The same number as a counter reset, which it does follow."""
    return _OL_START.sub(lambda m: f'<ol start="{m[1]}" style="counter-reset: list-item {int(m[1]) - 1}">', html)


def breakable_urls(html):
    """Long link texts (web addresses) may break after a slash, a dot or before ? & =, never with a hyphen."""
    def wbr(match):
        text = re.sub(r"([/.])(?=[^/.])", r"\1<wbr>", match.group(2))
        return match.group(1) + re.sub(r"(?<=[^?&=])([?&=])", r"<wbr>\1", text) + match.group(3)

    return _LINK_TEXT.sub(wbr, html)


def guide_print_html(guide, rendered, *, draft, revision, chairs):
    committee = guide.topic.committee
    footnotes = {note["number"]: note["mla"] for note in rendered.footnotes}
    sections = [
        {"anchor": s.anchor, "heading": s.heading, "kind": s.kind, "html": _print_html_fragment(s.html, footnotes),
         "figures": s.figures}
        for s in rendered.sections
    ]
    parties = [{**p, "html": _print_html_fragment(p["html"], footnotes)} for p in rendered.stakeholders]
    # Definitions, events and questions carry footnotes too (their own citations and attached sources).
    rendered = dataclasses.replace(
        rendered,
        key_terms=[{**t, "definition_html": _print_html_fragment(t["definition_html"], footnotes)}
                   for t in rendered.key_terms],
        timeline=[{**e, "description_html": _print_html_fragment(e["description_html"], footnotes)}
                  for e in rendered.timeline],
        questions=[{**q, "html": _print_html_fragment(q["html"], footnotes)} for q in rendered.questions])
    toc = [{"anchor": s.anchor, "title": s.heading, "subheadings": s.subheadings} for s in rendered.sections
           if s.kind != SectionKind.APPENDIX]
    placed = set(rendered.placed)
    for present, anchor, title in [
        (rendered.key_terms and "key_terms" not in placed, "key-terms", "Key terms"),
        (parties and "major_parties" not in placed, "major-parties", "Major parties"),
        (rendered.timeline and "timeline" not in placed, "timeline", "Timeline of key events"),
        (rendered.questions and "questions" not in placed, "questions", "Questions"),
        (rendered.figures, "figures", "Figures"), (rendered.bibliography, "works-cited", "Works cited"),
        (rendered.further_reading, "further-reading", "Further reading"),
    ]:
        if present:
            toc.append({"anchor": anchor, "title": title})
    # Appendices follow works cited.
    toc += [{"anchor": s.anchor, "title": s.heading, "subheadings": s.subheadings} for s in rendered.sections
            if s.kind == SectionKind.APPENDIX]
    published = next((p for p in guide.publications.all() if p.revision_id == revision.pk), None)
    logo = committee.conference.logo
    return render_to_string("guides/print/guide.html", {
        "logo": reverse("media", args=[logo.name]) if logo else "",
        "guide": guide, "committee": committee, "rendered": rendered, "sections": sections, "parties": parties,
        "toc": toc, "chairs": chairs, "draft": draft, "revision": revision,
        "revision_date": published.published_at if published else revision.created_at,
    })


def print_stylesheet():
    return Path(finders.find(PRINT_CSS)).read_text()


@dataclass
class GuidePdf:
    name: str  # in default_storage
    rendered: bool  # False when it came from the cache


def pdf_cache_name(guide, revision, *, draft, css, chairs):
    """A revision never changes, so its PDF is named by the revision and what else goes into it; nothing needs
    rendering to know whether it is cached."""
    digest = hashlib.sha256()
    committee = guide.topic.committee
    # The cover's live parts (not stored in the revision) go into the name too.
    cover = (guide.title, guide.subtitle, committee.contact_email, committee.conference.logo.name or "")
    # The revision's id and time as well as its number: a database rebuilt over the same storage (a fresh demo)
    # reuses numbers, never both.
    stamp = (str(revision.pk), revision.created_at.isoformat() if revision.created_at else "")
    for part in (str(PDF_VERSION), weasyprint.__version__, css, "draft" if draft else "final", *stamp, *chairs, *cover):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"pdf-cache/guides/{guide.pk}/r{revision.number}-{digest.hexdigest()[:32]}.pdf"


def guide_pdf(guide, revision=None):
    """The PDF of a revision (by default the published one) in storage, rendered only the first time.

    Any revision other than the published one carries a DRAFT watermark.
    """
    from guides import revisions

    revision = revision or guide.published_revision or revisions.working_revision(guide)
    draft = revision.pk != guide.published_revision_id
    css = print_stylesheet()
    from guides.queries import committee_chairs

    chairs = committee_chairs(guide.topic.committee)
    name = pdf_cache_name(guide, revision, draft=draft, css=css, chairs=[f"{c['name']}|{c['role']}" for c in chairs])
    if default_storage.exists(name):
        if is_complete_pdf(name):
            return GuidePdf(name, rendered=False)
        default_storage.delete(name)  # a partial file (disk full, a killed process): render it again
    html = guide_print_html(guide, revisions.rendered(revision), draft=draft, revision=revision, chairs=chairs)
    data = print_pdf(html, css)
    return GuidePdf(save_whole(name, data), rendered=True)


def save_whole(name, data):
    """Stores data (bytes, or a File to copy from) under name, or nothing: a write that fails half-way (disk full)
    leaves no file behind."""
    try:
        return default_storage.save(name, data if isinstance(data, File) else ContentFile(data))
    except Exception:
        if default_storage.exists(name):  # whatever made it to disk is not known to be whole
            default_storage.delete(name)
        raise


def is_complete_pdf(name):
    """A PDF ends with %%EOF; a file cut short by a failed write does not."""
    size = default_storage.size(name)
    if size < 64:
        return False
    with default_storage.open(name, "rb") as handle:
        handle.seek(max(0, size - 1024))
        return b"%%EOF" in handle.read()


def guide_pdf_filename(guide):
    committee = guide.topic.committee
    return f"{committee.conference.slug}-{committee.slug}-{slugify(guide.title)[:60]}.pdf"
