"""Study guides as print-quality PDF: structure read back from the PDF, safety, caching, conference export."""

import http.server
import io
import threading
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from guides import pdf, revisions
from guides.citations import cited_keys
from guides.exports import conference_export_run
from guides.models import ConferenceExport, Figure, Section
from guides.services import conference_export_start, guide_publish, guide_unpublish
from tests.conftest import edit_guide
from tests.pdf_reading import ReadPdf


@pytest.fixture
def demo(db, demo_guides):
    return demo_guides


def read(guide):
    result = pdf.guide_pdf(guide)
    with default_storage.open(result.name, "rb") as handle:
        return ReadPdf(handle.read())


def published(guide):
    guide.refresh_from_db()
    return revisions.rendered(guide.published_revision)


def citation_count(guide):
    rendered = published(guide)
    # Footnote calls in reading order: each citation, plus the source attached to a key term or an event.
    attached = lambda part: [f"[@{part.source.key}]"] if part.source_id else []  # noqa: E731
    bodies = ([s.body for s in guide.sections.all()]
              + [t for term in guide.key_terms.all() for t in [term.definition, *attached(term)]]
              + [p.description for p in guide.stakeholders.all()]
              + [t for event in guide.timeline_events.all() for t in [event.description, *attached(event)]]
              + [q.text for q in guide.questions.all()])
    known = {e["key"] for e in rendered.bibliography}
    return sum(1 for body in bodies for key in cited_keys(body) if key in known)


@pytest.mark.parametrize("slug", ["ccpcj", "specon"])
def test_guide_pdf_holds_every_part_and_its_structure_is_right(demo, slug):
    guide = demo[slug]
    rendered = published(guide)
    document = read(guide)
    # The cover says which revision this is and when it was published.
    assert f"Revision 2 · published {guide.published_at:%-d %B %Y}" in " ".join(document.pages[0].split())
    text = "\n".join(document.pages)
    flat = " ".join(text.split()).replace("‐ ", "").replace("- ", "-")

    for section in rendered.sections:
        assert section.heading in flat
    for term in rendered.key_terms:
        assert term["term"] in flat
    for party in rendered.stakeholders:
        assert party["name"] in flat
    for question in rendered.questions:
        assert " ".join(question["text"].split()) in flat

    # The outline follows the headings: the title, then every part in order, each section's sub-headings under it;
    # lists the chairs placed in the outline are among the sections, the others follow them; appendices come last.
    placed = set(rendered.placed)
    body = [s for s in rendered.sections if s.kind != "appendix"]
    appendices = [s for s in rendered.sections if s.kind == "appendix"]
    parts = [s.heading for s in body] + [
        title for present, kind, title in [
            (rendered.key_terms, "key_terms", "Key terms"), (rendered.stakeholders, "major_parties", "Major parties"),
            (rendered.timeline, "timeline", "Timeline of key events"), (rendered.questions, "questions", "Questions"),
            (rendered.bibliography, "", "Works cited"), (rendered.further_reading, "", "Further reading")]
        if present and kind not in placed] + [s.heading for s in appendices]
    subheadings = {s.heading: [h["title"] for h in s.subheadings] for s in rendered.sections}
    outline = document.outline()
    assert [title for title, _ in outline] == [guide.title] + [
        title for part in parts for title in [part, *subheadings.get(part, [])]]
    assert {"ccpcj": (3, 9), "specon": (6, 0)}[slug] == (sum(map(len, subheadings.values())), len(appendices))

    # Each number in the contents is the page its heading is on (no display:flex trap turning them into 0).
    pages = dict(outline[1:])
    printed = document.toc_numbers(2, parts[:8])
    assert printed == {title: pages[title] for title in parts[:8]}

    # One real footnote per citation, numbered 1..n, each at the foot of its marker's page or the next.
    calls, notes = document.footnotes()
    count = citation_count(guide)
    # SPECON's seed cites with numbered footnotes; CCPCJ's only lists a bibliography (as further reading here).
    assert count == {"specon": 21, "ccpcj": 0}[slug]
    assert [number for _, number in calls] == list(range(1, count + 1))
    assert [number for _, number in notes] == list(range(1, count + 1))
    for (call_page, number), (note_page, _) in zip(calls, notes, strict=True):
        assert note_page in (call_page, call_page + 1), number

    meta = document.reader.metadata
    chairs = ", ".join(c.get_full_name() for c in guide.topic.committee.chairs.all())
    assert (meta["/Title"], meta["/Author"], meta["/Creator"]) == (guide.title, chairs, "mlmun")
    assert document.reader.trailer["/Root"]["/Lang"] == "en"
    assert document.pages[-1].strip().endswith(f"Page {len(document.pages)} of {len(document.pages)}")


