"""Real browser: an organizer uploads a roster with an error, sees the line, fixes it, imports, sees the delegates."""


import pytest

from delegates.demo import DEMO_PASSWORD
from delegates.models import DelegateProfile
from tests.browser import ARTIFACTS, chromium, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD = "name,email,committee,delegation\nAna Lima,ana@example.org,GA3,BR\nTom Weir,tom@example.org,GA9,GB\n"


def test_organizer_fixes_a_roster_error_and_imports(server_url, demo_guides):
    before = DelegateProfile.objects.count()
    ARTIFACTS.mkdir(exist_ok=True)
    roster = ARTIFACTS / "roster.csv"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        log_in(page, server_url, "organizer", DEMO_PASSWORD)
        page.goto(f"{server_url}/c/demo/organize/roster/")
        roster.write_text(BAD)
        page.set_input_files("input[type=file]", str(roster))
        page.click("form.crispy button[type=submit]")
        page.wait_for_selector(".errors")
        assert page.locator(".errors li").all_inner_texts() == ["Line 3: unknown committee “GA9”"]
        screenshot(page, "roster-error-1280.png")
        assert DelegateProfile.objects.count() == before

        roster.write_text(BAD.replace("GA9", "GA3"))
        page.set_input_files("input[type=file]", str(roster))
        page.click("form.crispy button[type=submit]")
        page.wait_for_url(f"{server_url}/c/demo/organize/")
        assert ("Roster imported: 2 new, 0 updated, 0 unchanged; 2 invitation(s) are being sent (progress below)."
                in page.content())
        assert "sending — 0 of 2 sent." in page.locator(".jobs").inner_text()
        not_logged_in = page.locator(".not-logged-in").inner_text()
        assert "ana@example.org" in not_logged_in and "tom@example.org" in not_logged_in
        screenshot(page, "organizer-dashboard-1280.png")
    assert DelegateProfile.objects.count() == before + 2


def test_export_progress_updates_in_place_and_can_be_paused(server_url, demo_guides):
    from django.urls import reverse

    from guides.models import ConferenceExport

    conference = demo_guides["specon"].topic.committee.conference
    export = ConferenceExport.objects.create(conference=conference, status="running", total=4, done=1)
    ConferenceExport.objects.filter(pk=export.pk).update(heartbeat_at=export.created_at)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        log_in(page, server_url, "organizer", DEMO_PASSWORD)
        page.goto(server_url + reverse("conference_export", args=[conference.slug, export.pk]))
        page.evaluate("window.__same = true")  # gone if the page reloads
        status = page.locator("[data-progress] [role=status]")
        assert status.inner_text() == "Running: 1 of 4 guides done."
        ConferenceExport.objects.filter(pk=export.pk).update(done=3)
        page.wait_for_function("document.querySelector('[data-progress] progress').value === 3", timeout=8000)
        assert status.inner_text() == "Running: 3 of 4 guides done." and page.evaluate("window.__same") is True

        page.get_by_role("button", name="Pause updates").click()
        assert page.locator(".progress-controls").inner_text().endswith("Updates paused.")
        ConferenceExport.objects.filter(pk=export.pk).update(done=4)
        page.wait_for_timeout(4500)  # two update periods: nothing changes while paused
        assert status.inner_text() == "Running: 3 of 4 guides done."
        page.get_by_role("button", name="Resume updates").click()
        page.wait_for_function("document.querySelector('[data-progress] progress').value === 4", timeout=8000)
        assert "Putting them together into one PDF and a ZIP" in status.inner_text()

        ConferenceExport.objects.filter(pk=export.pk).update(status="failed")
        page.wait_for_selector(".progress-controls", state="detached", timeout=8000)
        assert page.locator("[data-progress] [role=status]").inner_text() == "Failed: 4 of 4 guides done."
        assert page.get_by_role("button", name="Start the export again").is_visible()
        assert page.evaluate("window.__same") is True and page.locator("meta[http-equiv=refresh]").count() == 0
        screenshot(page, "export-progress-390.png")


def test_organizer_pages_fit_320_px_and_wide_tables_scroll_from_the_keyboard(server_url, demo_guides):
    pages = ["organize/", "organize/people/", "organize/roster/", "organize/chairs/", "organize/organizers/",
             "organize/delegations/", "organize/delegations/plan/", "exports/"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 320, "height": 700})
        log_in(page, server_url, "organizer", DEMO_PASSWORD)
        scrolled = 0
        for path in pages:
            page.goto(f"{server_url}/c/demo/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path  # nothing sideways
            wraps = page.locator(".table-wrap")
            for index in range(wraps.count()):
                wrap = wraps.nth(index)
                if wrap.evaluate("e => e.scrollWidth > e.clientWidth"):
                    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")
                    wrap.focus()
                    page.keyboard.press("ArrowRight")
                    page.wait_for_function("e => e.scrollLeft > 0", arg=wrap.element_handle())
                    scrolled += 1
        assert scrolled == 4  # the dashboard's committees, the people, the delegations matrix and the seat plan
        page.goto(f"{server_url}/c/demo/organize/delegations/")
        screenshot(page, "organizer-matrix-320.png")
        # An empty seat reads "empty" to a screen reader, not a lone dot; no aria-label on a plain span.
        assert page.locator(".matrix span[aria-label]").count() == 0
        assert page.locator(".matrix .visually-hidden").first.text_content() == "empty"
