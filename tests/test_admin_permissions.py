"""A chair reaches only their own committees' guides through the admin; an organizer reaches everything."""

import json

import pytest
from django.urls import reverse

from guides.models import StudyGuide, Topic
from tests.admin_forms import guide_form_data


def guide_urls(guide):
    return {
        "change": reverse("admin:guides_studyguide_change", args=[guide.pk]),
        "delete": reverse("admin:guides_studyguide_delete", args=[guide.pk]),
        "history": reverse("admin:guides_studyguide_history", args=[guide.pk]),
    }


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_chair_gets_404_for_another_committees_guide(client, world, view):
    client.force_login(world["chair_a"])
    assert client.get(guide_urls(world["guide_b"])[view]).status_code == 404


def test_chair_cannot_change_another_committees_guide_by_post(client, world):
    client.force_login(world["chair_a"])
    guide = world["guide_b"]
    data = guide_form_data(guide)
    data["sections-0-body"] = "Hijacked [@src-b]"
    assert client.post(guide_urls(guide)["change"], data).status_code == 404
    assert guide.sections.get().body == "Text B [@src-b]"


def test_chair_cannot_delete_another_committees_guide_by_post(client, world):
    client.force_login(world["chair_a"])
    assert client.post(guide_urls(world["guide_b"])["delete"], {"post": "yes"}).status_code == 404
    assert StudyGuide.objects.filter(pk=world["guide_b"].pk).exists()


def test_chair_list_shows_only_own_guides(client, world):
    client.force_login(world["chair_a"])
    response = client.get(reverse("admin:guides_studyguide_changelist"))
    assert [guide.pk for guide in response.context["cl"].result_list] == [world["guide_a"].pk]
    assert "Topic B" not in response.content.decode()
    assert "GA2" not in response.content.decode()  # not even as a filter choice


def test_chair_sees_own_committee_and_topic_but_not_others(client, world):
    client.force_login(world["chair_a"])
    committees = client.get(reverse("admin:guides_committee_changelist")).context["cl"].result_list
    assert [c.abbreviation for c in committees] == ["GA1"]
    assert client.get(reverse("admin:guides_committee_change", args=[world["committee_b"].pk])).status_code == 404
    topic_b = world["guide_b"].topic
    assert client.get(reverse("admin:guides_topic_change", args=[topic_b.pk])).status_code == 404


def autocomplete(client, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "guides", "model_name": "studyguide", "field_name": "topic", "term": term},
    )
    return response.status_code, [item["text"] for item in json.loads(response.content)["results"]] if response.status_code == 200 else []


def test_topic_autocomplete_offers_only_own_committees_free_topics(client, world):
    Topic.objects.create(committee=world["committee_a"], title="Free topic A", order=5)
    Topic.objects.create(committee=world["committee_b"], title="Free topic B", order=5)
    client.force_login(world["chair_a"])
    assert autocomplete(client, "Free") == (200, ["GA1: Free topic A"])
    client.force_login(world["organizer"])
    assert autocomplete(client, "Free") == (200, ["GA1: Free topic A", "GA2: Free topic B"])


def test_chair_cannot_create_a_guide_for_another_committees_topic(client, world):
    free_b = Topic.objects.create(committee=world["committee_b"], title="Free topic B", order=5)
    client.force_login(world["chair_a"])
    response = client.post(reverse("admin:guides_studyguide_add"), {"topic": free_b.pk, "_save": "Save",
                           **{f"{p}-{k}": v for p in ["sections", "key_terms", "timeline_events", "stakeholders", "sources", "questions", "figures"]
                              for k, v in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]}})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not StudyGuide.objects.filter(topic=free_b).exists()


def test_delegate_without_staff_status_cannot_open_the_admin(client, world):
    from tests.conftest import make_user

    client.force_login(make_user("delegate"))
    response = client.get(guide_urls(world["guide_a"])["change"])
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("admin:login"))


@pytest.mark.parametrize("view", ["change", "history"])
def test_organizer_opens_every_guide(client, world, view):
    client.force_login(world["organizer"])
    for guide in (world["guide_a"], world["guide_b"]):
        response = client.get(guide_urls(guide)[view])
        assert response.status_code == 200
        assert response.context["original" if view == "change" else "object"] == guide


def test_organizer_lists_and_changes_every_guide(client, world):
    client.force_login(world["organizer"])
    listed = client.get(reverse("admin:guides_studyguide_changelist")).context["cl"].result_list
    assert {guide.pk for guide in listed} == {world["guide_a"].pk, world["guide_b"].pk}
    guide = world["guide_b"]
    data = guide_form_data(guide)
    data["sections-0-body"] = "Organizer edit [@src-b]"
    assert client.post(guide_urls(guide)["change"] + "?all=1", data).status_code == 302
    assert guide.sections.get().body == "Organizer edit [@src-b]"


def test_organizer_can_delete_a_guide(client, world):
    client.force_login(world["organizer"])
    assert client.post(guide_urls(world["guide_b"])["delete"], {"post": "yes"}).status_code == 302
    assert not StudyGuide.objects.filter(pk=world["guide_b"].pk).exists()


def test_chair_cannot_delete_even_own_guide(client, world):
    client.force_login(world["chair_a"])
    assert client.post(guide_urls(world["guide_a"])["delete"], {"post": "yes"}).status_code == 403
    assert StudyGuide.objects.filter(pk=world["guide_a"].pk).exists()