def test_footnote_area_keeps_border_without_padding():
    # A border together with padding on @footnote makes WeasyPrint 70 drop footnotes silently.
    css = pdf.print_stylesheet()
    rule = css[css.index("@footnote"):css.index("}", css.index("@footnote"))]
    assert "border" in rule and "padding" not in rule


def test_draft_is_watermarked_and_published_is_not(demo):
    guide = demo["hrc"]
    assert "DRAFT" not in read(guide).pages[0]
    guide_unpublish(guide=guide)
    guide.refresh_from_db()
    assert "DRAFT — working copy, Revision 2" in read(guide).pages[0]


def test_pdf_is_cached_per_revision_and_a_published_edit_renders_once(demo, django_assert_max_num_queries):
    guide = demo["ga3"]
    first = pdf.guide_pdf(guide)
    assert first.rendered is True
    with django_assert_max_num_queries(2):  # the cache name comes from the revision: no print render needed
        assert pdf.guide_pdf(guide).rendered is False
    edit_guide(guide, lambda: Section.objects.filter(guide=guide, order=1).update(body="Edited introduction."))
    assert pdf.guide_pdf(guide).name == first.name  # delegates' PDF: the published revision, unchanged
    guide_publish(guide=guide)
    guide.refresh_from_db()
    after = pdf.guide_pdf(guide)
    assert (after.rendered, after.name != first.name, "/r3-" in after.name) == (True, True, True)
    assert pdf.guide_pdf(guide).rendered is False


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    CountingHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_export_fetches_nothing_from_outside(demo, http_server):
    guide = demo["hrc"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide, order=1).update(body=(
        f"![chart]({http_server}/chart.png)\n\n"
        f'<link rel="stylesheet" href="{http_server}/style.css">\n\n'
        f'<a rel="attachment" href="{http_server}/secret.txt">attachment</a>\n\n'
        f"[link]({http_server}/page)"
    )))
    guide_publish(guide=guide)
    guide.refresh_from_db()
    document = read(guide)
    assert "General information" in document.pages[2] or "General information" in "".join(document.pages)
    assert CountingHandler.requests == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.css", "https://example.org/x.png", "file:///etc/passwd",
    "https://mlmun.invalid/static/../../../../etc/passwd", "https://mlmun.invalid/media/../mlmun/settings.py",
])
def test_url_fetcher_refuses_everything_but_our_files(url, http_server):
    fetcher = pdf.LocalOnlyURLFetcher()
    with pytest.raises(ValueError, match="fetches no URL outside"):
        fetcher.fetch(url.replace("http://127.0.0.1:9", http_server))
    assert CountingHandler.requests == []


def test_url_fetcher_is_a_urlfetcher_subclass_serving_our_static_and_media(settings, tmp_path):
    from weasyprint.urls import URLFetcher

    fetcher = pdf.LocalOnlyURLFetcher()
    assert isinstance(fetcher, URLFetcher)  # WeasyPrint 70 fails with a plain function
    assert b"@page" in fetcher.fetch("https://mlmun.invalid/static/css/print-guide.css").read()


def test_figure_image_from_media_is_embedded(demo, settings):
    guide = demo["hrc"]
    image = io.BytesIO()
    Image.new("RGB", (40, 20), "steelblue").save(image, "PNG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    edit_guide(guide, lambda: Figure.objects.create(
        guide=guide, image=SimpleUploadedFile("chart.png", image.getvalue()), caption="A chart",
        alt_text="Blue rectangle", section=guide.sections.first()))
    guide_publish(guide=guide)
    guide.refresh_from_db()
    document = read(guide)
    # WeasyPrint shares one resource dictionary between pages, so pypdf lists the same image on each.
    images = {(image.name, image.image.size) for page in document.reader.pages for image in page.images}
    assert [size for _, size in images] == [(40, 20)]
    assert "A chart" in "".join(document.pages)


