"""Who sees which guide (one rule, 404 otherwise), what the reader shows, and that it stays fast."""

import pytest
from django.core import mail
from django.urls import reverse

from guides.models import KeyTerm, Section, Source, Stakeholder
from guides.services import guide_publish
from tests.conftest import edit_guide, make_committee, make_conference, make_delegate, make_guide

PERSONAS = ["anonymous", "delegate_here", "delegate_elsewhere", "chair_here", "chair_other_committee", "organizer"]

# (public conference?, published?) -> personas who see the guide; everyone else gets a 404.
EXPECTED = {
    (False, True): {"delegate_here", "chair_here", "chair_other_committee", "organizer"},
    (False, False): {"chair_here", "organizer"},
    (True, True): set(PERSONAS),
    (True, False): {"chair_here", "organizer"},
}


@pytest.fixture
def people(world):
    elsewhere = make_conference("elsewhere")
    other_committee = make_committee(elsewhere, "SC")
    return {
        "anonymous": None,
        "delegate_here": make_delegate("d-here", world["conference"], world["committee_b"], "NG"),
        "delegate_elsewhere": make_delegate("d-else", elsewhere, other_committee, "FR"),
        "chair_here": world["chair_a"],
        "chair_other_committee": world["chair_b"],
        "organizer": world["organizer"],
    }


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("published", [True, False])
def test_permission_matrix_for_the_reader(client, world, people, public, published):
    conference = world["conference"]
    conference.guides_public = public
    conference.save()
    guide = world["guide_a"]
    if published:
        guide_publish(guide=guide)
    seen = set()
    for persona, user in people.items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(guide.get_absolute_url())
        # Logged out: the guide or the login page; logged in: the guide or 404.
        assert response.status_code in ((200, 404) if user else (200, 302)), persona
        if response.status_code == 200:
            assert response.context["guide"] == guide
            assert ("delegates cannot see this guide yet" in response.content.decode()) is (not published)
            seen.add(persona)
    assert seen == EXPECTED[(public, published)]


def test_guide_url_with_wrong_committee_is_404_even_for_organizer(client, world):
    client.force_login(world["organizer"])
    url = reverse("guide", args=["demo", "ga2", world["guide_a"].pk])
    assert client.get(url).status_code == 404


def test_members_only_conference_landing_page_invites_anonymous_to_log_in(client, world):
    guide_publish(guide=world["guide_a"])
    page = client.get(reverse("conference", args=["demo"])).content.decode()
    assert "Study guides of this conference are for its members." in page
    assert world["guide_a"].get_absolute_url() not in page


def build_guide(committee, size):
    guide = make_guide(committee, f"Guide of size {size}")

    def write():
        for n in range(size):
            Source.objects.create(guide=guide, key=f"s{n}", title=f"Source {n}")
            Section.objects.create(guide=guide, order=n, heading=f"Section {n}", body=f"Text about Nigeria [@s{n}]. Term{n} here.")
            KeyTerm.objects.create(guide=guide, term=f"Term{n}", definition="d")
            Stakeholder.objects.create(guide=guide, name=f"Party {n}", kind="ngo")

    edit_guide(guide, write)
    guide_publish(guide=guide)
    return guide


