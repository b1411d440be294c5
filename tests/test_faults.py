"""Faults a conference weekend brings, and the traps around them: each reproduced, with the recovery asserted."""

import json

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from delegates.models import DelegateProfile
from delegates.services import annotation_create
from guides import revisions
from guides.models import Committee, ConferenceExport
from guides.services import guide_publish
from tests.conftest import make_delegate, make_user
from tests.test_organizers import GOOD, upload


def test_mail_server_down_during_roster_import_keeps_the_import_and_offers_a_retry(client, world, settings):
    from delegates.models import DelegateJob
    from delegates.tasks import send_invitations

    client.force_login(world["organizer"])
    response = upload(client, world["conference"], GOOD)
    assert response["Location"] == reverse("organizer_dashboard", args=["demo"])
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == ["Roster imported: 4 new, 0 updated, 0 unchanged; 4 invitation(s) are being sent (progress below)."]
    assert DelegateProfile.objects.filter(conference=world["conference"]).count() == 4
    job = DelegateJob.objects.get()
    assert (job.kind, job.status, job.total, job.user) == ("invitations", "queued", 4, world["organizer"])
    # The worker runs it while the mail server is down (nothing listens on port 9).
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert send_invitations.call(job.pk) == 4
    job.refresh_from_db()
    assert (job.status, len(job.failures), job.payload["sent"]) == ("failed", 4, [])
    assert job.failures[0]["error"].startswith("the mail server did not answer (")
    page = client.get(reverse("organizer_dashboard", args=["demo"])).content.decode()
    assert "0 of 4 sent; <strong>4 could not be sent</strong>." in page
    assert "Retry the 4 not sent" in page
    # The mail server is back: Retry sends the four, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(reverse("organizer_invitations_retry", args=["demo", job.pk]))
    retry = DelegateJob.objects.exclude(pk=job.pk).get()
    send_invitations.call(retry.pk)
    retry.refresh_from_db()
    assert (retry.status, retry.failures, len(retry.payload["sent"])) == ("done", [], 4)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        DelegateProfile.objects.values_list("user__email", flat=True))
    assert "Retry the" not in client.get(reverse("organizer_dashboard", args=["demo"])).content.decode()


def test_invitations_go_out_in_batches_with_progress_and_a_retried_job_sends_nobody_twice(world):
    from django.contrib.auth import get_user_model

    from delegates.models import DelegateJob
    from delegates.services import INVITATION_BATCH, invitations_run, invitations_start

    users = [get_user_model().objects.create(username=f"p{n}@example.org", email=f"p{n}@example.org")
             for n in range(INVITATION_BATCH + 10)]
    job = invitations_start(users=users, conference=world["conference"], role="a delegate", by=world["organizer"])
    # A worker that died after the first batch left this (its progress was saved after the batch).
    import datetime

    from django.utils import timezone

    minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    DelegateJob.objects.filter(pk=job.pk).update(status="running", done=INVITATION_BATCH, heartbeat_at=minutes_ago,
                                                 payload={**job.payload, "sent": [u.pk for u in users[:INVITATION_BATCH]]})
    job.refresh_from_db()
    # While its worker is alive (a fresh heartbeat) nobody else takes it.
    DelegateJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    assert invitations_run(job=job).done == INVITATION_BATCH and mail.outbox == []
    DelegateJob.objects.filter(pk=job.pk).update(heartbeat_at=minutes_ago)
    invitations_run(job=job)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users[INVITATION_BATCH:])
    assert (job.status, job.done, len(job.payload["sent"])) == ("done", INVITATION_BATCH + 10, INVITATION_BATCH + 10)
    assert invitations_run(job=job).done == INVITATION_BATCH + 10  # finished: running it again sends nothing
    assert len(mail.outbox) == 10


