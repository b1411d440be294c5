"""One instance, many conferences: authority per conference, nobody raises their own rights, media and logins
are guarded, uploads are bounded by pixels."""

import io
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from delegates.models import DelegateProfile
from delegates.services import chair_invite
from guides.models import Figure, FigureImageFormField
from guides.queries import conferences_organized_by, guides_editable_by, guides_visible_to
from guides.rules import is_organizer
from guides.services import committee_chair_remove, conference_organizer_add, conference_organizer_remove
from tests.conftest import make_committee, make_conference, make_delegate, make_guide, make_user


@pytest.fixture
def two(world):
    """world's conference "demo" and a second one, "other", with its own organizer, chair and draft guide."""
    other = make_conference("other")
    other_chair = make_user("other-chair")
    other_committee = make_committee(other, "SC", chairs=[other_chair])
    other_guide = make_guide(other_committee, "Other topic", sections=[("Intro", "Secret draft text")])
    other_organizer = make_user("other-organizer")
    conference_organizer_add(conference=other, user=other_organizer)
    return {**world, "other": other, "other_chair": other_chair, "other_committee": other_committee,
            "other_guide": other_guide, "other_organizer": other_organizer}


def test_organizer_sees_and_edits_only_their_own_conference(two):
    organizer = two["organizer"]
    assert list(conferences_organized_by(organizer)) == [two["conference"]]
    assert (is_organizer(organizer, two["conference"]), is_organizer(organizer, two["other"])) == (True, False)
    assert set(guides_editable_by(organizer)) == {two["guide_a"], two["guide_b"]}
    # Drafts of the other conference are invisible to them, visible to that conference's organizer.
    assert two["other_guide"] not in guides_visible_to(organizer)
    assert two["other_guide"] in guides_visible_to(two["other_organizer"])


def test_admin_lists_only_the_organizers_conference(client, two):
    client.force_login(two["organizer"])
    listed = client.get(reverse("admin:guides_studyguide_changelist")).context["cl"].result_list
    assert {guide.pk for guide in listed} == {two["guide_a"].pk, two["guide_b"].pk}
    page = client.get(reverse("admin:guides_conference_changelist")).content.decode()
    assert ("Conference demo" in page, "Conference other" in page) == (True, False)
    assert client.get(reverse("admin:guides_studyguide_change", args=[two["other_guide"].pk])).status_code == 404


def test_organizer_cannot_make_themselves_superuser_or_touch_accounts(client, two):
    organizer = two["organizer"]
    client.force_login(organizer)
    response = client.post(reverse("admin:auth_user_change", args=[organizer.pk]), {
        "username": organizer.username, "is_superuser": "on", "is_staff": "on", "is_active": "on",
        "date_joined_0": "2027-01-01", "date_joined_1": "00:00:00"})
    assert response.status_code == 403
    organizer.refresh_from_db()
    assert (organizer.is_superuser, organizer.user_permissions.count(), organizer.groups.count()) == (False, 0, 0)
    password = reverse("admin:auth_user_password_change", args=[two["other_organizer"].pk])
    assert client.post(password, {"password1": "Hijack-2027!", "password2": "Hijack-2027!"}).status_code == 403
    assert two["other_organizer"].__class__.objects.get(pk=two["other_organizer"].pk).check_password("pw")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.django_db
def test_no_group_or_permission_carries_authority():
    from django.contrib.auth.models import Group

    assert list(Group.objects.values_list("name", flat=True)) == []


def test_inviting_another_conferences_delegate_as_chair_grants_only_that_committee(client, two):
    delegate = make_delegate("their-delegate", two["other"], two["other_committee"], "FR")
    user, created = chair_invite(committee=two["committee_a"], email=delegate.email, name="Their Delegate")
    user.refresh_from_db()
    assert (created, user.pk, user.is_staff, user.is_superuser) == (False, delegate.pk, True, False)
    assert set(guides_editable_by(user)) == {two["guide_a"]}
    assert list(DelegateProfile.objects.filter(user=user).values_list("conference__slug", flat=True)) == ["other"]
    client.force_login(user)
    assert client.get(reverse("admin:guides_studyguide_change", args=[two["other_guide"].pk])).status_code == 404
    assert client.get(reverse("admin:guides_studyguide_change", args=[two["guide_b"].pk])).status_code == 404
    assert client.get(reverse("admin:guides_studyguide_change", args=[two["guide_a"].pk])).status_code == 200


