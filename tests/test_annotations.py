"""Delegates' highlights, notes and bookmarks: the endpoints, who may use them, re-anchoring, My notes."""

import json

import pytest
from django.urls import reverse

from delegates.models import Annotation, Bookmark
from delegates.services import annotation_create, bookmark_add
from guides import revisions
from guides.models import Section
from guides.services import guide_publish
from tests.admin_forms import guide_form_data, row_index
from tests.conftest import edit_guide, make_delegate

BODY = "Trafficking is the **fastest growing** criminal activity. Debt bondage can last for generations [@src-a]."


@pytest.fixture
def guide(world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body=BODY))
    guide_publish(guide=guide)
    guide.refresh_from_db()
    return guide


@pytest.fixture
def delegate(world):
    return make_delegate("dana", world["conference"], world["committee_a"], "NG")


def section_of(guide):
    """The first section as delegates read it (the published revision)."""
    guide.refresh_from_db()
    return revisions.rendered(guide.published_revision).sections[0]


def payload(guide, quote, **extra):
    section = section_of(guide)
    start = section.text.index(quote)
    return {"section": section.pk, "start": start, "end": start + len(quote), "exact": quote, **extra}


def post_json(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_section_plain_text_is_the_text_content_of_its_html(guide):
    assert section_of(guide).text == (
        "Trafficking is the fastest growing criminal activity. Debt bondage can last for generations 1.\n"
    )


def test_delegate_creates_reads_updates_and_deletes_a_highlight(client, guide, delegate):
    client.force_login(delegate)
    url = reverse("api_guide_annotations", args=[guide.pk])
    response = post_json(client, url, payload(guide, "fastest growing", note="Use in speech", label="evidence"))
    assert response.status_code == 201
    created = response.json()
    assert (created["quote"], created["status"], created["note"], created["label"]) == (
        "fastest growing", "anchored", "Use in speech", "evidence")
    annotation = Annotation.objects.get()
    assert (annotation.quote_prefix, annotation.quote_suffix[:18]) == ("Trafficking is the ", " criminal activity")
    assert client.get(url).json()["annotations"] == [created]

    detail = reverse("api_annotation", args=[annotation.pk])
    assert post_json(client, detail, {"note": "Changed <b>note</b>", "label": "question"}, "patch").json()["note"] == "Changed <b>note</b>"
    assert client.delete(detail).status_code == 204
    assert Annotation.objects.count() == 0


def test_highlight_with_stale_text_is_refused_with_a_message(client, guide, delegate):
    client.force_login(delegate)
    data = payload(guide, "fastest growing")
    data["exact"] = "fastest grown"
    response = post_json(client, reverse("api_guide_annotations", args=[guide.pk]), data)
    assert (response.status_code, response.json()) == (
        400, {"error": "The page is out of date (the text changed since you opened it); reload and select again."})
    assert Annotation.objects.count() == 0


def test_highlight_on_a_section_of_another_guide_is_refused(client, guide, world, delegate):
    client.force_login(delegate)
    data = payload(guide, "fastest growing")
    data["section"] = world["guide_b"].sections.get().pk
    response = post_json(client, reverse("api_guide_annotations", args=[guide.pk]), data)
    assert response.json() == {"error": "That part is not in this guide: select text inside one of its parts."}


def test_anonymous_gets_403_and_someone_elses_annotation_404(client, guide, delegate, world):
    section = section_of(guide)
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, **_range(section.text, "Debt bondage"))
    url = reverse("api_guide_annotations", args=[guide.pk])
    detail = reverse("api_annotation", args=[annotation.pk])
    assert client.get(url).status_code == 403
    assert post_json(client, url, payload(guide, "Debt bondage")).status_code == 403
    other = make_delegate("other", world["conference"], world["committee_a"], "FR")
    client.force_login(other)
    assert client.get(url).json()["annotations"] == []
    assert post_json(client, detail, {"note": "mine now", "label": ""}, "patch").status_code == 404
    assert client.delete(detail).status_code == 404
    assert Annotation.objects.get().note == ""


