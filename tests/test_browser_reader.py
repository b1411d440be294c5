"""A demo delegate reads a guide in a real browser, on a phone and on a desktop."""


import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import chromium, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_guides):
    return demo_guides["specon"]


@pytest.mark.parametrize("width", [390, 1280])
def test_delegate_reads_a_guide_follows_contents_and_opens_popups(server_url, demo, width):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 860}, has_touch=width == 390)
        log_in(page, server_url, "delegate.usa", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_selector(".bookmark")  # notes.js is done changing the layout
        assert page.locator("h1").inner_text() == demo.title
        assert page.locator("h1").count() == 1

        toc = page.locator("nav.toc")
        if width == 390:
            assert toc.locator("details").get_attribute("open") is None  # a menu on phones
            toc.locator("summary").click()
        toc.get_by_role("link", name="Background information").click()
        page.wait_for_url("**#section-*")
        heading = page.get_by_role("heading", name="Background information")
        assert heading.is_visible()
        page.wait_for_function("document.querySelector('.toc a[aria-current]') !== null")
        # The part's first sub-heading is on screen just under it: the contents mark it as where you are.
        assert page.locator(".toc a[aria-current]").text_content() == "Trafficking nowadays"

        section = demo.sections.get(heading="Background information")
        marker = page.locator(f"#section-{section.pk} .fn-link").first
        marker.scroll_into_view_if_needed()
        if width == 390:
            marker.tap()
        else:
            marker.focus()
        popup = page.evaluate("el => getComputedStyle(el, '::after').content", marker.element_handle())
        assert "U.S. Immigration and Customs Enforcement" in popup
        screenshot(page, f"reader-footnote-{width}.png")

        term = page.locator("a.term").first
        term.scroll_into_view_if_needed()
        term.focus()
        definition = page.evaluate("el => getComputedStyle(el, '::after').content", term.element_handle())
        assert definition.strip('"') == term.get_attribute("data-definition")
        screenshot(page, f"reader-term-{width}.png")

        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_text_size_is_kept_on_the_device_and_dark_mode_follows_the_device(server_url, demo):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 860}, color_scheme="dark")
        log_in(page, server_url, "delegate.usa", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        size = "parseFloat(getComputedStyle(document.querySelector('article.guide')).fontSize)"
        usual = page.evaluate(size)
        page.click(".text-size button[data-step='1']")
        page.click(".text-size button[data-step='1']")
        assert page.evaluate(size) == pytest.approx(usual * 1.3, abs=0.1)
        page.reload()
        assert page.evaluate(size) == pytest.approx(usual * 1.3, abs=0.1)  # kept on this device
        page.click(".text-size button[data-step='0']")
        assert page.evaluate(size) == pytest.approx(usual, abs=0.1)
        colours = "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        dark, light = ["rgb(18, 21, 25)", "rgb(231, 234, 238)"], ["rgb(255, 255, 255)", "rgb(27, 31, 36)"]
        assert page.evaluate(colours) == dark  # the device is dark
        screenshot(page, "reader-dark-1280.png")
        toggle = page.locator(".theme-toggle")
        assert toggle.inner_text() == "Colours: automatic"
        toggle.click()
        toggle.click()
        assert (toggle.inner_text(), page.evaluate(colours)) == ("Colours: light", light)  # chosen over the device
        page.reload()
        assert (page.locator(".theme-toggle").inner_text(), page.evaluate(colours)) == ("Colours: light", light)
        page.emulate_media(color_scheme="light")
        page.locator(".theme-toggle").click()  # back to automatic: the device, now light
        page.locator(".theme-toggle").click()  # dark whatever the device says
        assert (page.locator(".theme-toggle").inner_text(), page.evaluate(colours)) == ("Colours: dark", dark)


def test_the_reader_offers_to_continue_where_they_left_off(server_url, demo):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        log_in(page, server_url, "delegate.usa", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        assert page.locator(".continue").count() == 0  # nothing read yet
        page.wait_for_timeout(1600)
        page.locator(".toc").get_by_role("link", name="Possible solutions").click()
        page.wait_for_function(f"localStorage.getItem('mlmun-position-{demo.pk}') !== null")
        page.wait_for_timeout(300)
        page.goto(server_url + demo.get_absolute_url())
        bar = page.locator(".continue")
        assert " ".join(bar.inner_text().split()) == "Continue where you left off: Possible solutions ×"
        bar.get_by_role("link").click()
        section = demo.sections.get(heading="Possible solutions")
        assert page.evaluate("location.hash") == f"#section-{section.pk}"
        assert page.locator(".continue").count() == 0


@pytest.mark.parametrize("width", [390, 768])
def test_popups_go_away_fit_the_screen_and_nothing_shifts(server_url, demo, width):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 860}, has_touch=True)
        page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
            if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});""")
        log_in(page, server_url, "delegate.usa", DEMO_PASSWORD)
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_selector(".bookmark")  # notes.js is done changing the layout
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__shift") < 0.1  # the contents menu closes before the first paint
        markers = page.locator(".fn-link")
        assert markers.count() > 10
        box = markers.first.bounding_box()
        assert box["width"] >= 24 - 0.5 and box["height"] >= 24 - 0.5
        for index in range(markers.count()):  # every popup fits on the screen
            marker = markers.nth(index)
            marker.scroll_into_view_if_needed()
            marker.tap()
            rect = page.evaluate("""el => { const s = getComputedStyle(el, '::after');
                return [s.position, s.left, s.right]; }""", marker.element_handle())
            assert rect[0] == "fixed", index
        page.keyboard.press("Escape")
        assert page.locator(".fn-link.open").count() == 0
        markers.nth(2).tap()
        assert page.locator(".fn-link.open").count() == 1
        page.locator("h1").tap()  # a tap elsewhere
        assert page.locator(".fn-link.open").count() == 0
        markers.nth(4).tap()
        assert page.locator(".popup-close").is_visible()
        page.locator(".popup-close").tap()  # the sheet's own Close button
        assert page.locator(".fn-link.open").count() == 0 and page.locator(".popup-close").is_hidden()
        markers.nth(3).tap()
        page.mouse.wheel(0, 1200)
        page.wait_for_timeout(300)
        page.evaluate("window.scrollBy(0, 1200)")
        page.wait_for_timeout(300)
        assert page.locator(".fn-link.open").count() == 0  # scrolled away


@pytest.mark.parametrize("width", [1000, 1280])
def test_popups_on_a_desktop_stay_inside_the_window_and_are_tied_to_their_text(server_url, demo_guides, width):
    """Above tablet widths a popup hangs under its marker: every footnote and key-term popup of the demo's
    largest guides stays inside the window (and so does the page), flips above its marker near the foot of the window, and names its
    text for screen readers (aria-describedby)."""
    measure = """el => { const s = getComputedStyle(el, '::after'); const first = el.getClientRects()[0];
        const all = el.getBoundingClientRect(); const m = new DOMMatrixReadOnly(s.transform === 'none' ? undefined
        : s.transform); const left = first.left + parseFloat(s.left) + m.m41;
        const top = s.top === 'auto' ? null : all.top + parseFloat(s.top);
        const bottom = s.bottom === 'auto' || s.top !== 'auto' ? null
        : all.bottom - parseFloat(s.bottom) - parseFloat(s.height);
        return {left: left, right: left + parseFloat(s.width), top: top === null ? bottom : top,
                height: parseFloat(s.height), width: window.innerWidth, viewport: window.innerHeight,
                content: s.content}; }"""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        log_in(page, server_url, "organizer", DEMO_PASSWORD)
        checked = 0
        for slug in ("specon", "unodc", "ga3"):
            page.goto(server_url + demo_guides[slug].get_absolute_url())
            # notes.js adds bookmark buttons once it has the reader's notes: wait, or the layout shifts under
            # the mouse between hovering a marker and measuring its popup (seen on a busy machine).
            page.wait_for_selector(".bookmark")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, slug  # no sideways scrolling
            markers = page.locator(".fn-link[data-source], .term[data-definition]")
            for index in range(markers.count()):
                marker = markers.nth(index)
                described = marker.get_attribute("aria-describedby")
                assert described and page.locator(f"[id='{described}']").count() == 1, (slug, index)
                marker.scroll_into_view_if_needed()
                marker.hover()
                box = page.evaluate(measure, marker.element_handle())
                assert box["content"] not in ("none", "normal", '""'), (slug, index)
                assert 0 <= box["left"] and box["right"] <= box["width"], (slug, index, box)
                assert 0 <= box["top"] and box["top"] + box["height"] <= box["viewport"], (slug, index, box)
                checked += 1
        assert checked > 25
