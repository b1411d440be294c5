"""Re-anchoring a delegate's highlight after the chair edits the text."""

import re
import unicodedata

from delegates.anchoring import ANCHORED, CHANGED, ORPHANED, anchor, selector_from_text
from guides.rendering import plain_text, render_markdown

TEXT = (
    "Human trafficking is the fastest growing criminal activity in the world.\n"
    "The Palermo Protocol was adopted in 2000 and entered into force in 2003.\n"
    "Debt bondage can last for generations until the debt is paid off."
)
OTHER = "Regional efforts are promising because trafficking crosses borders."


def select(text, quote, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return selector_from_text(text, start, start + len(quote))


def where(selector, new_text, other=OTHER, home="a"):
    result = anchor(selector, {"a": new_text, "b": other}, home)
    return result.status, result.section, result.text, result.start


def test_no_change():
    selector = select(TEXT, "The Palermo Protocol was adopted")
    assert where(selector, TEXT) == (ANCHORED, "a", "The Palermo Protocol was adopted", selector.start)


def test_formatting_only_change_keeps_the_plain_text_and_the_anchor():
    env = {"footnotes": {}, "sources": {}}
    before = plain_text(render_markdown("The Palermo Protocol was adopted in 2000.", env))
    after = plain_text(render_markdown("The **Palermo Protocol** was *adopted* in 2000.", env))
    selector = select(before, "Palermo Protocol was adopted")
    assert where(selector, after) == (ANCHORED, "a", "Palermo Protocol was adopted", 4)


def test_text_inserted_before():
    selector = select(TEXT, "Debt bondage can last")
    new = "A new opening sentence. " + TEXT
    assert where(selector, new) == (ANCHORED, "a", "Debt bondage can last", selector.start + 24)


def test_context_edited():
    selector = select(TEXT, "entered into force in 2003")
    new = TEXT.replace("was adopted in 2000 and", "was signed by many states and later")
    status, section, text, _ = where(selector, new)
    assert (status, section, text) == (ANCHORED, "a", "entered into force in 2003")


def test_passage_moved_to_another_paragraph():
    selector = select(TEXT, "Debt bondage can last for generations")
    lines = TEXT.split("\n")
    new = "\n".join([lines[2], lines[0], lines[1]])
    assert where(selector, new) == (ANCHORED, "a", "Debt bondage can last for generations", 0)


def test_passage_moved_to_another_section():
    selector = select(TEXT, "Debt bondage can last for generations until the debt is paid off.")
    without = TEXT.rsplit("\n", 1)[0]
    other = OTHER + " Debt bondage can last for generations until the debt is paid off."
    status, section, text, _ = where(selector, without, other=other)
    assert (status, section, text) == (ANCHORED, "b", "Debt bondage can last for generations until the debt is paid off.")


def test_typo_inside_the_quote_is_changed_and_shows_the_new_text():
    selector = select(TEXT, "fastest growing criminal activity")
    new = TEXT.replace("fastest growing criminal", "fastest-growing criminal")
    assert where(selector, new)[:3] == (CHANGED, "a", "fastest-growing criminal activity")


def test_part_of_the_quote_deleted_is_changed():
    selector = select(TEXT, "can last for generations until the debt")
    new = TEXT.replace("for generations ", "")
    assert where(selector, new)[:3] == (CHANGED, "a", "can last until the debt")


def test_quote_deleted_is_orphaned():
    selector = select(TEXT, "and entered into force in 2003")
    new = TEXT.replace(" and entered into force in 2003", "")
    assert where(selector, new) == (ORPHANED, None, "", None)


def test_short_quote_corrected_does_not_jump_to_a_look_alike():
    text = "We count 12 states in the region. Another 12 joined the protocol later."
    selector = select(text, "12")
    new = text.replace("count 12", "count 13")
    status, section, found, start = where(selector, new, other="Only 12 here.")
    assert status in (CHANGED, ORPHANED)
    assert start != new.index("Another 12") + len("Another ")
    assert (status, found) == (CHANGED, "13")


def test_same_quote_twice_keeps_the_right_occurrence():
    text = "The ILO helps. Many agencies work together, and the ILO leads on forced labour."
    selector = select(text, "the ILO", occurrence=1)
    assert text[selector.start - 4 : selector.start] == "and "
    new = "Preface. " + text
    assert where(selector, new) == (ANCHORED, "a", "the ILO", selector.start + 9)


def test_quote_at_the_very_start_and_end_of_a_section():
    start = select(TEXT, "Human trafficking")
    end = select(TEXT, "until the debt is paid off.")
    new = TEXT.replace("in the world", "worldwide")
    assert where(start, new) == (ANCHORED, "a", "Human trafficking", 0)
    assert where(end, new)[:3] == (ANCHORED, "a", "until the debt is paid off.")


def test_nfc_and_nfd_text_match():
    text = "Les États membres coopèrent."
    selector = select(text, "États membres")
    decomposed = unicodedata.normalize("NFD", text)
    status, _, found, _ = where(selector, decomposed)
    assert status == ANCHORED and unicodedata.normalize("NFC", found) == "États membres"


def test_emoji_before_the_quote_counts_as_one_code_point():
    text = "🇳🇬 Nigeria is a source country for trafficking."
    selector = select(text, "source country")
    assert selector.start == 16  # two regional-indicator code points, a space, "Nigeria is a "
    assert where(selector, "🔥" + text) == (ANCHORED, "a", "source country", 17)


def test_soft_line_breaks_reflowed():
    text = "Traffickers exploit\ndesperation and need."
    selector = select(text, "exploit\ndesperation")
    assert where(selector, "Traffickers exploit desperation and need.") == (ANCHORED, "a", "exploit desperation", 12)


def test_reverted_edit_anchors_from_the_original_selectors():
    selector = select(TEXT, "fastest growing criminal activity")
    edited = TEXT.replace("fastest growing", "quickly expanding")
    assert where(selector, edited)[0] in (CHANGED, ORPHANED)
    assert where(selector, TEXT) == (ANCHORED, "a", "fastest growing criminal activity", selector.start)


def test_deleted_section_orphans():
    selector = select(TEXT, "Palermo Protocol")
    assert anchor(selector, {"b": TEXT}, home=None).status == ORPHANED


def test_reanchoring_twice_gives_the_same_result_from_the_original_selector():
    selector = select(TEXT, "fastest growing criminal activity")
    new = TEXT.replace("fastest growing", "fastest-growing")
    first = anchor(selector, {"a": new}, "a")
    assert (first.status, first.start, first.end, first.text) == (CHANGED, 25, 58, "fastest-growing criminal activity")
    assert anchor(selector, {"a": new}, "a") == first


PARAGRAPH = ("States agreed in 2015 to end trafficking by 2030, yet most victims are never identified and "
             "few cases reach a court.")


def test_a_whole_section_highlight_survives_a_small_edit_as_changed():
    # Selecting a whole one-paragraph section stores no prefix and no suffix.
    selector = selector_from_text(PARAGRAPH, 0, len(PARAGRAPH))
    assert (selector.prefix, selector.suffix) == ("", "")
    edited = PARAGRAPH.replace("never identified", "not identified")
    assert where(selector, edited) == (CHANGED, "a", edited, 0)


def test_a_whole_section_rewritten_beyond_recognition_is_orphaned():
    selector = selector_from_text(PARAGRAPH, 0, len(PARAGRAPH))
    assert where(selector, "An entirely different paragraph about maritime law.")[0] == ORPHANED


def test_selections_with_a_space_at_either_end_anchor_exactly_after_an_edit():
    # A double-click selects "word " (with the space after it); every such selection in the paragraph is
    # found again, at its new place, after the chair adds a sentence before it and corrects a later word.
    added, edit_at = "A new first sentence. ", PARAGRAPH.index("few cases")
    edited = added + PARAGRAPH.replace("few cases", "only some cases")
    growth = len("only some cases") - len("few cases")
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", PARAGRAPH)]
    tried, misplaced = 0, []
    for start, end in words:
        word = PARAGRAPH[start:end]
        if word == "few":
            continue  # edited away
        expected = len(added) + start + (growth if start > edit_at else 0)
        for selection in ((start, end + 1), (start - 1, end), (start - 1, end + 1)):  # "word ", " word", " word "
            if selection[0] < 0 or selection[1] > len(PARAGRAPH):
                continue
            tried += 1
            status, _, text, found = where(selector_from_text(PARAGRAPH, *selection), edited)
            if (status, text, found) != (ANCHORED, word, expected):
                misplaced.append((selection, status, text, found, expected))
    assert (tried, misplaced) == (56, [])
