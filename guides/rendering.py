"""The one content pipeline: a study guide's Markdown and parts rendered once per revision.

build_rendered_guide(guide) -> RenderedGuide, called only by guides.revisions when it stores a revision; the
reader, PDF export, anchoring and diffs read that stored rendering and never render Markdown themselves.
Markdown (markdown-it-py, raw HTML off) → citations [@key] as footnote markers numbered by first use across
the guide → sanitised with an allow-list (nh3).
"""

import html as html_module
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from guides.citations import CITATION_RE, citations_of_match
from guides.enums import LIST_KINDS, Arrangement, SectionKind, StakeholderKind

RENDER_VERSION = 7  # 7: a typed <br> is a line break

ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td", "img", "span",
}
ALLOWED_ATTRIBUTES = {
    "h3": {"id"},
    "a": {"href", "title", "id", "data-source", "aria-describedby"},
    "sup": {"id"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
# Classes are allowed per tag by value (nh3 refuses "class" in ALLOWED_ATTRIBUTES as well).
ALLOWED_CLASSES = {"a": {"fn-link"}, "sup": {"fn-ref"}, "span": {"cite-missing"}}


def _keep_attribute(tag, attribute, value):
    # Images may only come from our own media or static files: no tracking pixels, nothing for the
    # PDF renderer to fetch from elsewhere.
    if tag == "img" and attribute == "src":
        return value if value.startswith((settings.MEDIA_URL, "/" + settings.STATIC_URL.lstrip("/"))) else None
    if attribute == "style":
        return value if value in ("text-align:left", "text-align:center", "text-align:right") else None
    if attribute == "aria-describedby":  # a footnote call, tied to its note
        return value if re.fullmatch(r"fn-\d+", value) else None
    if tag == "h3" and attribute == "id":  # only the anchors the pipeline gives sub-headings
        return value if re.fullmatch(r"section-\d+-\d+", value) else None
    return value


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _citation_rule(state, silent):
    if state.src[state.pos : state.pos + 2] != "[@":
        return False
    match = CITATION_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"cites": citations_of_match(match)}
    state.pos = match.end()
    return True


def note_text(source, locator):
    """A footnote's text: the source's MLA entry, with the page (or paragraph) cited when given."""
    mla = source.mla()
    if not locator:
        return mla
    return mark_safe(f"{mla.removesuffix('.')}, {escape(locator)}.")


def _render_citation(self, tokens, idx, options, env):
    """Each source cited (with each locator) gets one footnote number, in order of first use in the guide."""
    notes = env["footnotes"]
    links = []
    for key, locator in tokens[idx].meta["cites"]:
        if key not in env["sources"]:
            links.append(f'<span class="cite-missing">[?{escape(key)}]</span>')
            continue
        if (key, locator) not in notes:
            notes[(key, locator)] = {"number": len(notes) + 1, "refs": 0}
        note = notes[(key, locator)]
        note["refs"] += 1
        number = note["number"]
        # The popup's text: the note without its markup, escaped once (the note's own entities decoded first).
        source_text = escape(html_module.unescape(strip_tags(note_text(env["sources"][key], locator))))
        links.append(
            f'<a class="fn-link" href="#fn-{number}" id="fnref-{number}-{note["refs"]}" aria-describedby="fn-{number}" '
            f'data-source="{source_text}">{number}</a>'
        )
    return f'<sup class="fn-ref">{", ".join(links)}</sup>'


# Explanatory footnotes: [^label] in the text, and a line "[^label]: the note" (continued by indented lines)
# anywhere in the same text. They share one numbered series with the source citations.
_NOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]+\S.*|[ \t]*(?=\n[ \t]+\S)))*)", re.M)
_NOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")


def split_notes(text):
    """(text without note definitions, {label: note Markdown})."""
    notes = {}

    def keep(match):
        notes.setdefault(match.group(1), " ".join(match.group(2).split()))
        return ""

    return _NOTE_DEFINITION.sub(keep, text or ""), notes


