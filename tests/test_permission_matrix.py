"""Every URL pattern × every persona × every method it accepts, with the expected outcome declared in one table.

The patterns come from the URL resolver, so a new URL without an entry here fails
test_every_url_pattern_has_an_entry. Objects in the URLs belong to the conference "here"; the "elsewhere"
personas belong to another conference on the same instance. Each request runs in a transaction that is rolled
back, and a refused write must leave the database exactly as it was.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from PIL import Image

from delegates.models import Annotation, Bookmark, DelegateJob, DelegateProfile
from delegates.services import annotation_create
from guides.enums import ExportStatus
from guides.importer import import_document
from guides.models import Committee, Conference, ConferenceExport, Figure, Section, StudyGuide, Topic
from guides.services import conference_organizer_add, guide_import_prepare, guide_publish
from guides.views import signed_file_url
from tests.conftest import make_committee, make_conference, make_delegate, make_guide, make_user

PERSONAS = ["anonymous", "delegate_here", "delegate_elsewhere", "chair_here", "chair_elsewhere",
            "organizer_here", "organizer_elsewhere", "superuser"]


def row(*outcomes):
    assert len(outcomes) == len(PERSONAS)
    return dict(zip(PERSONAS, outcomes, strict=True))


def same(outcome):
    return row(*[outcome] * len(PERSONAS))


#          anon         d_here  d_else  c_here  c_else  o_here  o_else  super
# Logged-out visitors to member-only pages are sent to log in (for any such URL, so nothing is revealed).
READER = row("302 login", "200", "404", "200", "404", "200", "404", "200")
ORGANIZER = row("302 login", "404", "404", "404", "404", "200", "404", "200")
ORGANIZER_WRITE = row("302 login", "404", "404", "404", "404", "302", "404", "302")
LOGGED_IN = row("302 login", "200", "200", "200", "200", "200", "200", "200")
ALL_OK = same("200")
# The admin: people without staff status are sent to its login page.
STAFF = row("302 login", "302 login", "302 login", "200", "200", "200", "200", "200")
STAFF_REDIRECT = row("302 login", "302 login", "302 login", "302", "302", "302", "302", "302")
SUPERUSER_ONLY = row("302 login", "302 login", "302 login", "403", "403", "403", "403", "200")
SUPERUSER_ONLY_403 = row("302 login", "302 login", "302 login", "403", "403", "403", "403", "403")
SUPERUSER_MISSING = row("302 login", "302 login", "302 login", "403", "403", "403", "403", "302")
EDITORS = row("302 login", "302 login", "302 login", "200", "404", "200", "404", "200")
EDITORS_REDIRECT = row("302 login", "302 login", "302 login", "302", "404", "302", "404", "302")
EDITORS_400 = row("302 login", "302 login", "302 login", "400", "404", "400", "404", "400")  # a form POST, not JSON
EDITORS_405 = row("302 login", "302 login", "302 login", "405", "404", "405", "404", "405")
VIEWERS_ORGANIZER_EDITS = EDITORS  # chairs see their conference and committee read-only ...
ORGANIZER_EDITS = row("302 login", "302 login", "302 login", "403", "404", "200", "404", "200")  # ... and may not save
ORGANIZER_DELETES = row("302 login", "302 login", "302 login", "403", "404", "200", "404", "200")
ORGANIZER_DELETES_POST = row("302 login", "302 login", "302 login", "403", "404", "302", "404", "302")
ORGANIZERS_ADD = row("302 login", "302 login", "302 login", "403", "403", "200", "200", "200")
API_OWNER = row("403", "200", "404", "404", "404", "404", "404", "404")
API_OWNER_DELETE = row("403", "204", "404", "404", "404", "404", "404", "404")
API_NOT_ALLOWED = row("403", "405", "405", "405", "405", "405", "405", "405")


def admin_model(model, change_get, *, change_post=None, add=STAFF, delete_get=ORGANIZER_DELETES,
                delete_post=ORGANIZER_DELETES_POST, changelist=STAFF):
    """The six URL patterns Django's admin makes for a model, keyed by route."""
    label = f"admin/{model}/"
    return {
        label: {"GET": changelist, "POST": changelist},
        f"{label}add/": {"GET": add, "POST": add},
        f"{label}<path:object_id>/history/": {"GET": change_get},
        f"{label}<path:object_id>/delete/": {"GET": delete_get, "POST": delete_post},
        f"{label}<path:object_id>/change/": {"GET": change_get, "POST": change_post or change_get},
        f"{label}<path:object_id>/": {"GET": STAFF_REDIRECT},
    }


