"""Every listing page's query count is pinned and does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guides.services import guide_publish
from tests.conftest import make_committee, make_conference, make_delegate, make_guide, make_user


def conference_with(committees):
    conference = make_conference(f"c{committees}", guides_public=True)
    for n in range(committees):
        committee = make_committee(conference, f"GA{n}", chairs=[make_user(f"chair-{committees}-{n}")])
        for topic in range(2):
            guide = make_guide(committee, f"Topic {n}.{topic}", sections=[("Introduction", "Text.")])
            guide_publish(guide=guide)
    return conference


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "delegate"])
def test_the_conference_and_committee_pages_cost_the_same_for_1_or_8_committees(client, db, who):
    small, large = conference_with(1), conference_with(8)
    if who == "delegate":
        client.force_login(make_delegate("dana", large, large.committees.first(), "NG"))
    counts = {
        "conference": [count(client, reverse("conference", args=[c.slug])) for c in (small, large)],
        "committee": [count(client, reverse("committee", args=[c.slug, c.committees.first().slug]))
                      for c in (small, large)],
        "home": [count(client, reverse("home"))],
    }
    expected = {"anonymous": {"conference": [5, 5], "committee": [4, 4], "home": [1]},
                "delegate": {"conference": [8, 8], "committee": [7, 7], "home": [HOME["delegate"]]}}[who]
    assert counts == expected


def test_a_revisions_article_is_rendered_once_per_process_and_pages_are_gzipped(client, db):
    import gzip

    from guides.models import StudyGuide
    from guides.views import _articles

    conference_with(1)
    guide = StudyGuide.objects.first()
    _articles.clear()
    first = client.get(guide.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    second = client.get(guide.get_absolute_url())
    assert "guides/_article_body.html" in [t.name for t in first.templates]
    assert "guides/_article_body.html" not in [t.name for t in second.templates]
    assert first["Content-Encoding"] == "gzip" and "Content-Encoding" not in second
    assert gzip.decompress(first.content).decode() == second.content.decode()
    pdf = client.get(reverse("guide_pdf", args=[guide.topic.committee.conference.slug, guide.topic.committee.slug,
                                                guide.pk]), HTTP_ACCEPT_ENCODING="gzip", follow=True)
    assert "Content-Encoding" not in pdf and b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def populated(slug, committees, delegates_each):
    """A conference with committees, their guides, chairs, and delegates who each hold notes."""
    from delegates.services import annotation_create
    from guides.services import conference_organizer_add

    conference = conference_with_slug(slug, committees)
    boss = make_user(f"boss-{slug}")
    conference_organizer_add(conference=conference, user=boss)
    for committee in conference.committees.all():
        guide = committee.topics.first().guide
        for n in range(delegates_each):
            user = make_delegate(f"d-{slug}-{committee.pk}-{n}", conference, committee, ["NG", "FR", "BR", "JP"][n % 4])
            annotation_create(user=user, guide=guide, section_id=guide.sections.first().pk, start=0, end=4,
                              exact="Text", note=f"Note {n}")
    return conference, boss


def conference_with_slug(slug, committees):
    conference = make_conference(slug, guides_public=True)
    for n in range(committees):
        committee = make_committee(conference, f"GA{n}", chairs=[make_user(f"chair-{slug}-{n}")])
        guide = make_guide(committee, f"Topic {n}", sections=[("Introduction", "Text.")])
        guide_publish(guide=guide)
    return conference


def test_organizer_pages_cost_the_same_for_a_small_and_a_large_conference(client, db):
    small, small_boss = populated("small", 1, 1)
    large, large_boss = populated("large", 8, 5)
    pages = list(EXPECTED_ORGANIZER)
    counts = {}
    for conference, boss in ((small, small_boss), (large, large_boss)):
        client.force_login(boss)
        for page in pages:
            counts.setdefault(page, []).append(count(client, reverse(page, args=[conference.slug])))
    assert counts == {page: [n, n] for page, n in EXPECTED_ORGANIZER.items()}


EXPECTED_ORGANIZER = {
    "organizer_dashboard": 13, "organizer_roster": 5, "organizer_chairs": 7, "organizer_organizers": 5,
    "organizer_matrix": 8, "organizer_people": 7, "organizer_seat_plan": 8, "organizer_roster_export": 5,
}


def test_my_notes_and_the_profile_cost_the_same_with_1_or_40_notes(client, db):
    from delegates.services import annotation_create

    conference = conference_with_slug("notes", 1)
    committee = conference.committees.first()
    guide = committee.topics.first().guide
    few, many = (make_delegate(name, conference, committee, "NG") for name in ("few", "many"))
    for user, n in ((few, 1), (many, 40)):
        for i in range(n):
            annotation_create(user=user, guide=guide, section_id=guide.sections.first().pk, start=0, end=4,
                              exact="Text", note=f"Note {i}")
    counts = {}
    for user in (few, many):
        client.force_login(user)
        for page in ("my_notes", "profile"):
            counts.setdefault(page, []).append(count(client, reverse(page)))
    assert counts == {"my_notes": [5, 5], "profile": [5, 5]}


HOME = {"delegate": 13, "chair": 11, "organizer": 14}  # a delegate's and a chair's papers: one query each


def test_each_roles_home_costs_the_same_whatever_the_number_of_guides_notes_committees_and_people(client, db):
    from delegates.services import annotation_create, bookmark_add
    from guides.models import Committee

    counts = {}
    # Delegates: one seat, one guide read, one note; or seats in two conferences with many guides, notes, bookmarks.
    small, large, other = (conference_with_slug("h-small", 1), conference_with_slug("h-large", 8),
                           conference_with_slug("h-other", 3))
    few = make_delegate("few", small, small.committees.first(), "NG")
    many = make_delegate("many", large, large.committees.first(), "FR")
    from delegates.models import DelegateProfile, Delegation

    DelegateProfile.objects.create(user=many, conference=other, committee=other.committees.last(),
                                   delegation=Delegation.objects.create(conference=other, iso_code="FR"))
    for user, conference, n in ((few, small, 1), (many, large, 30)):
        guide = conference.committees.first().topics.first().guide
        for i in range(n):
            annotation_create(user=user, guide=guide, section_id=guide.sections.first().pk, start=0, end=4,
                              exact="Text", note=f"Note {i}")
        bookmark_add(user=user, guide=guide, target="guide", target_id=guide.pk)
    # Chairs of one committee, or of eight committees in two conferences (with co-chairs' edits).
    lone, busy = make_user("lone-chair"), make_user("busy-chair")
    small.committees.first().chairs.add(lone)
    for committee in Committee.objects.filter(conference__in=[large, other]):
        committee.chairs.add(busy)
    # Organizers of a small and of a large, populated conference.
    _, small_boss = populated("h-orgs", 1, 1)
    _, large_boss = populated("h-orgl", 8, 5)
    for role, people in (("delegate", (few, many)), ("chair", (lone, busy)), ("organizer", (small_boss, large_boss))):
        for person in people:
            client.force_login(person)
            counts.setdefault(role, []).append(count(client, reverse("home")))
    assert counts == {role: [n, n] for role, n in HOME.items()}
