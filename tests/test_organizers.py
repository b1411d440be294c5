"""Organizers run a conference: roster import, invitations, chairs, dashboard, country matrix."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delegates.models import DelegateProfile, Delegation
from delegates.roster import import_roster, read_roster
from tests.conftest import make_committee, make_conference, make_user

User = get_user_model()

GOOD = (
    "name,email,committee,delegation\n"
    "Ngozi Adeyemi,ngozi@example.org,GA1,NG\n"
    "Jamie Carter,Jamie@Example.org,ga1,us\n"
    "Dana Reyes,dana@example.org,GA2,ECPAT International\n"
    "Lucas Silva,lucas@example.org,GA2,BR\n"
)


def roster(text, conference):
    return read_roster(text.encode(), conference)


def upload(client, conference, text, name="roster.csv"):
    return client.post(reverse("organizer_roster", args=[conference.slug]),
                       {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")})


def send_queued_invitations():
    """What the background worker does with the invitations an import queued."""
    from delegates.models import DelegateJob
    from delegates.tasks import send_invitations

    for job in DelegateJob.objects.filter(kind="invitations", status="queued"):
        send_invitations.call(job.pk)


@pytest.fixture
def organizer_client(client, world):
    client.force_login(world["organizer"])
    return client


def test_valid_file_creates_exactly_the_people_and_seats(organizer_client, world):
    response = upload(organizer_client, world["conference"], GOOD)
    assert response.status_code == 302
    seats = sorted(
        (p.user.email, p.user.get_full_name(), p.committee.abbreviation, p.delegation.iso_code, p.delegation.organisation)
        for p in DelegateProfile.objects.select_related("user", "committee", "delegation")
    )
    assert seats == [
        ("dana@example.org", "Dana Reyes", "GA2", "", "ECPAT International"),
        ("jamie@example.org", "Jamie Carter", "GA1", "US", ""),
        ("lucas@example.org", "Lucas Silva", "GA2", "BR", ""),
        ("ngozi@example.org", "Ngozi Adeyemi", "GA1", "NG", ""),
    ]
    assert Delegation.objects.count() == 4
    assert mail.outbox == []  # not in the request: the worker sends them
    send_queued_invitations()
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.org", "jamie@example.org", "lucas@example.org", "ngozi@example.org"]
    assert not User.objects.get(email="ngozi@example.org").has_usable_password()


def test_one_bad_row_among_many_imports_nothing_and_names_the_line(organizer_client, world):
    rows = [f"Delegate {n},d{n}@example.org,GA1,FR" for n in range(40)]
    rows[23] = "Broken Row,not-an-email,GA9,XZ"
    text = "name,email,committee,delegation\n" + "\n".join(rows) + "\n"
    people = User.objects.count()
    response = upload(organizer_client, world["conference"], text)
    assert response.status_code == 200
    assert response.context["errors"] == [
        (25, "“not-an-email” is not a valid email address; unknown committee “GA9”; unknown country code “XZ”")]
    assert "Line 25: “not-an-email” is not a valid email address" in response.content.decode()
    assert DelegateProfile.objects.count() == 0
    assert User.objects.count() == people
    assert mail.outbox == []


@pytest.mark.parametrize("line, message", [
    ("Ann,ann@example.org,GA1,NG; FR", "two delegations in one seat (“NG; FR”): give one delegation per row"),
    ("Ann,ann@example.org,GA1,NG/FR", "two delegations in one seat (“NG/FR”): give one delegation per row"),
    ("Ann,ngozi@example.org,GA2,FR", "duplicate: ngozi@example.org is already on line 2"),
    (",ann@example.org,GA1,FR", "the name is missing"),
    ("Ann,ann@example.org,GA1", "expected 4 columns, found 3"),
    ("Ann,ann@example.org,GA1,X", "the delegation must be an ISO country code (e.g. NG) or an organisation's name"),
])
def test_each_kind_of_bad_row_is_reported(world, line, message):
    check = roster("name,email,committee,delegation\nNgozi,ngozi@example.org,GA1,NG\n" + line + "\n", world["conference"])
    assert check.errors == [(3, message)]


def test_wrong_header_and_non_utf8_are_refused(world):
    assert roster("email,name\n", world["conference"]).errors == [
        (1, "The first line must be the header: name,email,committee,delegation")]
    assert read_roster("name,email,committee,delegation\nJos\xe9,j@example.org,GA1,FR\n".encode("latin-1"),
                       world["conference"]).errors == [(0, "The file is not UTF-8 text; save it as CSV UTF-8.")]


def test_reimport_changes_nothing_and_a_changed_seat_updates(world):
    conference = world["conference"]
    first = import_roster(roster(GOOD, conference), conference)
    assert (first.created, first.updated, first.unchanged, len(first.invited)) == (4, 0, 0, 4)
    before = list(DelegateProfile.objects.order_by("pk").values_list("pk", "user_id", "committee_id", "delegation_id"))
    again = import_roster(roster(GOOD, conference), conference)
    assert (again.created, again.updated, again.unchanged, again.invited) == (0, 0, 4, [])
    assert list(DelegateProfile.objects.order_by("pk").values_list("pk", "user_id", "committee_id", "delegation_id")) == before
    moved = import_roster(roster(GOOD.replace("Lucas Silva,lucas@example.org,GA2,BR", "Lucas Silva,lucas@example.org,GA1,PT"),
                                 conference), conference)
    assert (moved.created, moved.updated, moved.unchanged) == (0, 1, 3)
    lucas = DelegateProfile.objects.get(user__email="lucas@example.org")
    assert (lucas.committee.abbreviation, lucas.delegation.iso_code) == ("GA1", "PT")
    assert User.objects.filter(email="lucas@example.org").count() == 1


def test_existing_account_is_reused_by_email(world):
    existing = make_user("ngozi-old")
    existing.email = "ngozi@example.org"
    existing.save()
    result = import_roster(roster(GOOD, world["conference"]), world["conference"])
    assert DelegateProfile.objects.get(user__email="ngozi@example.org").user == existing
    assert existing not in result.invited  # they already have a password


def invitation_path(message):
    link = re.search(r"https?://\S+/accounts/welcome/\S+/", message.body).group(0)
    return link[link.index("/accounts/"):]


def test_invitation_link_welcomes_sets_the_password_once_and_logs_in(client, organizer_client, world):
    from delegates.models import Invitation

    upload(organizer_client, world["conference"], GOOD)
    send_queued_invitations()
    message = next(m for m in mail.outbox if m.to == ["ngozi@example.org"])
    assert "Choose your password here" in message.body
    assert "Your username is ngozi@example.org." in message.body
    path = invitation_path(message)
    client.logout()
    form_page = client.get(path, follow=True)
    page = form_page.content.decode()
    assert "<h1>Welcome to Conference demo</h1>" in page
    assert "the delegate of <strong>Nigeria</strong> in Committee GA1 (GA1)" in page
    assert 'Your username is <strong class="username">ngozi@example.org</strong>' in page
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Vote-for-NG-2027", "new_password2": "Vote-for-NG-2027"})
    assert response.headers["Location"] == "/"
    ngozi = User.objects.get(email="ngozi@example.org")
    assert ngozi.check_password("Vote-for-NG-2027")
    home = client.get("/").content.decode()  # logged in, on their home
    assert "Hello, Ngozi Adeyemi" in home and "representing <strong>Nigeria</strong>" in home
    assert Invitation.objects.get(user=ngozi).state == "accepted"
    client.logout()
    again = client.get(path, follow=True).content.decode()
    assert "This link has expired or was already used." in again
    # They can log in with their email address as well as their username.
    assert client.post(reverse("login"), {"username": "NGOZI@example.org", "password": "Vote-for-NG-2027"}).status_code == 302
    assert client.get("/").context["user"] == ngozi


def test_an_invitation_link_for_another_persons_invitation_is_refused(client, organizer_client, world):
    from delegates.models import Invitation

    upload(organizer_client, world["conference"], GOOD)
    send_queued_invitations()
    path = invitation_path(next(m for m in mail.outbox if m.to == ["ngozi@example.org"]))
    other = Invitation.objects.get(user__email="dana@example.org")
    forged = re.sub(r"/welcome/\d+/", f"/welcome/{other.pk}/", path)
    client.logout()
    assert "This link has expired or was already used." in client.get(forged, follow=True).content.decode()
    assert not User.objects.get(email="ngozi@example.org").has_usable_password()


def test_expired_invitation_is_refused(client, organizer_client, world, settings):
    upload(organizer_client, world["conference"], GOOD)
    send_queued_invitations()
    path = invitation_path(next(m for m in mail.outbox if m.to == ["dana@example.org"]))
    settings.PASSWORD_RESET_TIMEOUT = -1
    client.logout()
    assert "This link has expired or was already used." in client.get(path, follow=True).content.decode()


def test_organizer_adds_a_chair_by_email(organizer_client, world, django_capture_on_commit_callbacks):
    url = reverse("organizer_chairs", args=["demo"])
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(url, {"committee": world["committee_b"].pk, "name": "Nadia Chair",
                                               "email": "Nadia@Example.org"})
    assert response.status_code == 302
    nadia = User.objects.get(email="nadia@example.org")
    assert (nadia.is_staff, list(nadia.chaired_committees.all())) == (True, [world["committee_b"]])
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]
    assert "Choose your password here" in mail.outbox[0].body
    # An existing account is reused, and gets a log-in link rather than a password link.
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, {"committee": world["committee_a"].pk, "name": "Bo", "email": world["chair_b"].email})
    assert world["chair_b"].chaired_committees.count() == 2
    assert "Log in with your existing account" in mail.outbox[1].body


def test_dashboard_shows_guides_delegates_and_who_has_not_logged_in(organizer_client, world):
    import_roster(roster(GOOD, world["conference"]), world["conference"])
    User.objects.filter(email="jamie@example.org").update(last_login="2027-01-01T10:00:00Z")
    response = organizer_client.get(reverse("organizer_dashboard", args=["demo"]))
    committees = {c.abbreviation: c for c in response.context["committees"]}
    assert (committees["GA1"].delegate_count, committees["GA2"].delegate_count) == (2, 2)
    assert sorted(p.user.email for p in response.context["not_logged_in"]) == [
        "dana@example.org", "lucas@example.org", "ngozi@example.org"]
    page = response.content.decode()
    assert "Topic A" in page and "Draft" in page


def test_country_matrix(organizer_client, world):
    import_roster(roster(GOOD, world["conference"]), world["conference"])
    response = organizer_client.get(reverse("organizer_matrix", args=["demo"]))
    rows = {row["delegation"].name: [[p.user.email for p in cell.people] for cell in row["cells"]]
            for row in response.context["rows"]}
    assert rows == {
        "Brazil": [[], ["lucas@example.org"]], "ECPAT International": [[], ["dana@example.org"]],
        "Nigeria": [["ngozi@example.org"], []], "United States": [["jamie@example.org"], []],
    }


@pytest.mark.parametrize("name", ["organizer_dashboard", "organizer_roster", "organizer_roster_template",
                                  "organizer_chairs", "organizer_matrix", "conference_exports"])
def test_organizer_pages_send_logged_out_visitors_to_log_in_and_answer_404_to_everyone_else(client, world, name):
    from tests.conftest import make_delegate

    url = reverse(name, args=["demo"])
    other = make_conference("other")
    other_organizer = make_user("other-organizer")
    other.organizers.add(other_organizer)
    delegate = make_delegate("delegate-here", world["conference"], world["committee_a"], "NG")
    login = f"{reverse('login')}?next={url}"
    assert (client.get(url)["Location"], client.post(url)["Location"]) == (login, login)
    for user in (delegate, world["chair_a"], other_organizer):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.post(url).status_code == 404, user
    client.force_login(world["organizer"])
    assert client.get(url).status_code == 200
    make_committee(other, "XX")


def test_organisation_names_with_and_or_slash_are_one_delegation(world):
    check = roster("name,email,committee,delegation\nAnn,ann@example.org,GA1,Bill and Melinda Gates Foundation\n"
                   "Bo,bo@example.org,GA2,UN/DESA\n", world["conference"])
    assert check.errors == []
    assert [(row.iso_code, row.organisation) for row in check.rows] == [
        ("", "Bill and Melinda Gates Foundation"), ("", "UN/DESA")]
