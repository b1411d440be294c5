"""Finding an annotation's passage again after the chair edits the text (W3C Web Annotation selectors).

Pure functions over plain text (str, offsets in code points). The original selectors are always the
starting point, so re-anchoring is repeatable and a reverted edit anchors exactly as before.

Order of attempts, in a whitespace-collapsed view of the text (so re-wrapped lines do not matter):
1. the exact quote at its stored position;
2. exact occurrences of the quote, in the home section first, then in the guide's other sections,
   ranked by how much of the stored prefix/suffix they agree with and by distance from the old position;
   an occurrence away from the old position must agree with its context, so a short quote whose word was
   corrected never jumps to a look-alike elsewhere;
3. a bounded fuzzy match: the stretch between the stored prefix and suffix near the old position, kept
   as "changed" when it still resembles the quote;
otherwise the annotation is orphaned (kept, never deleted).
"""

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass

ANCHORED = "anchored"
CHANGED = "changed"
ORPHANED = "orphaned"

CONTEXT_CHARS = 32
# A quote this long is distinctive enough to be trusted wherever it is found once.
DISTINCTIVE_QUOTE = 40
# A quote this long that occurs once in its own section is trusted there.
UNIQUE_QUOTE = 12
# How much of the stored context an occurrence away from the old position must agree with.
MIN_CONTEXT_AGREEMENT = 8
# A changed passage must still resemble the quote this much (difflib ratio).
MIN_CHANGED_SIMILARITY = 0.5
# The fuzzy search looks this far (in characters) around the expected position.
FUZZY_WINDOW = 2000

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    status: str
    section: object = None  # the key of the section it is in (None when orphaned)
    start: int | None = None
    end: int | None = None
    text: str = ""  # the text at the anchor now (differs from the quote when changed)


class Collapsed:
    """A text with whitespace runs collapsed to one space, and the map back to original offsets."""

    def __init__(self, text):
        self.original = text
        chars, index_map = [], []
        for match in re.finditer(r"\s+|\S", text):
            chars.append(" " if match.group().isspace() else match.group())
            index_map.append(match.start())
        self.text = "".join(chars)
        self._starts = index_map + [len(text)]

    def to_original(self, start, end):
        """Collapsed [start, end) → original [start, end)."""
        original_end = self._starts[end - 1] + 1 if end > start else self._starts[start]
        # A collapsed space at the end stands for the whole whitespace run.
        while end > start and original_end < len(self.original) and self.text[end - 1] == " " and self.original[original_end].isspace():
            original_end += 1
        return self._starts[start], original_end

    def from_original(self, offset):
        """Original offset → collapsed offset (first collapsed index at or after it)."""
        low, high = 0, len(self._starts) - 1
        while low < high:
            middle = (low + high) // 2
            if self._starts[middle] < offset:
                low = middle + 1
            else:
                high = middle
        return low


def normalise(text):
    return _WS.sub(" ", unicodedata.normalize("NFC", text))


def _common_suffix(a, b):
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


def _common_prefix(a, b):
    return len(os.path.commonprefix([a, b]))


def _context_agreement(text, start, end, prefix, suffix):
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    agreement = _common_suffix(before, prefix) + _common_prefix(after, suffix)
    # At the very start or end of a section an empty stored context agrees fully.
    if not prefix and start == 0:
        agreement += MIN_CONTEXT_AGREEMENT
    if not suffix and end == len(text):
        agreement += MIN_CONTEXT_AGREEMENT
    return agreement


def _occurrences(text, quote):
    found, index = [], text.find(quote)
    while index != -1:
        found.append(index)
        index = text.find(quote, index + 1)
    return found


def _best_occurrence(view, quote, prefix, suffix, expected, is_home):
    """The best exact occurrence in one section's collapsed text, or None if none is trustworthy."""
    best = None
    occurrences = _occurrences(view.text, quote)
    for start in occurrences:
        end = start + len(quote)
        agreement = _context_agreement(view.text, start, end, prefix, suffix)
        distance = abs(start - expected) if is_home else len(view.text) + 1
        trusted = (
            agreement >= MIN_CONTEXT_AGREEMENT
            or len(quote) >= DISTINCTIVE_QUOTE
            # The only occurrence of a non-trivial quote in its own section is the same passage.
            or (is_home and len(occurrences) == 1 and len(quote) >= UNIQUE_QUOTE)
            or (is_home and distance == 0 and agreement > 0)
        )
        if not trusted:
            continue
        score = (agreement, -distance)
        if best is None or score > best[0]:
            best = (score, start, end)
    return best