def test_guide_not_visible_answers_404_for_annotations_and_bookmarks(client, world, delegate):
    draft = world["guide_b"]
    client.force_login(delegate)
    assert client.get(reverse("api_guide_annotations", args=[draft.pk])).status_code == 404
    assert post_json(client, reverse("api_guide_bookmarks", args=[draft.pk]), {"target": "guide", "target_id": draft.pk}).status_code == 404


def test_csrf_is_enforced_on_the_json_endpoints(guide, delegate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(delegate)
    response = post_json(client, reverse("api_guide_annotations", args=[guide.pk]), payload(guide, "fastest growing"))
    assert response.status_code == 403
    assert Annotation.objects.count() == 0


def test_bookmarks_on_guide_section_term_and_party_without_duplicates(client, guide, delegate):
    from guides.models import KeyTerm, Stakeholder

    made = {}
    edit_guide(guide, lambda: made.update(
        term=KeyTerm.objects.create(guide=guide, term="Debt bondage", definition="d"),
        party=Stakeholder.objects.create(guide=guide, name="ILO", kind="un_body")))
    term, party = made["term"], made["party"]
    guide_publish(guide=guide)
    client.force_login(delegate)
    url = reverse("api_guide_bookmarks", args=[guide.pk])
    for target, target_id in [("guide", guide.pk), ("section", section_of(guide).pk), ("key_term", term.pk),
                              ("stakeholder", party.pk), ("section", section_of(guide).pk)]:
        assert post_json(client, url, {"target": target, "target_id": target_id}).status_code == 201
    assert sorted(Bookmark.objects.values_list("target", "label")) == [
        ("guide", "Topic A"), ("key_term", "Debt bondage"), ("section", "Intro A"), ("stakeholder", "ILO")]
    response = post_json(client, url, {"target": "section", "target_id": 999999})
    assert response.json() == {"error": "There is nothing to bookmark there in this guide."}
    bookmark = Bookmark.objects.first()
    client.force_login(make_delegate("other", guide.topic.committee.conference, guide.topic.committee, "FR"))
    assert client.delete(reverse("api_bookmark", args=[bookmark.pk])).status_code == 404


def test_chair_edit_reanchors_highlights_when_it_is_published(client, guide, delegate, world):
    section = section_of(guide)
    kept = annotation_create(user=delegate, guide=guide, section_id=section.pk, **_range(section.text, "Debt bondage can last"))
    removed = annotation_create(user=delegate, guide=guide, section_id=section.pk, **_range(section.text, "growing criminal activity"))
    client.force_login(world["chair_a"])
    data = guide_form_data(guide)
    data[f"sections-{row_index(data, 'sections', 'heading', 'Intro A')}-body"] = (
        "New opening. Debt bondage can last for generations [@src-a]."
    )
    assert client.post(reverse("admin:guides_studyguide_change", args=[guide.pk]) + "?all=1", data).status_code == 302
    # The working copy changed; delegates still read the published text, so notes stay where they were.
    kept.refresh_from_db()
    assert (kept.status, kept.current_start, kept.anchored_revision) == ("anchored", 54, 3)
    response = client.post(reverse("admin:guides_studyguide_publish", args=[guide.pk]),
                           {"action": "publish", "note": "Shorter opening."})
    assert response.status_code == 302
    kept.refresh_from_db()
    removed.refresh_from_db()
    assert kept.anchored_revision == 4
    assert (kept.status, kept.current_text, kept.current_start) == ("anchored", "Debt bondage can last", 13)
    assert (kept.quote_exact, kept.position_start) == ("Debt bondage can last", 54)  # originals untouched
    assert removed.status == "orphaned"
    assert removed.quote_exact == "growing criminal activity"


def test_deleting_a_section_orphans_its_annotations_but_keeps_them(client, guide, delegate, world):
    section = section_of(guide)
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, **_range(section.text, "Debt bondage"))
    edit_guide(guide, lambda: Section.objects.create(guide=guide, order=2, heading="Kept", body="Other text [@src-a]."))
    client.force_login(world["chair_a"])
    data = guide_form_data(guide)
    data[f"sections-{row_index(data, 'sections', 'heading', 'Intro A')}-DELETE"] = "on"
    assert client.post(reverse("admin:guides_studyguide_change", args=[guide.pk]) + "?all=1", data).status_code == 302
    annotation.refresh_from_db()
    assert annotation.status == "anchored"  # delegates still read the section until the change is published
    guide_publish(guide=guide, by=world["chair_a"])
    annotation.refresh_from_db()
    assert (annotation.status, annotation.section_id, annotation.section_heading) == ("orphaned", section.pk, "Intro A")


