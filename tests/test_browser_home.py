"""Real browser: each role's home at 320 px, and deleting a note asks first."""

import pytest

from delegates.demo import DEMO_PASSWORD
from delegates.models import Annotation
from delegates.services import annotation_create
from tests.browser import chromium, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_roles_home_fits_320_px_and_leads_to_the_work(server_url, demo_guides):
    guide = demo_guides["specon"]
    homes = {
        "delegate.usa": ["Your committee", "representing United States", guide.title, "What to do next"],
        "amy.lie": ["Guides you chair", "Open the editor", "Opened by delegates"],
        "organizer": ["Conferences you organize", "Guides: ", "All conferences"],
    }
    with chromium() as browser:
        for username, texts in homes.items():
            context = browser.new_context(viewport={"width": 320, "height": 700})
            page = context.new_page()
            log_in(page, server_url, username, DEMO_PASSWORD)
            page.goto(server_url + "/")
            main = page.locator("main").inner_text()
            for text in texts:
                assert text in main, (username, text)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, username
            screenshot(page, f"home-{username}-320.png")
            context.close()


def test_deleting_a_note_asks_first_and_cancel_keeps_it(server_url, demo_guides):
    from django.contrib.auth import get_user_model

    guide = demo_guides["specon"]
    section = next(s for s in guide.sections.all() if len(s.body) > 40)
    user = get_user_model().objects.get(username="delegate.usa")
    from guides import revisions

    text = next(s.text for s in revisions.rendered(guide.published_revision).sections if s.pk == section.pk)
    quote = text[:20]
    annotation_create(user=user, guide=guide, section_id=section.pk, start=0, end=20, exact=quote, note="Keep me")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 860})
        log_in(page, server_url, "delegate.usa", DEMO_PASSWORD)
        page.goto(server_url + guide.get_absolute_url())
        questions = []

        def cancel(dialog):
            questions.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", cancel)
        page.click("mark.hl")
        page.click(".hl-delete")
        assert questions == ["Delete this highlight and its note?"]
        assert page.locator(".hl-dialog[open]").count() == 1 and Annotation.objects.filter(user=user).count() == 1
        page.remove_listener("dialog", cancel)
        page.on("dialog", lambda dialog: dialog.accept())
        page.click(".hl-delete")
        page.wait_for_selector("mark.hl", state="detached")
    assert Annotation.objects.filter(user=user).count() == 0
