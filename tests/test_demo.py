"""load_demo builds the five seed guides as structured content, and running it twice duplicates nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from delegates.models import DelegateProfile
from guides import revisions
from guides.models import (
    Committee,
    Conference,
    GuidePublication,
    GuideRevision,
    KeyTerm,
    Section,
    Source,
    StudyGuide,
)

# Counted by hand from ../shared/seeds (see the issue note for how each was counted):
# (key terms, timeline events, major parties, sources, questions)
EXPECTED = {
    # 000 AMLMUN 2020: 10 defined terms; 14 timeline rows (2015 holds two events); Russia, China, Belarus, USA,
    # OSCE, A21, ECPAT-USA; 20 footnotes + 6 documents under "Relevant UN Treaties" (listed, not cited) + the 2018
    # TIP Report named as the source of Faith's story; no questions.
    "specon": (10, 14, 7, 27, 0),
    # 001 DPSH MUN 2022: no glossary, timeline or parties section; 6 references; 6 questions a resolution must answer.
    "unodc": (0, 0, 0, 6, 6),
    # 002 CCPCJ: 6 key terms; 12 timeline rows; UNODC, ICAT, UN.GIFT, ILO; 20 bibliography entries (the 9
    # appendices are appendix parts, each naming its document and address).
    "ccpcj": (6, 12, 4, 20, 0),
    # 003 GA3: 14 key terms; 5 timeline entries; 5 stakeholder cards, of which "Thailand & Philippines" and
    # "Nigeria & India" each group two member states; 3 further readings.
    "ga3": (14, 5, 5, 3, 0),
    # 004: no terms, timeline, parties or sources; 5 research questions.
    "hrc": (0, 0, 0, 0, 5),
}


def counts(guide):
    return (guide.key_terms.count(), guide.timeline_events.count(), guide.stakeholders.count(),
            guide.sources.count(), guide.questions.count())


@pytest.mark.django_db
def test_load_demo_creates_five_published_guides_matching_the_seeds(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    guides = StudyGuide.objects.select_related("topic__committee")
    assert {g.topic.committee.slug: counts(g) for g in guides} == EXPECTED
    assert {g.status for g in guides} == {"published"}
    assert [revisions.rendered(g.published_revision).uncited for g in guides] == [[], [], [], [], []]
    # Each demo guide is one published revision after the empty first one; delegates read it.
    assert {(g.revision, g.published_revision.number, g.publications.count()) for g in guides} == {(2, 2, 1)}
    output = capsys.readouterr().out
    assert "password 'mlmun-demo-2027'" in output
    assert get_user_model().objects.get(username="delegate.nigeria").check_password("mlmun-demo-2027")


@pytest.mark.django_db
def test_load_demo_twice_duplicates_nothing_and_keeps_revisions(settings):
    settings.DEBUG = True
    call_command("load_demo")
    before = (Conference.objects.count(), Committee.objects.count(), Section.objects.count(), Source.objects.count(),
              KeyTerm.objects.count(), get_user_model().objects.count(), DelegateProfile.objects.count())
    numbers = sorted(StudyGuide.objects.values_list("revision", flat=True))
    stored = GuideRevision.objects.count()
    call_command("load_demo")
    after = (Conference.objects.count(), Committee.objects.count(), Section.objects.count(), Source.objects.count(),
             KeyTerm.objects.count(), get_user_model().objects.count(), DelegateProfile.objects.count())
    assert after == before
    assert sorted(StudyGuide.objects.values_list("revision", flat=True)) == numbers
    assert (GuideRevision.objects.count(), GuidePublication.objects.count()) == (stored, 5)


@pytest.mark.django_db
def test_load_demo_without_debug_prints_no_password_and_sets_none(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "mlmun-demo-2027" not in output
    assert get_user_model().objects.get(username="organizer").has_usable_password() is False


@pytest.mark.django_db
def test_demo_roles_chairs_chair_their_committee_and_delegates_have_delegations(settings):
    settings.DEBUG = True
    call_command("load_demo")
    ga3 = Committee.objects.get(slug="ga3")
    assert sorted(ga3.chairs.values_list("username", flat=True)) == ["fantasia.pinas", "zara.heydarova"]
    profile = DelegateProfile.objects.get(user__username="delegate.nigeria")
    assert (profile.committee.slug, profile.delegation.iso_code, profile.delegation.name) == ("ga3", "NG", "Nigeria")


@pytest.mark.django_db
def test_demo_follows_its_seeds_citations_part_order_and_figures(settings):
    """Only SPECON's seed cites in its text (numbered footnotes); the others list sources or none at all."""
    settings.DEBUG = True
    call_command("load_demo")
    guides = {g.topic.committee.slug: g for g in StudyGuide.objects.select_related("topic__committee")}
    rendered = {slug: revisions.rendered(g.published_revision) for slug, g in guides.items()}
    assert {slug: (len(r.footnotes), len(r.further_reading)) for slug, r in rendered.items()} == {
        "specon": (21, 6), "unodc": (0, 6), "ccpcj": (0, 20), "ga3": (0, 3), "hrc": (0, 0),
    }
    # Faith's story: cited to the CTED report, told from the 2018 TIP Report with its page.
    faith = [note["mla"] for note in rendered["specon"].footnotes if note["key"] in ("cted-nexus", "tip-report-2018")]
    assert [("Nexus" in mla, "Trafficking in Persons Report" in mla and mla.endswith("p. 8.")) for mla in faith] == [
        (True, False), (False, True)]
    # The seeds' part order, sub-headings included.
    assert [(s.kind, s.heading, [h["title"] for h in s.subheadings]) for s in rendered["ga3"].sections] == [
        ("introduction", "Introduction", []),
        ("key_terms", "Definition of key terms", []),
        ("background", "General overview", ["Background and causes", "Current global efforts", "Images and graphs"]),
        ("timeline", "Timeline of key events", []),
        ("major_parties", "Stakeholders", []),
        ("possible_solutions", "Possible solutions", [
            "Strengthening international legal frameworks", "Enhancing law enforcement and border control",
            "Improving victim support and protection", "Using technology against cyber trafficking",
            "Community engagement and public awareness", "Strengthening community support",
            "Monitoring supply chains"]),
    ]
    assert [s.heading for s in rendered["ccpcj"].sections if s.kind == "appendix"] == [
        f"Appendix {n}" for n in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]]
    assert [h["title"] for s in rendered["specon"].sections for h in s.subheadings] == [
        "Trafficking nowadays", "Human trafficking as a terrorist tactic", "Profiles of traffickers and trafficking flows",
        "Nexus between human trafficking and terrorism", "Human trafficking as cybercrime",
        "The Internet as a platform for human trafficking"]
    # Grouped parties are one card with both codes.
    assert [(p.name, p.codes) for p in guides["ga3"].stakeholders.all() if len(p.codes) > 1] == [
        ("Thailand & Philippines", ["TH", "PH"]), ("Nigeria & India", ["NG", "IN"])]
    # A figure where the seed has one, drawn by us; GA3's chart has no values in the seed and says so.
    figures = {slug: [(f["caption"], f["url"].endswith(".png")) for s in r.sections for f in s.figures]
               for slug, r in rendered.items()}
    assert figures == {
        "specon": [("The most common methods used by traffickers when approaching their victims", True)],
        "unodc": [], "hrc": [],
        "ccpcj": [("Figure 1: The Action-Means-Purpose Model", True)],
        "ga3": [("Forms of exploitation of registered victims, 2008–2022 (the original chart; its values are not "
                 "reproduced)", True)],
    }
