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
            assert f'data-guide="{guide.pk}"' in response.content.decode()
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


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("published", [True, False])
def test_the_readers_one_query_rule_is_guides_visible_to(world, people, public, published):
    """reader_facts (the reader's one compiled query) and guides_visible_to (the queryset every list uses) answer
    the same for every persona; editor is rules.may_edit_guide."""
    from django.contrib.auth.models import AnonymousUser

    from guides import queries, rules

    conference = world["conference"]
    conference.guides_public = public
    conference.save()
    guides = [world["guide_a"], world["guide_b"]]
    if published:
        for guide in guides:
            guide_publish(guide=guide)
    for persona, user in people.items():
        user = user or AnonymousUser()
        for guide in guides:
            guide.refresh_from_db()
            committee = guide.topic.committee
            facts = queries.reader_facts(user, conference.slug, committee.slug, guide.pk)
            expected = queries.guides_visible_to(user).filter(pk=guide.pk).exists()
            assert facts.visible is expected, (persona, guide)
            assert facts.editor is (user.is_authenticated and rules.may_edit_guide(user, guide)), (persona, guide)
    assert queries.reader_facts(people["organizer"], conference.slug, "no-such-committee", guides[0].pk) is None


def test_a_compiled_query_refuses_an_argument_that_does_not_reach_it_as_given(db):
    from guides.models import Conference
    from guides.queries import compiled_once

    make_conference("exact-slug")
    assert compiled_once("test-exact", lambda slug: Conference.objects.filter(slug=slug).values_list("slug"),
                         "exact-slug") == [("exact-slug",)]
    assert compiled_once("test-exact", lambda slug: Conference.objects.filter(slug=slug).values_list("slug"),
                         "other") == []
    with pytest.raises(ValueError, match="does not reach the query"):
        compiled_once("test-icontains", lambda slug: Conference.objects.filter(slug__icontains=slug), "exact")


def test_the_shared_page_is_filled_with_each_readers_own_name_token_and_asides(world):
    """Two delegates and a visitor read the same published revision: after the first, each request is three
    queries (session, user, the reader's one query), and nobody's page carries anyone else's name or token."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    conference = world["conference"]
    conference.guides_public = True
    conference.save()
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body="Nigeria and France disagree [@src-a]."))
    guide_publish(guide=guide)
    nigeria = make_delegate("ngozi", conference, world["committee_a"], "NG")
    nigeria.first_name, nigeria.last_name = "Ngozi", "<Adé>"
    nigeria.save()
    france = make_delegate("francois", conference, world["committee_a"], "FR")
    pages = {}
    for name, user in (("nigeria", nigeria), ("france", france), ("visitor", None)):
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        client.get(guide.get_absolute_url())  # the first read: marks it read, keeps the page
        with CaptureQueriesContext(connection) as captured:
            response = client.get(guide.get_absolute_url())
        assert len(captured) == (3 if user else 1), name  # a visitor has no session to load
        pages[name] = (client, response.content.decode())
    nigeria_page, france_page, visitor_page = (pages[n][1] for n in ("nigeria", "france", "visitor"))
    assert "Ngozi &lt;Adé&gt;" in nigeria_page and "Ngozi" not in france_page + visitor_page
    assert f'data-user="{nigeria.pk}"' in nigeria_page and f'data-user="{france.pk}"' in france_page
    assert "(Nigeria)" in nigeria_page and "(France)" in france_page and "mentioned here" not in visitor_page
    assert "mlmun-slot" not in nigeria_page + france_page + visitor_page
    assert f"/accounts/login/?next=/c/{conference.slug}/" in visitor_page and "Log out" not in visitor_page
    # The token in each page is that reader's: logging out with it works (CSRF checks on).
    client, page = pages["france"]
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get(reverse("my_notes")).status_code == 302  # logged out


def test_the_shared_page_changes_with_the_chairs_who_sign_the_letter_and_a_new_publication(client, world):
    from guides.models import CommitteeChair

    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.create(guide=guide, kind="letter", heading="Letter", body="Welcome.",
                                                      order=0))
    guide_publish(guide=guide)
    delegate = make_delegate("reader-l", world["conference"], world["committee_a"], "NG")
    client.force_login(delegate)
    assert "Ada Chair" in client.get(guide.get_absolute_url()).content.decode()
    chair = CommitteeChair.objects.get(committee=world["committee_a"])
    chair.role = "President"
    chair.save()
    assert "President" in client.get(guide.get_absolute_url()).content.decode()
    chair.user.first_name = "Adaeze"
    chair.user.save()
    assert "Adaeze Chair" in client.get(guide.get_absolute_url()).content.decode()
    edit_guide(guide, lambda: Section.objects.filter(guide=guide, kind="letter").update(body="Welcome, delegates."))
    guide_publish(guide=guide, note="Dates corrected.")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "Dates corrected." in page and "Welcome, delegates." in page


def test_the_shared_page_is_gzipped_from_pieces_deflated_once_and_reads_back_whole(client, world):
    """The fixed pieces are deflated once per process, the reader's own slots per request: the gzip stream
    decompresses (Python's gzip and zlib, as browsers do) to exactly the page served uncompressed."""
    import gzip
    import re
    import zlib

    conference = world["conference"]
    conference.guides_public = True
    conference.save()
    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.filter(guide=guide).update(body="Nigeria imports water [@src-a]."))
    guide_publish(guide=guide)
    reader = make_delegate("gzip-reader", conference, world["committee_a"], "NG")
    reader.first_name = "Zoë <b>"
    reader.save()
    client.force_login(reader)
    url = guide.get_absolute_url()
    client.get(url)
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert (packed["Content-Encoding"], "Content-Encoding" in plain) == ("gzip", False)
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked anew for every response
    unpacked = gzip.decompress(packed.content).decode()
    assert token.sub("", unpacked) == token.sub("", plain.content.decode())
    assert "Zoë &lt;b&gt;" in unpacked and "(Nigeria)" in unpacked
    assert zlib.decompress(packed.content, 16 + zlib.MAX_WBITS).decode() == unpacked
    assert len(packed.content) < len(plain.content) / 2


