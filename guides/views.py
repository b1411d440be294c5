"""Conference, committee and study-guide reader pages. Visibility comes from guides.queries."""

import mimetypes
import re
import secrets
import struct
import zlib
from collections import OrderedDict
from urllib.parse import quote

from django.contrib.messages import get_messages
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from guides import queries, revisions, rules
from guides.enums import ExportStatus
from guides.models import Committee, Conference, Figure, GuideRevision, StudyGuide
from mlmun import hooks


def conference(request, conference):
    conference = get_object_or_404(Conference, slug=conference)
    guides = (queries.guides_visible_to(request.user).filter(topic__committee__conference=conference)
              .select_related("topic__committee__conference"))
    committees = conference.committees.prefetch_related("topics", "chairs")
    return render(
        request,
        "guides/conference.html",
        {"conference": conference, "committees": committees, "visible_guides": {g.topic_id: g for g in guides},
         "is_organizer": rules.is_organizer(request.user, conference)},
    )


def conference_search(request, conference):
    """Ranked places in the conference's guides the user may read, with the words found marked."""
    from guides import search

    conference = get_object_or_404(Conference, slug=conference)
    query = request.GET.get("q", "")[:200]
    results = search.search(request.user, conference, query) if query.strip() else []
    return render(request, "guides/search.html", {
        "conference": conference, "query": query, "results": results, "searched": bool(search.words(query)),
    })


def committee(request, conference, committee):
    committee = get_object_or_404(Committee.objects.select_related("conference"), conference__slug=conference,
                                  slug=committee)
    guides = queries.guides_visible_to(request.user).filter(topic__committee=committee).select_related(
        "topic__committee__conference")
    return render(
        request,
        "guides/committee.html",
        {"committee": committee, "conference": committee.conference, "visible_guides": {g.topic_id: g for g in guides}},
    )


# A revision's article is immutable and the same for every reader: each process renders it once (a cache only;
# nothing depends on what another process holds). The key holds what else goes into it: the chairs who sign the
# letter and the committee's contact email.
_articles = OrderedDict()
ARTICLES_KEPT = 64


def _kept(store, key, make):
    """store[key], made by make() when missing; the ARTICLES_KEPT most recently used are kept."""
    value = store.get(key)
    if value is None:
        value = store[key] = make()
        while len(store) > ARTICLES_KEPT:
            store.popitem(last=False)
    else:
        store.move_to_end(key)
    return value


def article_body(revision, rendered, chairs, committee):
    key = (revision.pk, revision.created_at, tuple((c["name"], c["role"]) for c in chairs), committee.contact_email)
    return _kept(_articles, key, lambda: mark_safe(render_to_string("guides/_article_body.html", {
        "rendered": rendered, "chairs": chairs, "committee": committee})))


# The "your delegation is mentioned" aside per revision and delegation: what the shared page is filled with.
_mentions_html = OrderedDict()


def delegation_mentions(rendered, delegation):
    """Where a guide names the reader's delegation: as a major party, and in which sections' text."""
    if delegation is None:
        return None
    names = {delegation["name"].lower(), *(alias.lower() for alias in delegation["aliases"])}
    code = delegation["iso_code"]
    # A grouped party ("Thailand & Philippines") names each of its member states.
    parties = [p for p in rendered.stakeholders
               if (code and code in p.get("iso_codes", [p["iso_code"]])) or p["name"].lower() in names]
    # Names and demonyms in any case ("Nigeria", "Nigerian"); abbreviations only as written ("US", "U.S.", not "us").
    words = r"(?i:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")"
    short = [re.escape(a) for a in sorted(delegation.get("abbreviations", []), key=len, reverse=True)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join([words, *short]) + r")(?!\w)")
    sections = [s for s in rendered.sections if pattern.search(s.text)]
    if not parties and not sections:
        return None
    return {"name": delegation["name"], "parties": parties, "sections": sections}


# The reader's page for a published revision, as every reader with the same role sees it, with slots for what is
# theirs: their name and id in the header, the CSRF token of the log-out form, the page's own address in the
# log-in link, and the asides about them (updated since they last read it; their delegation is mentioned).
_pages = OrderedDict()
_SLOTS = {name: f"mlmun-slot-{name}-5e1c9a" for name in ("user", "name", "csrf", "next", "personal")}


