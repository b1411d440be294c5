"""Real browser: a chair builds a guide in the editor (add a part, cite with the key menu, live preview,
autosave, reorder, publish); two co-chairs edit different parts at the same time and both keep their work;
the same part changed by the other keeps the typed text and shows theirs."""

import pytest

from guides.models import Section
from guides.services import committee_chair_add
from tests.browser import chromium, log_in, screenshot
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_editor(browser, server_url, username, guide):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, server_url, username, "pw")
    page.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/editor/")
    page.wait_for_selector("#part-form:not([hidden])")
    return page


def saved(page):
    page.wait_for_function("document.getElementById('editor-state').textContent.startsWith('All changes saved')")


def entry_saved(page):
    page.wait_for_function("[...document.querySelectorAll('#entry-list .entry-state')].pop()"
                           ".textContent.startsWith('Saved (')")


def test_a_chair_builds_and_publishes_a_guide_in_the_editor(server_url, world):
    guide = world["guide_a"]
    with chromium() as browser:
        page = open_editor(browser, server_url, "chair-a", guide)
        page.select_option("#add-kind", "background")
        page.fill("#add-heading", "Background")
        page.click("#add-part button[type=submit]")
        page.wait_for_function("document.getElementById('part-heading').value === 'Background'")
        body = page.locator("#part-body")
        body.click()
        body.type("Trafficking **grows** [@sr")
        page.wait_for_selector("#cite-menu:not([hidden]) li[aria-selected=true]")
        assert page.locator("#cite-menu li").all_inner_texts() == ["src-a — Title of src-a"]
        body.press("Enter")
        assert body.input_value() == "Trafficking **grows** [@src-a]"
        page.wait_for_selector("#preview sup.fn-ref")
        assert page.locator("#preview strong").inner_text() == "grows"
        assert page.locator("#preview-notes li").all_inner_texts() == ["Title of src-a. Publisher."]
        saved(page)
        screenshot(page, "editor-1280.png")
        assert Section.objects.get(guide=guide, heading="Background").body == "Trafficking **grows** [@src-a]"
        # Move Background above the introduction with the keyboard-reachable button.
        page.get_by_role("button", name="Move “Background” up").click()
        page.wait_for_function("document.getElementById('editor-state').textContent.startsWith('Order saved')")
        assert list(guide.sections.values_list("heading", flat=True)) == ["Background", "Intro A"]
        # An unknown key is not saved, and says why next to the text.
        body.fill("See [@nowhere].")
        page.wait_for_selector("#error-body:has-text('Unknown source key “nowhere”')")
        assert "Not saved" in page.locator("#editor-state").inner_text()
        assert Section.objects.get(guide=guide, heading="Background").body == "Trafficking **grows** [@src-a]"
        body.fill("Trafficking grows [@src-a].")
        saved(page)
        page.click("text=Review and publish…")
        page.click("button[value=publish]")
        page.wait_for_selector(".messagelist")
    guide.refresh_from_db()
    assert guide.published_revision.number == guide.revision
    from guides import revisions

    assert [s.heading for s in revisions.rendered(guide.published_revision).sections] == ["Background", "Intro A"]


def test_co_chairs_edit_different_parts_at_once_and_both_keep_their_work(server_url, world):
    from tests.conftest import edit_guide

    guide = world["guide_a"]
    edit_guide(guide, lambda: Section.objects.create(guide=guide, order=2, heading="Background", body="Old."))
    committee_chair_add(committee=world["committee_a"], user=make_user("co-chair"))
    with chromium() as browser:
        first = open_editor(browser, server_url, "chair-a", guide)
        second = open_editor(browser, server_url, "co-chair", guide)
        second.click(".outline li:nth-child(2) .part-open")
        second.wait_for_function("document.getElementById('part-heading').value === 'Background'")
        first.locator("#part-body").fill("Intro written by the first chair.")
        second.locator("#part-body").fill("Background written by the co-chair.")
        saved(first)
        saved(second)
        assert list(guide.sections.values_list("body", flat=True)) == [
            "Intro written by the first chair.", "Background written by the co-chair."]
        # Now the first chair edits Background from the text they loaded before the co-chair's save.
        first.click(".outline li:nth-child(2) .part-open")
        first.wait_for_function("document.getElementById('part-heading').value === 'Background'")
        # The page still holds "Old." as what it started from.
        first.locator("#part-body").fill("My own background.")
        first.wait_for_selector("#conflict:not([hidden])")
        assert first.locator("#part-body").input_value() == "My own background."
        assert "Background written by the co-chair." in first.locator("#conflict-theirs").text_content()
        screenshot(first, "editor-conflict-1280.png")
        assert Section.objects.get(heading="Background").body == "Background written by the co-chair."
        first.click("#keep-mine")
        saved(first)
    assert Section.objects.get(heading="Background").body == "My own background."


def test_a_source_added_in_the_editor_is_attached_to_a_new_key_term_without_leaving_it(server_url, world):
    guide = world["guide_a"]
    with chromium() as browser:
        page = open_editor(browser, server_url, "chair-a", guide)
        page.click("text=Sources (1)")
        page.click("#add-entry")
        source = page.locator("#entry-list .entry").last
        source.locator("input[name=key]").fill("unodc-2024")
        source.locator("input[name=title]").fill("Global Report on Trafficking in Persons 2024")
        source.locator("input[name=published_on]").fill("December 2024")
        entry_saved(page)
        page.select_option("#add-kind", "key_terms")
        page.click("#add-part button[type=submit]")
        page.wait_for_selector("#entries-h:has-text('Key terms (0)')")
        page.click("#add-entry")
        term = page.locator("#entry-list .entry").last
        term.locator("input[name=term]").fill("Trafficking in persons")
        term.locator("textarea[name=definition]").fill("Moving people *to exploit* them.")
        term.locator("select[name=source]").select_option(label="unodc-2024 — Global Report on Trafficking in Persons 2024")
        entry_saved(page)
        screenshot(page, "editor-entries-1280.png")
    stored = guide.key_terms.get()
    assert (stored.term, stored.source.key, stored.source.published_display) == (
        "Trafficking in persons", "unodc-2024", "December 2024")
    assert guide.sections.filter(kind="key_terms").count() == 1


def test_a_chair_adds_a_figure_in_the_editor_and_the_preview_shows_it(server_url, world):
    import io

    from PIL import Image

    guide = world["guide_a"]
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "navy").save(buffer, "PNG")
    with chromium() as browser:
        page = open_editor(browser, server_url, "chair-a", guide)
        page.click("text=Figures (0)")
        page.click("#add-entry")
        box = page.locator("#entry-list .entry").last
        box.locator("select[name=section]").select_option(label="Intro A")
        box.locator("input[name=caption]").fill("Detected victims by region")
        box.locator("input[name=alt_text]").fill("A bar chart of detected victims in six regions.")
        box.locator("input[name=image]").set_input_files(
            files=[{"name": "victims.png", "mimeType": "image/png", "buffer": buffer.getvalue()}])
        page.wait_for_function("document.getElementById('editor-state').textContent.startsWith('All changes saved')")
        page.wait_for_selector("#entry-list .entry img.entry-image")
        assert page.locator("#entry-list .entry legend").last.inner_text() == "Detected victims by region"
        screenshot(page, "editor-figure-1280.png")
    figure = guide.figures.get()
    assert (figure.section.heading, figure.alt_text, figure.image.width) == (
        "Intro A", "A bar chart of detected victims in six regions.", 120)
