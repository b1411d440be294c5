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
                "delegate": {"conference": [8, 8], "committee": [7, 7], "home": [3]}}[who]
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
    pages = ["organizer_dashboard", "organizer_roster", "organizer_chairs", "organizer_organizers", "organizer_matrix"]
    counts = {}
    for conference, boss in ((small, small_boss), (large, large_boss)):
        client.force_login(boss)
        for page in pages:
            counts.setdefault(page, []).append(count(client, reverse(page, args=[conference.slug])))
    assert counts == {page: [n, n] for page, n in EXPECTED_ORGANIZER.items()}


EXPECTED_ORGANIZER = {
    "organizer_dashboard": 11, "organizer_roster": 5, "organizer_chairs": 7, "organizer_organizers": 5,
    "organizer_matrix": 7,
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