def test_another_conferences_organizer_cannot_retry_its_invitations(client, world):
    from delegates.models import DelegateJob
    from guides.services import conference_organizer_add
    from tests.conftest import make_conference

    job = DelegateJob.objects.create(kind="invitations", user=world["organizer"], conference=world["conference"],
                                     status="failed", failures=[{"user": 1, "email": "x@example.org", "error": "e"}],
                                     payload={"users": [1], "role": "a delegate", "sent": []})
    other = make_conference("other")
    stranger = make_user("stranger")
    conference_organizer_add(conference=other, user=stranger)
    client.force_login(stranger)
    assert client.post(reverse("organizer_invitations_retry", args=["other", job.pk])).status_code == 404
    assert client.post(reverse("organizer_invitations_retry", args=["demo", job.pk])).status_code == 404
    assert DelegateJob.objects.count() == 1


def test_invited_people_without_a_password_can_use_forgot_password(client, world):
    invited = make_user("invited")
    invited.set_unusable_password()
    invited.save()
    client.post(reverse("password_reset"), {"email": "INVITED@example.org"})
    assert [m.to for m in mail.outbox] == [["invited@example.org"]]


def test_patch_changes_only_the_fields_sent(client, world):
    guide = world["guide_a"]
    guide_publish(guide=guide)
    delegate = make_delegate("patcher", world["conference"], world["committee_a"], "NG")
    section = revisions.rendered(guide.published_revision).sections[0]
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, start=0, end=4, exact="Text",
                                   note="Keep me", label="evidence")
    client.force_login(delegate)
    url = reverse("api_annotation", args=[annotation.pk])
    response = client.patch(url, json.dumps({"label": "question"}), content_type="application/json")
    assert (response.json()["note"], response.json()["label"]) == ("Keep me", "question")
    response = client.patch(url, json.dumps({"note": "New note"}), content_type="application/json")
    assert (response.json()["note"], response.json()["label"]) == ("New note", "question")


def test_export_download_knows_only_pdf_and_zip(client, world):
    export = ConferenceExport.objects.create(conference=world["conference"], status="done", pdf_name="x.pdf",
                                             zip_name="x.zip")
    client.force_login(world["organizer"])
    assert client.get(reverse("conference_export_download", args=["demo", export.pk, "exe"])).status_code == 404


@pytest.mark.parametrize("slug", ["organize", "exports"])
def test_a_committee_cannot_take_the_address_of_a_conference_page(world, slug):
    committee = Committee(conference=world["conference"], name="Clash", abbreviation="X", slug=slug)
    with pytest.raises(ValidationError, match="is the address of a conference page"):
        committee.full_clean()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match="committee_slug_not_reserved"), transaction.atomic():
        committee.save()


def test_an_export_whose_worker_was_killed_is_failed_and_a_new_one_starts(client, world):
    import datetime

    from django.utils import timezone

    from guides.services import conference_export_start

    conference = world["conference"]
    dead, _ = conference_export_start(conference=conference, by=world["organizer"])
    # kill -9 mid-export: the worker set it running, did one guide, and was never heard of again.
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    ConferenceExport.objects.filter(pk=dead.pk).update(status="running", done=1, total=2, heartbeat_at=long_ago)
    client.force_login(world["organizer"])
    page = client.get(reverse("conference_export", args=["demo", dead.pk])).content.decode()
    assert "The background worker stopped answering while exporting." in page
    export, started = conference_export_start(conference=conference, by=world["organizer"])
    dead.refresh_from_db()
    assert (started, export.pk != dead.pk, dead.status) == (True, True, "failed")
    assert dead.failures[-1]["error"].startswith("The background worker stopped while exporting (1 of 2 guides done)")


def test_an_export_nobody_picks_up_says_that_no_worker_runs(client, world):
    import datetime

    from django.utils import timezone

    from guides.services import conference_export_start

    export, _ = conference_export_start(conference=world["conference"], by=world["organizer"])
    client.force_login(world["organizer"])
    url = reverse("conference_export", args=["demo", export.pk])
    assert "No background worker has picked this export up yet" not in client.get(url).content.decode()
    ConferenceExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    assert "No background worker has picked this export up yet" in client.get(url).content.decode()


def test_a_second_worker_does_not_run_an_export_again(world):
    from guides.exports import conference_export_run
    from guides.services import conference_export_start

    export, _ = conference_export_start(conference=world["conference"], by=None)
    ConferenceExport.objects.filter(pk=export.pk).update(status="failed")
    assert conference_export_run(export=export).status == "failed"


