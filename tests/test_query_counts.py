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
                "delegate": {"conference": [8, 8], "committee": [6, 6], "home": [3]}}[who]
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
                                                guide.pk]), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in pdf and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