def test_who_may_download(client, world):
    from tests.conftest import make_committee, make_conference, make_delegate

    guide = world["guide_a"]
    guide_publish(guide=guide)
    url = reverse("guide_pdf", args=["demo", "ga1", guide.pk])
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"  # logged out, members-only conference
    elsewhere = make_conference("elsewhere")
    client.force_login(make_delegate("far", elsewhere, make_committee(elsewhere, "SC"), "FR"))
    assert client.get(url).status_code == 404
    client.force_login(make_delegate("near", world["conference"], world["committee_b"], "NG"))
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith("/files/")  # a signed link, served with no session
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == f'attachment; filename="{pdf.guide_pdf_filename(guide)}"'
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    client.force_login(world["chair_b"])
    own_draft = client.get(reverse("guide_pdf", args=["demo", "ga2", world["guide_b"].pk]), follow=True)
    # Reading the whole stream also closes the file (closing it by hand would close the test's connection).
    assert "DRAFT" in ReadPdf(b"".join(own_draft.streaming_content)).pages[0]


def test_chair_downloads_draft_from_admin_and_not_others(client, world):
    client.force_login(world["chair_a"])
    own = client.get(reverse("admin:guides_studyguide_pdf", args=[world["guide_a"].pk]), follow=True)
    assert own.status_code == 200
    assert "DRAFT" in ReadPdf(b"".join(own.streaming_content)).pages[0]
    assert client.get(reverse("admin:guides_studyguide_pdf", args=[world["guide_b"].pk])).status_code == 404


