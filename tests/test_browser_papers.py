"""Real browser: a delegate builds a position paper from their labelled notes, submits it, the chair scores it
against the conference's rubric and returns it, and the delegate sees the score and the comments."""

import pytest

from delegates.demo import DEMO_PASSWORD
from delegates.models import DelegateProfile, PaperVersion, RubricCriterion
from delegates.services import annotation_create
from guides import revisions
from tests.browser import chromium, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_delegate_builds_a_paper_from_notes_submits_it_and_the_chair_scores_and_returns_it(server_url, demo_guides):
    guide = demo_guides["ga3"]
    committee = guide.topic.committee
    seat = DelegateProfile.objects.get(user__username="delegate.nigeria")
    section = next(s for s in revisions.rendered(guide.published_revision).sections if len(s.text) > 120)
    quote = section.text[:60].rsplit(" ", 1)[0]
    annotation_create(user=seat.user, guide=guide, section_id=section.pk, start=0, end=len(quote), exact=quote,
                      note="Open with this figure.", label="evidence")
    research = RubricCriterion.objects.create(conference=committee.conference, name="Research", max_points=10, order=1)
    policy = RubricCriterion.objects.create(conference=committee.conference, name="Policy", max_points=5, order=2)
    chair = committee.chairs.first()
    with chromium() as browser:
        delegate = browser.new_context(viewport={"width": 390, "height": 860}).new_page()
        log_in(delegate, server_url, "delegate.nigeria", DEMO_PASSWORD)
        delegate.click(f"a.paper-link[href='{guide.get_absolute_url()}paper/']")
        draft = delegate.locator("#paper-draft")
        outline = draft.input_value()
        assert outline.startswith("# Position paper of Nigeria") and f"> {quote}" in outline
        assert "Open with this figure." in outline and "## Evidence" in outline
        draft.fill(outline + "\nNigeria proposes a regional monitoring centre.\n")
        delegate.click("button[value=save]")
        assert delegate.locator(".messages").inner_text() == "Draft saved."
        assert "Nigeria proposes a regional monitoring centre." in delegate.locator(".paper-preview").inner_text()
        delegate.click("button[value=submit]")
        assert "Version 1 submitted" in delegate.locator(".messages").inner_text()
        assert "with the chairs" in delegate.locator("#version-1").inner_text()
        screenshot(delegate, "paper-delegate-390.png")

        dais = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        log_in(dais, server_url, chair.username, DEMO_PASSWORD)
        dais.click("a:has-text('Position papers (1 submitted)')")
        dais.click("table.data a:has-text('Nigeria')")
        assert "Nigeria proposes a regional monitoring centre." in dais.locator("article.paper").inner_text()
        dais.fill(f"#score-{research.pk}", "8")
        dais.click("button[value=return]")  # Policy is not scored yet
        assert dais.locator(".messages").inner_text() == "Score “Policy” before returning the paper."
        dais.fill(f"#score-{policy.pk}", "4")
        dais.fill("#review-comments", "Strong evidence; name a funding source.")
        dais.click("button[value=return]")
        assert "Returned to the delegate" in dais.locator(".messages").inner_text()
        assert "12 of 15" in dais.locator("table.data").inner_text()
        screenshot(dais, "paper-inbox-1280.png")

        delegate.reload()
        returned = delegate.locator("#version-1").inner_text()
        assert "returned on" in returned and "12 of 15" in returned and "name a funding source" in returned
        screenshot(delegate, "paper-returned-390.png")
    version = PaperVersion.objects.get()
    assert (version.total, version.returned_by, version.late) == (12, chair, False)
