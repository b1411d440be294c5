"""Issue 19: a home per role, people managed fully (seat, removal, invitation state, roster export), the seat plan,
reading progress for organizers and chairs."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from delegates.models import DelegateProfile, GuideRead, Invitation, PlannedSeat
from delegates.queries import mark_read
from delegates.roster import import_roster, read_roster, roster_csv
from delegates.services import annotation_create, bookmark_add
from guides.models import ConferenceExport
from guides.services import guide_publish
from tests.conftest import edit_guide, make_committee, make_conference, make_delegate, make_user
from tests.test_organizers import GOOD, send_queued_invitations, upload

User = get_user_model()


@pytest.fixture
def organizer_client(client, world):
    client.force_login(world["organizer"])
    return client


def page_of(response):
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


# 1. A home per role


def test_a_delegates_home_shows_each_guide_state_their_notes_bookmarks_and_what_to_do_next(client, world):
    from guides.models import Section, Topic
    from guides.services import guide_create

    conference, committee = world["conference"], world["committee_a"]
    read, updated = world["guide_a"], None
    guide_publish(guide=read)
    # A second topic, published and read at an older revision, then updated; a third, released next week.
    topic = Topic.objects.create(committee=committee, title="Topic Updated", order=5)
    updated = guide_create(topic=topic, by=None)
    edit_guide(updated, lambda: Section.objects.create(guide=updated, order=1, heading="Intro", body="First."))
    guide_publish(guide=updated)
    coming = guide_create(topic=Topic.objects.create(committee=committee, title="Topic Coming", order=6), by=None)
    coming.release_at = timezone.make_aware(datetime.datetime(2030, 3, 4, 9, 0))
    coming.save()
    guide_publish(guide=coming)
    Topic.objects.create(committee=committee, title="Topic Without Guide", order=7)
    ngozi = make_delegate("ngozi", conference, committee, "NG")
    mark_read(ngozi, read, read.published_revision.number)
    mark_read(ngozi, updated, updated.published_revision.number)
    edit_guide(updated, lambda: Section.objects.filter(guide=updated).update(body="Second."))
    guide_publish(guide=updated)
    section = read.sections.first()
    note = annotation_create(user=ngozi, guide=read, section_id=section.pk, start=0, end=4, exact="Text",
                             note="Use in my speech")
    bookmark_add(user=ngozi, guide=read, target="section", target_id=section.pk)
    client.force_login(ngozi)
    response = client.get("/")
    home = response.context["delegate"]
    states = {row["topic"].title: (row["state"], row["words"]) for row in home["seats"][0]["guides"]}
    assert states == {
        "Topic A": ("read", "Read"),
        "Topic Updated": ("updated", "Updated since you last read"),
        "Topic Coming": ("coming", "Released on 4 March 2030, 09:00"),
        "Topic Without Guide": ("unpublished", "Not published yet"),
    }
    page = page_of(response)
    assert "Conference demo · <a href=\"/c/demo/ga1/\">Committee GA1</a> (GA1) · representing <strong>Nigeria</strong>" in page
    assert f'<a href="{updated.get_absolute_url()}changes/?since=2">What changed</a>' in page
    assert f'<a href="{read.get_absolute_url()}?note={note.pk}#section-{section.pk}">“Text”</a>' in page
    assert "Use in my speech" in page
    assert f'<a href="{read.get_absolute_url()}#section-{section.pk}">Intro A</a>' in page
    assert [step["text"] for step in home["steps"]] == [
        "Prepare your answers to the questions in “Topic A”: highlight evidence and arguments for your delegation "
        "as you go.",
        "See what the chairs changed in “Topic Updated”.",
    ]
    assert response.context["chair"] is None and response.context["organizer"] is None
    assert "Guides you chair" not in page and "Conferences you organize" not in page


def test_a_chairs_home_shows_status_unpublished_changes_co_chairs_edits_reading_and_the_editor(client, world):
    from guides.models import Section

    guide, chair = world["guide_a"], world["chair_a"]
    co_chair = make_user("co-chair", first="Cora", last="Chair")
    world["committee_a"].chairs.add(co_chair)
    guide_publish(guide=guide)
    readers = [make_delegate(f"reader-{n}", world["conference"], world["committee_a"], code)
               for n, code in enumerate(["NG", "FR", "BR"])]
    mark_read(readers[0], guide, guide.published_revision.number)
    mark_read(readers[1], guide, guide.published_revision.number - 1)  # an older revision does not count
    make_delegate("elsewhere", world["conference"], world["committee_b"], "NG")
    mark_read(User.objects.get(username="elsewhere"), guide, guide.published_revision.number)  # not this committee
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body="Changed by Cora."), by=co_chair)
    client.force_login(chair)
    response = client.get("/")
    [row] = response.context["chair"]["guides"]
    assert (row.progress, row.has_unpublished_changes, [r.author for r in row.co_chair_edits]) == (
        (1, 3), True, [co_chair])
    page = page_of(response)
    editor = reverse("admin:guides_studyguide_change", args=[guide.pk])
    assert f'<h3><a href="{editor}">Topic A</a></h3>' in page
    assert "<strong>Unpublished changes</strong> (revision 3, delegates read 2)" in page
    assert "<dd>1 of 3 delegates opened the current revision</dd>" in page
    assert "Cora Chair, " in page and "(revision 3)" in page
    assert response.context["delegate"] is None


def test_an_organizers_home_shows_each_conference_at_a_glance_and_several_roles_together(client, world):
    conference = world["conference"]
    guide_publish(guide=world["guide_a"])
    from guides.models import Topic

    Topic.objects.create(committee=world["committee_b"], title="No guide yet", order=9)
    import_roster(read_roster(GOOD.encode(), conference), conference)
    ngozi = User.objects.get(email="ngozi@example.org")
    Invitation.objects.create(user=ngozi, conference=conference, role="a delegate", status="failed",
                              error="the mail server did not answer", sent_at=timezone.now())
    ConferenceExport.objects.create(conference=conference, requested_by=world["organizer"], status="running",
                                    total=2, done=1, heartbeat_at=timezone.now())
    organizer = world["organizer"]
    make_delegate_profile = DelegateProfile.objects.create
    other = make_conference("elsewhere")
    make_delegate_profile(user=organizer, conference=other, committee=make_committee(other, "SC"),
                          delegation=other.delegations.create(iso_code="FR"))
    client.force_login(organizer)
    response = client.get("/")
    [row] = response.context["organizer"]["conferences"]
    assert (row["published"], row["drafts"], row["missing"], row["not_logged_in"], row["failed_invitations"]) == (
        1, 1, 1, 6, 1)  # 4 delegates and 2 chairs have never logged in
    assert [(job["what"], job["status"], job["done"], job["total"]) for job in row["jobs"]] == [
        ("Guide export", "Running", 1, 2)]
    page = page_of(response)
    assert "Guides: 1 published · 1 draft · <strong>1 topic without a guide</strong>" in page
    assert '<a href="/c/demo/organize/people/?filter=failed"><strong>1 failed invitation</strong></a>' in page
    # The same person is a delegate elsewhere: both roles on one page, organizer's conference list unchanged.
    assert "Your committee" in page and "Conferences you organize" in page
    assert [s["profile"].conference for s in response.context["delegate"]["seats"]] == [other]


def test_logging_in_lands_on_the_home_page(client, world):
    response = client.post(reverse("login"), {"username": "chair-a", "password": "pw"})
    assert response.headers["Location"] == "/"
    assert client.post(reverse("login"), {"username": "chair-a@example.org", "password": "wrong"}).status_code == 200


# 2. People, fully


def test_people_lists_every_delegate_and_chair_with_seat_invitation_state_and_last_login(organizer_client, world,
                                                                                         settings):
    conference = world["conference"]
    upload(organizer_client, conference, GOOD)
    send_queued_invitations()
    emails = lambda response: [p["user"].email for p in response.context["people"]]  # noqa: E731
    url = reverse("organizer_people", args=["demo"])
    # Ngozi accepts, Jamie's email fails to go out, Dana's link expires; Lucas was sent; chairs were never invited.
    ngozi = User.objects.get(email="ngozi@example.org")
    ngozi.last_login = timezone.now()
    ngozi.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    jamie = User.objects.get(email="jamie@example.org")
    response = organizer_client.post(reverse("organizer_invitation_resend", args=["demo", jamie.pk]),
                                     {"next": url + "?filter=failed"})
    assert response.headers["Location"] == url + "?filter=failed"
    assert [str(m) for m in get_messages(response.wsgi_request)][-1].startswith(
        "The invitation to jamie@example.org could not be sent: the mail server did not answer")
    Invitation.objects.filter(user__email="dana@example.org").update(
        sent_at=timezone.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60))
    response = organizer_client.get(url)
    states = {p["user"].email: (p["role"], p["state"]) for p in response.context["people"]}
    assert states == {
        "ngozi@example.org": ("Nigeria in GA1", "accepted"), "jamie@example.org": ("United States in GA1", "failed"),
        "dana@example.org": ("ECPAT International in GA2", "expired"), "lucas@example.org": ("Brazil in GA2", "sent"),
        "chair-a@example.org": ("Chair of GA1", "none"), "chair-b@example.org": ("Chair of GA2", "none"),
    }
    page = page_of(response)
    assert "the mail server did not answer" in page
    assert 'aria-label="Resend invitation to Jamie Carter">Resend invitation</button>' in page
    assert "invitation to Ngozi Adeyemi" not in page  # accepted: nothing to resend
    assert emails(organizer_client.get(url + "?filter=failed")) == ["jamie@example.org"]
    assert emails(organizer_client.get(url + "?filter=expired")) == ["dana@example.org"]
    assert emails(organizer_client.get(url + "?filter=chairs")) == ["chair-a@example.org", "chair-b@example.org"]
    assert sorted(emails(organizer_client.get(url + "?filter=not-logged-in"))) == [
        "chair-a@example.org", "chair-b@example.org", "dana@example.org", "jamie@example.org", "lucas@example.org"]
    assert organizer_client.get(url + "?filter=nonsense").status_code == 404
    # The mail server is back: the resend goes out and the state is "sent" again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    organizer_client.post(reverse("organizer_invitation_resend", args=["demo", jamie.pk]))
    assert Invitation.objects.get(user=jamie).state == "sent"
    assert "/accounts/welcome/" in mail.outbox[-1].body


def test_people_of_another_conference_are_not_listed_and_cannot_be_edited(organizer_client, world):
    other = make_conference("other")
    outsider = make_delegate("outsider", other, make_committee(other, "SC"), "FR")
    profile = DelegateProfile.objects.get(user=outsider)
    page = page_of(organizer_client.get(reverse("organizer_people", args=["demo"])))
    assert "outsider" not in page
    assert organizer_client.get(reverse("organizer_seat_edit", args=["demo", profile.pk])).status_code == 404
    assert organizer_client.post(reverse("organizer_delegate_remove", args=["demo", profile.pk])).status_code == 404
    assert DelegateProfile.objects.filter(pk=profile.pk).exists()


def test_an_organizer_moves_a_delegate_to_another_seat_and_bad_input_changes_nothing(organizer_client, world):
    conference = world["conference"]
    ngozi = make_delegate("ngozi", conference, world["committee_a"], "NG")
    profile = DelegateProfile.objects.get(user=ngozi)
    url = reverse("organizer_seat_edit", args=["demo", profile.pk])
    other = make_conference("other")
    foreign = make_committee(other, "SC")
    for data, error in [
        ({"committee": foreign.pk, "delegation": profile.delegation.pk},
         "Select a valid choice. That choice is not one of the available choices."),
        ({"committee": world["committee_b"].pk, "new_delegation": "Nigerria"},
         "Unknown delegation “Nigerria”: did you mean Nigeria (NG)? Write its code NG."),
        ({"committee": world["committee_b"].pk, "new_delegation": "NG;FR"},
         "Two delegations in one seat (“NG;FR”): give one delegation per row."),
        ({"committee": world["committee_b"].pk},
         "Choose the delegation, or type a new one."),
        ({"committee": world["committee_b"].pk, "delegation": profile.delegation.pk, "new_delegation": "FR"},
         "Choose a delegation or type a new one, not both."),
    ]:
        response = organizer_client.post(url, data)
        assert response.status_code == 200
        assert error in [e for errors in response.context["form"].errors.values() for e in errors]
        profile.refresh_from_db()
        assert (profile.committee, profile.delegation.iso_code) == (world["committee_a"], "NG")
    assert conference.delegations.count() == 1
    response = organizer_client.post(url, {"committee": world["committee_b"].pk, "new_delegation": "Ghana"})
    assert response.headers["Location"] == reverse("organizer_people", args=["demo"])
    profile.refresh_from_db()
    assert (profile.committee, profile.delegation.iso_code) == (world["committee_b"], "GH")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["ngozi@example.org now represents Ghana in GA2."]


def test_removing_a_delegate_ends_their_access_but_keeps_account_and_notes(organizer_client, client, world):
    from delegates.models import Annotation

    guide = world["guide_a"]
    guide_publish(guide=guide)
    ngozi = make_delegate("ngozi", world["conference"], world["committee_a"], "NG")
    annotation_create(user=ngozi, guide=guide, section_id=guide.sections.first().pk, start=0, end=4, exact="Text")
    profile = DelegateProfile.objects.get(user=ngozi)
    people = reverse("organizer_people", args=["demo"])
    response = organizer_client.post(reverse("organizer_delegate_remove", args=["demo", profile.pk]), {"next": people})
    assert response.headers["Location"] == people
    assert (User.objects.filter(pk=ngozi.pk).exists(), Annotation.objects.filter(user=ngozi).count(),
            DelegateProfile.objects.filter(user=ngozi).count()) == (True, 1, 0)
    # An outside "next" is not followed.
    chair = world["chair_b"]
    response = organizer_client.post(reverse("organizer_chair_remove", args=["demo", world["committee_b"].pk, chair.pk]),
                                     {"next": "https://evil.example/"})
    assert response.headers["Location"] == reverse("organizer_chairs", args=["demo"])
    assert list(chair.chaired_committees.all()) == []


def test_the_roster_exports_in_the_imports_format_reimports_unchanged_and_is_safe_in_spreadsheets(organizer_client,
                                                                                                 world):
    conference = world["conference"]
    evil = GOOD + '"=HYPERLINK(""http://evil.example"",""x"")",eve@example.org,GA1,+ORG Reach\n'
    check = read_roster(evil.encode(), conference)
    assert check.errors == []
    assert import_roster(check, conference).created == 5
    response = organizer_client.get(reverse("organizer_roster_export", args=["demo"]))
    assert response["Content-Disposition"] == 'attachment; filename="demo-roster.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["name", "email", "committee", "delegation"],
        ["'=HYPERLINK(\"http://evil.example\",\"x\")", "eve@example.org", "GA1", "'+ORG Reach"],
        ["Ngozi Adeyemi", "ngozi@example.org", "GA1", "NG"],
        ["Jamie Carter", "jamie@example.org", "GA1", "US"],
        ["Dana Reyes", "dana@example.org", "GA2", "ECPAT International"],
        ["Lucas Silva", "lucas@example.org", "GA2", "BR"],
    ]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    again = import_roster(read_roster(text.encode(), conference), conference)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert roster_csv(conference) == text


# 3. Seat planning


def plan_field(delegation, committee):
    return f"seats-{delegation.pk}-{committee.pk}"


def test_the_seat_plan_shows_unassigned_over_assigned_and_double_delegations(organizer_client, world):
    conference, ga1, ga2 = world["conference"], world["committee_a"], world["committee_b"]
    import_roster(read_roster(GOOD.encode(), conference), conference)
    nigeria, usa = conference.delegations.get(iso_code="NG"), conference.delegations.get(iso_code="US")
    brazil = conference.delegations.get(iso_code="BR")
    url = reverse("organizer_seat_plan", args=["demo"])
    # Bad input: every error at once, nothing saved.
    response = organizer_client.post(url, {plan_field(nigeria, ga1): "2", plan_field(usa, ga1): "x",
                                           plan_field(brazil, ga2): "12", "add": "Ghana\nNigerria"})
    assert response.context["errors"] == [
        "United States in GA1: “x” is not a number of seats from 0 to 9.",
        "Brazil in GA2: “12” is not a number of seats from 0 to 9.",
        "New delegations, line 2: unknown delegation “Nigerria”: did you mean Nigeria (NG)? Write its code NG.",
    ]
    assert (PlannedSeat.objects.count(), conference.delegations.filter(iso_code="GH").exists()) == (0, False)
    assert f'name="seats-{usa.pk}-{ga1.pk}" value="x"' in response.content.decode()  # kept as typed
    # Nigeria has a double delegation in GA1 (one delegate so far), the US no seat in GA1 (one delegate),
    # Brazil one seat in GA1 (nobody there) and one in GA2 (Lucas).
    response = organizer_client.post(url, {plan_field(nigeria, ga1): "2", plan_field(usa, ga1): "0",
                                           plan_field(brazil, ga1): "1", plan_field(brazil, ga2): "1", "add": "GH"})
    assert response.headers["Location"] == reverse("organizer_matrix", args=["demo"])
    assert sorted(PlannedSeat.objects.values_list("delegation__iso_code", "committee__abbreviation", "seats")) == [
        ("BR", "GA1", 1), ("BR", "GA2", 1), ("NG", "GA1", 2)]
    assert conference.delegations.filter(iso_code="GH").exists()
    response = organizer_client.get(reverse("organizer_matrix", args=["demo"]))
    cells = {(row["delegation"].iso_code or row["delegation"].organisation, cell.committee.abbreviation):
             (len(cell.people), cell.planned, cell.state, cell.double)
             for row in response.context["rows"] for cell in row["cells"]}
    assert cells[("NG", "GA1")] == (1, 2, "unassigned", True)
    assert cells[("US", "GA1")] == (1, 0, "over", False)
    assert cells[("BR", "GA1")] == (0, 1, "unassigned", False)
    assert cells[("BR", "GA2")] == (1, 1, "", False)
    assert cells[("GH", "GA1")] == (0, 0, "", False)
    assert response.context["totals"] == {"planned": 4, "seated": 4, "unassigned": 2, "over": 2, "double": 1}
    assert response.context["deviations"] == [
        "Brazil in GA1: 1 of 1 planned seat not assigned",
        "ECPAT International in GA2: 1 delegate, no seats planned",
        "Nigeria in GA1: 1 of 2 planned seats not assigned",
        "United States in GA1: 1 delegate, no seats planned",
    ]
    page = page_of(response)
    assert "4 delegates in 4 planned seats · <strong>2 seats not assigned</strong> · <strong>2 over-assigned</strong>" in page


def test_the_roster_import_reports_where_it_differs_from_the_seat_plan(organizer_client, world):
    conference = world["conference"]
    nigeria = conference.delegations.create(iso_code="NG")
    PlannedSeat.objects.create(committee=world["committee_a"], delegation=nigeria, seats=2)
    response = upload(organizer_client, conference, GOOD)
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[1] == (
        "The roster differs from the seat plan in 4 places: Brazil in GA2: 1 delegate, no seats planned; "
        "ECPAT International in GA2: 1 delegate, no seats planned; Nigeria in GA1: 1 of 2 planned seats not "
        "assigned; United States in GA1: 1 delegate, no seats planned. See the country matrix.")


# 4. Reading progress


def test_the_dashboard_counts_who_opened_the_current_revision_and_nothing_more(organizer_client, world):
    from guides.models import Section

    guide = world["guide_a"]
    guide_publish(guide=guide)
    readers = [make_delegate(f"r{n}", world["conference"], world["committee_a"], c) for n, c in enumerate("NG FR".split())]
    mark_read(readers[0], guide, guide.published_revision.number)
    mark_read(readers[1], guide, guide.published_revision.number)
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body="New text."))
    guide_publish(guide=guide)  # a new revision: only who opens it again counts
    mark_read(readers[1], guide, guide.published_revision.number)
    response = organizer_client.get(reverse("organizer_dashboard", args=["demo"]))
    page = page_of(response)
    assert '<td class="num">1 of 2</td>' in page
    table = page[page.index("<table"):page.index("</table>")]
    assert "r0" not in table and "r1" not in table  # counts only, never names
    assert GuideRead.objects.filter(guide=guide).count() == 2


# 6. Notes that are safe and reusable


def test_a_delegate_downloads_all_their_notes_of_one_conference_in_one_file(client, world,
                                                                             django_capture_on_commit_callbacks):
    from delegates.models import DelegateJob, Delegation
    from delegates.tasks import render_notes_pdf
    from tests.conftest import make_guide

    here = world["guide_a"]
    guide_publish(guide=here)
    other = make_conference("other")
    there = make_guide(make_committee(other, "SC"), "Topic There", sections=[("Overview", "Text there.")])
    guide_publish(guide=there)
    dana = make_delegate("dana", world["conference"], world["committee_a"], "NG")
    DelegateProfile.objects.create(user=dana, conference=other, committee=there.topic.committee,
                                   delegation=Delegation.objects.create(conference=other, iso_code="NG"))
    for guide in (here, there):
        annotation_create(user=dana, guide=guide, section_id=guide.sections.first().pk, start=0, end=4,
                          exact="Text", note=f"Note on {guide.title}")
    client.force_login(dana)
    notes_page = client.get(reverse("my_notes")).content.decode()
    assert f'<a href="{reverse("notes_export", args=["md"])}?conference=other">Markdown</a>' in notes_page
    markdown = client.get(reverse("notes_export", args=["md"]), {"conference": "other"})
    assert markdown["Content-Disposition"] == 'attachment; filename="my-notes-other.md"'
    text = markdown.content.decode()
    assert text.startswith("# My notes — Conference other\n\n## Topic There\n")
    assert "Note on Topic There" in text and "Note on Topic A" not in text
    everything = client.get(reverse("notes_export", args=["md"])).content.decode()
    assert "Note on Topic There" in everything and "Note on Topic A" in everything
    data = client.get(reverse("notes_export", args=["jsonld"]), {"conference": "demo"}).json()
    assert (data["label"], data["total"]) == ("My notes — Conference demo", 1)
    assert client.get(reverse("notes_export", args=["md"]), {"conference": "nowhere"}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notes_pdf"), {"conference": "other"})
    job = DelegateJob.objects.get(user=dana)
    assert (job.conference, job.total, render_notes_pdf.call(job.pk)) == (other, 1, "done")
    response = client.get(reverse("notes_pdf_download", args=[job.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="my-notes-other.pdf"'
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    response.close()
