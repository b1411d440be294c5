"""Stored revisions of a guide: snapshot the working copy, read a revision back, compare two, restore one.

A revision holds the guide's source (the parts as chairs wrote them, enough to restore it) and its rendered form
(one typed schema: guides.rendering.RenderedGuide as JSON). The reader, PDF, anchoring, bookmarks and the
"what changed" view read revisions, never the working copy's rows.
"""

import dataclasses
import datetime
import hashlib
import json
import re
from collections import OrderedDict

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from guides.models import (
    Figure,
    GuideRevision,
    KeyTerm,
    Question,
    Section,
    Source,
    Stakeholder,
    TimelineEvent,
)
from guides.rendering import RenderedGuide, RenderedSection, build_rendered_guide, plain_text

SCHEMA = 1
# A guide's revision (source + rendered) may be at most this big; the largest demo guide is ~0.1 MB.
MAX_REVISION_BYTES = 5 * 1024 * 1024
# Unpublished revisions kept per guide; older ones that were never published are dropped (published ones stay).
KEEP_UNPUBLISHED = 200

# Parts in the order they are restored (sources before the parts that link to them, sections before figures).
PARTS = {
    "sources": (Source, ["key", "kind", "authors", "title", "container", "publisher", "published_on",
                         "published_precision", "url", "accessed_on", "un_symbol", "further_reading"]),
    "sections": (Section, ["order", "kind", "heading", "body", "arrangement"]),
    "key_terms": (KeyTerm, ["order", "term", "acronym", "definition", "source_id"]),
    "timeline_events": (TimelineEvent, ["order", "date", "precision", "end_date", "title", "description",
                                        "source_id"]),
    "stakeholders": (Stakeholder, ["order", "name", "kind", "iso_code", "description"]),
    "questions": (Question, ["kind", "text", "order"]),
    "figures": (Figure, ["section_id", "order", "image", "caption", "alt_text", "credit", "source_id"]),
}
DATE_FIELDS = {"published_on", "accessed_on", "date", "end_date"}


def normalise_text(value):
    """Line ends as \\n and no trailing spaces: what a browser's CRLF or a stray space changes is no change."""
    if not isinstance(value, str):
        return value
    return "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def _value(obj, name):
    value = getattr(obj, name)
    if name == "image":
        return value.name
    if isinstance(value, datetime.date):
        return value.isoformat()
    return normalise_text(value)


def source_of(guide):
    """The guide's parts as plain data, with their primary keys (anchors and bookmarks key on them)."""
    return {
        part: [{"pk": obj.pk, **{name: _value(obj, name) for name in names}}
               for obj in getattr(guide, part).all().order_by("pk")]
        for part, (_, names) in PARTS.items()
    }


