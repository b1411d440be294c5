"""A delegate saves a guide for offline reading, reads it (and their notes) with no connection, gets the new
revision when it is published, and leaves nothing behind for the next person on the device."""


import pytest
from django.contrib.auth import get_user_model

from delegates.demo import DEMO_PASSWORD
from delegates.services import annotation_create
from guides.models import Section, StudyGuide
from guides.services import guide_publish
from tests.browser import chromium, log_in, screenshot
from tests.conftest import edit_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_guides):
    return demo_guides["ga3"]


def state(page):
    return page.locator(".offline-state").inner_text()


def test_a_saved_guide_reads_offline_follows_new_revisions_and_is_gone_after_logout(server_url, demo):
    delegate = get_user_model().objects.get(username="delegate.nigeria")
    section = demo.sections.get(heading="Introduction")
    quote = "Trafficking is a humanitarian crisis"
    start = section_text_start(demo, section, quote)
    annotation_create(user=delegate, guide=demo, section_id=section.pk, start=start, end=start + len(quote),
                      exact=quote, note="For my opening speech")
    revision = demo.published_revision.number
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 860}, has_touch=True)
        page = context.new_page()
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('Save this guide')")
        page.click(".offline button")
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('Saved for offline')")
        assert state(page).startswith(f"Saved for offline reading (revision {revision},")

        context.set_offline(True)
        page.reload()
        assert page.locator("h1").inner_text() == demo.title
        page.wait_for_selector("mark.hl")  # the delegate's own notes, as the server last sent them
        assert page.locator("mark.hl").first.text_content() == quote
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('You are offline')")
        assert page.locator(".offline button").is_disabled()
        screenshot(page, "offline-reading-390.png")
        # A guide that was not saved is not there, and the page says which ones are.
        other = StudyGuide.objects.get(topic__committee__slug="unodc")
        page.goto(server_url + other.get_absolute_url())
        assert page.locator("h1").inner_text() == "You are offline"
        assert page.locator(".saved-guides a").all_inner_texts() == [demo.title]
        assert page.locator(".saved-guides a").get_attribute("href") == demo.get_absolute_url()
        context.set_offline(False)

        # The chairs publish a new revision: the saved copy follows it, and says so.
        edit_guide(demo, lambda: Section.objects.filter(pk=section.pk).update(body=section.body + "\n\nA new paragraph."))
        guide_publish(guide=demo)
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('Your offline copy was updated')")
        assert state(page).startswith(f"Your offline copy was updated from revision {revision}. "
                                      f"Saved for offline reading (revision {revision + 1},")
        assert sorted(page.evaluate("caches.keys()")) == ["mlmun-meta", f"mlmun-u{delegate.pk}"]

        # Logging out leaves nothing of this delegate on the device.
        page.click("text=Log out")
        page.wait_for_url(server_url + "/")
        for _ in range(200):  # the next page tells the worker nobody is signed in; it deletes the copy
            if page.evaluate("caches.keys()") == ["mlmun-meta"]:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("caches.keys()") == ["mlmun-meta"]
        context.close()


def section_text_start(guide, section, quote):
    from guides import revisions

    rendered = revisions.rendered(guide.published_revision)
    return next(s.text for s in rendered.sections if s.pk == section.pk).index(quote)
