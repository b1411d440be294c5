"""Finding in a guide and searching a conference's guides, in a real browser on a phone."""


import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import chromium, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_guides):
    return demo_guides["ga3"]


def test_a_delegate_finds_words_in_the_guide_then_searches_every_guide(server_url, demo):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 860}, has_touch=True)
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        expected = page.evaluate("document.querySelector('article.guide').textContent.toLowerCase()"
                                 ".split('palermo').length - 1")
        assert expected >= 3
        page.fill("#find-q", "Palermo")
        page.wait_for_function(f"document.getElementById('find-count').textContent === '1 of {expected}'")
        assert page.evaluate("CSS.highlights.get('find').size") == expected
        page.press("#find-q", "Enter")
        assert page.locator("#find-count").inner_text() == f"2 of {expected}"
        # The current match is on screen.
        assert page.evaluate("(() => { const r = [...CSS.highlights.get('find-current')][0].getBoundingClientRect();"
                             " return r.top >= 0 && r.bottom <= innerHeight; })()")
        screenshot(page, "find-in-guide-390.png")
        page.fill("#find-q", "zzqx")
        page.wait_for_function("document.getElementById('find-count').textContent === 'No match'")
        assert page.evaluate("CSS.highlights.get('find').size") == 0

        page.fill("#find-q", "money laundering")
        page.click("button.find-all")
        page.wait_for_url("**/c/demo/search/?q=money+laundering")
        results = page.locator(".search-results li")
        assert results.count() >= 2
        assert "UNODC" in results.first.inner_text()
        assert page.locator(".search-results mark").first.inner_text().lower() == "money"
        screenshot(page, "search-results-390.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        results.first.locator("a").click()
        page.wait_for_url("**/c/demo/unodc/guide/**")
        anchor = page.evaluate("location.hash.slice(1)")
        assert page.locator(f"[id='{anchor}']").is_visible()
