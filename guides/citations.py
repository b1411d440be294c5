"""Citation keys in authored Markdown ([@key], [@a; @b]) and MLA 9 references built from a Source."""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

KEY_PATTERN = r"[A-Za-z0-9_][A-Za-z0-9_:.\-]*"
KEY_RE_FULL = rf"^{KEY_PATTERN}$"
# One citation group: [@a] or [@a; @b; @c], each key with an optional locator: [@a, p. 8; @b, pp. 3–4].
# A key may not end with '.' or ':' so "[@a.]" reads as key "a".
_LOCATOR = r"(?:,\s*[^;\[\]@]*[^;\[\]@\s])?"
CITATION_RE = re.compile(rf"\[@({KEY_PATTERN}){_LOCATOR}((?:\s*;\s*@{KEY_PATTERN}{_LOCATOR})*)\s*\]")
_ONE_RE = re.compile(rf"@({KEY_PATTERN})(?:,\s*([^;\[\]@]*[^;\[\]@\s]))?")

MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def citations_of_match(match):
    """[(key, locator)] of one citation group; the locator ("p. 8") is "" when none is given."""
    return [(key, locator.strip()) for key, locator in _ONE_RE.findall(match.group(0))]


def keys_of_match(match):
    return [key for key, _ in citations_of_match(match)]


def cited_keys(text):
    """Every key cited in a Markdown text, in order of appearance (repeats kept)."""
    keys = []
    for match in CITATION_RE.finditer(text or ""):
        keys.extend(keys_of_match(match))
    return keys


def unknown_keys(texts, known):
    """Keys cited in any of texts that are not in known, in first-use order without repeats."""
    unknown = []
    for text in texts:
        for key in cited_keys(text):
            if key not in known and key not in unknown:
                unknown.append(key)
    return unknown


def mla_date(value, precision):
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MLA_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MLA_MONTHS[value.month - 1]} {value.year}"


def _end(text):
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def mla_citation(source):
    """MLA 9 'Works Cited' entry as safe HTML (titles in italics or quotes, per MLA).

    Author. "Title of Source." *Container*, Publisher, Date, Symbol, URL. Accessed Date.
    A work that stands on its own (report, treaty, UN document without a container) has an italic title.
    An organisation that is both author and publisher is named once, as publisher (MLA 9, 2.1.3).
    """
    parts = []
    authors = source.authors.strip()
    publisher = source.publisher.strip()
    if authors and authors != publisher:
        parts.append(format_html("{} ", _end(authors)))
    container = source.container.strip()
    if container:
        parts.append(format_html("“{}” ", _end(source.title)))
        details = [format_html("<i>{}</i>", container)]
    else:
        title = source.title.strip().rstrip(".")
        parts.append(format_html("<i>{}</i>{} ", title, "" if title.endswith(("?", "!")) else "."))
        details = []
    if publisher and publisher != container:
        details.append(format_html("{}", publisher))
    if source.published_on:
        details.append(format_html("{}", mla_date(source.published_on, source.published_precision)))
    if source.un_symbol:
        details.append(format_html("{}", source.un_symbol))
    if source.url:
        shown = re.sub(r"^https?://", "", source.url)
        details.append(format_html('<a href="{}">{}</a>', source.url, shown))
    if details:
        parts.append(mark_safe(", ".join(details) + ". "))
    if source.accessed_on:
        parts.append(format_html("Accessed {}.", mla_date(source.accessed_on, "day")))
    return mark_safe("".join(parts).strip())
