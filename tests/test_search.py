"""Search across a conference's guides: published text only, only guides the user may read, ranked, marked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guides import search
from guides.models import KeyTerm, Section, TimelineEvent
from guides.services import guide_publish, guide_unpublish
from tests.conftest import edit_guide, make_committee, make_conference, make_delegate, make_guide


def found(user, conference, query):
    return [(hit["guide"].title, hit["title"], str(hit["snippet"])) for hit in search.search(user, conference, query)]


@pytest.fixture
def published(world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: (
        KeyTerm.objects.create(guide=guide, order=1, term="Palermo Protocol", definition="The 2000 protocol on **trafficking**."),
        TimelineEvent.objects.create(guide=guide, order=1, date=datetime.date(2010, 7, 30), precision="day",
                                     description="The Global Plan of Action is adopted."),
    ))
    guide_publish(guide=guide)
    return guide


def test_places_of_the_published_revision_are_found_ranked_with_the_words_marked(published, world):
    delegate = make_delegate("dana", world["conference"], world["committee_a"], "NG")
    assert found(delegate, world["conference"], "palermo") == [
        ("Topic A", "Palermo Protocol", "The 2000 protocol on trafficking."),
    ]
    assert found(delegate, world["conference"], "traffick") == [  # the last word is a prefix: as you type
        ("Topic A", "Palermo Protocol", "The 2000 protocol on <mark>trafficking</mark>."),
    ]
    hits = search.search(delegate, world["conference"], "global plan")
    term = published.timeline_events.get()
    assert [(h["title"], h["url"]) for h in hits] == [
        ("30 July 2010", f"{published.get_absolute_url()}#event-{term.pk}")]
    assert str(hits[0]["snippet"]) == "The <mark>Global</mark> <mark>Plan</mark> of Action is adopted."


def test_only_the_published_revision_is_searched_and_publishing_updates_it(published, world):
    delegate = make_delegate("dana", world["conference"], world["committee_a"], "NG")
    section = published.sections.get()
    edit_guide(published, lambda: Section.objects.filter(pk=section.pk).update(body="Zanzibar is new here."))
    assert found(delegate, world["conference"], "zanzibar") == []  # saved, not published
    assert [hit[1] for hit in found(delegate, world["conference"], "text")] == ["Intro A"]
    guide_publish(guide=published)
    assert [hit[1] for hit in found(delegate, world["conference"], "zanzibar")] == ["Intro A"]
    assert found(delegate, world["conference"], "text") == []  # the old wording is gone
    guide_unpublish(guide=published)
    assert found(delegate, world["conference"], "zanzibar") == []


def test_drafts_unreleased_guides_and_other_conferences_are_never_found(published, world):
    delegate = make_delegate("dana", world["conference"], world["committee_a"], "NG")
    # guide_b is a draft: its chair would read it, a delegate finds nothing of it.
    assert found(delegate, world["conference"], "text") == [("Topic A", "Intro A", "<mark>Text</mark> A")]
    assert [hit[0] for hit in found(world["chair_b"], world["conference"], "text")] == ["Topic A"]
    published.release_at = timezone.now() + datetime.timedelta(days=3)
    published.save(update_fields=["release_at"])
    assert found(delegate, world["conference"], "palermo") == []  # released on Friday: not yet
    assert [hit[1] for hit in found(world["chair_a"], world["conference"], "palermo")] == ["Palermo Protocol"]
    # Another conference's published guide, with the same words, is not found from this one or by its outsiders.
    other = make_conference("other")
    guide = make_guide(make_committee(other, "HRC"), "Elsewhere", sections=[("Palermo", "Palermo again.")])
    guide_publish(guide=guide)
    assert [hit[0] for hit in found(world["chair_a"], world["conference"], "palermo")] == ["Topic A"]
    assert found(delegate, other, "palermo") == []


@pytest.mark.parametrize("query", ['"NEAR(', "palermo*)", "' OR 1=1 --", "a:* & !b", "^palermo", "  "])
def test_query_syntax_is_never_passed_through(published, world, query):
    hits = found(world["chair_a"], world["conference"], query)
    assert hits == ([("Topic A", "Palermo Protocol", "The 2000 protocol on trafficking.")]
                    if "palermo" in query else [])


def test_text_in_snippets_is_escaped(world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body="Use `<script>alert(1)</script>` rarely."))
    guide_publish(guide=guide)
    snippet = str(search.search(world["chair_a"], world["conference"], "alert")[0]["snippet"])
    assert snippet == "Use &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; rarely."


def test_the_search_page_links_to_the_place_and_costs_the_same_for_1_or_8_guides(client, published, world):
    delegate = make_delegate("dana", world["conference"], world["committee_a"], "NG")
    client.force_login(delegate)
    url = reverse("conference_search", args=[world["conference"].slug])
    page = client.get(url, {"q": "palermo"}).content.decode()
    term = published.key_terms.get()
    assert f'<a href="{published.get_absolute_url()}#term-{term.pk}"><strong>Palermo Protocol</strong></a>' in page
    assert "1 place found" in page
    assert "Nothing found for “zzz”" in client.get(url, {"q": "zzz"}).content.decode()

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"q": "text"}).status_code == 200
        return len(queries)

    one = cost()
    for n in range(7):
        guide = make_guide(world["committee_a"], f"Topic {n}", sections=[("Intro", f"Text {n}.")])
        guide_publish(guide=guide)
    cost()  # the first search after publishing indexes nothing more: publishing did
    assert (one, cost()) == (7, 7)
    assert client.get(url, {"q": "text"}).content.decode().count('class="meta">GA1 · Topic') == 8