def note_labels(text):
    """([labels called, in order], {labels defined}) of explanatory footnotes in one text."""
    rest, defined = split_notes(text)
    return list(dict.fromkeys(_NOTE_CALL.findall(CITATION_RE.sub("", rest)))), set(defined)


def _note_rule(state, silent):
    if state.src[state.pos : state.pos + 2] != "[^":
        return False
    match = _NOTE_CALL.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("text_note", "", 0)
        token.meta = {"label": match.group(1)}
    state.pos = match.end()
    return True


def _render_text_note(self, tokens, idx, options, env):
    label = tokens[idx].meta["label"]
    text = env.get("text_notes", {}).get(label)
    if text is None:
        return f'<span class="cite-missing">[^{escape(label)}?]</span>'
    notes = env["footnotes"]
    key = ("", f"{env['text_scope']}:{label}")
    if key not in notes:
        html = sanitise(_inline_md.renderInline(text))
        notes[key] = {"number": len(notes) + 1, "refs": 0, "html": html}
    note = notes[key]
    note["refs"] += 1
    number = note["number"]
    return (f'<sup class="fn-ref"><a class="fn-link" href="#fn-{number}" id="fnref-{number}-{note["refs"]}" '
            f'data-source="{escape(html_module.unescape(strip_tags(note["html"])))}">{number}</a></sup>')


def _shift_headings(state):
    """A section's heading is h2, so its body's own headings start at h3, whatever level the chair typed
    (# or ###): the highest level used becomes h3 (a sub-heading, in the contents and the PDF outline), the
    next ones h4 and below. Sub-headings get an anchor and are collected in env["subheadings"]."""
    opens = [token for token in state.tokens if token.type == "heading_open"]
    if not opens:
        return
    top = min(int(token.tag[1]) for token in opens)
    prefix = state.env.get("heading_prefix")
    for index, token in enumerate(state.tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = min(int(token.tag[1]) - top + 3, 6)
        token.tag = f"h{level}"
        if token.type == "heading_open" and level == 3 and prefix is not None:
            subheadings = state.env.setdefault("subheadings", [])
            anchor = f"{prefix}-{len(subheadings) + 1}"
            token.attrSet("id", anchor)
            inline = state.tokens[index + 1]
            title = "".join(child.content for child in (inline.children or []) if child.type in ("text", "code_inline"))
            subheadings.append({"anchor": anchor, "title": " ".join(title.split())})


def make_markdown():
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.add_render_rule("citation", _render_citation)
    md.inline.ruler.before("link", "text_note", _note_rule)
    md.add_render_rule("text_note", _render_text_note)
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


_md = make_markdown()
# A note's own text: Markdown inline marks and links, no citations or notes inside a note.
_inline_md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["strikethrough"])


_SKIP_TAGS = ("a", "sup", "code", "pre", "h3", "h4", "h5", "h6")
_TAG_RE = re.compile(r"(<[^>]+>)")


_WORD = re.compile(r"[\w-]+")


def _index(terms):
    """{(first word, ignoring case): [(pattern, term index)]} and the patterns whose text does not start with a
    word: each text node is then read once, word by word, whatever the number of terms, and a pattern is tried
    only where its first word is (terms ignoring case, acronyms as written)."""
    by_word, other = {}, []
    for index, (patterns, _pk, _definition, texts) in enumerate(terms):
        for pattern, text in zip(patterns, texts, strict=True):
            first = _WORD.match(text)
            if first is None:
                other.append((pattern, index))
                continue
            ignore_case = bool(pattern.flags & re.IGNORECASE)
            key = first.group(0).casefold() if ignore_case else first.group(0)
            by_word.setdefault((key, ignore_case), []).append((pattern, index))
    for candidates in by_word.values():
        candidates.sort(key=lambda item: -len(item[0].pattern))  # the longest term first
    return by_word, other


