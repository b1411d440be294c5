"""axe-core on every reader state, on a phone and a desktop: no critical or serious violation."""

from pathlib import Path

import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by `make test` (npm ci, pinned in package-lock.json); a missing copy fails the test, never skips it.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(demo_guides):
    return demo_guides["ga3"]


def violations(page):
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in ("critical", "serious")]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_reader_has_no_critical_or_serious_violations_in_any_state(server_url, demo, width):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 860}, has_touch=width == 390)
        page = context.new_page()
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        found = {}
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_selector(".bookmark")
        found["reader"] = violations(page)
        marker = page.locator(".term").first
        marker.scroll_into_view_if_needed()
        marker.tap() if width == 390 else marker.focus()
        found["popup open"] = violations(page)
        page.keyboard.press("Escape")
        page.evaluate("""() => { const p = document.querySelector('.prose[data-section]');
            const r = document.createRange(); r.selectNodeContents(p.querySelector('p'));
            getSelection().removeAllRanges(); getSelection().addRange(r); }""")
        page.keyboard.press("Alt+KeyH")
        page.wait_for_selector(".hl-dialog[open]")
        found["notes dialog"] = violations(page)
        page.keyboard.press("Escape")
        page.click(".offline button")
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('Saved for offline')")
        context.set_offline(True)
        page.reload()
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('You are offline')")
        found["offline"] = violations(page)
        context.set_offline(False)
        page.fill("#find-q", "Palermo")
        page.wait_for_function("document.getElementById('find-count').textContent.includes(' of ')")
        found["find"] = violations(page)
        page.goto(server_url + f"/c/{demo.topic.committee.conference.slug}/search/?q=palermo")
        found["search"] = violations(page)
        page.goto(server_url + "/notes/")
        found["my notes"] = violations(page)
        context.close()
    assert found == {state: [] for state in found}