@pytest.mark.parametrize(("body", "message"), [
    ('{"note": "\\ud800", "label": ""}', "“note” holds a broken character; type it again."),
    ('{"note": "a\\u0000b", "label": ""}', "“note” holds a NUL character."),
    ("[" * 100000 + "]" * 100000, "The request body is not JSON."),
])
def test_crafted_json_gets_a_clear_message_not_a_500(client, world, body, message):
    guide = world["guide_a"]
    guide_publish(guide=guide)
    delegate = make_delegate("crafty", world["conference"], world["committee_a"], "NG")
    section = revisions.rendered(guide.published_revision).sections[0]
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, start=0, end=4, exact="Text",
                                   note="Original")
    client.force_login(delegate)
    response = client.patch(reverse("api_annotation", args=[annotation.pk]), body, content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"error": message})
    annotation.refresh_from_db()
    assert annotation.note == "Original"


def test_roster_country_names_and_aliases_are_member_states(world):
    from delegates.roster import import_roster, read_roster

    text = ("name,email,committee,delegation\nA One,a@example.org,GA1,Nigeria\nB Two,b@example.org,GA2,NG\n"
            "C Three,c@example.org,GA1,UK\nD Four,D@Example.org,GA2,South Korea\n")
    check = read_roster(text.encode(), world["conference"])
    assert check.errors == []
    import_roster(check, world["conference"])
    delegations = sorted(world["conference"].delegations.values_list("iso_code", "organisation"))
    assert delegations == [("GB", ""), ("KR", ""), ("NG", "")]
    assert DelegateProfile.objects.get(delegation__iso_code="KR").user.email == "d@example.org"


