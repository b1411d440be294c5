"""Chairs author a whole study guide on one admin page; citations are checked; co-chairs cannot overwrite each other."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from guides.models import Section, Source, StudyGuide
from tests.admin_forms import guide_form_data, row_index
from tests.conftest import edit_guide


def change_url(guide):
    return reverse("admin:guides_studyguide_change", args=[guide.pk]) + "?all=1"  # every part on one form


@pytest.fixture
def chair_a_client(client, world):
    client.force_login(world["chair_a"])
    return client


def test_chair_saves_every_part_of_a_guide_and_revision_increases(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide, extra={
        "sections": [{"order": 2, "kind": "background", "heading": "Background", "body": "See [@ilo-p029] and [@src-a]."}],
        "sources": [{"key": "ilo-p029", "kind": "treaty", "title": "Protocol of 2014 to the Forced Labour Convention",
                     "published_on": "2014"}],
        "key_terms": [{"term": "Debt bondage", "definition": "Work to pay off a debt."}],
        "timeline_events": [{"date": "March 2007", "description": "ICAT established"}],
        "stakeholders": [{"order": 1, "name": "Nigeria", "kind": "member_state", "iso_code": "ng", "description": "Source country."}],
        "questions": [{"order": 1, "kind": "research", "text": "Is my country on a trafficking route?"}],
    })
    response = chair_a_client.post(change_url(guide), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    guide.refresh_from_db()
    assert guide.revision == 3  # 1: the empty guide, 2: world's content, 3: this save
    assert guide.revisions.get(number=3).author == world["chair_a"]
    assert guide.last_edited_by == world["chair_a"]
    assert list(guide.sections.values_list("heading", flat=True)) == ["Intro A", "Background"]
    assert guide.stakeholders.get().iso_code == "NG"
    assert guide.timeline_events.get().date_display == "March 2007"
    assert guide.sources.get(key="ilo-p029").published_display == "2014"
    assert guide.key_terms.get().term == "Debt bondage"
    assert guide.questions.get().kind == "research"


def test_saving_without_changes_stores_no_revision_logs_nothing_and_queues_nothing(chair_a_client, world):
    from django.contrib.admin.models import LogEntry
    from django_tasks import default_task_backend

    guide = world["guide_a"]
    edit_guide(guide, lambda: guide.sections.update(body="Line one [@src-a].\nLine two."))
    data = guide_form_data(guide)
    # What a browser sends: CRLF line ends, and a stray space at the end of a line.
    data[f"sections-{row_index(data, 'sections', 'heading', 'Intro A')}-body"] = "Line one [@src-a].  \r\nLine two.\r\n"
    queued = len(default_task_backend.results)
    response = chair_a_client.post(change_url(guide), data)
    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.revision, guide.revisions.count(), LogEntry.objects.count()) == (3, 3, 0)
    assert len(default_task_backend.results) == queued


def test_unknown_citation_key_is_refused_by_name_and_nothing_is_saved(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide)
    data[f"sections-{row_index(data, 'sections', 'heading', 'Intro A')}-body"] = "Changed [@src-a; @unodc-2020]."
    response = chair_a_client.post(change_url(guide), data)
    assert response.status_code == 200
    assert "Unknown source key “unodc-2020”: add a source with that key below, or correct the citation." in response.content.decode()
    assert Section.objects.get(guide=guide).body == "Text A [@src-a]"
    assert StudyGuide.objects.get(pk=guide.pk).revision == 2


def test_deleting_a_source_that_is_still_cited_is_refused(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide)
    data[f"sources-{row_index(data, 'sources', 'key', 'src-a')}-DELETE"] = "on"
    response = chair_a_client.post(change_url(guide), data)
    assert "Unknown source key “src-a”" in response.content.decode()
    assert Source.objects.filter(guide=guide, key="src-a").count() == 1


def test_citing_a_source_added_in_the_same_save_is_accepted(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide, extra={"sources": [{"key": "new-src", "kind": "news", "title": "New"}]})
    data[f"sections-{row_index(data, 'sections', 'heading', 'Intro A')}-body"] = "Now [@new-src] and [@src-a]."
    assert chair_a_client.post(change_url(guide), data).status_code == 302
    assert set(guide.sources.values_list("key", flat=True)) == {"src-a", "new-src"}


def test_uncited_source_is_shown_as_a_warning_on_the_guide_page(chair_a_client, world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: Source.objects.create(guide=guide, key="forgotten", title="Forgotten report"))
    response = chair_a_client.get(change_url(guide))
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert warnings == ["Sources never cited in the text: “forgotten”. Cite them with [@key], tick “further reading” to recommend them without citing, or remove them."]
    assert "Never cited: “forgotten”." in response.content.decode()


def test_key_term_duplicate_ignoring_case_is_reported_on_the_form(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide, extra={"key_terms": [
        {"term": "Coercion", "definition": "a"}, {"term": "coercion", "definition": "b"},
    ]})
    response = chair_a_client.post(change_url(guide), data)
    assert "“coercion” is already defined in this guide as “Coercion”." in response.content.decode()
    assert guide.key_terms.count() == 0


def test_co_chair_saving_over_a_newer_revision_is_refused(client, world):
    guide = world["guide_a"]
    co_chair = world["chair_a"].__class__.objects.create_user("co-chair", password="pw", first_name="Cora", last_name="Co")
    from guides.services import committee_chair_add

    committee_chair_add(committee=world["committee_a"], user=co_chair)
    # Both open revision 2.
    first = guide_form_data(guide)
    second = guide_form_data(guide)
    first[f"sections-{row_index(first, 'sections', 'heading', 'Intro A')}-body"] = "First chair's text [@src-a]."
    second[f"sections-{row_index(second, 'sections', 'heading', 'Intro A')}-body"] = "Second chair's text [@src-a]."

    client.force_login(world["chair_a"])
    assert client.post(change_url(guide), first).status_code == 302
    client.force_login(co_chair)
    response = client.post(change_url(guide), second)

    assert response.status_code == 200
    assert (
        "Ada Chair saved this guide (now revision 3) after you opened revision 2. Your changes were not saved, "
        "so nothing was overwritten." in response.content.decode()
    )
    assert Section.objects.get(guide=guide).body == "First chair's text [@src-a]."
    assert StudyGuide.objects.get(pk=guide.pk).revision == 3


def publish_url(guide):
    return reverse("admin:guides_studyguide_publish", args=[guide.pk])


def test_chair_publishes_from_the_review_page_and_unpublish_is_an_action(chair_a_client, world):
    guide = world["guide_a"]
    page = chair_a_client.get(publish_url(guide)).content.decode()
    assert "Not published yet: delegates see nothing." in page and "Everything is new" in page
    response = chair_a_client.post(publish_url(guide), {"action": "publish", "note": "First release."})
    assert response["Location"] == publish_url(guide)
    guide.refresh_from_db()
    assert (guide.status, guide.published_revision.number, guide.publications.get().note) == ("published", 2, "First release.")
    # Publishing again with nothing new is refused with a message, and changes nothing.
    page = chair_a_client.post(publish_url(guide), {"action": "publish", "note": "Again"}).content.decode()
    assert "Revision 2 is already what delegates read: there is nothing new to publish." in page
    assert guide.publications.count() == 1
    chair_a_client.post(reverse("admin:guides_studyguide_changelist"), {"action": "unpublish", "_selected_action": [guide.pk]})
    guide.refresh_from_db()
    assert (guide.status, guide.published_revision) == ("draft", None)


def test_publish_page_cannot_reach_another_committees_guide(chair_a_client, world):
    assert chair_a_client.post(publish_url(world["guide_b"]), {"action": "publish"}).status_code == 404
    assert StudyGuide.objects.get(pk=world["guide_b"].pk).status == "draft"


def test_view_on_site_links_to_the_reader(chair_a_client, world):
    guide = world["guide_a"]
    response = chair_a_client.get(change_url(guide))
    assert f'href="/c/demo/ga1/guide/{guide.pk}/"' in response.content.decode()


@pytest.mark.parametrize("written, shown", [
    ("2015", "2015"), ("March 2007", "March 2007"), ("10 December 1948", "10 December 1948"),
    ("December 10th, 1948", "10 December 1948"), ("1948-12-10", "10 December 1948"), ("Dec. 1948", "December 1948"),
    ("2015–2018", "2015 – 2018"), ("March 2007 - June 2008", "March 2007 – June 2008"),
])
def test_dates_are_accepted_as_people_write_them_with_their_precision(chair_a_client, world, written, shown):
    guide = world["guide_a"]
    data = guide_form_data(guide, extra={"timeline_events": [{"date": written, "description": "An event"}]})
    response = chair_a_client.post(change_url(guide), data)
    assert response.status_code == 302, response.context["errors"]
    assert guide.timeline_events.get().date_display == shown


@pytest.mark.parametrize("written, message", [
    ("the 1990s", "“the 1990s” is not a date this page understands. Write it as \"2015\", \"March 2007\", "
                  "\"10 December 1948\", \"December 10th, 1948\" or \"1948-12-10\", or a period such as 2015–2018 "
                  "(both ends written the same way)."),
    ("2015–March 2018", "“2015–March 2018” is not a date this page understands. Write it as \"2015\", "
                        "\"March 2007\", \"10 December 1948\", \"December 10th, 1948\" or \"1948-12-10\", or a "
                        "period such as 2015–2018 (both ends written the same way)."),
    ("31 February 2015", "“31 February 2015” is not a date this page understands. Write it as \"2015\", "
                         "\"March 2007\", \"10 December 1948\", \"December 10th, 1948\" or \"1948-12-10\", or a "
                         "period such as 2015–2018 (both ends written the same way)."),
])
def test_a_date_not_understood_says_which_forms_are(chair_a_client, world, written, message):
    guide = world["guide_a"]
    data = guide_form_data(guide, extra={"timeline_events": [{"date": written, "description": "An event"}]})
    response = chair_a_client.post(change_url(guide), data)
    assert response.status_code == 200
    [formset] = [f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "timeline_events"]
    assert formset.formset.forms[0].errors["date"] == [message]
    assert guide.timeline_events.count() == 0


def test_an_access_date_needs_the_day_and_stored_dates_show_as_written(chair_a_client, world):
    guide = world["guide_a"]
    data = guide_form_data(guide)
    index = row_index(data, "sources", "key", "src-a")
    data[f"sources-{index}-accessed_on"] = "March 2024"
    response = chair_a_client.post(change_url(guide), data)
    [formset] = [f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "sources"]
    assert formset.formset.forms[index].errors["accessed_on"] == ["Give the day as well, for example 10 December 2024."]
    data[f"sources-{index}-accessed_on"] = "4 March 2024"
    data[f"sources-{index}-published_on"] = "May 2019"
    assert chair_a_client.post(change_url(guide), data).status_code == 302
    page = chair_a_client.get(change_url(guide)).content.decode()
    assert 'value="May 2019"' in page and 'value="4 March 2024"' in page


def test_the_guides_page_holds_its_settings_and_the_long_form_is_one_link_away(chair_a_client, world):
    guide = world["guide_a"]
    short = chair_a_client.get(reverse("admin:guides_studyguide_change", args=[guide.pk]))
    assert [formset.formset.prefix for formset in short.context["inline_admin_formsets"]] == []
    assert 'href="?all=1"' in short.content.decode()
    # Saving the settings leaves every part as it is.
    parts = list(guide.sections.values_list("heading", "body"))
    saved = chair_a_client.post(reverse("admin:guides_studyguide_change", args=[guide.pk]),
                                {"topic": guide.topic_id, "subtitle": "For delegates", "base_revision": guide.revision,
                                 "_save": "Save"})
    assert saved.status_code == 302
    guide.refresh_from_db()
    assert (guide.subtitle, list(guide.sections.values_list("heading", "body"))) == ("For delegates", parts)
    long = chair_a_client.get(change_url(guide))
    assert [formset.formset.prefix for formset in long.context["inline_admin_formsets"]] == [
        "sections", "key_terms", "timeline_events", "stakeholders", "sources", "questions", "figures"]


def test_a_new_guide_opens_in_the_editor(chair_a_client, world):
    from guides.models import StudyGuide, Topic

    topic = Topic.objects.create(committee=world["committee_a"], title="Youth unemployment", order=7)
    empty = {f"{p}-{k}": v for p in ["sections", "key_terms", "timeline_events", "stakeholders", "sources", "questions",
                                     "figures"] for k, v in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]}
    response = chair_a_client.post(reverse("admin:guides_studyguide_add"), {"topic": topic.pk, "_save": "Save", **empty})
    guide = StudyGuide.objects.get(topic=topic)
    assert response["Location"] == reverse("admin:guides_studyguide_editor", args=[guide.pk])
