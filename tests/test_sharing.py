"""Issue 18, points 1 and 2: notes shared within a delegation, questions to the dais and their answers."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from delegates.models import Annotation, DelegateProfile, Notification
from delegates.queries import annotations_visible_to, passage_interest
from delegates.services import annotation_create, dais_answer
from guides.models import Section
from guides.services import guide_publish
from tests.conftest import edit_guide, make_committee, make_conference, make_delegate, make_user

BODY = "Trafficking is the **fastest growing** criminal activity. Debt bondage can last for generations [@src-a]."


@pytest.fixture
def setting(world):
    """A published guide in GA1; Nigeria is a double delegation (ngozi, nnamdi); France has one delegate; a Nigerian
    delegate sits in GA2."""
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body=BODY))
    guide_publish(guide=guide)
    guide.refresh_from_db()
    conference, ga1 = world["conference"], world["committee_a"]
    people = {
        "ngozi": make_delegate("ngozi", conference, ga1, "NG"),
        "nnamdi": make_delegate("nnamdi", conference, ga1, "NG"),
        "france": make_delegate("france", conference, ga1, "FR"),
        "ga2_nigeria": make_delegate("ga2-nigeria", conference, world["committee_b"], "NG"),
    }
    return guide, people


def note(user, guide, quote, **fields):
    section = guide.sections.first()
    from guides import revisions

    text = next(s.text for s in revisions.rendered(guide.published_revision).sections if s.pk == section.pk)
    start = text.index(quote)
    return annotation_create(user=user, guide=guide, section_id=section.pk, start=start, end=start + len(quote),
                             exact=quote, **fields)


def test_who_sees_which_note(setting, world):
    guide, people = setting
    private = note(people["ngozi"], guide, "fastest growing", note="mine alone")
    shared = note(people["ngozi"], guide, "criminal activity", note="for Nnamdi", visibility="delegation")
    question = note(people["france"], guide, "Debt bondage", note="Which convention?", visibility="dais")
    visible = {name: set(annotations_visible_to(user).values_list("pk", flat=True)) for name, user in people.items()}
    visible["chair_a"] = set(annotations_visible_to(world["chair_a"]).values_list("pk", flat=True))
    visible["chair_b"] = set(annotations_visible_to(world["chair_b"]).values_list("pk", flat=True))
    visible["organizer"] = set(annotations_visible_to(world["organizer"]).values_list("pk", flat=True))
    assert visible == {
        "ngozi": {private.pk, shared.pk}, "nnamdi": {shared.pk}, "france": {question.pk},
        "ga2_nigeria": set(),  # same delegation, another committee
        "chair_a": {question.pk}, "chair_b": set(), "organizer": {question.pk},
    }
    # Answered publicly, the question is every GA1 delegate's to see; not GA2's.
    dais_answer(question=question, by=world["chair_a"], text="The Palermo Protocol.", public=True)
    assert question.pk in annotations_visible_to(people["ngozi"]).values_list("pk", flat=True)
    assert question.pk not in annotations_visible_to(people["ga2_nigeria"]).values_list("pk", flat=True)


def test_the_reader_api_gives_partners_shared_notes_and_public_answers_and_nothing_private(client, setting, world):
    guide, people = setting
    note(people["ngozi"], guide, "fastest growing", note="mine alone")
    note(people["ngozi"], guide, "criminal activity", note="for Nnamdi", visibility="delegation")
    private_q = note(people["france"], guide, "Debt bondage", note="Private question?", visibility="dais")
    public_q = note(people["france"], guide, "generations", note="Public question?", visibility="dais")
    dais_answer(question=private_q, by=world["chair_a"], text="Only for you.", public=False)
    dais_answer(question=public_q, by=world["chair_a"], text="For everyone.", public=True)
    client.force_login(people["nnamdi"])
    data = client.get(reverse("api_guide_annotations", args=[guide.pk])).json()
    assert data["annotations"] == [] and data["can_share"] is True
    assert [(o["kind"], o["author"], o["note"], o["answer"]) for o in data["others"]] == [
        ("shared", "ngozi", "for Nnamdi", ""),
        ("answer", "A delegate", "Public question?", "For everyone."),
    ]
    # Someone else's private note (or shared note, or question) cannot be changed or deleted: 404.
    shared = Annotation.objects.get(note="for Nnamdi")
    for method in ("patch", "delete"):
        response = getattr(client, method)(reverse("api_annotation", args=[shared.pk]), "{}",
                                           content_type="application/json")
        assert response.status_code == 404
    # The asker sees their own private answer in their own annotation.
    client.force_login(people["france"])
    mine = {a["note"]: (a["visibility"], a["answer"], a["answer_public"])
            for a in client.get(reverse("api_guide_annotations", args=[guide.pk])).json()["annotations"]}
    assert mine == {"Private question?": ("dais", "Only for you.", False),
                    "Public question?": ("dais", "For everyone.", True)}


def test_sharing_and_asking_are_checked_before_anything_is_written(client, setting, world):
    guide, people = setting
    section = guide.sections.first()
    api = reverse("api_guide_annotations", args=[guide.pk])
    text_start = 19
    base = {"section": section.pk, "start": text_start, "end": text_start + 15, "exact": "fastest growing"}
    cases = [
        (people["ngozi"], {**base, "visibility": "everyone"},
         "Unknown sharing “everyone”: choose only me, my delegation or the dais."),
        (people["ngozi"], {**base, "visibility": "dais", "note": "  "}, "Write your question to the dais in the note."),
        (world["chair_a"], {**base, "visibility": "delegation"},
         "Only delegates of this committee can share notes with their delegation or ask the dais."),
    ]
    for user, body, error in cases:
        client.force_login(user)
        response = client.post(api, json.dumps(body), content_type="application/json")
        assert (response.status_code, response.json()) == (400, {"error": error})
    assert Annotation.objects.count() == 0
    # An answered question stays as asked.
    question = note(people["ngozi"], guide, "criminal activity", note="Asked", visibility="dais")
    dais_answer(question=question, by=world["chair_a"], text="Answered.", public=True)
    client.force_login(people["ngozi"])
    response = client.patch(reverse("api_annotation", args=[question.pk]), json.dumps({"visibility": "private"}),
                            content_type="application/json")
    assert response.json() == {"error": "The dais has answered this question, so it stays as asked; add a new note "
                                        "instead."}
    question.refresh_from_db()
    assert question.visibility == "dais"


def test_the_dais_inbox_answers_and_notifies_the_asker(client, setting, world, django_capture_on_commit_callbacks):
    from delegates.tasks import send_answer_email

    guide, people = setting
    first = note(people["france"], guide, "Debt bondage", note="Older question", visibility="dais")
    note(people["ngozi"], guide, "generations", note="Newer question", visibility="dais")
    note(people["ngozi"], guide, "fastest growing", note="private, counted only")
    third = note(people["nnamdi"], guide, "criminal activity", note="Answered already", visibility="dais")
    dais_answer(question=third, by=world["chair_a"], text="Done.", public=False)
    inbox = reverse("dais_inbox", args=["demo", "ga1", guide.pk])
    client.force_login(world["chair_a"])
    response = client.get(inbox)
    assert [q.note for q in response.context["questions"]] == ["Newer question", "Older question", "Answered already"]
    assert response.context["unanswered"] == 2
    assert response.context["interest"] == [
        {"anchor": f"section-{guide.sections.first().pk}", "heading": "Intro A", "questions": 3, "highlights": 4}]
    page = response.content.decode()
    assert "private, counted only" not in page
    # Bad input: nothing changes.
    response = client.post(reverse("dais_answer", args=["demo", "ga1", guide.pk, first.pk]), {"answer": "  "})
    first.refresh_from_db()
    assert (first.answered_at, Notification.objects.filter(user=people["france"]).count()) == (None, 0)
    from django.contrib.messages import get_messages

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Write the answer."]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dais_answer", args=["demo", "ga1", guide.pk, first.pk]),
                               {"answer": "See the Palermo Protocol, article 3.", "public": "on"})
    assert response.headers["Location"] == f"{inbox}#question-{first.pk}"
    first.refresh_from_db()
    assert (first.answer, first.answer_public, first.answered_by) == (
        "See the Palermo Protocol, article 3.", True, world["chair_a"])
    notification = Notification.objects.get(user=people["france"])
    assert notification.text == ("The dais answered your question on “Topic A”: See the Palermo Protocol, "
                                 "article 3.")
    assert notification.url == f"{guide.get_absolute_url()}?note={first.pk}#section-{guide.sections.first().pk}"
    from django_tasks import default_task_backend

    assert [r.task.name for r in default_task_backend.results][-1] == "send_answer_email"
    assert send_answer_email.call(notification.pk) == 1
    assert mail.outbox[-1].to == ["france@example.org"]
    assert "See the Palermo Protocol, article 3." in mail.outbox[-1].body
    # The asker sees it on their home page, marked new once.
    client.force_login(people["france"])
    home = client.get("/").content.decode()
    assert '<strong class="badge">New</strong> <a href="' in home and "See the Palermo Protocol" in home
    assert '<strong class="badge">New</strong>' not in client.get("/").content.decode()


def test_answer_emails_can_be_turned_off(client, setting, world, django_capture_on_commit_callbacks):
    guide, people = setting
    profile = DelegateProfile.objects.get(user=people["france"])
    client.force_login(people["france"])
    client.post(reverse("profile"), {"profile": profile.pk, "email_updates": "on"})  # answers box unticked
    profile.refresh_from_db()
    assert (profile.email_updates, profile.email_answers) == (True, False)
    question = note(people["france"], guide, "Debt bondage", note="Quietly?", visibility="dais")
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dais_answer(question=question, by=world["chair_a"], text="Yes.", public=False)
    assert [r.task.name for r in default_task_backend.results] == []
    assert Notification.objects.filter(user=people["france"]).count() == 1  # still told in the app


def test_the_dais_inbox_is_404_for_everyone_but_the_committees_chairs_and_organizers(client, setting, world):
    guide, people = setting
    question = note(people["france"], guide, "Debt bondage", note="Q", visibility="dais")
    other = make_conference("other")
    outsider_chair = make_user("outsider")
    make_committee(other, "SC", chairs=[outsider_chair])
    inbox = reverse("dais_inbox", args=["demo", "ga1", guide.pk])
    answer = reverse("dais_answer", args=["demo", "ga1", guide.pk, question.pk])
    for user in (people["france"], people["ngozi"], world["chair_b"], outsider_chair):
        client.force_login(user)
        assert (client.get(inbox).status_code, client.post(answer, {"answer": "x"}).status_code) == (404, 404)
    question.refresh_from_db()
    assert question.answered_at is None
    client.logout()
    assert client.get(inbox).headers["Location"].startswith(reverse("login"))


def test_passage_interest_counts_without_names(setting):
    guide, people = setting
    note(people["ngozi"], guide, "fastest growing")
    note(people["nnamdi"], guide, "fastest growing")
    [row] = passage_interest(guide)
    assert set(row) == {"anchor", "heading", "questions", "highlights"}
    assert (row["questions"], row["highlights"]) == (0, 2)