def test_reader_runs_the_same_number_of_queries_for_small_and_large_guides(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = build_guide(world["committee_a"], 2)
    large = build_guide(world["committee_a"], 40)
    client.force_login(make_delegate("reader", world["conference"], world["committee_a"], "NG"))
    counts = {}
    for name, guide in (("small", small), ("large", large)):
        for phase in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(guide.get_absolute_url())
            assert response.status_code == 200
            counts[(name, phase)] = len(queries)
    assert counts[("small", "cold")] == counts[("large", "cold")]
    assert counts[("small", "warm")] == counts[("large", "warm")]
    assert counts[("large", "warm")] < counts[("large", "cold")]


def test_reader_says_where_the_delegation_is_mentioned(client, world):
    guide = world["guide_a"]
    made = {}
    edit_guide(guide, lambda: made.update(
        section=Section.objects.create(guide=guide, order=2, heading="Source countries", body="Nigeria is a source country."),
        party=Stakeholder.objects.create(guide=guide, name="Nigeria", kind="member_state", iso_code="NG")))
    party = made["party"]
    guide_publish(guide=guide)
    client.force_login(make_delegate("d-ng", world["conference"], world["committee_a"], "NG"))
    response = client.get(guide.get_absolute_url())
    mentions = response.context["mentions"]
    assert mentions["name"] == "Nigeria"
    assert [p["pk"] for p in mentions["parties"]] == [party.pk]
    assert [s.heading for s in mentions["sections"]] == ["Source countries"]
    assert "Your delegation is mentioned here" in response.content.decode()


def test_mentions_count_short_forms_and_adjectives_but_not_the_word_us(client, world):
    guide = world["guide_a"]
    bodies = {
        "Short form": "The US ranks countries every year.",
        "Dotted": "Ranked by the U.S. State Department.",
        "Adjective": "American prosecutors use the TVPA.",
        "Official name": "The United States of America signed in 2005.",
        "Pronoun": "Let us begin; tell us what you think.",
        "Another country": "The UK and Britain's ministers met.",
    }
    edit_guide(guide, lambda: [Section.objects.create(guide=guide, order=order, heading=heading, body=body)
                               for order, (heading, body) in enumerate(bodies.items(), start=2)])
    guide_publish(guide=guide)
    client.force_login(make_delegate("d-us", world["conference"], world["committee_a"], "US"))
    mentions = client.get(guide.get_absolute_url()).context["mentions"]
    assert [s.heading for s in mentions["sections"]] == ["Short form", "Dotted", "Adjective", "Official name"]
    client.force_login(make_delegate("d-gb", world["conference"], world["committee_a"], "GB"))
    mentions = client.get(guide.get_absolute_url()).context["mentions"]
    assert [s.heading for s in mentions["sections"]] == ["Another country"]


def test_reader_is_inert_against_script_and_raw_html(client, world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(
        body='<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <b onclick="y()">b</b>'
    ))
    guide_publish(guide=guide)
    client.force_login(world["organizer"])
    response = client.get(guide.get_absolute_url())
    assert response.context["rendered"].sections[0].html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; [x](javascript:alert(3)) "
        "&lt;b onclick=\"y()\"&gt;b&lt;/b&gt;</p>\n"
    )
    page = response.content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page


def test_password_reset_sends_a_working_link(client, world):
    user = world["chair_a"]
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/reset/"):]
    response = client.get(path, follow=True)
    response = client.post(response.redirect_chain[-1][0], {"new_password1": "a-new-Passw0rd!", "new_password2": "a-new-Passw0rd!"})
    user.refresh_from_db()
    assert user.check_password("a-new-Passw0rd!")
    # The link works once.
    again = client.get(path, follow=True).content.decode()
    assert "This link has expired or was already used." in again


def test_profile_shows_the_delegation(client, world):
    client.force_login(make_delegate("d-prof", world["conference"], world["committee_b"], "BR"))
    page = client.get(reverse("profile")).content.decode()
    assert "representing <strong>Brazil</strong>" in page


def test_major_parties_are_grouped_by_kind(client, world):
    guide = world["guide_a"]
    def write():
        for order, (name, kind, iso) in enumerate([("ILO", "un_body", ""), ("Nigeria", "member_state", "NG"),
                                                    ("A21", "ngo", ""), ("Mexico", "member_state", "MX")]):
            Stakeholder.objects.create(guide=guide, order=order, name=name, kind=kind, iso_code=iso)

    edit_guide(guide, write)
    client.force_login(world["organizer"])
    response = client.get(guide.get_absolute_url())
    assert [(p["kind_group"], p["name"]) for p in response.context["rendered"].stakeholders] == [
        ("Member states", "Nigeria"), ("Member states", "Mexico"), ("UN bodies", "ILO"),
        ("Non-governmental organisations", "A21"),
    ]
    assert "<h3>Member states</h3>" in response.content.decode()


def test_a_grouped_party_is_one_card_for_each_of_its_member_states(client, db):
    from django.core.exceptions import ValidationError

    from guides.models import Stakeholder
    from guides.services import guide_publish
    from tests.conftest import edit_guide, make_committee, make_conference, make_delegate, make_guide

    conference = make_conference("grouped")
    committee = make_committee(conference, "HRC")
    guide = make_guide(committee, "Topic", sections=[("Introduction", "Text.")])
    party = Stakeholder(guide=guide, order=1, name="Thailand & Philippines", kind="member_state", iso_code="th & ph")
    party.full_clean()
    assert (party.iso_code, party.codes, party.flag) == ("TH,PH", ["TH", "PH"], "🇹🇭 🇵🇭")
    with pytest.raises(ValidationError, match="“XX” is not an ISO 3166 country code."):
        Stakeholder(guide=guide, name="Nowhere", kind="member_state", iso_code="TH, XX").full_clean()
    edit_guide(guide, party.save)
    guide_publish(guide=guide)
    for code in ("TH", "PH"):
        client.force_login(make_delegate(f"delegate-{code}", conference, committee, code))
        page = client.get(guide.get_absolute_url())
        assert [p["name"] for p in page.context["mentions"]["parties"]] == ["Thailand & Philippines"]