class _Reader:
    """Who the shared page is rendered for: a signed-in reader (staff or not) or a visitor, without a name."""

    def __init__(self, authenticated, staff):
        self.is_authenticated, self.is_staff = authenticated, staff
        self.pk = self.username = _SLOTS["user"] if authenticated else None

    def get_full_name(self):
        return _SLOTS["name"]


class _Path:
    def get_full_path(self):
        return _SLOTS["next"]


def _publications(guide):
    return list(guide.publications.select_related("revision").defer("revision__rendered", "revision__source"))


def _letter_chairs(guide, rendered):
    """The chairs who sign the guide's letter, if it has one."""
    if any(s.kind == "letter" for s in rendered.sections):
        return queries.committee_chairs(guide.topic.committee)
    return []


def _shared_page(guide, revision, rendered, key):
    committee = guide.topic.committee

    def make():
        chairs = _letter_chairs(guide, rendered)
        publications = _publications(guide)
        authenticated, staff = key[-2:]
        return render_to_string("guides/guide.html", {
            "article_body": article_body(revision, rendered, chairs, committee), "guide": guide,
            "revision": revision, "rendered": rendered, "reading_published": True, "editor": False,
            "publications": publications, "personal": mark_safe(_SLOTS["personal"]),
            "user": _Reader(authenticated, staff), "request": _Path(), "csrf_token": _SLOTS["csrf"],
        })

    return _kept(_pages, key, lambda: _SharedPage(make()))