def superuser_model(model, *, add=SUPERUSER_ONLY, read_only=False):
    """A model only the instance operator manages; the URLs name an object that does not exist (Django's
    admin answers that with a redirect to its index, the same for every object id)."""
    write = SUPERUSER_ONLY_403 if read_only else SUPERUSER_MISSING
    entries = admin_model(model, SUPERUSER_MISSING, change_post=write, add=add, delete_get=write,
                          delete_post=write, changelist=SUPERUSER_ONLY)
    entries[f"admin/{model}/<path:object_id>/history/"] = {"GET": STAFF_REDIRECT}
    return entries


AXES_ADD = row("302 login", "302 login", "302 login", "403", "403", "403", "403", "403")

# route → {method: expected outcome per persona}
EXPECTED = {
    "": {"GET": ALL_OK},
    "c/<slug:conference>/": {"GET": ALL_OK},
    "c/<slug:conference>/<slug:committee>/": {"GET": ALL_OK},
    "c/<slug:conference>/search/": {"GET": ALL_OK},
    "sw.js": {"GET": ALL_OK},  # the service worker's script; it holds nothing of anyone  # answers only from guides the user may read (test_search)
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/": {"GET": READER},
    # Readers are sent on to a short-lived signed link to the file (guides.views.signed_file).
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/pdf/": {
        "GET": row("302 login", "302", "404", "302", "404", "302", "404", "302")},
    # A signed link is a capability: whoever holds a fresh one gets its file, with no session at all.
    "files/<str:token>/<str:filename>": {"GET": ALL_OK},
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/changes/": {"GET": READER},
    # The dais inbox: the committee's chairs and the conference's organizers.
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/": {"GET": row("302 login", "404", "404", "200", "404", "200", "404", "200")},
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/<int:question_pk>/answer/": {
        "GET": row("302 login", "405", "405", "405", "405", "405", "405", "405"),
        "POST": row("302 login", "404", "404", "302", "404", "302", "404", "302")},
    # Position papers: the delegate's own; the submissions to the committee's chairs and the organizers.
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/paper/": {
        "GET": row("302 login", "200", "404", "404", "404", "404", "404", "404"),
        "POST": row("302 login", "302", "404", "404", "404", "404", "404", "404")},
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/papers/": {"GET": row("302 login", "404", "404", "200", "404", "200", "404", "200")},
    "c/<slug:conference>/<slug:committee>/guide/<int:pk>/papers/<int:version_pk>/": {
        "GET": row("302 login", "404", "404", "200", "404", "200", "404", "200"),
        "POST": row("302 login", "404", "404", "302", "404", "302", "404", "302")},
    "c/<slug:conference>/organize/papers/": {"GET": ORGANIZER, "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/papers/scores.csv": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/papers/pdf/": {"GET": ORGANIZER, "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/papers/pdf/<int:job_pk>/position-papers.pdf": {"GET": ORGANIZER},
    "media/<path:name>": {"GET": row("404", "200", "404", "200", "404", "200", "404", "200")},
    "c/<slug:conference>/exports/": {"GET": ORGANIZER, "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/exports/<int:pk>/": {"GET": ORGANIZER},
    "c/<slug:conference>/exports/<int:pk>/download.<str:kind>": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/roster/": {"GET": ORGANIZER, "POST": ORGANIZER},
    "c/<slug:conference>/organize/roster/template.csv": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/chairs/": {"GET": ORGANIZER, "POST": ORGANIZER},
    "c/<slug:conference>/organize/chairs/<int:committee_pk>/<int:user_pk>/remove/": {
        "GET": same("405"), "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/organizers/": {"GET": ORGANIZER, "POST": ORGANIZER},
    "c/<slug:conference>/organize/organizers/<int:user_pk>/remove/": {"GET": same("405"), "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/delegations/": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/delegations/plan/": {"GET": ORGANIZER, "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/people/": {"GET": ORGANIZER},
    "c/<slug:conference>/organize/roster/export.csv": {"GET": ORGANIZER},
    # An empty POST is the form again with its errors.
    "c/<slug:conference>/organize/delegates/<int:profile_pk>/seat/": {"GET": ORGANIZER, "POST": ORGANIZER},
    # An invitation link with a bad token says the link no longer works, to anyone.
    "accounts/welcome/<int:invitation>/<uidb64>/<token>/": {"GET": ALL_OK},
    "c/<slug:conference>/organize/delegates/<int:profile_pk>/remove/": {"GET": same("405"), "POST": ORGANIZER_WRITE},
    "c/<slug:conference>/organize/people/<int:user_pk>/invite/": {"GET": same("405"), "POST": ORGANIZER_WRITE},
    # A POST names one of the user's own delegate profiles; without one (or someone else's) it is 404.
    "accounts/profile/": {"GET": LOGGED_IN, "POST": row("302 login", "404", "404", "404", "404", "404", "404", "404")},
    "notes/": {"GET": LOGGED_IN},
    "notes/export.<str:fmt>": {"GET": LOGGED_IN},
    "notes/pdf/": {"GET": LOGGED_IN, "POST": row("302 login", "302", "302", "302", "302", "302", "302", "302")},
    "notes/pdf/<int:job_pk>/my-notes.pdf": {"GET": row("302 login", "200", "404", "404", "404", "404", "404", "404")},
    "c/<slug:conference>/organize/invitations/<int:job_pk>/retry/": {"GET": same("405"), "POST": ORGANIZER_WRITE},
    "api/guides/<int:guide_pk>/annotations/": {
        "GET": row("403", "200", "404", "200", "404", "200", "404", "200"),
        "POST": row("403", "400", "404", "400", "404", "400", "404", "400")},
    "api/annotations/<int:pk>/": {"GET": API_NOT_ALLOWED, "PATCH": API_OWNER, "DELETE": API_OWNER_DELETE},
    "api/guides/<int:guide_pk>/bookmarks/": {
        "GET": API_NOT_ALLOWED, "POST": row("403", "400", "404", "400", "404", "400", "404", "400")},
    "api/bookmarks/<int:pk>/": {"GET": API_NOT_ALLOWED, "DELETE": API_OWNER_DELETE},
    "accounts/login/": {"GET": ALL_OK, "POST": ALL_OK},
    "accounts/logout/": {"GET": same("405"), "POST": same("302")},
    "accounts/password_change/": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "accounts/password_change/done/": {"GET": LOGGED_IN},
    "accounts/password_reset/": {"GET": ALL_OK, "POST": ALL_OK},
    "accounts/password_reset/done/": {"GET": ALL_OK},
    "accounts/reset/<uidb64>/<token>/": {"GET": ALL_OK},
    "accounts/reset/done/": {"GET": ALL_OK},
    # Our scoped replacement for Django's shortcut, and Django's own (shadowed by ours for every real id).
    "admin/r/<int:content_type_id>/<path:object_id>/": {
        "GET": row("302 login", "302 login", "302 login", "302", "404", "302", "404", "302")},
    "admin/r/<path:content_type_id>/<path:object_id>/": {
        "GET": row("302 login", "302 login", "302 login", "302", "404", "302", "404", "302")},
    "admin/": {"GET": STAFF},
    "admin/login/": {"GET": row("200", "200", "200", "302", "302", "302", "302", "302")},
    "admin/logout/": {"GET": row("302", "302", "302", "405", "405", "405", "405", "405"),
                      "POST": row("302", "302", "302", "302", "302", "302", "302", "302")},
    "admin/password_change/": {"GET": STAFF, "POST": STAFF},
    "admin/password_change/done/": {"GET": STAFF},
    "admin/autocomplete/": {"GET": STAFF},
    "admin/jsi18n/": {"GET": STAFF},
    "admin/^(?P<app_label>axes|guides|auth|django_tasks_database)/$": {"GET": STAFF},
    "admin/(?P<url>.*)$": {"GET": row("302 login", "302 login", "302 login", "404", "404", "404", "404", "404")},
    "admin/guides/studyguide/<path:object_id>/pdf/": {"GET": EDITORS_REDIRECT},
    "admin/guides/studyguide/<path:object_id>/editor/": {"GET": EDITORS},
    "admin/guides/studyguide/<path:object_id>/editor/preview/": {"GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/editor/parts/": {"GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/editor/parts/order/": {"GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/editor/parts/<int:pk>/": {"GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/editor/parts/<int:pk>/delete/": {"GET": EDITORS_405, "POST": EDITORS},
    "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/": {"GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/<int:pk>/": {
        "GET": EDITORS_405, "POST": EDITORS_400},
    # (an entry that is not in the guide: refused, for editors too)
    "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/<int:pk>/delete/": {
        "GET": EDITORS_405, "POST": EDITORS_400},
    "admin/guides/studyguide/<path:object_id>/publish/": {"GET": EDITORS, "POST": EDITORS},
    "admin/guides/studyguide/<path:object_id>/revisions/": {"GET": EDITORS},
    # Import: into an existing guide (its editors), as a new guide (anyone who may add one), and the preview of
    # an upload, which only its uploader may open (the matrix's upload belongs to chair_here).
    "admin/guides/studyguide/<path:object_id>/import/": {"GET": EDITORS, "POST": EDITORS},
    "admin/guides/studyguide/import/": {"GET": STAFF, "POST": STAFF},
    "admin/guides/studyguide/import/<str:token>/": {
        "GET": row("302 login", "302 login", "302 login", "200", "404", "404", "404", "404"),
        "POST": row("302 login", "302 login", "302 login", "302", "404", "404", "404", "404")},
    "admin/guides/studyguide/<path:object_id>/revisions/<int:number>/restore/": {
        "GET": EDITORS_REDIRECT, "POST": EDITORS_REDIRECT},
    "admin/auth/user/<id>/password/": {"GET": SUPERUSER_ONLY, "POST": SUPERUSER_ONLY},
    # A real account (chair_here): only the instance operator may open, change or delete it.
    **admin_model("auth/user", SUPERUSER_ONLY, add=SUPERUSER_ONLY, delete_get=SUPERUSER_ONLY,
                  delete_post=row("302 login", "302 login", "302 login", "403", "403", "403", "403", "302"),
                  changelist=SUPERUSER_ONLY),
    **superuser_model("auth/group"),
    **superuser_model("django_tasks_database/dbtaskresult", add=AXES_ADD, read_only=True),
    **superuser_model("axes/accessattempt", add=AXES_ADD),
    **superuser_model("axes/accesslog", add=AXES_ADD),
    **superuser_model("axes/accessfailurelog", add=AXES_ADD),
    # The superuser's delete is refused with a 200 page: delegations of the conference are protected.
    **admin_model("guides/conference", VIEWERS_ORGANIZER_EDITS, change_post=ORGANIZER_EDITS, add=SUPERUSER_ONLY,
                  delete_get=row("302 login", "302 login", "302 login", "403", "404", "403", "404", "200"),
                  delete_post=row("302 login", "302 login", "302 login", "403", "404", "403", "404", "200")),
    **admin_model("guides/committee", VIEWERS_ORGANIZER_EDITS, change_post=ORGANIZER_EDITS, add=ORGANIZERS_ADD),
    **admin_model("guides/topic", EDITORS),
    **admin_model("guides/studyguide", EDITORS),
}


def url_patterns(resolver=None, prefix=""):
    """(route, pattern) for every URL pattern, admin included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_every_url_pattern_has_an_entry():
    routes = [route for route, _ in url_patterns()]
    assert sorted(set(routes) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(routes)) == []


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def here(db):
    """Conference "here" (members only) with a chair, an organizer, a delegate with a note; and "elsewhere"."""
    User = get_user_model()
    people = {"anonymous": None, "superuser": User.objects.create_superuser("root", "root@example.org", "pw")}
    conference = make_conference("here")
    people["chair_here"] = make_user("chair-here")
    committee = make_committee(conference, "GA1", chairs=[people["chair_here"]])
    guide = make_guide(committee, "Topic here", sections=[("Intro", "Text here [@src]")], sources=["src"])
    guide_publish(guide=guide)
    people["organizer_here"] = make_user("organizer-here")
    conference_organizer_add(conference=conference, user=people["organizer_here"])
    people["delegate_here"] = make_delegate("delegate-here", conference, committee, "NG")

    elsewhere = make_conference("elsewhere")
    people["chair_elsewhere"] = make_user("chair-elsewhere")
    other_committee = make_committee(elsewhere, "SC", chairs=[people["chair_elsewhere"]])
    make_guide(other_committee, "Topic elsewhere", sections=[("Intro", "Other text")])
    people["organizer_elsewhere"] = make_user("organizer-elsewhere")
    conference_organizer_add(conference=elsewhere, user=people["organizer_elsewhere"])
    people["delegate_elsewhere"] = make_delegate("delegate-elsewhere", elsewhere, other_committee, "FR")

    section = guide.sections.get()
    annotation = annotation_create(user=people["delegate_here"], guide=guide, section_id=section.pk,
                                   start=0, end=4, exact="Text", note="mine")
    question = annotation_create(user=people["delegate_here"], guide=guide, section_id=section.pk,
                                 start=0, end=4, exact="Text", note="A question?", visibility="dais")
    bookmark = Bookmark.objects.create(user=people["delegate_here"], guide=guide, target="guide",
                                       target_id=guide.pk, label=guide.title)
    figure = Figure.objects.create(guide=guide, image=ContentFile(png_bytes(), name="chart.png"),
                                   caption="A chart", alt_text="Red")
    export = ConferenceExport.objects.create(
        conference=conference, status=ExportStatus.DONE,
        pdf_name=default_storage.save("exports/matrix.pdf", ContentFile(b"%PDF-1.4 test")),
        zip_name=default_storage.save("exports/matrix.zip", ContentFile(b"PK")))
    pending = guide_import_prepare(result=import_document(b"# Introduction\n\nImported text.\n", "g.md"),
                                   committee=committee, guide=guide, topic_title=guide.title, filename="g.md",
                                   by=people["chair_here"])
    delegate = people["delegate_here"]
    notes_pdf = DelegateJob.objects.create(kind="notes_pdf", user=delegate, status="done", total=1,
                                           file_name=default_storage.save("notes/matrix.pdf", ContentFile(b"%PDF-1.4")))
    invitations = DelegateJob.objects.create(
        kind="invitations", user=people["organizer_here"], conference=conference, status="failed", total=1,
        payload={"users": [delegate.pk], "role": "a delegate", "sent": []},
        failures=[{"user": delegate.pk, "email": delegate.email, "error": "the mail server did not answer"}])
    from delegates.papers import paper_submit

    objects = {
        "paper": paper_submit(user=people["delegate_here"], guide=guide, draft="Our position."),
        "papers_pdf": DelegateJob.objects.create(
            kind="papers_pdf", user=people["organizer_here"], conference=conference, status="done", total=1,
            file_name=default_storage.save("papers/matrix.pdf", ContentFile(b"%PDF-1.4"))),
        "import": pending, "notes_pdf": notes_pdf, "invitations": invitations, "question": question,
        "conference": conference, "committee": committee, "guide": guide, "annotation": annotation,
        "bookmark": bookmark, "figure": figure, "export": export,
        "profile": DelegateProfile.objects.get(user=people["delegate_here"]),
    }
    return people, objects


def url_for(route, objects, people):
    """The URL of route with the objects of conference "here" filled in."""
    conference, committee, guide = objects["conference"], objects["committee"], objects["guide"]
    admin_ids = {
        "admin/guides/conference/": conference.pk, "admin/guides/committee/": committee.pk,
        "admin/guides/topic/": guide.topic.pk, "admin/guides/studyguide/": guide.pk,
        "admin/auth/user/": people["chair_here"].pk, "admin/auth/group/": 987654,
    }
    fill = {
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/": lambda: reverse(
            "guide", args=[conference.slug, committee.slug, guide.pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/pdf/": lambda: reverse(
            "guide_pdf", args=[conference.slug, committee.slug, guide.pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/": lambda: reverse(
            "dais_inbox", args=[conference.slug, committee.slug, guide.pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/<int:question_pk>/answer/": lambda: reverse(
            "dais_answer", args=[conference.slug, committee.slug, guide.pk, objects["question"].pk]),
        "c/<slug:conference>/organize/papers/pdf/<int:job_pk>/position-papers.pdf": lambda: reverse(
            "organizer_papers_pdf_download", args=[conference.slug, objects["papers_pdf"].pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/paper/": lambda: reverse(
            "paper_edit", args=[conference.slug, committee.slug, guide.pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/papers/": lambda: reverse(
            "papers_inbox", args=[conference.slug, committee.slug, guide.pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/papers/<int:version_pk>/": lambda: reverse(
            "paper_review", args=[conference.slug, committee.slug, guide.pk, objects["paper"].pk]),
        "c/<slug:conference>/<slug:committee>/guide/<int:pk>/changes/": lambda: reverse(
            "guide_changes", args=[conference.slug, committee.slug, guide.pk]) + "?since=1",
        "admin/guides/studyguide/<path:object_id>/revisions/<int:number>/restore/": lambda: reverse(
            "admin:guides_studyguide_restore", args=[guide.pk, 1]),
        "admin/guides/studyguide/<path:object_id>/import/": lambda: reverse(
            "admin:guides_studyguide_import_into", args=[guide.pk]),
        "admin/guides/studyguide/import/": lambda: reverse("admin:guides_studyguide_import"),
        "admin/guides/studyguide/import/<str:token>/": lambda: reverse(
            "admin:guides_studyguide_import_preview", args=[objects["import"].token]),
        "c/<slug:conference>/<slug:committee>/": lambda: reverse("committee", args=[conference.slug, committee.slug]),
        "c/<slug:conference>/search/": lambda: reverse("conference_search", args=[conference.slug]) + "?q=guide",
        "media/<path:name>": lambda: reverse("media", args=[objects["figure"].image.name]),
        "files/<str:token>/<str:filename>": lambda: signed_file_url(objects["figure"].image.name, "figure.png",
                                                                    "image/png"),
        "c/<slug:conference>/exports/<int:pk>/": lambda: reverse(
            "conference_export", args=[conference.slug, objects["export"].pk]),
        "c/<slug:conference>/exports/<int:pk>/download.<str:kind>": lambda: reverse(
            "conference_export_download", args=[conference.slug, objects["export"].pk, "pdf"]),
        "c/<slug:conference>/organize/chairs/<int:committee_pk>/<int:user_pk>/remove/": lambda: reverse(
            "organizer_chair_remove", args=[conference.slug, committee.pk, people["chair_here"].pk]),
        "c/<slug:conference>/organize/organizers/<int:user_pk>/remove/": lambda: reverse(
            "organizer_organizer_remove", args=[conference.slug, people["organizer_here"].pk]),
        "c/<slug:conference>/organize/delegates/<int:profile_pk>/remove/": lambda: reverse(
            "organizer_delegate_remove", args=[conference.slug, objects["profile"].pk]),
        "c/<slug:conference>/organize/delegates/<int:profile_pk>/seat/": lambda: reverse(
            "organizer_seat_edit", args=[conference.slug, objects["profile"].pk]),
        "accounts/welcome/<int:invitation>/<uidb64>/<token>/": lambda: reverse("welcome", args=[1, "MQ", "bad-token"]),
        "c/<slug:conference>/organize/people/<int:user_pk>/invite/": lambda: reverse(
            "organizer_invitation_resend", args=[conference.slug, people["delegate_here"].pk]),
        "notes/export.<str:fmt>": lambda: reverse("notes_export", args=["md"]),
        "notes/pdf/<int:job_pk>/my-notes.pdf": lambda: reverse("notes_pdf_download", args=[objects["notes_pdf"].pk]),
        "c/<slug:conference>/organize/invitations/<int:job_pk>/retry/": lambda: reverse(
            "organizer_invitations_retry", args=[conference.slug, objects["invitations"].pk]),
        "api/guides/<int:guide_pk>/annotations/": lambda: reverse("api_guide_annotations", args=[guide.pk]),
        "api/annotations/<int:pk>/": lambda: reverse("api_annotation", args=[objects["annotation"].pk]),
        "api/guides/<int:guide_pk>/bookmarks/": lambda: reverse("api_guide_bookmarks", args=[guide.pk]),
        "api/bookmarks/<int:pk>/": lambda: reverse("api_bookmark", args=[objects["bookmark"].pk]),
        "accounts/reset/<uidb64>/<token>/": lambda: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        "admin/r/<int:content_type_id>/<path:object_id>/": lambda: reverse(
            "view_on_site", args=[ContentType.objects.get_for_model(StudyGuide).pk, guide.pk]),
        "admin/r/<path:content_type_id>/<path:object_id>/": lambda: reverse(
            "admin:view_on_site", args=[ContentType.objects.get_for_model(StudyGuide).pk, guide.pk]),
        "admin/autocomplete/": lambda: reverse("admin:autocomplete") + (
            "?app_label=guides&model_name=studyguide&field_name=topic"),
        "admin/^(?P<app_label>axes|guides|auth|django_tasks_database)/$": lambda: reverse(
            "admin:app_list", args=["guides"]),
        "admin/(?P<url>.*)$": lambda: "/admin/no-such-page/",
        "admin/guides/studyguide/<path:object_id>/editor/parts/<int:pk>/": lambda: reverse(
            "admin:guides_studyguide_editor_save", args=[guide.pk, guide.sections.first().pk]),
        "admin/guides/studyguide/<path:object_id>/editor/parts/<int:pk>/delete/": lambda: reverse(
            "admin:guides_studyguide_editor_delete", args=[guide.pk, guide.sections.first().pk]),
        "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/": lambda: reverse(
            "admin:guides_studyguide_editor_entry_add", args=[guide.pk, "sources"]),
        "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/<int:pk>/": lambda: reverse(
            "admin:guides_studyguide_editor_entry_save", args=[guide.pk, "sources", guide.sources.first().pk]),
        "admin/guides/studyguide/<path:object_id>/editor/lists/<slug:kind>/<int:pk>/delete/": lambda: reverse(
            "admin:guides_studyguide_editor_entry_delete", args=[guide.pk, "questions", 987654]),
        "admin/guides/studyguide/<path:object_id>/pdf/": lambda: reverse(
            "admin:guides_studyguide_pdf", args=[guide.pk]),
        "admin/auth/user/<id>/password/": lambda: reverse(
            "admin:auth_user_password_change", args=[people["chair_here"].pk]),
    }
    if route in fill:
        return fill[route]()
    if "<path:object_id>" in route:
        base = route.split("<path:object_id>")[0]
        return "/" + route.replace("<path:object_id>", str(admin_ids.get(base, 987654)))
    if "<slug:conference>" in route:
        return "/" + route.replace("<slug:conference>", conference.slug)
    return "/" + route


def fingerprint():
    """What a refused write must not change."""
    return (
        Conference.objects.count(), Committee.objects.count(), Topic.objects.count(), StudyGuide.objects.count(),
        sorted(Section.objects.values_list("body", flat=True)), DelegateProfile.objects.count(),
        sorted(Annotation.objects.values_list("note", flat=True)), Bookmark.objects.count(),
        sorted(get_user_model().objects.values_list("username", "is_staff", "is_superuser")),
        sorted(Committee.objects.values_list("chairs__username", flat=True), key=str),
        sorted(Conference.objects.values_list("organizers__username", flat=True), key=str),
        ConferenceExport.objects.count(), StudyGuide.objects.values_list("status", flat=True).first(),
    )


def outcome(response):
    if response.streaming:
        # Read to the end: the test client then closes the file (response.close() by hand would also close
        # the test's database connection on PostgreSQL).
        b"".join(response.streaming_content)
    if response.status_code in (301, 302):
        return "302 login" if "/login/" in response["Location"] else "302"
    return str(response.status_code)


def send(client, method, url, route):
    if method == "GET":
        return client.get(url)
    if method in ("PATCH", "DELETE") or route.startswith("api/"):
        return client.generic(method, url, json.dumps({"note": "changed", "label": ""}), content_type="application/json")
    return client.post(url, {"post": "yes"} if route.endswith("/delete/") else {})


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_permission_matrix(client, here, route):
    people, objects = here
    url = url_for(route, objects, people)
    mismatches = []
    for method, expected in EXPECTED[route].items():
        for persona in PERSONAS:
            client.logout()
            if people[persona]:
                client.force_login(people[persona])
            before = fingerprint()
            with transaction.atomic():
                response = send(client, method, url, route)
                got = outcome(response)
                refused = got in ("302 login", "403", "404", "405") or (method != "GET" and got == "400")
                changed = refused and method != "GET" and fingerprint() != before
                transaction.set_rollback(True)
            if got != expected[persona] or changed:
                mismatches.append((method, persona, expected[persona], got, "changed data" if changed else ""))
    assert mismatches == [], f"{route}: {mismatches}"
