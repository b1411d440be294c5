"""Real browser: a delegate highlights a passage with a note; it survives the chair's edit; a deleted passage is listed as orphaned."""


import pytest

from delegates.demo import DEMO_PASSWORD
from delegates.models import Annotation
from guides import revisions
from guides.models import StudyGuide
from guides.rendering import annotatable_parts
from guides.services import guide_publish
from tests.browser import chromium, log_in, screenshot
from tests.conftest import edit_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = "Desperation is the root"


@pytest.fixture
def demo(demo_guides):
    guide = demo_guides["ga3"]
    section = guide.sections.get(heading="General overview")
    # The overview's first paragraph alone, after an emoji: the browser counts it as two UTF-16 units, the server
    # as one code point.
    paragraph = section.body.split("### Background and causes\n\n", 1)[1].split("\n\n", 1)[0]
    edit_guide(guide, lambda: section.__class__.objects.filter(pk=section.pk).update(body="🌍 " + paragraph))
    guide_publish(guide=guide)
    return guide, section


def publish(page, server_url, guide, note):
    """The chair publishes the working copy from the admin's review page."""
    page.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/publish/")
    page.fill("textarea[name=note]", note)
    page.click("button[value=publish]")
    page.wait_for_selector("text=published: delegates read it now")


def select_text(page, section_pk, quote):
    page.evaluate(
        """([pk, quote]) => {
            const root = document.querySelector(`[data-section="${pk}"]`);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(quote);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at); range.setEnd(node, at + quote.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges(); selection.addRange(range);
                    return;
                }
            }
            throw new Error("quote not found");
        }""",
        [section_pk, quote],
    )


def test_server_plain_text_equals_browser_text_content_for_every_demo_section(server_url, demo):
    with chromium() as browser:
        page = browser.new_page()
        guides = list(StudyGuide.objects.select_related("topic__committee__conference"))
        assert len(guides) == 5
        for guide in guides:
            # Each conference's organizer sees its guides (and only those).
            slug = guide.topic.committee.conference.slug
            page.context.clear_cookies()
            log_in(page, server_url, "organizer" if slug == "demo" else f"organizer.{slug}", DEMO_PASSWORD)
            page.goto(server_url + guide.get_absolute_url())
            # Every part a delegate can highlight: sections, terms, parties, events, questions, captions.
            browser_texts = page.evaluate(
                "Object.fromEntries([...document.querySelectorAll('[data-section]')].map(e => [e.dataset.section, e.textContent]))"
            )
            server_texts = {str(key): text for key, (_, _, text)
                            in annotatable_parts(revisions.rendered(guide.published_revision)).items()}
            assert browser_texts == server_texts


def test_highlight_survives_reload_and_chair_edit_and_orphans_when_deleted(server_url, demo):
    guide, section = demo
    with chromium() as browser:
        delegate = browser.new_page(viewport={"width": 390, "height": 860}, has_touch=True)
        log_in(delegate, server_url, "delegate.nigeria", DEMO_PASSWORD)
        delegate.goto(server_url + guide.get_absolute_url())
        delegate.wait_for_selector(".bookmark")  # notes.js has loaded the delegate's notes
        select_text(delegate, section.pk, QUOTE)
        delegate.click(".hl-create")
        delegate.fill("#hl-note", "Use <this> in my opening speech")
        delegate.select_option("#hl-label", "evidence")
        delegate.click(".hl-save")
        delegate.wait_for_selector("mark.hl")
        annotation = Annotation.objects.get()
        assert (annotation.quote_exact, annotation.position_start) == (QUOTE, 2)  # "🌍 " is two code points
        guide.refresh_from_db()
        published = revisions.rendered(guide.published_revision)
        text = next(s.text for s in published.sections if s.pk == section.pk)
        assert text[annotation.position_start:annotation.position_end] == QUOTE

        delegate.reload()
        mark = delegate.wait_for_selector("mark.hl")
        assert mark.text_content() == QUOTE
        assert mark.get_attribute("title") == "Use <this> in my opening speech"
        mark.scroll_into_view_if_needed()
        screenshot(delegate, "notes-highlight-390.png")

        # The chair inserts a sentence before the passage in the admin.
        chair = browser.new_page(viewport={"width": 1280, "height": 900})
        log_in(chair, server_url, "fantasia.pinas", DEMO_PASSWORD)
        chair.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/change/?all=1")
        body = chair.locator("textarea[name$='-body']").nth(2)  # the overview, after the key terms
        body.fill(body.input_value().replace("🌍 ", "🌍 The first thing to know: "))
        chair.click("input[name=_save]")
        chair.wait_for_url(f"{server_url}/admin/guides/studyguide/")
        # Saved, not published: the delegate still reads the old text.
        delegate.reload()
        delegate.wait_for_selector("mark.hl")
        assert "The first thing to know" not in delegate.content()
        publish(chair, server_url, guide, "Added an opening sentence.")

        delegate.reload()
        mark = delegate.wait_for_selector("mark.hl")
        assert mark.text_content() == QUOTE
        annotation.refresh_from_db()
        assert (annotation.status, annotation.current_start, annotation.position_start) == ("anchored", 27, 2)

        # The chair deletes the passage.
        chair.goto(f"{server_url}/admin/guides/studyguide/{guide.pk}/change/?all=1")
        body = chair.locator("textarea[name$='-body']").nth(2)  # the overview, after the key terms
        sentence_end = body.input_value().index("promise jobs, safety or love.") + len("promise jobs, safety or love.")
        body.fill("🌍 The first thing to know: " + body.input_value()[sentence_end:].lstrip())
        chair.click("input[name=_save]")
        chair.wait_for_url(f"{server_url}/admin/guides/studyguide/")
        publish(chair, server_url, guide, "Removed a sentence.")

        delegate.reload()
        delegate.wait_for_selector(".bookmark")
        assert delegate.locator("mark.hl").count() == 0
        delegate.goto(f"{server_url}/notes/")
        orphan = delegate.locator(".note.status-orphaned")
        assert orphan.locator("blockquote").inner_text() == QUOTE
        assert "Use <this> in my opening speech" in orphan.inner_text()
        assert "Passages the chairs removed" in delegate.content()
        screenshot(delegate, "notes-orphaned-390.png")