def _mark_in_text(text, terms, marked, index):
    """Marks first uses inside one text node; returns HTML (text parts are already escaped)."""
    by_word, other = index
    found = []  # (start, end, term index)
    for word in _WORD.finditer(text):
        for key in ((word.group(0).casefold(), True), (word.group(0), False)):
            for pattern, term in by_word.get(key, ()):
                if terms[term][1] in marked:
                    continue
                match = pattern.match(text, word.start())
                if match:
                    found.append((match.start(), match.end(), term))
                    break
    for pattern, term in other:
        if terms[term][1] not in marked and (match := pattern.search(text)):
            found.append((match.start(), match.end(), term))
    out, position = [], 0
    for start, end, term in sorted(found):
        _patterns, pk, definition, _texts = terms[term]
        if pk in marked or start < position:
            continue
        marked.add(pk)
        out.append(text[position:start])
        out.append(f'<a class="term" href="#term-{pk}" aria-describedby="term-{pk}-def" '
                   f'data-definition="{escape(definition)}">{text[start:end]}</a>')
        position = end
    out.append(text[position:])
    return "".join(out)


def mark_first_uses(html, terms, marked, index=None):
    """Wraps the first use in the guide of each key term in a link to its glossary entry.

    html is sanitised output, so splitting on tags is safe. The definition travels in data-definition
    (shown by CSS on hover and focus) so it never becomes part of the section's text content.
    terms: term_patterns(): [(patterns, pk, definition, texts)]; marked: pks already marked earlier in the guide (updated);
    index: _index(terms), when marking many texts with the same terms.
    """
    if not terms or len(marked) == len(terms):
        return html
    index = index or _index(terms)  # built once per guide by build_rendered_guide
    pieces = _TAG_RE.split(html)
    skip_depth = 0
    for position, piece in enumerate(pieces):
        if piece.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", piece)
            if name and name.group(1).lower() in _SKIP_TAGS and not piece.endswith("/>"):
                skip_depth += -1 if piece.startswith("</") else 1
        elif piece.strip() and not skip_depth:
            pieces[position] = _mark_in_text(piece, terms, marked, index)
            if len(marked) == len(terms):
                break
    return "".join(pieces)


_CITATION_WITH_SPACE = re.compile(r"\s*" + CITATION_RE.pattern)


def term_patterns(key_terms):
    """The term matches ignoring case; its acronym (ILO, AMP) only as written."""
    patterns = []
    for term in key_terms:
        texts = [term.term] + ([term.acronym] if term.acronym else [])
        alternatives = [re.compile(rf"(?<![\w-]){re.escape(term.term)}(?![\w-])", re.IGNORECASE)]
        if term.acronym:
            alternatives.append(re.compile(rf"(?<![\w-]){re.escape(term.acronym)}(?![\w-])"))
        # The hover text is the definition's words, without Markdown marks or citations.
        definition = html_module.unescape(strip_tags(_md.render(_CITATION_WITH_SPACE.sub("", split_notes(term.definition)[0]), {}))).strip()
        patterns.append((alternatives, term.pk, " ".join(definition.split()), texts))
    return patterns


def render_markdown(text, env):
    """Markdown → sanitised HTML; env carries footnote numbering across calls for one guide.

    Text is normalised to NFC first, so a passage reads the same to annotation anchoring whether the
    chair's editor produced composed or decomposed characters.
    """
    text, env["text_notes"] = split_notes(unicodedata.normalize("NFC", text or ""))
    env["text_scope"] = env.get("text_scope", 0) + 1  # a note's label belongs to the text defining it
    return sanitise(_line_breaks(_md.render(text, env)))


_TYPED_BR = re.compile(r"&lt;br\s*/?&gt;", re.I)
_CODE = re.compile(r"(<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>)", re.S)


def _line_breaks(html):
    """A <br> typed in the text is a line break: it is how documents from Word or Google Docs, and Markdown
    tables, break a line inside a table cell. In code it stays as typed."""
    parts = _CODE.split(html)
    return "".join(part if index % 2 else _TYPED_BR.sub("<br>", part) for index, part in enumerate(parts))


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """The text content of rendered HTML, exactly as the browser's textContent gives it for the same markup.

    Annotation offsets are counted in this text (in code points; the browser converts from UTF-16).
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


class _CallCollector(_TextCollector):
    """Text offsets of footnote calls: [(offset, number)] where each call's number starts in the plain text."""

    def __init__(self):
        super().__init__()
        self.calls, self.at = [], 0  # (HTMLParser keeps its own "offset")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href") or ""
        if tag == "a" and "fn-link" in (attrs.get("class") or "").split() and href.startswith("#fn-"):
            number = href[len("#fn-"):]
            if number.isdigit():
                self.calls.append((self.at, int(number)))

    def handle_data(self, data):
        super().handle_data(data)
        self.at += len(data)


def footnote_calls(html):
    """([(offset, footnote number)] of the footnote calls in rendered HTML, its plain_text()); offsets are where
    each call's number starts in that text."""
    collector = _CallCollector()
    collector.feed(str(html))
    collector.close()
    return collector.calls, "".join(collector.parts)


def passage_footnotes(rendered, anchor, start, end):
    """The footnotes (rendered.footnotes entries) called inside a passage of a part, or right after it: anchor
    is a section's pk or a part's key ("term-12"), start and end code points into that part's text."""
    if isinstance(anchor, int):
        html = next((s.html for s in rendered.sections if s.pk == anchor), "")
    else:
        html = next((h for key, _, h in textual_parts(rendered) if key == anchor), "")
    calls, text = footnote_calls(html)
    # Inside the passage, or right after it (only spaces or punctuation between): "… generations ¹."
    numbers = {number for offset, number in calls
               if start <= offset and (offset < end or not text[end:offset].strip(" \u00a0.,;:!?)]’”'"))}
    return [note for note in rendered.footnotes if note["number"] in numbers]


@dataclass
class RenderedSection:
    pk: int
    anchor: str
    kind: str
    heading: str
    html: str
    text: str = ""  # plain text of html (= the browser's textContent), computed once per revision
    figures: list = field(default_factory=list)
    subheadings: list = field(default_factory=list)  # [{"anchor", "title"}]: the section's h3s, in order


@dataclass
class RenderedGuide:
    guide_pk: int
    revision: int
    sections: list
    stakeholders: list
    key_terms: list
    timeline: list
    questions: list
    figures: list
    footnotes: list  # [{"number", "key", "mla"}] in number order
    bibliography: list  # [{"key", "mla"}] in MLA (alphabetical) order
    uncited: list  # keys of sources neither cited nor attached to a term, event or figure (nor further reading)
    further_reading: list = field(default_factory=list)  # [{"key", "mla"}], sources recommended, not cited
    placed: list = field(default_factory=list)  # the lists (LIST_KINDS) the chairs placed in the outline
    parties_grouped: bool = True  # parties shown grouped by kind (when the chairs did not place and order them)


def _figure(figure, sources_by_pk):
    return {
        # Our own permission-checked URL whatever the storage (local disk or object storage).
        "pk": figure.pk,
        "url": reverse("media", args=[figure.image.name]),
        "caption": figure.caption,
        "alt": figure.alt_text,
        "credit": figure.credit,
        "source_key": sources_by_pk[figure.source_id].key if figure.source_id in sources_by_pk else "",
    }


def build_rendered_guide(guide):
    """Render everything; runs a fixed number of queries whatever the guide's size."""
    sources = {source.key: source for source in guide.sources.all()}
    sources_by_pk = {source.pk: source for source in sources.values()}
    env = {"footnotes": {}, "sources": sources}
    figures = list(guide.figures.all())
    terms = list(guide.key_terms.all())
    patterns = term_patterns(terms)
    term_index = _index(patterns)
    marked = set()
    sections = []

    def render_section(section):
        env["heading_prefix"], env["subheadings"] = f"section-{section.pk}", []
        html = mark_safe(mark_first_uses(render_markdown(section.body, env), patterns, marked, term_index))
        subheadings = env.pop("subheadings")
        env.pop("heading_prefix")
        sections.append(
            RenderedSection(
                pk=section.pk,
                anchor=f"section-{section.pk}",
                kind=section.kind,
                heading=section.heading,
                html=html,
                text=plain_text(html),
                figures=[_figure(f, sources_by_pk) for f in figures if f.section_id == section.pk],
                subheadings=subheadings,
            )
        )

    attached = {f.source_id for f in figures}

    def with_source(text, source_id):
        """Markdown of a definition or event, with its attached source cited at the end (a footnote)."""
        source = sources_by_pk.get(source_id)
        return f"{text.rstrip()}[@{source.key}]" if source else text

    kind_rank = {kind: rank for rank, kind in enumerate(StakeholderKind.values)}
    groups = {
        StakeholderKind.MEMBER_STATE: "Member states", StakeholderKind.UN_BODY: "UN bodies",
        StakeholderKind.IGO: "Intergovernmental organisations", StakeholderKind.NGO: "Non-governmental organisations",
        StakeholderKind.OTHER: "Other parties",
    }
    lists = {"key_terms": [], "major_parties": [], "timeline": [], "questions": []}

    def render_key_terms(arrangement):
        ordered = sorted(terms, key=lambda t: t.term.casefold()) if arrangement == Arrangement.ALPHABETICAL else terms
        for term in ordered:
            attached.add(term.source_id)
            lists["key_terms"].append({
                "pk": term.pk, "term": term.term, "acronym": term.acronym, "definition": term.definition,
                "definition_html": mark_safe(render_markdown(with_source(term.definition, term.source_id), env)),
                "source_key": sources_by_pk[term.source_id].key if term.source_id in sources_by_pk else "",
            })

    def render_parties(arrangement):
        parties = list(guide.stakeholders.all())
        if arrangement == Arrangement.ALPHABETICAL:
            parties.sort(key=lambda party: party.name.casefold())
        elif arrangement is None:  # not placed by the chairs: grouped by kind, member states first
            parties.sort(key=lambda party: kind_rank[party.kind])
        lists["major_parties"] += [{
            "pk": s.pk, "name": s.name, "kind": s.kind, "kind_label": s.get_kind_display(),
            "kind_rank": kind_rank[s.kind], "kind_group": groups[s.kind],
            "iso_code": ", ".join(s.codes), "iso_codes": s.codes, "flag": s.flag,
            "html": mark_safe(render_markdown(s.description, env)),
        } for s in parties]

    def render_timeline(arrangement):
        events = list(guide.timeline_events.all())
        if arrangement in (Arrangement.DATE, Arrangement.ALPHABETICAL):  # alphabetical means nothing here
            events.sort(key=lambda event: (event.date, event.end_date or event.date, event.pk))
        for event in events:
            attached.add(event.source_id)
            lists["timeline"].append({
                "pk": event.pk, "date": event.date.isoformat(), "date_display": event.date_display,
                "title": event.title, "description": event.description,
                "description_html": mark_safe(render_markdown(with_source(event.description, event.source_id), env)),
                "source_key": sources_by_pk[event.source_id].key if event.source_id in sources_by_pk else "",
            })

    def render_questions(arrangement):
        lists["questions"] += [{"pk": q.pk, "kind": q.kind, "text": q.text, "html": mark_safe(render_markdown(q.text, env))}
                               for q in guide.questions.all()]

    renderers = {"key_terms": render_key_terms, "major_parties": render_parties, "timeline": render_timeline,
                 "questions": render_questions}
    # Everything is rendered in reading order, so footnotes are numbered as they are read: the chair's
    # outline (a list part placed in it is rendered where it stands, its entries arranged as the part says),
    # then the lists the outline does not place, in their usual place (entries in the chairs' order, parties
    # grouped by kind), then the appendices.
    all_sections = list(guide.sections.all())
    placed = []
    for section in all_sections:
        if section.kind == SectionKind.APPENDIX:
            continue
        render_section(section)
        if section.kind in LIST_KINDS and section.kind not in placed:
            placed.append(section.kind)
            renderers[section.kind](section.arrangement)
    for kind in LIST_KINDS:
        if kind not in placed:
            renderers[kind](None)
    for section in all_sections:
        if section.kind == SectionKind.APPENDIX:
            render_section(section)
    key_terms, stakeholders, timeline, questions = (lists[kind] for kind in LIST_KINDS)
    notes = env["footnotes"]
    # A source's footnote is its MLA entry (with the locator); an explanatory note is its own text.
    footnotes = [
        {"number": note["number"], "key": key, "locator": locator if key else "",
         "mla": note_text(sources[key], locator) if key else mark_safe(note["html"])}
        for (key, locator), note in sorted(notes.items(), key=lambda item: item[1]["number"])
    ]
    cited = {key for key, _ in notes if key}
    used = {key for key, source in sources.items() if key in cited or source.pk in attached}

    def entries(keys):
        return sorted(({"key": key, "mla": sources[key].mla(), "sort": (sources[key].authors or sources[key].title)
                        .lower()} for key in keys), key=lambda entry: entry["sort"])

    # Works cited: what the text cites (and sources not yet cited, which the chairs are warned about);
    # further reading: sources the chairs recommend without citing them.
    further = [key for key, source in sources.items() if source.further_reading and key not in used]
    bibliography = entries(key for key in sources if key not in further)
    uncited = [key for key in sources if key not in used and key not in further]
    return RenderedGuide(
        guide_pk=guide.pk,
        revision=guide.revision,
        sections=sections,
        stakeholders=stakeholders,
        key_terms=key_terms,
        timeline=timeline,
        questions=questions,
        figures=[_figure(f, sources_by_pk) for f in figures if f.section_id is None],
        footnotes=footnotes,
        bibliography=bibliography,
        uncited=uncited,
        further_reading=entries(further),
        placed=placed,
        parties_grouped="major_parties" not in placed,
    )


