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