def _range(text, quote):
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "exact": quote}


def test_my_notes_groups_filters_searches_and_escapes(client, guide, delegate):
    section = section_of(guide)
    annotation_create(user=delegate, guide=guide, section_id=section.pk, note="<script>x()</script> speech", label="evidence",
                      **_range(section.text, "fastest growing"))
    annotation_create(user=delegate, guide=guide, section_id=section.pk, note="check", label="verify",
                      **_range(section.text, "Debt bondage"))
    client.force_login(delegate)
    page = client.get(reverse("my_notes")).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt; speech" in page and "<script>x()" not in page
    groups = client.get(reverse("my_notes"), {"label": "verify"}).context["groups"]
    assert [a.note for g in groups for s in g["sections"] for a in s["annotations"]] == ["check"]
    groups = client.get(reverse("my_notes"), {"q": "SPEECH"}).context["groups"]
    assert [a.note for g in groups for s in g["sections"] for a in s["annotations"]] == ["<script>x()</script> speech"]


def test_my_notes_query_count_does_not_grow(client, guide, delegate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = section_of(guide)
    client.force_login(delegate)
    counts = []
    for quote in ("Trafficking", "fastest", "criminal activity", "Debt", "bondage", "generations"):
        annotation_create(user=delegate, guide=guide, section_id=section.pk, note="n", **_range(section.text, quote))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my_notes")).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1


def test_exports_markdown_jsonld_and_pdf(client, guide, delegate, django_capture_on_commit_callbacks):
    section = section_of(guide)
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, note="Key fact", label="evidence",
                                   **_range(section.text, "fastest growing"))
    cited = annotation_create(user=delegate, guide=guide, section_id=section.pk, note="", label="argument",
                              **_range(section.text, "last for generations"))
    bookmark_add(user=delegate, guide=guide, target="section", target_id=section.pk)
    client.force_login(delegate)
    markdown = client.get(reverse("notes_export", args=["md"])).content.decode()
    url = f"http://testserver{guide.get_absolute_url()}"
    assert markdown == (
        f"# My notes\n\n## Topic A\n\nCommittee GA1, Conference demo · <{url}>\n\n"
        f"Bookmarks:\n\n- [Intro A]({url}#section-{section.pk})\n\n"
        f"### Intro A\n\n> fastest growing\n\n*Evidence*\n\nKey fact\n\n"
        f"[Open this passage in the guide]({url}?note={annotation.pk}#section-{section.pk})\n\n"
        f"> last for generations\n\n*Argument for my delegation*\n\n"
        f"Sources cited in this passage:\n\n- [1] *Title of src-a*. Publisher.\n\n"
        f"[Open this passage in the guide]({url}?note={cited.pk}#section-{section.pk})\n"
    )
    data = client.get(reverse("notes_export", args=["jsonld"])).json()
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    item = data["items"][0]
    assert item["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "fastest growing", "prefix": "Trafficking is the ", "suffix": annotation.quote_suffix},
        {"type": "TextPositionSelector", "start": 19, "end": 34},
    ]
    assert item["body"][:3] == [
        {"type": "TextualBody", "value": "Topic A — Intro A", "format": "text/plain", "purpose": "describing"},
        {"type": "TextualBody", "value": "Key fact", "format": "text/plain", "purpose": "commenting"},
        {"type": "TextualBody", "value": "Evidence", "purpose": "tagging"}]
    assert data["items"][1]["body"][-1] == {"type": "TextualBody", "value": "Title of src-a. Publisher.",
                                            "format": "text/plain", "purpose": "linking"}
    assert data["items"][2] == {
        "id": f"http://testserver/api/bookmarks/{delegate.bookmarks.get().pk}/", "type": "Annotation",
        "motivation": "bookmarking", "created": delegate.bookmarks.get().created_at.isoformat(),
        "body": [{"type": "TextualBody", "value": "Topic A — Intro A", "format": "text/plain", "purpose": "describing"}],
        "target": f"{url}#section-{section.pk}"}
    # The PDF is made in the background: the old link leads to its page, which starts it and shows progress.
    assert client.get(reverse("notes_export", args=["pdf"]))["Location"] == reverse("notes_pdf")
    from django_tasks import default_task_backend

    from delegates.models import DelegateJob
    from delegates.tasks import render_notes_pdf

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notes_pdf"))
    job = DelegateJob.objects.get(user=delegate)
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [("render_notes_pdf", [job.pk])]
    page = client.get(reverse("notes_pdf")).content.decode()
    assert "Waiting to start" in page and '<div data-progress data-active="1">' in page  # js/progress.js updates it
    client.post(reverse("notes_pdf"))  # pressing again joins the PDF being made
    assert DelegateJob.objects.filter(user=delegate).count() == 1
    assert render_notes_pdf.call(job.pk) == "done"
    page = client.get(reverse("notes_pdf")).content.decode()
    assert f'href="{reverse("notes_pdf_download", args=[job.pk])}"' in page and "Ready: 2 notes," in page
    assert '<div data-progress data-active="">' in page  # over: no more updates
    pdf = client.get(reverse("notes_pdf_download", args=[job.pk]))
    content = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf" and content[:5] == b"%PDF-"
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    text = reader.pages[0].extract_text()
    assert "fastest growing" in text and "Key fact" in text
    assert "Sources cited in this passage:\n[1] Title of src-a. Publisher." in text
    links = [a["/A"]["/URI"] for a in (r.get_object() for r in reader.pages[0]["/Annots"]) if "/A" in a]
    assert links == [f"http://testserver{guide.get_absolute_url()}", f"{url}#section-{section.pk}",
                     f"{url}?note={annotation.pk}#section-{section.pk}", f"{url}?note={cited.pk}#section-{section.pk}"]
    assert (reader.trailer["/Root"]["/MarkInfo"]["/Marked"], reader.trailer["/Root"]["/Lang"]) == (True, "en")


def test_my_notes_requires_login(client):
    response = client.get(reverse("my_notes"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


@pytest.mark.parametrize("name, args, method", [
    ("notes_export", ["md"], "get"), ("notes_export", ["pdf"], "get"), ("notes_export", ["jsonld"], "get"),
    ("my_notes", [], "get"), ("notes_pdf", [], "get"), ("notes_pdf", [], "post"),
])
def test_pages_of_notes_require_login(client, name, args, method):
    response = getattr(client, method)(reverse(name, args=args))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


def test_bookmark_endpoints_refuse_anonymous(client, guide, delegate):
    bookmark = Bookmark.objects.create(user=delegate, guide=guide, target="guide", target_id=guide.pk, label="Topic A")
    assert post_json(client, reverse("api_guide_bookmarks", args=[guide.pk]), {"target": "guide", "target_id": guide.pk}).status_code == 403
    assert client.delete(reverse("api_bookmark", args=[bookmark.pk])).status_code == 403
    assert Bookmark.objects.count() == 1


def test_exports_hold_only_the_users_own_notes(client, guide, delegate, world):
    section = section_of(guide)
    annotation_create(user=delegate, guide=guide, section_id=section.pk, note="private thought", **_range(section.text, "Debt"))
    client.force_login(make_delegate("nosy", world["conference"], world["committee_a"], "FR"))
    assert "private thought" not in client.get(reverse("notes_export", args=["md"])).content.decode()
    assert client.get(reverse("notes_export", args=["jsonld"])).json()["items"] == []


def test_overlong_note_and_unknown_label_are_refused(client, guide, delegate):
    client.force_login(delegate)
    url = reverse("api_guide_annotations", args=[guide.pk])
    response = post_json(client, url, payload(guide, "Debt", note="x" * 10001))
    assert response.json() == {"error": "A note may be at most 10000 characters (this one has 10001)."}
    response = post_json(client, url, payload(guide, "Debt", label="gossip"))
    assert response.json() == {"error": "Unknown label “gossip”."}
    assert Annotation.objects.count() == 0


def test_a_key_term_and_a_party_card_are_highlighted_and_follow_edits_like_sections(client, guide, delegate):
    from guides.models import KeyTerm, Stakeholder
    from guides.rendering import annotatable_parts

    made = {}
    edit_guide(guide, lambda: made.update(
        term=KeyTerm.objects.create(guide=guide, order=1, term="Debt bondage",
                                    definition="A debt used to force **someone** to work for years."),
        party=Stakeholder.objects.create(guide=guide, order=1, name="Nigeria", kind="member_state", iso_code="NG",
                                         description="A source country for forced labour.")))
    guide_publish(guide=guide)
    guide.refresh_from_db()
    term_key, party_key = f"term-{made['term'].pk}", f"party-{made['party'].pk}"
    parts = annotatable_parts(revisions.rendered(guide.published_revision))
    assert parts[term_key] == ("Debt bondage", 1, "A debt used to force someone to work for years.\n")
    client.force_login(delegate)
    url = reverse("api_guide_annotations", args=[guide.pk])
    for key, quote in ((term_key, "force someone"), (party_key, "forced labour")):
        start = parts[key][2].index(quote)
        response = post_json(client, url, {"section": key, "start": start, "end": start + len(quote), "exact": quote})
        assert response.status_code == 201, response.json()
        assert response.json()["section"] == key
    # The chairs reword the definition before the passage and delete the party: the first note follows, the
    # second is kept as an orphan.
    edit_guide(guide, lambda: (
        KeyTerm.objects.filter(pk=made["term"].pk).update(definition="Work to repay a debt used to force someone."),
        Stakeholder.objects.filter(pk=made["party"].pk).delete()))
    guide_publish(guide=guide)
    term_note, party_note = Annotation.objects.order_by("pk")
    term_note.refresh_from_db()
    party_note.refresh_from_db()
    assert (term_note.status, term_note.current_part, term_note.current_start, term_note.current_heading) == (
        "anchored", term_key, len("Work to repay a debt used to "), "Debt bondage")
    assert (party_note.status, party_note.current_part, party_note.part) == ("orphaned", "", party_key)
    notes = client.get(reverse("my_notes")).content.decode()
    url = guide.get_absolute_url()
    assert f'<h3><a href="{url}#{term_key}">Debt bondage</a></h3>' in notes
    assert f'<a href="{url}?note={term_note.pk}#{term_key}">Open in the guide</a>' in notes


@pytest.mark.parametrize("key, message", [
    ("term-999999", "That part is not in this guide: select text inside one of its parts."),
    ("script-1", "“section” must be a whole number."),
])
def test_a_part_not_in_the_guide_is_refused(client, guide, delegate, key, message):
    client.force_login(delegate)
    response = post_json(client, reverse("api_guide_annotations", args=[guide.pk]),
                         {"section": key, "start": 0, "end": 3, "exact": "abc"})
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert Annotation.objects.count() == 0