class _SharedPage:
    """The shared page cut at its slots, each fixed piece also deflated once: a reader who accepts gzip gets the
    pieces as they are and their own slots stored uncompressed between them (raw deflate blocks, each ending on a
    byte, may follow one another in one gzip stream), instead of the whole page compressed again on every request."""

    _SPLIT = re.compile("(" + "|".join(re.escape(marker) for marker in _SLOTS.values()) + ")")
    _NAMES = {marker: name for name, marker in _SLOTS.items()}

    def __init__(self, page):
        self.pieces = []
        for piece in self._SPLIT.split(page):
            if piece in self._NAMES:
                self.pieces.append((self._NAMES[piece], None, None))
            elif piece:
                raw = piece.encode()
                self.pieces.append((None, raw, _deflated(raw, 9)))

    def plain(self, values):
        return b"".join(raw if slot is None else values[slot].encode() for slot, raw, _ in self.pieces)

    def gzipped(self, values):
        # A random file name of random length in the header, as Django's GZipMiddleware adds (BREACH).
        name = secrets.token_hex(secrets.randbelow(51)).encode()
        out, crc, size = [b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff" + name + b"\x00"], 0, 0
        for slot, raw, deflated in self.pieces:
            if slot is not None:
                raw = values[slot].encode()
                deflated = _stored(raw)
            out.append(deflated)
            crc, size = zlib.crc32(raw, crc), size + len(raw)
        out.append(b"\x03\x00")  # an empty final block
        out.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
        return b"".join(out)


def _deflated(raw, level):
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(raw) + compressor.flush(zlib.Z_FULL_FLUSH)


def _stored(raw):
    """raw as stored (not compressed) deflate blocks of at most 65,535 bytes each: a reader's own slots are a few
    bytes, and a compressor set up for them would cost more than the whole rest of the page; their secrets (the
    CSRF token) are then not compressed alongside the page's text either. Each piece before ends on a byte."""
    return b"".join(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk
                    for chunk in (raw[start:start + 65535] for start in range(0, len(raw), 65535)))


_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _page_key(request, facts):
    user = request.user
    return (*facts.page_key, user.is_authenticated, user.is_authenticated and user.is_staff)


def _filled(request, page, personal):
    user = request.user
    values = {"personal": personal, "user": "", "name": "", "csrf": "", "next": ""}
    if user.is_authenticated:
        values.update(user=str(user.pk), name=escape(user.get_full_name() or user.username), csrf=_csrf_token(request))
    else:
        values["next"] = quote(request.get_full_path())
    if not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(page.plain(values))
    else:
        response = HttpResponse(page.gzipped(values))
        response["Content-Encoding"] = "gzip"  # CompressPages leaves it as it is
    response.headers["Vary"] = "Accept-Encoding"  # a new response: nothing varies yet
    return response


_CSRF_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def _csrf_token(request):
    """The CSRF token for the shared page: Django's get_token when the request brought no CSRF cookie; otherwise
    the cookie's secret masked as get_token masks it (a new random mask for every response, Django's defence
    against BREACH; Django's check unmasks it), the mask drawn from one read of the system's random source instead
    of 32 (get_random_string), which cost the reader a twentieth of its time. The cookie is not sent again: it
    outlives the session (a year against two weeks), logging in sets a new one, and a request that brings none
    gets one from get_token."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None or len(secret) != CSRF_SECRET_LENGTH or not set(secret) <= _CSRF_INDEX.keys():
        return get_token(request)
    size, mask = len(CSRF_ALLOWED_CHARS), []
    while len(mask) < CSRF_SECRET_LENGTH:  # bytes below 248 = 4 × 62: each character equally likely
        mask += [CSRF_ALLOWED_CHARS[byte % size] for byte in secrets.token_bytes(48) if byte < size * (256 // size)]
    mask = mask[:CSRF_SECRET_LENGTH]
    cipher = (CSRF_ALLOWED_CHARS[(_CSRF_INDEX[a] + _CSRF_INDEX[b]) % size] for a, b in zip(secret, mask, strict=True))
    return "".join(mask) + "".join(cipher)


def _personal(request, guide, revision, rendered, facts, publications=None):
    """The asides for this reader: what changed since the revision they last read (and that they read this one
    now), and where the guide names their delegation."""
    user = request.user
    if not user.is_authenticated:
        return ""
    update = None
    last = facts.last_read
    if last is not None and last < revision.number:
        if publications is None:
            publications = _publications(guide)
        since = [p for p in publications if p.revision.number > last]
        old = next((p.revision for p in publications if p.revision.number == last), None)
        changed = revisions.revisions_diff(old, revision) if old else []
        update = {"since": last, "publications": since, "changed": changed}
    if last != revision.number:
        hooks.notify(hooks.MARK_READ, user=user, guide=guide, number=revision.number)
    delegation = (hooks.ask(hooks.DELEGATION_OF, None, user=user, conference=guide.topic.committee.conference)
                  if facts.delegation else None)
    mentions = delegation_mentions(rendered, delegation)
    if delegation:  # what _served_from_shared_page gives this delegation's readers from now on
        mentions_html = _kept(_mentions_html, (revision.pk, *facts.delegation), lambda: render_to_string(
            "guides/_reader_personal.html", {"guide": guide, "update": None, "mentions": mentions}) if mentions else "")
        if not update:
            return mentions_html
    if not update and not mentions:
        return ""
    return render_to_string("guides/_reader_personal.html", {"guide": guide, "update": update, "mentions": mentions})


def _served_from_shared_page(request, facts):
    """The page of a reader who last read the current revision, when this process has it and the mentions of their
    delegation: no other query. None when the full path must run (it then keeps what this needs)."""
    page = _pages.get(_page_key(request, facts))
    if page is None or (request.user.is_authenticated and facts.last_read != facts.revision_number):
        return None
    personal = ""
    if facts.delegation:
        key = (facts.revision_pk, *facts.delegation)
        if key not in _mentions_html:
            return None
        personal = _mentions_html[key]
    return _filled(request, page, personal)


class LogInFirst(Exception):
    """A logged-out visitor asked for a member-only page: send them to log in (whether or not it exists)."""


def login_or_404(request):
    """Raise for a page the user may not see: log in first when logged out (the chair's link in a group chat,
    Back after logging out), 404 otherwise (do not reveal that it exists)."""
    if not request.user.is_authenticated:
        raise LogInFirst()
    raise Http404("No such page.")


def _reader_guide(request, conference, committee, pk, facts=None):
    """(guide, facts) at this address if the user may see it: queries.reader_facts decides (one query, or none when
    facts are given), then the guide is loaded by its key."""
    facts = facts or queries.reader_facts(request.user, conference, committee, pk)
    if facts is None or not facts.visible:
        login_or_404(request)
    guide = (StudyGuide.objects.select_related("topic__committee__conference", "published_revision")
             .defer("published_revision__rendered", "published_revision__source").filter(pk=facts.pk).order_by()[:1])
    if not guide:  # deleted a moment ago
        login_or_404(request)
    return guide[0], facts


def _requested_revision(request, guide, editor):
    """Editors may read any stored revision (?revision=N) or the working copy (?preview=working)."""
    if editor and request.GET.get("revision", "").isdigit():
        return get_object_or_404(guide.revisions.defer("rendered", "source"), number=int(request.GET["revision"]))
    return revisions.reader_revision(guide, request.user, preview=editor and request.GET.get("preview") == "working")


def guide(request, conference, committee, pk):
    # Nearly every request: a delegate or visitor reading the published revision, again. One query says who they
    # are to the guide; the page every such reader shares is filled with what is theirs.
    facts = queries.reader_facts(request.user, conference, committee, pk)
    if facts is None or not facts.visible:
        login_or_404(request)
    editor = facts.editor
    shared = (not editor and facts.released and facts.revision_pk is not None
              and not len(get_messages(request)))
    if shared:
        response = _served_from_shared_page(request, facts)
        if response is not None:
            return response
    guide, _ = _reader_guide(request, conference, committee, pk, facts)
    if not editor and not facts.released:
        return render(request, "guides/guide_coming.html", {"guide": guide, "release_at": guide.effective_release_at})
    revision = _requested_revision(request, guide, editor)
    if revision is None:
        raise Http404("No such guide.")
    rendered = revisions.rendered(revision)
    reading_published = revision.pk == guide.published_revision_id
    if shared and reading_published:
        personal = _personal(request, guide, revision, rendered, facts)
        return _filled(request, _shared_page(guide, revision, rendered, _page_key(request, facts)), personal)
    publications = _publications(guide)
    personal = _personal(request, guide, revision, rendered, facts, publications) if reading_published else ""
    chairs = _letter_chairs(guide, rendered)
    return render(request, "guides/guide.html", {
        "article_body": article_body(revision, rendered, chairs, guide.topic.committee),
        "guide": guide,
        "revision": revision,
        "rendered": rendered,
        "reading_published": reading_published,
        "editor": editor,
        "publications": publications,
        "personal": mark_safe(personal),
    })


def guide_changes(request, conference, committee, pk):
    """Word by word, what changed in each part between the revision a delegate read and the current one."""
    guide, facts = _reader_guide(request, conference, committee, pk)
    editor = facts.editor
    if not editor and not facts.released:
        raise Http404("No such guide.")
    since = request.GET.get("since", "")
    if not since.isdigit():
        raise Http404("Say since which revision.")
    stored = guide.revisions.defer("rendered", "source")
    to = request.GET.get("to", "")
    if not editor:
        # Delegates compare published revisions only.
        stored = stored.filter(publications__isnull=False).distinct()
    if to.isdigit():
        new = stored.filter(number=int(to)).first()
    else:
        new = guide.published_revision or (revisions.working_revision(guide) if editor else None)
    if new is None:
        raise Http404("No such revision.")
    old = stored.filter(number__lte=int(since)).order_by("-number").first()
    if old is None or new is None or old.number >= new.number:
        changes = []
    else:
        changes = revisions.revisions_diff(old, new)
    return render(request, "guides/changes.html", {
        "guide": guide, "old": old, "new": new, "changes": changes,
        "publications": [p for p in _publications(guide)
                         if old and p.revision.number > old.number and p.revision.number <= new.number],
    })


def guide_pdf(request, conference, committee, pk):
    """The guide as PDF for everyone who may read it (drafts and working copies carry a DRAFT watermark)."""
    guide, facts = _reader_guide(request, conference, committee, pk)
    editor = facts.editor
    if not editor and not facts.released:
        raise Http404("No such guide.")
    revision = _requested_revision(request, guide, editor)
    if revision is None:
        raise Http404("No such guide.")
    return pdf_response(guide, revision)


def pdf_response(guide, revision):
    """After the permission check: the PDF (rendered now if it is not cached) through a short-lived signed link,
    which object storage or our own file view serves without a session or a database query."""
    from guides import pdf  # WeasyPrint takes ~0.7 s to import: load it when a PDF is asked for

    result = pdf.guide_pdf(guide, revision)
    return redirect(signed_file_url(result.name, pdf.guide_pdf_filename(guide), "application/pdf"))


FILE_LINK_SECONDS = 60  # a signed link is used at once (the browser follows the redirect); then it is stale
_FILE_SALT = "mlmun.signed-file"


def signed_file_url(name, filename, content_type):
    """A link to one stored file, valid for FILE_LINK_SECONDS, for whoever holds it: S3's own presigned URL on
    object storage (the bytes never pass through a web process), else a signed link to signed_file."""
    if hasattr(default_storage, "bucket_name"):
        return default_storage.url(name, expire=FILE_LINK_SECONDS, parameters={
            "ResponseContentDisposition": f'attachment; filename="{filename}"', "ResponseContentType": content_type})
    token = signing.dumps({"n": name, "f": filename, "t": content_type}, salt=_FILE_SALT, compress=True)
    return reverse("signed_file", args=[token, filename])


def signed_file(request, token, filename):
    """Serves the file a signed link names, if the link is whole and fresh: no session, no query (the view that
    signed it checked who may have the file). An expired link says so (410); any other is 404."""
    try:
        data = signing.loads(token, salt=_FILE_SALT, max_age=FILE_LINK_SECONDS)
    except signing.SignatureExpired:
        return render(request, "guides/link_expired.html", status=410)
    except signing.BadSignature:
        raise Http404("No such file.") from None
    if data.get("f") != filename:
        raise Http404("No such file.")
    try:
        handle = default_storage.open(data["n"], "rb")
    except OSError:
        raise Http404("No such file.") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=data["t"])
    response.block_size = 1024 * 1024  # where the server has no sendfile: a PDF in one or a few writes
    response["Cache-Control"] = "private, no-store"  # the link is single-use in spirit: never kept by a proxy
    response["X-Robots-Tag"] = "noindex"
    return response


def service_worker(request):
    """The service worker, from the site's root so that its scope is the whole site (static/js/sw.js)."""
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    found = finders.find("js/sw.js")
    if found:
        with open(found, "rb") as handle:
            script = handle.read()
    else:
        with staticfiles_storage.open("js/sw.js") as handle:
            script = handle.read()
    response = HttpResponse(script, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"  # a new version reaches every browser on its next visit
    return response


def media_file(request, name):
    """Figures, streamed from default_storage to whoever may read their guide; every other name is 404.

    A figure the chairs removed from the working copy is still part of the published revision (and of older
    published ones): it stays readable there. Exports and cached PDFs have their own permission-checked views;
    nothing under /media/ is served by name alone. Works the same on local disk and on object storage.
    """
    if ".." in name.split("/"):
        raise Http404("No such file.")
    if name.startswith("logos/") and Conference.objects.filter(logo=name).exists():
        return _stream(name)  # a conference's logo is as public as its name
    if not name.startswith("figures/"):
        raise Http404("No such file.")
    visible = queries.guides_readable_by(request.user)
    figure = Figure.objects.filter(image=name).only("guide_id").first()
    allowed = figure is not None and visible.filter(pk=figure.guide_id).exists()
    if not allowed:
        # Removed from the working copy: allowed if a published revision of a visible guide shows it.
        allowed = GuideRevision.objects.filter(
            guide__in=visible.values("pk"), publications__isnull=False, rendered__icontains=f"/media/{name}"
        ).exists()
    if not allowed:
        raise Http404("No such file.")
    return _stream(name)


def _stream(name):
    """A figure or logo: bounded by FIGURE_MAX_BYTES at upload, so read whole and the file closed at once (a
    streamed file stays open when the browser drops the request, e.g. a lazy image scrolled away)."""
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except OSError:
        raise Http404("No such file.") from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def organizer_conference(request, slug):
    """The conference, if the user organizes it; 404 otherwise (do not reveal organizer pages)."""
    conference = Conference.objects.filter(slug=slug).first()
    if conference is None or not rules.is_organizer(request.user, conference):
        login_or_404(request)
    return conference


def conference_exports(request, conference):
    """Organizers start a conference-wide export (or join the running one) and see past exports."""
    from guides import exports, services
    conference = organizer_conference(request, conference)
    if request.method == "POST":
        export, _ = services.conference_export_start(conference=conference, by=request.user)
        return redirect("conference_export", conference.slug, export.pk)
    return render(request, "guides/exports.html", {
        "conference": conference, "exports": conference.exports.all()[:20],
        "published": exports.published_guides_in_order(conference).count(),
    })


def conference_export(request, conference, pk):
    conference = organizer_conference(request, conference)
    export = get_object_or_404(conference.exports, pk=pk)
    return render(request, "guides/export.html", {
        "conference": conference, "export": export, "waiting": export.waiting_for_a_worker(),
        "lost": export.worker_lost()})


def conference_export_download(request, conference, pk, kind):
    conference = organizer_conference(request, conference)
    if kind not in ("pdf", "zip"):
        raise Http404("Exports are a PDF and a ZIP.")
    export = get_object_or_404(conference.exports, pk=pk, status=ExportStatus.DONE)
    name = export.pdf_name if kind == "pdf" else export.zip_name
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True,
                        filename=f"{conference.slug}-study-guides.{kind}")
