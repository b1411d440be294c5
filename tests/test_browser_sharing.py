"""Real browser: two partners of a double delegation share a note; a delegate asks the dais, the chair answers
publicly, and another delegate of the committee sees the answer at the passage."""

import pytest
from django.contrib.auth import get_user_model

from delegates.demo import DEMO_PASSWORD
from delegates.models import Annotation, DelegateProfile, Delegation
from guides import revisions
from tests.browser import chromium, log_in, screenshot
from tests.test_browser_notes import select_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Some words of a part that sit in one text node (no link or emphasis inside), to select.
PLAIN_WORDS = """(pk) => {
    const walker = document.createTreeWalker(document.querySelector(`[data-section="${pk}"]`), NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) if (node.data.trim().length > 50) return node.data.trim().slice(0, 40).trim();
    throw new Error("no plain text");
}"""


def account(username, first, last):
    user = get_user_model().objects.create_user(username=username, password=DEMO_PASSWORD, first_name=first,
                                                last_name=last, email=f"{username}@example.org")
    return user


def test_partners_share_a_note_and_the_dais_answers_a_question_for_the_whole_committee(server_url, demo_guides):
    guide = demo_guides["ga3"]
    committee = guide.topic.committee
    ngozi = DelegateProfile.objects.get(user__username="delegate.nigeria")
    partner = account("partner.nigeria", "Nkem", "Partner")
    DelegateProfile.objects.create(user=partner, conference=ngozi.conference, committee=committee,
                                   delegation=ngozi.delegation)
    other = account("delegate.chile", "Camila", "Chile")
    DelegateProfile.objects.create(user=other, conference=ngozi.conference, committee=committee,
                                   delegation=Delegation.objects.create(conference=ngozi.conference, iso_code="CL"))
    chair = committee.chairs.first()
    sections = [s for s in revisions.rendered(guide.published_revision).sections if len(s.text) > 200]
    first, second = sections[0], sections[1]
    with chromium() as browser:
        def reader(username):
            page = browser.new_context(viewport={"width": 390, "height": 860}, has_touch=True).new_page()
            log_in(page, server_url, username, DEMO_PASSWORD)
            page.goto(server_url + guide.get_absolute_url())
            page.wait_for_selector(".bookmark")
            return page

        # Ngozi shares a note with her delegation.
        page = reader("delegate.nigeria")
        shared_quote, question_quote = (page.evaluate(PLAIN_WORDS, section.pk) for section in (first, second))
        select_text(page, first.pk, shared_quote)
        page.click(".hl-create")
        page.fill("#hl-note", "Nkem: use this in our opening speech")
        page.select_option("#hl-visibility", "delegation")
        page.click(".hl-save")
        page.wait_for_selector("mark.hl-delegation")
        assert Annotation.objects.get(user=ngozi.user).visibility == "delegation"

        # Her partner sees it, with her name, read-only; and asks the dais about another passage.
        page = reader("partner.nigeria")
        mark = page.wait_for_selector("mark.hl-shared")
        assert mark.text_content() == shared_quote
        mark.click()
        view = page.locator(".hl-view")
        assert view.locator(".hl-view-author").inner_text() == (
            f"{ngozi.user.get_full_name()} (your delegation) wrote:")
        assert view.locator(".hl-view-note").inner_text() == "Nkem: use this in our opening speech"
        screenshot(page, "sharing-partner-390.png")
        view.get_by_role("button", name="Close").click()
        select_text(page, second.pk, question_quote)
        page.click(".hl-create")
        page.fill("#hl-note", "Does this include forced marriage?")
        page.select_option("#hl-visibility", "dais")
        page.click(".hl-save")
        page.wait_for_selector("mark.hl-dais")
        question = Annotation.objects.get(user=partner)
        assert (question.visibility, question.answered_at) == ("dais", None)

        # Chile sees neither the shared note nor the unanswered question.
        page = reader("delegate.chile")
        assert page.locator("mark.hl").count() == 0

        # The chair finds it from their home page and answers publicly.
        chair_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        log_in(chair_page, server_url, chair.username, DEMO_PASSWORD)
        chair_page.get_by_role("link", name="Questions to the dais (1 unanswered)").click()
        item = chair_page.locator(f"#question-{question.pk}")
        assert "Does this include forced marriage?" in item.inner_text()
        item.locator("textarea").fill("Yes: see the definition in the Palermo Protocol.")
        item.get_by_role("button", name="Send the answer").click()
        chair_page.wait_for_selector("text=Answered publicly")
        screenshot(chair_page, "dais-inbox-1280.png")

        # Chile now sees the answer at the passage, marked as the dais's; the asker is not named.
        page.reload()
        mark = page.wait_for_selector("mark.hl-answer")
        assert mark.text_content() == question_quote
        mark.click()
        assert page.locator("#hl-view-title").inner_text() == "Answer from the dais"
        assert page.locator(".hl-view-author").inner_text() == "A delegate asked:"
        assert page.locator(".hl-view-answer p").inner_text() == "Yes: see the definition in the Palermo Protocol."
        assert "Nkem" not in page.locator(".hl-view").inner_text()
        screenshot(page, "dais-answer-390.png")

        # The asker is told on their home page.
        page = reader("partner.nigeria")
        page.goto(server_url + "/")
        assert "The dais answered your question on" in page.locator(".home-answers").inner_text()