def _fuzzy(view, quote, prefix, suffix, expected):
    """The stretch between the stored prefix and suffix near the expected position, if it resembles the quote."""
    low = max(0, expected - FUZZY_WINDOW)
    high = min(len(view.text), expected + len(quote) + FUZZY_WINDOW)
    window = view.text[low:high]
    candidates = []
    # Trust the context only as far as it is distinctive: use up to 16 characters next to the quote.
    # An empty prefix (suffix) means the passage began (ended) the section: it is anchored there instead.
    head, tail = prefix[-16:], suffix[:16]
    starts = [low + i + len(head) for i in _occurrences(window, head)] if head else ([0] if low == 0 else [])
    for start in starts:
        if tail:
            limit = start + 2 * len(quote) + 20
            stop = view.text.find(tail, start, limit + len(tail))
            if stop == -1:
                continue
        else:
            stop = len(view.text) if len(view.text) - start <= 2 * len(quote) + 20 else -1
            if stop == -1:
                continue
        stretch = view.text[start:stop].strip()
        if not stretch:
            continue
        offset = view.text.index(stretch, start) if stretch else start
        ratio = difflib.SequenceMatcher(None, quote, stretch, autojunk=False).ratio()
        candidates.append((ratio, -abs(start - expected), offset, offset + len(stretch)))
    if not candidates:
        return None
    ratio, _, start, end = max(candidates)
    if ratio < MIN_CHANGED_SIMILARITY:
        return None
    return start, end


def prepare(sections):
    """{section key: plain text} → the collapsed views anchor() searches; build once per guide revision."""
    return {key: Collapsed(unicodedata.normalize("NFC", text)) for key, text in sections.items()}


def anchor(selector, sections, home, views=None):
    """Where selector's passage is now.

    sections: {section key: plain text} of the guide as it is now, in reading order; home: the key of the
    section the annotation was made in (None if that section was deleted, which orphans it).
    views: prepare(sections), when re-anchoring many annotations against the same text.
    """
    if home is None or home not in sections:
        return Anchor(ORPHANED)
    # Whitespace at either end of a selection ("word " from a double-click) is context, not quote: it moves
    # into the prefix/suffix, so the stored context still lines up with the text next to the quote.
    exact = selector.exact
    leading = len(exact) - len(exact.lstrip())
    trailing = len(exact) - len(exact.rstrip())
    quote = normalise(exact).strip()
    if not quote:
        return Anchor(ORPHANED)
    prefix = normalise(selector.prefix + exact[:leading])
    suffix = normalise(exact[len(exact) - trailing:] + selector.suffix) if trailing else normalise(selector.suffix)
    views = views or prepare(sections)
    home_view = views[home]
    expected = home_view.from_original(selector.start + leading)

    # 1 and 2: exact quote, home section first (position, then context), then the other sections.
    found = _best_occurrence(home_view, quote, prefix, suffix, expected, is_home=True)
    if found:
        return _anchored(ANCHORED, home, home_view, found[1], found[2])
    elsewhere = []
    for key, view in views.items():
        if key == home:
            continue
        candidate = _best_occurrence(view, quote, prefix, suffix, 0, is_home=False)
        if candidate:
            elsewhere.append((candidate[0], key, candidate[1], candidate[2]))
    if elsewhere:
        _, key, start, end = max(elsewhere, key=lambda item: item[0])
        return _anchored(ANCHORED, key, views[key], start, end)

    # 3: bounded fuzzy match in the home section.
    fuzzy = _fuzzy(home_view, quote, prefix, suffix, expected)
    if fuzzy:
        return _anchored(CHANGED, home, home_view, *fuzzy)
    return Anchor(ORPHANED)


def _anchored(status, key, view, start, end):
    original_start, original_end = view.to_original(start, end)
    return Anchor(status, key, original_start, original_end, view.original[original_start:original_end])


def selector_from_text(text, start, end):
    """The W3C selectors for text[start:end] (used when an annotation is created)."""
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )
