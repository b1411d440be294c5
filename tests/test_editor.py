"""The guide editor: one part at a time through the one writer, guarded per part, with a server-side preview."""

import json

import pytest
from django.urls import reverse

from guides.models import GuideRevision, Section


@pytest.fixture
def chair(client, world):
    client.force_login(world["chair_a"])
    return client


def post(client, name, guide, body, pk=None):
    args = [guide.pk] if pk is None else [guide.pk, pk]
    return client.post(reverse(f"admin:guides_studyguide_editor_{name}", args=args), json.dumps(body),
                       content_type="application/json")


def part(guide, heading="Intro A"):
    section = guide.sections.get(heading=heading)
    return section, {"heading": section.heading, "kind": section.kind, "arrangement": section.arrangement,
                     "body": section.body}


def test_the_editor_page_lists_the_parts_and_sources_for_its_chairs_only(chair, client, world):
    guide = world["guide_a"]
    response = chair.get(reverse("admin:guides_studyguide_editor", args=[guide.pk]))
    data = response.context["editor_data"]
    assert [(p["heading"], p["kind"]) for p in data["parts"]] == [("Intro A", "other")]
    assert data["sources"] == [{"key": "src-a", "title": "Title of src-a"}]
    assert 'id="editor-data"' in response.content.decode()
    client.force_login(world["chair_b"])
    assert client.get(reverse("admin:guides_studyguide_editor", args=[guide.pk])).status_code == 404


def test_saving_a_part_stores_the_next_revision(chair, world):
    guide = world["guide_a"]
    section, original = part(guide)
    response = post(chair, "save", guide, {**original, "body": "New text [@src-a, p. 3].", "original": original},
                    section.pk)
    assert response.json() == {"part": {"pk": section.pk, **original, "body": "New text [@src-a, p. 3]."},
                               "revision": 3, "saved": True}
    assert GuideRevision.objects.get(guide=guide, number=3).author == world["chair_a"]
    # The same text again stores nothing new.
    again = post(chair, "save", guide, {**original, "body": "New text [@src-a, p. 3].",
                                        "original": response.json()["part"]}, section.pk)
    assert (again.json()["saved"], again.json()["revision"]) == (False, 3)


def test_a_part_changed_by_someone_else_is_not_overwritten_and_their_version_is_returned(chair, client, world):
    guide = world["guide_a"]
    section, original = part(guide)
    post(chair, "save", guide, {**original, "body": "Co-chair's text.", "original": original}, section.pk)
    response = post(chair, "save", guide, {**original, "body": "My text.", "original": original}, section.pk)
    assert response.status_code == 409
    assert response.json()["current"]["body"] == "Co-chair's text."
    assert response.json()["error"].startswith("Someone changed this part after you opened it. Your text is kept")
    assert Section.objects.get(pk=section.pk).body == "Co-chair's text."


def test_co_chairs_editing_different_parts_both_save(client, world):
    from guides.services import committee_chair_add
    from tests.conftest import edit_guide, make_user

    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.create(guide=guide, order=2, heading="Background", body="Old."))
    co_chair = make_user("co-chair")
    committee_chair_add(committee=world["committee_a"], user=co_chair)
    intro, intro_original = part(guide)
    background, background_original = part(guide, "Background")
    client.force_login(world["chair_a"])
    assert post(client, "save", guide, {**intro_original, "body": "Intro by A.", "original": intro_original},
                intro.pk).status_code == 200
    client.force_login(co_chair)
    assert post(client, "save", guide, {**background_original, "body": "Background by B.",
                                        "original": background_original}, background.pk).status_code == 200
    assert list(guide.sections.values_list("body", flat=True)) == ["Intro by A.", "Background by B."]


@pytest.mark.parametrize("body, message", [
    ("Cites [@nope].", "Section “Intro A”: Unknown source key “nope”: add a source with that key below, or correct "
                       "the citation."),
    ("A note.[^n]", "Section “Intro A”: The footnote [^n] has no text: add a line “[^n]: …” to this text."),
])
def test_content_errors_come_back_by_message_and_nothing_is_written(chair, world, body, message):
    guide = world["guide_a"]
    section, original = part(guide)
    response = post(chair, "save", guide, {**original, "body": body, "original": original}, section.pk)
    assert (response.status_code, response.json()["error"]) == (400, message)
    assert guide.revisions.count() == 2