def test_the_shared_pages_csrf_token_is_masked_anew_for_every_response_and_accepted(world):
    """The reader's shared page masks the CSRF cookie's secret with a new mask for every response (as Django's
    get_token does); Django unmasks it back to the secret and accepts it; a token changed by one character is
    refused."""
    import re

    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    conference = world["conference"]
    conference.guides_public = True
    conference.save()
    guide = world["guide_a"]
    guide_publish(guide=guide)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_delegate("csrf-reader", conference, world["committee_a"], "NG"))
    url = guide.get_absolute_url()
    client.get(url)  # read once: from now on the shared page
    field = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    tokens = [field.search(client.get(url).content.decode()).group(1) for _ in range(3)]
    secret = client.cookies["csrftoken"].value
    assert len(set(tokens)) == 3 and {len(t) for t in tokens} == {64}
    assert [_unmask_cipher_token(t) for t in tokens] == [secret] * 3
    forged = tokens[0][:40] + ("a" if tokens[0][40] != "a" else "b") + tokens[0][41:]
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": forged}).status_code == 403
    assert client.get(reverse("home")).context["user"].is_authenticated
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[2]})
    assert (response.status_code, "_auth_user_id" in client.session) == (302, False)


def test_a_readers_slot_longer_than_one_stored_block_or_empty_reads_back_whole():
    """A reader's own slots go into the gzip stream as stored blocks of at most 65,535 bytes: one of 80,000 bytes
    takes two, an empty one none, and the stream still reads back to the page served uncompressed."""
    import gzip

    from guides.views import _SLOTS, _SharedPage

    page = _SharedPage(f"<p>{_SLOTS['personal']}</p><i>{_SLOTS['user']}</i>{_SLOTS['csrf']}")
    values = {"personal": "é" * 40_000, "user": "", "name": "", "csrf": "token", "next": ""}
    assert gzip.decompress(page.gzipped(values)) == page.plain(values) == ("<p>" + "é" * 40_000 + "</p><i></i>token").encode()


def test_a_compiled_query_is_prepared_once_per_postgresql_connection(world):
    """On PostgreSQL the reader's query is planned once per connection (PREPARE), not on every request; its
    parameters are typed, so the Reach's tags come back as numbers. SQLite runs the compiled text."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from guides import queries

    guide = world["guide_a"]
    guide_publish(guide=guide)
    for _ in range(2):
        facts = queries.reader_facts(AnonymousUser(), world["conference"].slug, world["committee_a"].slug, guide.pk)
        assert (facts.pk, facts.visible, facts.editor) == (guide.pk, False, False)
    organizer = type(world["organizer"]).objects.get(pk=world["organizer"].pk)
    assert queries.reach(organizer).organized == {world["conference"].pk}
    statement = next(v[3] for k, v in queries._COMPILED.items() if k[:2] == ("reader-facts", connection.vendor))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pg_prepared_statements")
            names = {name.rsplit("_", 1)[0] for (name,) in cursor.fetchall()}
        assert {"mlmun_reach", "mlmun_reader_facts"} <= names and statement[0].startswith("mlmun_reader_facts_")
    else:  # SQLite: the text with named parameters, one name per parameter of the compiled text
        sql, params = next(v[:2] for k, v in queries._COMPILED.items() if k[:2] == ("reader-facts", "sqlite"))
        assert (statement[0], "%s" in statement[1], len(statement[2]), sql.count("%s")) == (
            None, False, len(params), len(params))