PART_KEY = re.compile(r"(term|party|event|question|figure)-\d+")


def textual_parts(rendered):
    """[(key, heading, html)] of the guide's textual parts besides its sections, in reading order: key-term
    definitions, party cards, timeline entries, questions and figure captions, each under the id its element
    carries in the reader ("term-12", "party-3", "event-9", "question-4", "figure-7")."""
    figures = [f for s in rendered.sections for f in s.figures] + list(rendered.figures)
    return (
        [(f"term-{t['pk']}", f"{t['term']} ({t['acronym']})" if t.get("acronym") else t["term"], t["definition_html"])
         for t in rendered.key_terms]
        + [(f"party-{p['pk']}", p["name"], p["html"]) for p in rendered.stakeholders]
        + [(f"event-{e['pk']}", " ".join(filter(None, [e["date_display"], e.get("title", "")])), e["description_html"])
           for e in rendered.timeline]
        + [(f"question-{q['pk']}", "Question", q["html"]) for q in rendered.questions]
        + [(f"figure-{f['pk']}", f["caption"], escape(f["caption"])) for f in figures if f.get("pk")]
    )


def annotatable_parts(rendered):
    """{key: (heading, order, text)} of every part a delegate can highlight: each section by its pk, and the other
    textual parts by their key (textual_parts). Each text is what the reader's element with that data-section
    shows (its textContent), so offsets match the browser's."""
    parts = {s.pk: (s.heading, order, s.text) for order, s in enumerate(rendered.sections)}
    for offset, (key, heading, html) in enumerate(textual_parts(rendered), start=len(parts)):
        parts[key] = (heading, offset, plain_text(str(html)))
    return parts
