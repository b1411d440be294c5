"""Personas and factories shared by the tests; fast, isolated settings."""

import datetime
import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from guides.models import Committee, Conference, Section, Source, StudyGuide, Topic
from guides.services import committee_chair_add, conference_organizer_add, guide_content_save, guide_create

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_isolated_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    # Background jobs are recorded, not run, unless a test asks for the immediate backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def make_user(username, *, first="", last=""):
    return get_user_model().objects.create_user(
        username=username, password="pw", first_name=first, last_name=last, email=f"{username}@example.org"
    )


def make_delegate(username, conference, committee, iso_code):
    """A delegate of conference in committee, for the member state iso_code."""
    from delegates.models import DelegateProfile, Delegation

    user = make_user(username)
    delegation, _ = Delegation.objects.get_or_create(conference=conference, iso_code=iso_code, organisation="")
    DelegateProfile.objects.create(user=user, conference=conference, committee=committee, delegation=delegation)
    return user


def make_conference(slug=None, **fields):
    slug = slug or f"conf-{next(_counter)}"
    defaults = {"name": f"Conference {slug}", "year": 2027, "starts_on": datetime.date(2027, 2, 12),
                "ends_on": datetime.date(2027, 2, 14)}
    return Conference.objects.create(slug=slug, **{**defaults, **fields})


def make_committee(conference, abbreviation, chairs=()):
    committee = Committee.objects.create(
        conference=conference, name=f"Committee {abbreviation}", abbreviation=abbreviation, slug=abbreviation.lower()
    )
    for chair in chairs:
        committee_chair_add(committee=committee, user=chair)
    return committee


def make_guide(committee, title="Topic", sections=(), sources=()):
    """A draft guide written through the one writer (guides.services.guide_content_save): revision 2 holds
    the sections and sources (revision 1 is the empty guide)."""
    topic = Topic.objects.create(committee=committee, title=title, order=Topic.objects.count() + 1)
    guide = guide_create(topic=topic, by=None)

    def write():
        for key in sources:
            Source.objects.create(guide=guide, key=key, title=f"Title of {key}", publisher="Publisher")
        for order, (heading, body) in enumerate(sections, start=1):
            Section.objects.create(guide=guide, order=order, heading=heading, body=body)

    guide_content_save(guide=guide, by=None, changes=write)
    return guide


def edit_guide(guide, changes, by=None):
    """Changes a guide's working copy through the one writer; returns the new revision (or None)."""
    return guide_content_save(guide=guide, by=by, changes=changes)


@pytest.fixture
def organizer(db):
    """Organizer of the `world` conference (and of nothing else)."""
    return make_user("olivia", first="Olivia", last="Organizer")


@pytest.fixture
def world(db, organizer):
    """One conference, committees A and B, each with its chair and a guide."""
    chair_a = make_user("chair-a", first="Ada", last="Chair")
    chair_b = make_user("chair-b", first="Bo", last="Chair")
    conference = make_conference("demo")
    conference_organizer_add(conference=conference, user=organizer)
    committee_a = make_committee(conference, "GA1", chairs=[chair_a])
    committee_b = make_committee(conference, "GA2", chairs=[chair_b])
    guide_a = make_guide(committee_a, "Topic A", sections=[("Intro A", "Text A [@src-a]")], sources=["src-a"])
    guide_b = make_guide(committee_b, "Topic B", sections=[("Intro B", "Text B [@src-b]")], sources=["src-b"])
    return {
        "organizer": organizer, "chair_a": chair_a, "chair_b": chair_b, "conference": conference,
        "committee_a": committee_a, "committee_b": committee_b, "guide_a": guide_a, "guide_b": guide_b,
    }


@pytest.fixture
def server_url(transactional_db, settings):
    from tests.browser import live_server_thread

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    with live_server_thread() as url:
        yield url


@pytest.fixture
def demo_guides(settings):
    """The demo conferences as `make run` loads them (accounts with their known password), by committee slug."""
    settings.DEBUG = True  # demo accounts get their known password only in debug
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    return {g.topic.committee.slug: g for g in StudyGuide.objects.select_related("topic__committee__conference")}