def test_selection_across_sections_is_refused(server_url, demo):
    guide, _ = demo
    first, second = [s for s in guide.sections.all() if s.body][:2]  # two parts with text
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + guide.get_absolute_url())
        page.wait_for_selector(".bookmark")
        page.evaluate(
            """([a, b]) => {
                const range = document.createRange();
                range.setStart(document.querySelector(`.prose[data-section="${a}"]`), 0);
                range.setEnd(document.querySelector(`.prose[data-section="${b}"]`), 1);
                const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
            }""",
            [first.pk, second.pk],
        )
        page.wait_for_selector(".hl-toolbar:not([hidden])")
        assert page.locator(".hl-message").inner_text() == (
            "Select text within one part (a section, a term, a party, an event or a question) to highlight it.")
        assert page.locator(".hl-create").is_hidden()
    assert Annotation.objects.count() == 0


def test_a_note_saved_offline_is_kept_and_saved_when_back_online(server_url, demo):
    guide, section = demo
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 860}, has_touch=True)
        page = context.new_page()
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + guide.get_absolute_url())
        page.wait_for_selector(".bookmark")
        select_text(page, section.pk, QUOTE)
        page.click(".hl-create")
        page.fill("#hl-note", "Written on the bus")
        assert page.locator(".hl-count").inner_text() == "18 / 10,000 characters"
        context.set_offline(True)
        page.click(".hl-save")
        error = page.wait_for_selector(".hl-error:not(:empty)")
        # The dialog stays open with the text, and says why.
        assert error.inner_text().startswith("You are offline: your note is kept on this device")
        assert (page.locator(".hl-dialog").get_attribute("open"), page.input_value("#hl-note")) == ("", "Written on the bus")
        assert page.locator(".hl-unsaved").inner_text().startswith("1 note not yet saved")
        screenshot(page, "notes-offline-390.png")
        assert Annotation.objects.count() == 0
        context.set_offline(False)  # back online: the kept note is saved by itself
        page.wait_for_selector("mark.hl")
        assert list(Annotation.objects.values_list("quote_exact", "note")) == [(QUOTE, "Written on the bus")]
        page.wait_for_selector(".hl-unsaved", state="hidden")
        page.wait_for_selector(".hl-dialog", state="hidden")  # the dialog that waited for the network closes
        context.close()


def test_a_highlight_can_be_made_from_the_keyboard(server_url, demo):
    guide, section = demo
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + guide.get_absolute_url())
        page.wait_for_selector(".bookmark")
        page.keyboard.press("Alt+KeyH")  # nothing selected yet: it says what to do
        assert page.locator(".hl-message").inner_text() == "Select text in the guide first, then press Alt+H."
        select_text(page, section.pk, QUOTE)
        page.keyboard.press("Alt+KeyH")
        page.wait_for_selector(".hl-dialog[open]")
        assert page.evaluate("document.activeElement.id") == "hl-note"  # typing goes to the note at once
        page.keyboard.type("From the keyboard")
        page.click(".hl-save")
        page.wait_for_selector("mark.hl")
    assert list(Annotation.objects.values_list("quote_exact", "note")) == [(QUOTE, "From the keyboard")]


def test_a_delegate_highlights_their_party_card_and_a_key_term(server_url, demo):
    guide, _ = demo
    party = guide.stakeholders.get(name="Nigeria & India")
    term = guide.key_terms.get(term="Grooming")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 860}, has_touch=True)
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        page.goto(server_url + guide.get_absolute_url())
        page.wait_for_selector(".bookmark")
        for key, quote in ((f"party-{party.pk}", "Major source countries"), (f"term-{term.pk}", "win a victim's trust")):
            select_text(page, key, quote)
            page.click(".hl-create")
            page.fill("#hl-note", f"On {key}")
            page.click(".hl-save")
            page.wait_for_selector(f'[data-section="{key}"] mark.hl')
        page.reload()
        page.wait_for_selector(f'[data-section="party-{party.pk}"] mark.hl')
        assert page.locator(f'[data-section="term-{term.pk}"] mark.hl').text_content() == "win a victim's trust"
        page.locator(f'[data-section="party-{party.pk}"] mark.hl').scroll_into_view_if_needed()
        screenshot(page, "notes-party-card-390.png")
    assert sorted(Annotation.objects.values_list("part", "quote_exact")) == [
        (f"party-{party.pk}", "Major source countries"), (f"term-{term.pk}", "win a victim's trust")]
