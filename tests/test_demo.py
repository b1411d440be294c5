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
    # OSCE, A21, ECPAT-USA; 20 footnotes + 6 documents under "Relevant UN Treaties" + the 2018 TIP Report quoted
    # under the figure; no questions.
    "specon": (10, 14, 7, 27, 0),
    # 001 DPSH MUN 2022: no glossary, timeline or parties section; 6 references; 6 questions a resolution must answer.
    "unodc": (0, 0, 0, 6, 6),
    # 002 CCPCJ: 6 key terms; 12 timeline rows; UNODC, ICAT, UN.GIFT, ILO; 20 bibliography entries + 9 appendices.
    "ccpcj": (6, 12, 4, 29, 0),
    # 003 GA3: 14 key terms; 5 timeline entries; 5 stakeholder headings, of which "Thailand & Philippines" and
    # "Nigeria & India" are two member states each (7 parties, each with its ISO code); 3 further readings.
    "ga3": (14, 5, 7, 3, 0),
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