def test_field_errors_are_named_by_field(chair, world):
    guide = world["guide_a"]
    section, original = part(guide)
    response = post(chair, "save", guide, {**original, "heading": "", "original": original}, section.pk)
    assert response.json()["fields"] == {"heading": ["This field cannot be blank."]}


def test_parts_are_added_where_asked_reordered_and_deleted(chair, world):
    guide = world["guide_a"]
    intro = guide.sections.get()
    added = post(chair, "add", guide, {"kind": "key_terms", "heading": "", "after": None}).json()
    assert [(p["heading"], p["kind"]) for p in added["parts"]] == [("Intro A", "other"), ("Key terms", "key_terms")]
    second = post(chair, "add", guide, {"kind": "background", "heading": "Background", "after": intro.pk}).json()
    assert [p["heading"] for p in second["parts"]] == ["Intro A", "Background", "Key terms"]
    order = [p["pk"] for p in second["parts"]][::-1]
    assert [p["heading"] for p in post(chair, "reorder", guide, {"order": order}).json()["parts"]] == [
        "Key terms", "Background", "Intro A"]
    stale = post(chair, "reorder", guide, {"order": order[:2]})
    assert stale.json()["error"] == "The outline changed since you opened it (a part was added or deleted); reload."
    deleted = post(chair, "delete", guide, {}, second["added"]).json()
    assert [p["heading"] for p in deleted["parts"]] == ["Key terms", "Intro A"]
    assert post(chair, "delete", guide, {}, second["added"]).json()["error"] == "This part was already deleted."


def test_the_preview_is_the_pipeline_sanitised_with_its_footnotes(chair, world):
    guide = world["guide_a"]
    data = post(chair, "preview", guide, {"body": "**Bold** [@src-a, p. 2] <script>x</script>[^n]\n\n[^n]: Why."}).json()
    assert data["html"].startswith("<p><strong>Bold</strong> <sup")
    assert "<script>" not in data["html"] and "&lt;script&gt;" in data["html"]
    assert data["notes"] == [{"number": 1, "text": "<i>Title of src-a</i>. Publisher, p. 2."},
                             {"number": 2, "text": "Why."}]


def test_bad_requests_get_a_message(chair, world):
    guide = world["guide_a"]
    url = reverse("admin:guides_studyguide_editor_preview", args=[guide.pk])
    assert chair.post(url, "{not json", content_type="application/json").json()["error"] == (
        "The editor sent something that is not JSON; reload the page.")
    huge = json.dumps({"body": "x" * (600 * 1024)})
    assert chair.post(url, huge, content_type="application/json").json()["error"] == "A part may be at most 512 KB."
    section, original = part(guide)
    assert post(chair, "save", guide, {**original, "original": "x"}, section.pk).json()["error"] == (
        "The editor did not say what it started from; reload the page.")
    assert chair.get(reverse("admin:guides_studyguide_editor_preview", args=[guide.pk])).status_code == 405


def entry(client, guide, kind, values, pk=None, original=None, delete=False):
    if delete:
        url = reverse("admin:guides_studyguide_editor_entry_delete", args=[guide.pk, kind, pk])
    elif pk is None:
        url = reverse("admin:guides_studyguide_editor_entry_add", args=[guide.pk, kind])
    else:
        url = reverse("admin:guides_studyguide_editor_entry_save", args=[guide.pk, kind, pk])
    return client.post(url, json.dumps({"values": values, "original": original}), content_type="application/json")


def test_a_source_added_in_the_editor_can_be_attached_to_a_term_at_once(chair, world):
    guide = world["guide_a"]
    response = entry(chair, guide, "sources", {"key": "tip-2024", "kind": "government_report", "title": "TIP Report",
                                               "published_on": "June 2024", "further_reading": False})
    assert response.status_code == 200, response.json()
    source = response.json()["entry"]
    assert source["values"]["published_on"] == "June 2024"
    assert [s["key"] for s in response.json()["sources"]] == ["src-a", "tip-2024"]
    term = entry(chair, guide, "key_terms", {"order": "1", "term": "Debt bondage", "definition": "A debt *owed*.",
                                              "source": str(source["pk"])})
    assert term.status_code == 200, term.json()
    stored = guide.key_terms.get()
    assert (stored.term, stored.source.key) == ("Debt bondage", "tip-2024")
    guide.refresh_from_db()
    assert (guide.revision, guide.revisions.count()) == (4, 4)  # each entry saved on its own


