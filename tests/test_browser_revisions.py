"""Real browser: a chair edits a published guide, the delegate still reads the old text; the chair publishes with a
note; the delegate sees the note, the changed sections and the word-level change view; a highlight on the edited
passage shows as changed and links there."""


import pytest

from delegates.demo import DEMO_PASSWORD
from delegates.models import Annotation
from tests.browser import chromium, log_in, screenshot
from tests.test_browser_notes import publish, select_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD = "Desperation is the root"
NEW = "Poverty is the root"


@pytest.fixture
def demo(demo_guides):
    guide = demo_guides["ga3"]
    return guide, guide.sections.get(heading="General overview")


def test_chair_publishes_an_update_and_the_delegate_sees_what_changed(server_url, demo):
    guide, section = demo
    with chromium() as browser:
        delegate = browser.new_page(viewport={"width": 390, "height": 860}, has_touch=True)
        log_in(delegate, server_url, "delegate.nigeria", DEMO_PASSWORD)
        delegate.goto(server_url + guide.get_absolute_url())
        delegate.wait_for_selector(".bookmark")
        select_text(delegate, section.pk, OLD)
        delegate.click(".hl-create")
        delegate.fill("#hl-note", "Root causes for my speech")
        delegate.click(".hl-save")
        delegate.wait_for_selector("mark.hl")

        chair = browser.new_page(viewport={"width": 1280, "height": 900})
        log_in(chair, server_url, "fantasia.pinas", DEMO_PASSWORD)
        chair.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/change/?all=1")
        body = chair.locator("textarea[name$='-body']").nth(2)  # the general overview, after the key terms
        assert OLD in body.input_value()
        body.fill(body.input_value().replace(OLD, NEW))
        chair.click("input[name=_save]")
        chair.wait_for_url(f"{server_url}/admin/guides/studyguide/")

        # Saved but not published: delegates still read the old text.
        delegate.reload()
        delegate.wait_for_selector("mark.hl")
        assert OLD in delegate.content() and NEW not in delegate.content()

        chair.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/publish/")
        assert chair.locator(".diff del").first.inner_text() == "Desperation"
        screenshot(chair, "revisions-publish-1280.png")
        publish(chair, server_url, guide, "Reworded the root causes of trafficking.")

        delegate.reload()
        notice = delegate.wait_for_selector(".update-notice")
        assert "Reworded the root causes of trafficking." in notice.inner_text()
        assert [a.inner_text() for a in delegate.locator(".update-notice li a").all()] == ["General overview"]
        screenshot(delegate, "revisions-update-390.png")
        mark = delegate.wait_for_selector("mark.hl-changed")
        annotation = Annotation.objects.get()
        assert (annotation.status, annotation.current_text) == ("changed", NEW)
        mark.click()
        link = delegate.wait_for_selector(".hl-changes-link")
        assert link.get_attribute("href") == f"{guide.get_absolute_url()}changes/?since=2#section-{section.pk}"
        delegate.keyboard.press("Escape")

        delegate.click(".update-notice a:has-text('See every word that changed')")
        delegate.wait_for_selector(".diff-part")
        part = delegate.locator(f"#section-{section.pk}")
        assert part.locator("del").first.inner_text() == "Desperation"
        assert part.locator("ins").first.inner_text() == "Poverty"
        screenshot(delegate, "revisions-changes-390.png")

        # The banner is shown once; the errata log keeps the update.
        delegate.goto(server_url + guide.get_absolute_url())
        delegate.wait_for_selector(".bookmark")
        assert delegate.locator(".update-notice").count() == 0
        assert "Reworded the root causes of trafficking." in delegate.locator("#updates").inner_text()