def test_publishing_renders_the_pdf_in_the_background(world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    guide = world["guide_a"]
    with django_capture_on_commit_callbacks(execute=True):
        guide_publish(guide=guide)
    guide.refresh_from_db()
    assert pdf.guide_pdf(guide).rendered is False  # already made by the task


def test_conference_export_holds_every_published_guide_in_committee_order(demo):
    conference = demo["ga3"].topic.committee.conference
    export, started = conference_export_start(conference=conference, by=None)
    joined, started_again = conference_export_start(conference=conference, by=None)
    assert (started, started_again, joined.pk) == (True, False, export.pk)
    conference_export_run(export=export)
    export.refresh_from_db()
    assert (export.status, export.done, export.total, export.failures) == ("done", 4, 4, [])

    with default_storage.open(export.pdf_name, "rb") as handle:
        merged = ReadPdf(handle.read())
    assert merged.reader.trailer["/Root"]["/Lang"] == "en"
    # Only this conference's guides: the second demo conference's HRC guide is not part of it.
    guides = sorted((g for g in demo.values() if g.topic.committee.conference == conference),
                    key=lambda g: g.topic.committee.order)
    assert [g.topic.committee.slug for g in guides] == ["specon", "unodc", "ccpcj", "ga3"]
    top = [(title, page) for title, page in merged.outline() if ": " in title and title.split(": ")[0].isupper()]
    assert [title for title, _ in top] == [f"{g.topic.committee.abbreviation}: {g.title}" for g in guides]
    # The combined contents (page 2) prints each guide's first page, and that page is the guide's cover.
    contents = " ".join(merged.pages[1].split()).replace("‐ ", "")
    for (_, page), guide in zip(top, guides, strict=True):
        assert f"{guide.topic.committee.abbreviation} {guide.title} {page}" in contents
        assert guide.topic.committee.name in merged.pages[page - 1]
    # The contents cite the page numbers printed on the pages: every page after the cover ends with its own.
    assert [page.split()[-1] for page in merged.pages[1:]] == [str(n) for n in range(2, len(merged.pages) + 1)]
    # Each guide's links to its own parts still lead into that guide (names two guides share were renamed).
    starts = [page for _, page in top] + [len(merged.pages) + 1]
    dests, links = merged.reader.named_destinations, 0
    for index, page in enumerate(merged.reader.pages):
        owner = sum(1 for start in starts if start <= index + 1)
        for annotation in page.get("/Annots", []):
            name = annotation.get_object().get("/Dest")
            if isinstance(name, str) and owner:
                target = merged.reader.get_destination_page_number(dests[name]) + 1
                assert starts[owner - 1] <= target < starts[owner], (index + 1, name, target)
                links += 1
    assert links > 100
    # Each guide's own bookmarks sit under its one bookmark.
    nested = merged.reader.outline
    assert [item.title for item in nested if not isinstance(item, list)][-4:] == [title for title, _ in top]
    assert sum(isinstance(item, list) for item in nested) == 4
    assert merged.reader.metadata.title == f"Study guides — {conference}"
    with default_storage.open(export.zip_name, "rb") as handle:
        names = zipfile.ZipFile(handle).namelist()
    assert names == [pdf.guide_pdf_filename(g) for g in guides]


def test_failed_guide_is_reported_by_name_and_the_others_are_kept(demo, monkeypatch):
    import weasyprint

    conference = demo["ga3"].topic.committee.conference
    write_pdf = weasyprint.Document.write_pdf

    def fail_for_unodc(document, *args, **kwargs):  # WeasyPrint (not our code) fails on one guide
        if document.metadata.title == "Human trafficking and migrant smuggling in correlation with organized crime":
            raise RuntimeError("layout failed")
        return write_pdf(document, *args, **kwargs)

    monkeypatch.setattr(weasyprint.Document, "write_pdf", fail_for_unodc)
    export, _ = conference_export_start(conference=conference, by=None)
    conference_export_run(export=export)
    export.refresh_from_db()
    assert export.status == "done"
    assert export.failures == [{"committee": "UNODC", "error": "layout failed",
                                "guide": "Human trafficking and migrant smuggling in correlation with organized crime"}]
    with default_storage.open(export.zip_name, "rb") as handle:
        assert len(zipfile.ZipFile(handle).namelist()) == 3


def test_export_pages_answer_404_to_non_organizers(client, demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    url = reverse("conference_exports", args=["demo"])
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"  # logged out
    for user in (users.get(username="amy.lie"), users.get(username="delegate.usa")):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert ConferenceExport.objects.count() == 0
    client.force_login(users.get(username="organizer"))
    response = client.post(url)
    export = ConferenceExport.objects.get()
    assert response["Location"] == reverse("conference_export", args=["demo", export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Queued: 0 of 4 guides done." in page


def test_a_partial_pdf_from_a_failed_write_is_never_served(demo, monkeypatch):
    """Disk full during the cache write: no file is left under the final name, and a partial one found later
    (a killed process) is rendered again instead of being served."""
    from django.core.files.storage import FileSystemStorage

    guide = demo["hrc"]
    real_save = FileSystemStorage._save

    def disk_full(storage, name, content):
        import os

        os.makedirs(os.path.dirname(storage.path(name)), exist_ok=True)
        with open(storage.path(name), "wb") as handle:
            handle.write(content.read()[:4096])  # what was written before the disk filled up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        pdf.guide_pdf(guide)
    name = pdf.pdf_cache_name(guide, guide.published_revision, draft=False, css=pdf.print_stylesheet(),
                              chairs=[c.get_full_name() or c.username for c in guide.topic.committee.chairs.all()])
    assert default_storage.exists(name) is False
    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    default_storage.save(name, ContentFile(b"%PDF-1.7\n" + b"0" * 4096))  # cut short: no %%EOF
    result = pdf.guide_pdf(guide)
    assert (result.rendered, pdf.is_complete_pdf(result.name)) == (True, True)
    assert read(guide).pages[0].startswith("Lakeside Model United Nations")


def test_the_joining_workers_scratch_folder_is_removed_and_nothing_half_stored_when_the_disk_fills(demo, monkeypatch,
                                                                                                     tmp_path):
    """The worker that puts an export together copies each guide's PDF to a scratch folder of its own. When storing
    the joined PDF hits a full disk, the export is not done, no file is left under its name, and the scratch folder
    is gone; the next attempt, with room again, completes it."""
    import tempfile

    from django.core.files.storage import FileSystemStorage

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real_save = FileSystemStorage._save
    stored = []

    def disk_full_for_exports(storage, name, content):
        if name.startswith("exports/"):
            stored.append(name)
            raise OSError(28, "No space left on device")
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full_for_exports)
    conference = demo["ga3"].topic.committee.conference
    export, _ = conference_export_start(conference=conference, by=None)
    with pytest.raises(OSError, match="No space left"):
        conference_export_run(export=export)
    export.refresh_from_db()
    assert (export.status, export.pdf_name, len(stored)) == ("running", "", 1)
    assert default_storage.exists(stored[0]) is False and list(scratch.iterdir()) == []

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    ConferenceExport.objects.filter(pk=export.pk).update(merge_started_at=None)  # as when its lease runs out
    conference_export_run(export=export)
    export.refresh_from_db()
    assert (export.status, export.done, export.failures, list(scratch.iterdir())) == ("done", 4, [], [])
    with default_storage.open(export.pdf_name, "rb") as handle:
        assert len(ReadPdf(handle.read()).pages) > 4 * 5


def test_sub_headings_reach_the_pdf_outline_and_contents_under_their_section(db):
    from tests.conftest import make_committee, make_conference, make_guide

    committee = make_committee(make_conference(), "GA1")
    guide = make_guide(committee, "Topic", sections=[
        ("Background", "Intro.\n\n## Regional efforts\n\nText.\n\n## National laws\n\nMore."),
        ("Possible solutions", "Ideas."),
    ])
    guide_publish(guide=guide)
    document = read(guide)
    assert [title for title, _ in document.outline()] == [
        "Topic", "Background", "Regional efforts", "National laws", "Possible solutions"]
    # The sub-headings are nested under "Background" (pypdf gives a bookmark's children as the list after it).
    assert [len(item) if isinstance(item, list) else item.title for item in document.reader.outline] == [
        "Topic", "Background", 2, "Possible solutions"]
    contents = document.pages[1]
    assert contents.index("Background") < contents.index("Regional efforts") < contents.index("Possible solutions")


def test_an_appendix_follows_works_cited_in_the_reader_and_the_pdf(client, db):
    from tests.conftest import make_committee, make_conference, make_guide

    conference = make_conference(guides_public=True)
    committee = make_committee(conference, "GA1")
    guide = make_guide(committee, "Topic", sections=[
        ("Introduction", "Intro [@a]."), ("Appendix A: Signatories", "The list [@b]."), ("Background", "More [@a]."),
    ], sources=["a", "b"])
    edit_guide(guide, lambda: guide.sections.filter(heading__startswith="Appendix").update(kind="appendix"))
    guide_publish(guide=guide)
    rendered = published(guide)
    assert [s.heading for s in rendered.sections] == ["Introduction", "Background", "Appendix A: Signatories"]
    assert [n["key"] for n in rendered.footnotes] == ["a", "b"]  # numbered as read: the appendix comes last
    page = client.get(guide.get_absolute_url()).content.decode()
    assert page.index('id="bibliography"') < page.index("Appendix A: Signatories</h2>")
    document = read(guide)
    assert [title for title, _ in document.outline()] == [
        "Topic", "Introduction", "Background", "Works cited", "Appendix A: Signatories"]


def test_an_explanatory_footnote_prints_at_the_foot_of_its_page(db):
    from tests.conftest import make_committee, make_conference, make_guide

    guide = make_guide(make_committee(make_conference(), "GA1"), "Topic", sections=[
        ("Introduction", "Cited [@a]. Explained.[^why]\n\n[^why]: Because the protocol says so.")], sources=["a"])
    guide_publish(guide=guide)
    document = read(guide)
    calls, notes = document.footnotes()
    assert [number for _, number in calls] == [1, 2] and [number for _, number in notes] == [1, 2]
    assert "2. Because the protocol says so." in " ".join(document.pages[calls[1][0] - 1].split())


def test_the_cover_has_the_subtitle_contact_and_logo_and_events_their_titles(client, db):
    import datetime

    from guides.models import TimelineEvent
    from tests.conftest import make_committee, make_conference, make_guide

    conference = make_conference(guides_public=True)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), "navy").save(buffer, "PNG")
    conference.logo = ContentFile(buffer.getvalue(), name="logo.png")
    conference.save()
    committee = make_committee(conference, "GA1")
    committee.contact_email = "ga1@example.org"
    committee.save()
    guide = make_guide(committee, "Topic", sections=[("Introduction", "Text.")])
    guide.subtitle = "Background guide for delegates"
    guide.save()
    edit_guide(guide, lambda: TimelineEvent.objects.create(
        guide=guide, date=datetime.date(2000, 11, 15), precision="day", title="Palermo Protocol",
        description="Adopted by the *General Assembly*."))
    guide_publish(guide=guide)
    document = read(guide)
    cover = " ".join(document.pages[0].split())
    assert "Background guide for delegates" in cover and "Contact the chairs: ga1@example.org" in cover
    assert len(document.reader.pages[0].images) == 1  # the logo, fetched from our own storage
    assert "Palermo Protocol Adopted by the General Assembly." in " ".join(" ".join(document.pages).split())
    page = client.get(guide.get_absolute_url()).content.decode()
    assert '<p class="subtitle">Background guide for delegates</p>' in page
    assert '<a href="mailto:ga1@example.org">ga1@example.org</a>' in page
    event = guide.timeline_events.get()
    assert ('<strong class="event-title">Palermo Protocol</strong>'
            f'<div data-section="event-{event.pk}"><p>Adopted by the <em>General Assembly</em>.</p>\n</div>') in page
    # The logo is served to anyone (like the conference's name); other names under logos/ are not.
    logo = client.get(reverse("media", args=[conference.logo.name]))
    assert (logo.status_code, logo["Content-Type"], logo.content[:4]) == (200, "image/png", b"\x89PNG")
    assert client.get(reverse("media", args=["logos/not-a-logo.png"])).status_code == 404


def test_chairs_sign_the_letter_with_their_roles_on_the_cover_and_in_the_reader(client, db):
    from guides.models import CommitteeChair
    from tests.conftest import make_committee, make_conference, make_guide, make_user

    president, deputy = make_user("pres", first="Maria", last="Kara"), make_user("dep", first="Zara", last="Heyd")
    committee = make_committee(make_conference(guides_public=True), "GA3", chairs=[deputy, president])
    committee.contact_email = "ga3@example.org"
    committee.save()
    CommitteeChair.objects.filter(user=president).update(role="President", order=1)
    CommitteeChair.objects.filter(user=deputy).update(role="Deputy President", order=2)
    guide = make_guide(committee, "Topic", sections=[("Letter from the chairs", "Dear delegates, welcome.")])
    edit_guide(guide, lambda: guide.sections.update(kind="letter"))
    guide_publish(guide=guide)
    cover = " ".join(read(guide).pages[0].split())
    assert "Chairs: Maria Kara (President), Zara Heyd (Deputy President)" in cover
    page = client.get(guide.get_absolute_url()).content.decode()
    assert ('<p class="signature">Maria Kara, President<br>Zara Heyd, Deputy President<br>ga3@example.org</p>'
            in page)


def test_a_guide_pdf_is_tagged_pdf_ua_with_headings_lists_tables_and_figures_with_alt_text(demo):
    guide = demo["specon"]
    document = read(guide)
    root = document.reader.trailer["/Root"]
    assert (root["/MarkInfo"]["/Marked"], root["/Lang"]) == (True, "en")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and guide.title in xmp
    tags = document.structure()
    names = [tag for tag, _ in tags]
    # One title, a heading per part and per sub-heading, the timeline as a table, lists as lists.
    rendered = published(guide)
    assert names.count("H1") == 1
    assert names.count("H3") == sum(len(s.subheadings) for s in rendered.sections)
    assert {"H2", "L", "LI", "Table", "TR", "TH", "TD", "Link"} <= set(names)
    assert [alt for tag, alt in tags if tag == "Figure"] == [figure.alt_text for figure in guide.figures.all()]


def test_print_html_keeps_calls_on_their_word_commas_between_calls_and_breakable_addresses():
    footnotes = {1: "One.", 2: "Two.", 3: "Three."}
    reader = ('Forced labour <sup class="fn-ref"><a class="fn-link" href="#fn-1">1</a>, '
              '<a class="fn-link" href="#fn-2">2</a></sup> and money <sup class="fn-ref">'
              '<a class="fn-link" href="#fn-3">3</a></sup>.')
    assert str(pdf._print_html_fragment(reader, footnotes)) == (
        'Forced labour<span class="footnote">One.</span><span class="fn-sep">,</span><span class="footnote">Two.</span>'
        ' and money<span class="footnote">Three.</span>.')
    long = '<a href="https://x.org">dictionary.cambridge.org/dictionary/english/grassroots?q=a&amp;b=c</a>'
    assert pdf.breakable_urls(long) == (
        '<a href="https://x.org">dictionary.<wbr>cambridge.<wbr>org/<wbr>dictionary/<wbr>english/<wbr>grassroots'
        '<wbr>?q<wbr>=a<wbr>&amp;b<wbr>=c</a>')
    assert pdf.breakable_urls('<a href="#fn-1">Palermo Protocol</a>') == '<a href="#fn-1">Palermo Protocol</a>'


def test_running_heads_fit_one_line_and_addresses_are_never_hyphenated(demo):
    import re

    guide = demo["specon"]
    document = read(guide)
    committee = guide.topic.committee
    for text in document.pages[2:]:  # after the cover and the contents
        heads = [line for line in text.splitlines() if line.startswith(f"{committee.abbreviation} · ")]
        # Both heads on one line: the committee and conference on the left, the long title cut to fit on the right.
        assert heads == [f"{committee.abbreviation} · {committee.conference} "
                         "The abduction and trafficking of persons as a means…"]
    addresses = [token for token in re.findall(r"\S+", "\n".join(document.pages)) if "/" in token or "www." in token]
    # WeasyPrint marks a hyphen it inserts with U+2010; a break after a hyphen the address has is fine.
    assert addresses and [token for token in addresses if "‐" in token] == []


def test_a_numbered_list_that_goes_on_after_a_paragraph_keeps_its_numbers_in_the_pdf(client, db):
    from tests.conftest import make_committee, make_conference, make_guide

    body = ("Steps a resolution may take:\n\n1. Define the crime.\n2. Train the police.\n\n"
            "A paragraph between the steps.\n\n3. Protect the victims.\n4. Report each year.\n")
    guide = make_guide(make_committee(make_conference(), "GA1"), "Topic", sections=[("Possible solutions", body)])
    guide_publish(guide=guide)
    text = " ".join(" ".join(read(guide).pages).split())
    # pypdf reads the lists' numbers after the page's text: the second list goes on with 3 and 4, as in the
    # reader, where WeasyPrint alone would print 1 and 2 again.
    assert "A paragraph between the steps. Protect the victims. Report each year. 1. 2. 3. 4. GA1" in text
    html = revisions.rendered(guide.published_revision).sections[0].html
    assert '<ol start="3">' in html


SCRIPTS = {  # what delegations, parties and sources are called in, and what chairs put in their text
    "Latin": ("Côte d’Ivoire, São Tomé and Príncipe, Türkiye", "DejaVu"),
    "Greek": ("Ελληνική Δημοκρατία", "DejaVu"),
    "Cyrillic": ("Российская Федерация, Україна", "DejaVu"),
    "Arabic": ("المملكة العربية السعودية", "DejaVu-Sans"),
    "Hebrew": ("מדינת ישראל", "Noto-Sans-Hebrew"),
    "Devanagari": ("भारत गणराज्य", "Noto-Sans-Devanagari"),
    "Thai": ("ราชอาณาจักรไทย", "Noto-Sans-Thai"),
    "Chinese": ("中华人民共和国", "Noto-Sans-CJK"),
    "Japanese": ("日本国", "Noto-Sans-CJK"),
    "Korean": ("대한민국", "Noto-Sans-CJK"),
    "Emoji": ("✅ 📌 🌍", "Noto-Color-Emoji"),
    "Flags": ("🇳🇬 🇺🇸 🇯🇵 🇺🇳", "Noto-Color-Emoji"),
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_prints_with_a_real_glyph_never_an_empty_box(db, script):
    from tests.conftest import make_committee, make_conference, make_guide
    from tests.pdf_reading import missing_glyphs

    text, font = SCRIPTS[script]
    guide = make_guide(make_committee(make_conference(), "GA1"), f"Topic {text}",
                       sections=[("Introduction", f"The delegation of {text} speaks.")])
    guide_publish(guide=guide)
    result = pdf.guide_pdf(guide)
    with default_storage.open(result.name, "rb") as handle:
        data = handle.read()
    assert missing_glyphs(data) == []  # the fonts are installed (make fonts; the Dockerfile installs the same)
    document = ReadPdf(data)
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for page in document.reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(name.startswith(font) for name in fonts), fonts


def test_the_glyph_check_finds_a_character_no_font_has():
    from weasyprint import HTML

    from tests.pdf_reading import missing_glyphs

    data = HTML(string="<html lang=en><body><p>A box: \U0010FFFD.</p></body></html>").write_pdf()
    assert [(glyph > 0, page) for _font, glyph, page in missing_glyphs(data)] == [(True, 1)]


def test_no_demo_guide_prints_an_empty_box(demo):
    from tests.pdf_reading import missing_glyphs

    for slug, guide in demo.items():
        with default_storage.open(pdf.guide_pdf(guide).name, "rb") as handle:
            assert missing_glyphs(handle.read()) == [], slug


def test_a_signed_file_link_serves_its_file_without_a_query_and_nothing_else(client, world, settings,
                                                                              django_assert_num_queries):
    import time

    from django.core import signing

    from guides.views import FILE_LINK_SECONDS, signed_file_url

    guide = world["guide_a"]
    guide_publish(guide=guide)
    name, filename = pdf.guide_pdf(guide).name, pdf.guide_pdf_filename(guide)
    link = signed_file_url(name, filename, "application/pdf")
    client.force_login(world["chair_a"])  # a session does not matter: not even loaded
    with django_assert_num_queries(0):
        response = client.get(link)
        body = b"".join(response.streaming_content)
    with default_storage.open(name, "rb") as handle:
        assert body == handle.read()
    assert (response["Content-Type"], response["Cache-Control"]) == ("application/pdf", "private, no-store")

    token = link.split("/")[2]
    tampered = signing.loads(token, salt="mlmun.signed-file")
    forged = "/files/" + signing.dumps({**tampered, "n": "exports/other.pdf"}, salt="elsewhere", compress=True)
    for bad in (link.replace(filename, "other.pdf"), forged + f"/{filename}", link[:-5] + "x.pdf",
                f"/files/{token[:-2]}xx/{filename}"):
        answer = client.get(bad)
        assert answer.status_code == 404, bad
    real = time.time
    try:  # the same link a moment too late
        time.time = lambda: real() + FILE_LINK_SECONDS + 1
        late = client.get(link)
    finally:
        time.time = real
    assert late.status_code == 410
    assert "<h1>This download link has expired</h1>" in late.content.decode()


def test_the_conference_pdf_is_one_tagged_document_whose_tree_leads_to_its_pages(demo):
    import pikepdf

    conference = demo["ga3"].topic.committee.conference
    export, _ = conference_export_start(conference=conference, by=None)
    conference_export_run(export=export)
    export.refresh_from_db()
    with default_storage.open(export.pdf_name, "rb") as handle:
        data = handle.read()
    document = ReadPdf(data)
    root = document.reader.trailer["/Root"]
    assert (root["/MarkInfo"]["/Marked"], root["/Lang"]) == (True, "en")
    import re

    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|[^>]*>1</pdfuaid:part>)', xmp) and f"Study guides — {conference}" in xmp
    tags = document.structure()
    names = [tag for tag, _ in tags]
    guides = [g for g in demo.values() if g.topic.committee.conference == conference]
    assert names[0] == "Document" and names.count("Document") == 1 and names.count("Part") == 1 + len(guides)
    assert names.count("H1") >= len(guides) and {"H2", "L", "LI", "Table", "TD", "Link"} <= set(names)
    alts = sorted(alt for tag, alt in tags if tag == "Figure")
    assert alts == sorted(f.alt_text for g in guides for f in g.figures.all())

    # Every marked page and link points into the tree, and the tree's parts point back at that page.
    bundle = pikepdf.open(io.BytesIO(data))
    nums = bundle.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(tree) == len(nums) // 2 and int(bundle.Root.StructTreeRoot.ParentTreeNextKey) == max(tree) + 1
    pages = marked = 0
    for page in bundle.pages:
        if "/StructParents" not in page.obj:
            continue
        pages += 1
        for element in tree[int(page.obj.StructParents)]:
            if not isinstance(element, pikepdf.Dictionary):
                continue
            owner = element
            while "/Pg" not in owner:  # a part's page may be given by an element above it
                owner = owner.P
            assert owner.Pg.objgen == page.obj.objgen
            marked += 1
        for annotation in page.obj.get("/Annots", []):
            element = tree[int(annotation.StructParent)]
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Obj") is not None
                       and k.Obj.objgen == annotation.objgen for k in kids)
    assert pages == len(bundle.pages) and marked > 500