def digest_of(source):
    return hashlib.sha256(json.dumps(source, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def rendered_to_json(rendered):
    data = dataclasses.asdict(rendered)
    data["schema"] = SCHEMA
    return data


def rendered_from_json(data):
    data = dict(data)
    data.pop("schema", None)
    # The HTML parts were made by the pipeline (sanitised, or escaped by format_html) before they were stored.
    sections = [RenderedSection(**{**s, "html": mark_safe(s["html"])}) for s in data.pop("sections")]
    stakeholders = [{**p, "html": mark_safe(p["html"])} for p in data.pop("stakeholders")]
    footnotes = [{**n, "mla": mark_safe(n["mla"])} for n in data.pop("footnotes")]
    bibliography = [{**b, "mla": mark_safe(b["mla"])} for b in data.pop("bibliography")]
    # Revisions stored before definitions, events and questions were Markdown have no "…_html": their plain
    # text is shown escaped, as it was then.
    key_terms = [{**t, "definition_html": mark_safe(t["definition_html"]) if "definition_html" in t
                  else conditional_escape(t["definition"])} for t in data.pop("key_terms")]
    timeline = [{**e, "description_html": mark_safe(e["description_html"]) if "description_html" in e
                 else conditional_escape(e["description"])} for e in data.pop("timeline")]
    questions = [{**q, "html": mark_safe(q["html"]) if "html" in q else conditional_escape(q["text"])}
                 for q in data.pop("questions")]
    further_reading = [{**b, "mla": mark_safe(b["mla"])} for b in data.pop("further_reading", [])]
    return RenderedGuide(sections=sections, stakeholders=stakeholders, footnotes=footnotes,
                         bibliography=bibliography, key_terms=key_terms, timeline=timeline, questions=questions,
                         further_reading=further_reading, **data)


# Revisions never change, so each process keeps the parsed form of the ones it read last. A cache only:
# every process reads the same rows, nothing depends on what another process holds.
_parsed = OrderedDict()
PARSED_KEPT = 64


def rendered(revision):
    """The revision as a RenderedGuide; its JSON is loaded from the database only when not already parsed."""
    # Keyed by pk and creation time: a test database that rolls back may hand out a pk again.
    key = (revision.pk, revision.created_at)
    found = _parsed.get(key)
    if found is None:
        data = revision.__dict__.get("rendered")
        if data is None:  # deferred: load it now
            data = GuideRevision.objects.values_list("rendered", flat=True).get(pk=revision.pk)
        found = rendered_from_json(data)
        _parsed[key] = found
        while len(_parsed) > PARSED_KEPT:
            _parsed.popitem(last=False)
    else:
        _parsed.move_to_end(key)
    return found


_diffs = OrderedDict()


def revisions_diff(old, new):
    """What changed between two stored revisions (computed once per pair and process)."""
    key = (old.pk, old.created_at, new.pk, new.created_at)
    if key not in _diffs:
        _diffs[key] = revision_diff(rendered(old), rendered(new))
        while len(_diffs) > PARSED_KEPT:
            _diffs.popitem(last=False)
    return _diffs[key]


def revision_record(*, guide, by):
    """Stores the working copy as the next revision, or returns None when its source did not change."""
    source = source_of(guide)
    digest = digest_of(source)
    latest = guide.revisions.order_by("-number").only("number", "source_digest").first()
    if latest is not None and latest.source_digest == digest:
        return None
    number = (latest.number if latest else 0) + 1
    guide.revision = number
    snapshot = rendered_to_json(build_rendered_guide(guide))
    size = len(json.dumps(source)) + len(json.dumps(snapshot))
    if size > MAX_REVISION_BYTES:
        raise ValidationError(
            f"This guide is now {size / 1e6:.1f} MB of text; a guide may be at most "
            f"{MAX_REVISION_BYTES / 1e6:.0f} MB. Split it into topics or shorten it; nothing was saved."
        )
    revision = GuideRevision.objects.create(
        guide=guide, number=number, source=source, rendered=snapshot, source_digest=digest, size=size, author=by)
    _prune(guide)
    return revision


def _prune(guide):
    keep = guide.revisions.order_by("-number").values_list("pk", flat=True)[:KEEP_UNPUBLISHED]
    (guide.revisions.exclude(pk__in=list(keep)).filter(publications__isnull=True)
     .exclude(pk=guide.published_revision_id).delete())


def source_restore(*, guide, source):
    """Makes the working copy's parts exactly those of source, keeping primary keys (so anchors stay)."""
    for part in reversed(PARTS):  # figures and terms first: they refer to sections and sources
        model, _ = PARTS[part]
        keep = [row["pk"] for row in source.get(part, [])]
        model.objects.filter(guide=guide).exclude(pk__in=keep).delete()
    for part, (model, names) in PARTS.items():
        for row in source.get(part, []):
            # A field added after the revision was stored takes its default.
            values = {name: row[name] if name in row else model._meta.get_field(name).get_default()
                      for name in names}
            for name in DATE_FIELDS & set(values):
                values[name] = datetime.date.fromisoformat(values[name]) if values[name] else None
            model.objects.update_or_create(pk=row["pk"], guide=guide, defaults=values)


# What changed: word-level differences between two revisions.

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(op, text)] with op -1 (removed), 0 (kept) or 1 (added), compared word by word."""
    tokens, table = {}, []

    def encode(text):
        out = []
        for token in _TOKEN.findall(text):
            if token not in tokens:
                tokens[token] = chr(0x10000 + len(table))  # one character per distinct word
                table.append(token)
            out.append(tokens[token])
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = 2
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    return [(op, "".join(table[ord(ch) - 0x10000] for ch in chunk)) for op, chunk in diffs]


CONTEXT = 160  # characters of unchanged text kept either side of a change


def _trim(diff):
    """Long unchanged stretches shortened to their ends, so a one-word edit in a long section reads as one."""
    trimmed = []
    for index, (op, text) in enumerate(diff):
        if op == 0 and len(text) > 3 * CONTEXT:
            head, tail = text[:CONTEXT], text[-CONTEXT:]
            if 0 < index < len(diff) - 1:
                text = f"{head} … {tail}"
            elif index == 0:
                text = "… " + tail
            else:
                text = head + " …"
        trimmed.append((op, text))
    return trimmed


def _part_texts(guide):
    """Every part a delegate reads, as (key, title, plain text), in reading order."""
    parts = [(f"section-{s.pk}", s.heading, s.text) for s in guide.sections]
    extra = [
        ("key-terms", "Key terms", "\n".join(f"{t['term']}: {t['definition']}" for t in guide.key_terms)),
        ("major-parties", "Major parties", "\n".join(f"{p['name']}: {plain_text(p['html'])}" for p in guide.stakeholders)),
        ("timeline", "Timeline of key events", "\n".join(f"{e['date_display']}: {e['description']}" for e in guide.timeline)),
        ("questions", "Questions", "\n".join(q["text"] for q in guide.questions)),
        ("works-cited", "Works cited", "\n".join(b["mla"] for b in guide.bibliography)),
    ]
    return parts + [entry for entry in extra if entry[2]]


def revision_diff(old, new):
    """Per part of the guide: [{"key", "title", "state": added|removed|changed, "diff": [(op, text)]}].

    old and new are RenderedGuides; unchanged parts are left out.
    """
    before = {key: (title, text) for key, title, text in _part_texts(old)}
    changes = []
    seen = set()
    for key, title, text in _part_texts(new):
        seen.add(key)
        if key not in before:
            changes.append({"key": key, "title": title, "state": "added", "diff": [(1, text)]})
            continue
        old_title, old_text = before[key]
        if (old_title, old_text) != (title, text):
            diff = _trim(word_diff(old_text, text))
            if old_title != title:
                diff = [(-1, old_title + "\n"), (1, title + "\n")] + diff
            changes.append({"key": key, "title": title, "state": "changed", "diff": diff})
    for key, (title, text) in before.items():
        if key not in seen:
            changes.append({"key": key, "title": title, "state": "removed", "diff": [(-1, text)]})
    return changes


def working_revision(guide):
    """The working copy's revision; its JSON is loaded only when needed (rendered() parses it once per process)."""
    return guide.revisions.defer("rendered", "source").get(number=guide.revision)


def reader_revision(guide, user, *, preview=False):
    """The revision this user reads: the published one; editors read the working copy when previewing, and
    before the first publish. None when there is nothing they may read."""
    from guides.rules import may_edit_guide

    if (preview or guide.published_revision_id is None) and may_edit_guide(user, guide):
        return working_revision(guide)
    return guide.published_revision