def test_a_chair_elsewhere_keeps_exactly_their_rights_plus_the_new_committee(two):
    chair = two["other_chair"]
    chair_invite(committee=two["committee_a"], email=chair.email, name="")
    assert set(guides_editable_by(chair)) == {two["other_guide"], two["guide_a"]}
    committee_chair_remove(committee=two["committee_a"], user=chair)
    chair.refresh_from_db()
    assert (set(guides_editable_by(chair)), chair.is_staff) == ({two["other_guide"]}, True)
    committee_chair_remove(committee=two["other_committee"], user=chair)
    chair.refresh_from_db()
    assert chair.is_staff is False  # no role left: the admin is closed to them


def test_the_last_organizer_cannot_be_removed(two):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        conference_organizer_remove(conference=two["other"], user=two["other_organizer"])
    assert error.value.messages == ["A conference needs at least one organizer: add another before removing this one."]
    assert list(two["other"].organizers.all()) == [two["other_organizer"]]


def test_organizer_adds_and_removes_a_co_organizer_by_email(client, two, django_capture_on_commit_callbacks):
    client.force_login(two["organizer"])
    url = reverse("organizer_organizers", args=["demo"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Cora Organizer", "email": "Cora@Example.org"})
    assert response.status_code == 302
    cora = get_user_model().objects.get(email="cora@example.org")
    assert (list(conferences_organized_by(cora)), cora.is_staff, cora.has_usable_password()) == (
        [two["conference"]], True, False)
    assert [m.to for m in mail.outbox] == [["cora@example.org"]]
    # Bad input changes nothing.
    assert client.post(url, {"name": "", "email": "not-an-address"}).status_code == 200
    assert two["conference"].organizers.count() == 2
    client.post(reverse("organizer_organizer_remove", args=["demo", cora.pk]))
    cora.refresh_from_db()
    assert (list(conferences_organized_by(cora)), cora.is_staff) == ([], False)
    # Someone who organizes another conference is not "theirs" to remove: 404, nothing changes.
    assert client.post(reverse("organizer_organizer_remove", args=["demo", two["other_organizer"].pk])).status_code == 404


def test_organizer_removes_a_delegate_of_their_conference_only(client, two):
    mine = make_delegate("mine", two["conference"], two["committee_a"], "NG")
    theirs = make_delegate("theirs", two["other"], two["other_committee"], "FR")
    client.force_login(two["organizer"])
    theirs_profile = DelegateProfile.objects.get(user=theirs)
    assert client.post(reverse("organizer_delegate_remove", args=["demo", theirs_profile.pk])).status_code == 404
    response = client.post(reverse("organizer_delegate_remove", args=["demo", DelegateProfile.objects.get(user=mine).pk]))
    assert response["Location"] == reverse("organizer_matrix", args=["demo"])
    assert list(DelegateProfile.objects.values_list("user__username", flat=True)) == ["theirs"]


def test_view_on_site_shortcut_does_not_resolve_another_conferences_draft(client, two):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(two["other_guide"]).pk
    client.force_login(two["chair_a"])
    assert client.get(f"/admin/r/{content_type}/{two['other_guide'].pk}/").status_code == 404
    response = client.get(f"/admin/r/{content_type}/{two['guide_a'].pk}/")
    assert response["Location"] == two["guide_a"].get_absolute_url()


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, "PNG")
    return buffer.getvalue()


def figure_for(guide):
    return Figure.objects.create(guide=guide, image=ContentFile(png(3, 2), name="Secret Plan.png"),
                                 caption="c", alt_text="a")


def read(response):
    # Figures are sent whole (their file closed at once), never streamed.
    assert not response.streaming
    return response.content


def test_figures_are_served_to_readers_of_their_guide_only(client, two, settings):
    from guides.services import guide_publish

    guide_publish(guide=two["guide_a"])
    figure = figure_for(two["guide_a"])
    assert figure.image.name.startswith("figures/") and "Secret" not in figure.image.name
    url = reverse("media", args=[figure.image.name])
    delegate = make_delegate("reader", two["conference"], two["committee_a"], "NG")
    client.force_login(delegate)
    response = client.get(url)
    assert (response.status_code, response["Content-Type"], read(response)) == (200, "image/png", png(3, 2))
    for outsider in (two["other_organizer"], two["other_chair"], None):
        client.logout()
        if outsider:
            client.force_login(outsider)
        assert client.get(url).status_code == 404
    # Nothing else under /media/ is served by name: exports and cached PDFs have their own views.
    default_storage.save("exports/known.pdf", ContentFile(b"%PDF"))
    client.force_login(two["organizer"])
    assert client.get("/media/exports/known.pdf").status_code == 404
    assert client.get("/media/figures/../exports/known.pdf").status_code == 404


def test_figures_are_served_from_storage_that_is_not_the_local_disk(client, two, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from guides.services import guide_publish

    guide_publish(guide=two["guide_a"])
    figure = figure_for(two["guide_a"])
    assert not (settings.MEDIA_ROOT / figure.image.name).exists()
    client.force_login(two["chair_a"])
    assert read(client.get(reverse("media", args=[figure.image.name]))) == png(3, 2)


def test_export_files_get_unguessable_names(two):
    from guides.exports import conference_export_run
    from guides.services import conference_export_start

    export, _ = conference_export_start(conference=two["conference"], by=two["organizer"])
    conference_export_run(export=export)
    export.refresh_from_db()
    assert export.pdf_name.startswith("exports/") and "demo" not in export.pdf_name
    assert len(export.pdf_name.removeprefix("exports/").removesuffix(".pdf")) >= 20


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_failed_logins_lock_the_account_with_a_clear_message(client, db):
    make_user("victim")
    make_user("neighbour")
    # Four wrong passwords are answered by the form; the fifth locks the account, even for the right one.
    assert [log_in(client, "victim", "wrong").status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    response = log_in(client, "victim", "pw")
    assert response.status_code == 429
    assert "try again in 15 minutes" in " ".join(response.content.decode().split())
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    assert log_in(client, "neighbour", "pw").status_code == 302


def test_many_failures_from_one_address_lock_that_address(client, db, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    make_user("someone")
    for index in range(8):  # different accounts, each under the per-account limit
        log_in(client, f"guess-{index}", "wrong", address="10.9.9.9")
    assert log_in(client, "someone", "pw", address="10.9.9.9").status_code == 429
    assert log_in(client, "someone", "pw", address="10.1.1.1").status_code == 302


def test_password_reset_emails_are_limited_per_address_without_revealing_it(client, db):
    make_user("reader")
    pages = set()
    for _ in range(20):
        response = client.post(reverse("password_reset"), {"email": "reader@example.org"})
        pages.add(response["Location"])
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert (len(mail.outbox), pages, unknown["Location"]) == (3, {reverse("password_reset_done")}, reverse("password_reset_done"))


def test_invitations_to_one_address_are_limited_and_reported(client, world):
    from delegates.services import invitations_send

    user = make_user("invitee")
    results = [invitations_send(users=[user], conference=world["conference"], role="a delegate") for _ in range(4)]
    assert [sent for sent, _ in results] == [1, 1, 1, 0]
    assert results[-1][1] == [user]
    assert len(mail.outbox) == 3


def png_header(width, height):
    """A PNG that declares width × height pixels and holds almost nothing: a 'decompression bomb'."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("width", "height", "message"), [
    (7000, 7000, "The image is 7,000 × 7,000 pixels (49 megapixels); figures may be at most 40 megapixels"),
    (13000, 13000, "The image is more than 80 megapixels; figures may be at most 40 megapixels"),
])
def test_figures_over_the_pixel_limit_are_refused_with_the_limit(width, height, message):
    from django.core.exceptions import ValidationError

    upload = SimpleUploadedFile("bomb.png", png_header(width, height), content_type="image/png")
    assert upload.size < 200
    with pytest.raises(ValidationError) as error:
        FigureImageFormField().clean(upload)
    assert error.value.messages == [message + " (for example 8,000 × 5,000). Scale it down and upload it again."]


def test_a_figure_within_the_pixel_limit_is_accepted():
    upload = SimpleUploadedFile("chart.png", png(400, 300), content_type="image/png")
    assert FigureImageFormField().clean(upload).image.size == (400, 300)


def test_pillow_refuses_decompression_bombs_above_twice_the_limit(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.FIGURE_MAX_PIXELS == 40_000_000


def test_a_figure_removed_from_the_working_copy_stays_visible_in_the_published_revision(client, two):
    from guides.services import guide_publish
    from tests.conftest import edit_guide

    guide = two["guide_a"]
    made = {}
    edit_guide(guide, lambda: made.update(figure=figure_for(guide)))
    guide_publish(guide=guide)
    name = made["figure"].image.name
    edit_guide(guide, lambda: guide.figures.all().delete())
    delegate = make_delegate("viewer", two["conference"], two["committee_a"], "NG")
    client.force_login(delegate)
    assert read(client.get(reverse("media", args=[name]))) == png(3, 2)
    client.force_login(two["other_organizer"])
    assert client.get(reverse("media", args=[name])).status_code == 404