def test_entries_are_checked_by_field_and_guarded_like_parts(chair, world):
    guide = world["guide_a"]
    bad = entry(chair, guide, "timeline", {"order": "0", "date": "the 1990s", "description": "Cites [@nope]."})
    assert bad.status_code == 400 and bad.json()["fields"]["date"][0].startswith("“the 1990s” is not a date")
    made = entry(chair, guide, "timeline", {"order": "0", "date": "2015–2018", "title": "", "description": "Plan."})
    event = made.json()["entry"]
    assert event["values"]["date"] == "2015" and guide.timeline_events.get().date_display == "2015 – 2018"
    unknown = entry(chair, guide, "timeline", {**event["values"], "description": "Cites [@nope]."}, event["pk"],
                    event["values"])
    assert unknown.json()["error"].startswith("Timeline event “Cites [@nope].”: Unknown source key “nope”")
    entry(chair, guide, "timeline", {**event["values"], "description": "By a co-chair."}, event["pk"], event["values"])
    stale = entry(chair, guide, "timeline", {**event["values"], "description": "Mine."}, event["pk"], event["values"])
    assert stale.status_code == 409 and stale.json()["current"]["description"] == "By a co-chair."
    assert entry(chair, guide, "timeline", {}, event["pk"], delete=True).status_code == 200
    assert guide.timeline_events.count() == 0


def test_an_entry_of_another_guide_cannot_be_reached(chair, world):
    other = world["guide_b"].sources.get()
    response = entry(chair, world["guide_a"], "sources", {"key": "x", "title": "X"}, other.pk, {"key": "src-b"})
    assert response.json()["error"] == "This entry was deleted by someone else."
    assert world["guide_b"].sources.get().key == "src-b"
    assert chair.post(reverse("admin:guides_studyguide_editor_entry_add", args=[world["guide_b"].pk, "sources"]),
                      "{}", content_type="application/json").status_code == 404


def figure_upload(client, guide, values, image=None, pk=None, original=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    args = [guide.pk, "figures"] + ([pk] if pk else [])
    name = "admin:guides_studyguide_editor_entry_save" if pk else "admin:guides_studyguide_editor_entry_add"
    data = {"payload": json.dumps({"values": values, "original": original})}
    if image is not None:
        data["image"] = SimpleUploadedFile("chart.png", image, content_type="image/png")
    return client.post(reverse(name, args=args), data)


def test_a_figure_is_uploaded_placed_and_captioned_in_the_editor(chair, world, settings):
    from tests.test_authority import png

    guide = world["guide_a"]
    section = guide.sections.get(heading="Intro A")
    values = {"order": "1", "section": str(section.pk), "caption": "Victims by region", "alt_text": "A bar chart.",
              "credit": "UNODC", "source": ""}
    made = figure_upload(chair, guide, values, png(40, 30))
    assert made.status_code == 200, made.json()
    figure = guide.figures.get()
    assert (figure.section_id, figure.caption, figure.image.name.startswith("figures/")) == (section.pk, "Victims by region",
                                                                                           True)
    # Recaptioned without sending the image again: the image stays.
    again = made.json()["entry"]
    renamed = figure_upload(chair, guide, {**values, "caption": "Victims by region, 2022"}, pk=again["pk"],
                            original=again["values"])
    assert renamed.status_code == 200, renamed.json()
    figure.refresh_from_db()
    assert (figure.caption, figure.image.name) == ("Victims by region, 2022", again["values"]["image"])
    from guides import revisions

    guide.refresh_from_db()
    rendered = revisions.rendered(revisions.working_revision(guide))
    assert [(s.heading, f["caption"]) for s in rendered.sections for f in s.figures] + rendered.figures == [("Intro A", "Victims by region, 2022")]


def test_a_bad_figure_is_refused_by_field_and_nothing_is_stored(chair, world, settings):
    guide = world["guide_a"]
    before = guide.revision
    values = {"order": "1", "section": "", "caption": "Chart", "alt_text": "", "credit": "", "source": ""}
    not_image = figure_upload(chair, guide, values, b"<svg onload=alert(1)>")
    assert not_image.status_code == 400
    assert set(not_image.json()["fields"]) == {"image", "alt_text"}
    settings.FIGURE_MAX_BYTES = 1024
    too_big = figure_upload(chair, guide, {**values, "alt_text": "A chart."}, b"\x89PNG" + b"0" * (600 * 1024))
    assert (too_big.status_code, too_big.json()["fields"]["image"]) == (400, ["Figures may be at most 1 KB."])
    guide.refresh_from_db()
    assert (guide.figures.count(), guide.revision) == (0, before)