def test_organizer_resends_an_invitation_to_a_person_of_their_conference_only(client, world):
    mine = make_delegate("mine", world["conference"], world["committee_a"], "NG")
    from tests.conftest import make_committee, make_conference

    elsewhere = make_conference("elsewhere")
    theirs = make_delegate("theirs", elsewhere, make_committee(elsewhere, "SC"), "FR")
    client.force_login(world["organizer"])
    page = client.get(reverse("organizer_dashboard", args=["demo"])).content.decode()
    assert reverse("organizer_invitation_resend", args=["demo", mine.pk]) in page
    response = client.post(reverse("organizer_invitation_resend", args=["demo", mine.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Invitation sent again to mine@example.org."]
    assert [m.to for m in mail.outbox] == [["mine@example.org"]]
    assert client.post(reverse("organizer_invitation_resend", args=["demo", theirs.pk])).status_code == 404
    assert len(mail.outbox) == 1


def test_the_matrix_flags_two_seats_for_one_delegation_in_a_committee(client, world):
    make_delegate("one", world["conference"], world["committee_a"], "NG")
    make_delegate("two", world["conference"], world["committee_a"], "NG")
    client.force_login(world["organizer"])
    page = client.get(reverse("organizer_matrix", args=["demo"])).content.decode()
    assert page.count("2 seats for one delegation") == 1


HEADER = "name,email,committee,delegation\n"


@pytest.mark.parametrize("line, message", [
    ("Ann,ann@example.org,GA1,Nigerai", "unknown delegation “Nigerai”: did you mean Nigeria (NG)? Write its code NG"),
    ("Ann,ann@example.org,GA1,Brazill", "unknown delegation “Brazill”: did you mean Brazil (BR)? Write its code BR"),
    ("Ann,ann@example.org,GA1,Untied Kingdom",
     "unknown delegation “Untied Kingdom”: did you mean United Kingdom (GB)? Write its code GB"),
    ("An\x00n,ann@example.org,GA1,NG",
     "the line contains control characters (such as NUL); save the file as plain CSV text"),
    ("Ann," + "x" * 140_000 + "@example.org,GA1,NG",
     "this line cannot be read as CSV (field larger than field limit (131072)); nothing after it was read"),
])
def test_crafted_roster_lines_get_a_line_numbered_message(client, world, line, message):
    client.force_login(world["organizer"])
    response = upload(client, world["conference"], HEADER + "Bea,bea@example.org,GA1,FR\n" + line + "\n")
    assert response.context["errors"] == [(3, message)]
    assert DelegateProfile.objects.count() == 0


def test_an_organisation_that_only_looks_like_no_country_is_kept(world):
    from delegates.roster import read_roster

    check = read_roster((HEADER + "Ann,ann@example.org,GA1,ECPAT International\n").encode(), world["conference"])
    assert (check.errors, check.rows[0].organisation) == ([], "ECPAT International")


def test_one_account_per_email_whatever_its_case(world):
    from django.contrib.auth import get_user_model
    from django.db import IntegrityError, transaction

    from delegates.roster import import_roster, read_roster

    existing = make_user("ngozi-old")
    existing.email = "Ngozi@Example.org"
    existing.save()
    check = read_roster((HEADER + "Ngozi Adeyemi,ngozi@example.org,GA1,NG\n").encode(), world["conference"])
    import_roster(check, world["conference"])
    assert DelegateProfile.objects.get().user == existing
    User = get_user_model()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="other", email="NGOZI@example.ORG")
    User.objects.create(username="no-email-1", email="")
    User.objects.create(username="no-email-2", email="")  # accounts without an address are not constrained


def test_an_email_that_is_another_accounts_username_is_refused_by_line_and_by_invite(client, world):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="taken@example.org", email="someone.else@example.org")
    client.force_login(world["organizer"])
    response = upload(client, world["conference"], HEADER + "Bea,bea@example.org,GA1,FR\nTia,taken@example.org,GA1,NG\n")
    assert response.context["errors"] == [(3, (
        "taken@example.org is already the username of another account, which has a different email address; ask "
        "an administrator to correct that account, or use another address"))]
    assert DelegateProfile.objects.count() == 0
    response = client.post(reverse("organizer_organizers", args=["demo"]), {"email": "taken@example.org", "name": "T"})
    assert response.context["form"].errors["email"] == [
        "taken@example.org is already the username of another account, which has a different email address; ask "
        "an administrator to correct that account, or use another address."]
    assert not world["conference"].organizers.filter(username="taken@example.org").exists()


def test_the_account_admin_refuses_an_email_another_account_has(client, world):
    operator = make_user("root")
    operator.is_staff = operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    chair = world["chair_a"]
    response = client.post(reverse("admin:auth_user_change", args=[chair.pk]), {
        "username": chair.username, "email": "CHAIR-B@example.org", "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00", "is_active": "on"})
    assert response.context["adminform"].form.errors["email"] == ["Another account already has this email address."]
    chair.refresh_from_db()
    assert chair.email == "chair-a@example.org"


def test_the_lease_requeues_a_dead_workers_task_fails_it_after_three_tries_and_spares_a_live_one(world, settings):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from guides.models import WorkerHeartbeat
    from guides.tasks import tasks_recover_lost, worker_beat

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from delegates.tasks import send_guide_update_emails

    now = timezone.now()
    long_ago = now - datetime.timedelta(minutes=5)
    worker_beat("alive", now)
    worker_beat("dead", long_ago)

    def running(worker_ids):
        result = send_guide_update_emails.enqueue(0)
        DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=long_ago, worker_ids=worker_ids)
        return result.id

    of_live, of_dead, thrice = running(["alive"]), running(["dead"]), running(["a", "b", "dead"])
    assert tasks_recover_lost(now) == (1, 1)
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    assert (status[of_live], status[of_dead], status[thrice]) == ("RUNNING", "READY", "FAILED")
    failed = DBTaskResult.objects.get(pk=thrice)
    assert failed.exception_class_path == "guides.tasks.WorkerLost"
    assert failed.traceback == "The worker running this task stopped 3 times (workers a, b, dead); it was not tried again."
    assert tasks_recover_lost(now) == (0, 0)
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"alive", "dead"}


def test_a_line_break_in_a_conference_name_does_not_stop_invitations(world):
    from delegates.services import invitations_send

    conference = world["conference"]
    conference.name = "Lakeside\r\nMUN"  # pasted from a document
    conference.save()
    sent, held = invitations_send(users=[world["chair_a"]], conference=conference, role="a chair")
    assert (sent, held, mail.outbox[0].subject) == (1, [], "You are invited to Lakeside MUN on mlmun")
