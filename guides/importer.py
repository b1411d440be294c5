"""Reads a chair's existing guide (.docx, .odt, .md, .txt) into the parts of a study guide, writing nothing.

pandoc (the PyPI package pypandoc-binary) turns the document into its AST in a sandbox (it can read no other
file and fetch nothing); this module walks the AST: headings (and bold short paragraphs) become sections with a
kind guessed from their wording, and the sections that hold key terms, a timeline, major parties, questions or a
bibliography become those parts. Word and Markdown footnotes become sources cited at exactly their place.
The result is plain data (`ImportResult`) that the chair previews; guides.services.guide_import_apply writes it
through the one writer.
"""

import datetime
import io
import json
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field

import pycountry
from django.conf import settings

from guides.enums import DatePrecision, QuestionKind, SectionKind, SourceKind, StakeholderKind

FORMATS = {".docx": "docx", ".odt": "odt", ".md": "commonmark_x+footnotes+yaml_metadata_block",
           ".markdown": "commonmark_x+footnotes+yaml_metadata_block", ".txt": "commonmark_x+footnotes"}
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx that unpacks to more than this is a zip bomb
MAX_RATIO = 200  # ... as is one member compressed more than this
PANDOC_SECONDS = 60


class ImportRefused(Exception):
    """The document cannot be imported; the message says why in one line."""


@dataclass
class ImportResult:
    title: str = ""
    blocks: list = field(default_factory=list)  # [{"heading", "kind", "role", "body"}], one per top-level heading
    key_terms: list = field(default_factory=list)  # {"block", "term", "acronym", "definition"}
    timeline: list = field(default_factory=list)  # {"block", "date", "precision", "end_date", "description"}
    stakeholders: list = field(default_factory=list)  # {"block", "name", "kind", "iso_code", "description"}
    questions: list = field(default_factory=list)  # {"block", "kind", "text"}
    sources: list = field(default_factory=list)  # {"key", "kind", "title", "authors", "url", "published_on", ...}
    figures: list = field(default_factory=list)  # {"block", "media", "caption", "alt_text"}
    citations: int = 0
    warnings: list = field(default_factory=list)

    def counts(self, demoted=()):
        """What an import with these blocks demoted to plain text would create."""
        kept = [i for i, b in enumerate(self.blocks) if b["role"] == "prose" or i in demoted]
        parts = {name: [p for p in getattr(self, name) if p["block"] not in demoted]
                 for name in ("key_terms", "timeline", "stakeholders", "questions")}
        return {
            "sections": len(kept), "key_terms": len(parts["key_terms"]), "timeline_events": len(parts["timeline"]),
            "stakeholders": len(parts["stakeholders"]), "sources": len(self.sources), "citations": self.citations,
            "questions": len(parts["questions"]), "figures": len(self.figures),
        }

    def as_json(self):
        return asdict(self)


# What a heading says → (role, section kind). First match wins; the wording of real guides.
HEADINGS = [
    (r"letter|welcome|dear delegates|note from", "prose", SectionKind.LETTER),
    (r"definition|key terms|glossary|terminology", "key_terms", SectionKind.OTHER),
    (r"timeline|chronolog", "timeline", SectionKind.OTHER),
    (r"major (parties|countries|stakeholders|actors|players)|parties involved|key (players|actors|stakeholders)"
     r"|stakeholders|countries and organi[sz]ations involved", "parties", SectionKind.OTHER),
    (r"questions? (a|the|that a) resolution|qarma|questions to (be )?answer", "resolution_questions", SectionKind.OTHER),
    (r"research questions|questions to consider|guiding questions|further research|points to consider"
     r"|additional questions|^questions$", "research_questions", SectionKind.OTHER),
    (r"bibliograph|works cited|references|sources|citations", "bibliography", SectionKind.OTHER),
    (r"background|history|general information|general overview|context", "prose", SectionKind.BACKGROUND),
    (r"introduc|overview|topic summary", "prose", SectionKind.INTRODUCTION),
    (r"un involvement|united nations involvement|un action|relevant un|role of the un|un treaties", "prose",
     SectionKind.UN_INVOLVEMENT),
    (r"previous attempts|past actions|attempts to solve|previous resolutions", "prose", SectionKind.PREVIOUS_ATTEMPTS),
    (r"possible solutions|solutions|recommendations", "prose", SectionKind.POSSIBLE_SOLUTIONS),
    (r"bloc positions|blocs", "prose", SectionKind.BLOC_POSITIONS),
    (r"appendi|annex", "prose", SectionKind.APPENDIX),
    (r"further reading|additional resources|useful links", "prose", SectionKind.OTHER),
]
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Za-z])[.)]\s+|^\s*\d+(?:\.\d+)*\s+")


def guess_heading(text):
    """(role, kind, known) for a heading, ignoring numbering such as "2." or "IV."."""
    plain = _NUMBERING.sub("", text).strip().lower()
    for pattern, role, kind in HEADINGS:
        if re.search(pattern, plain):
            return role, kind, True
    return "prose", SectionKind.OTHER, False


# Dates as chairs write them.
MONTHS = {name.lower(): number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"], start=1)}
MONTHS.update({name[:3].lower(): number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
DATE_PATTERNS = [
    (re.compile(rf"^{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)"), "iso"),
    (re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I), DatePrecision.DAY),
    (re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I), DatePrecision.DAY),
    (re.compile(rf"^(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}"), "numeric"),
    (re.compile(rf"^{_MONTH},?\s+{_YEAR}", re.I), DatePrecision.MONTH),
    (re.compile(rf"^{_YEAR}"), DatePrecision.YEAR),
]


def parse_date(text, *, day_first=True):
    """(date, precision, length of text used) for a date at the start of text, or None."""
    text = text.strip()
    for pattern, kind in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        try:
            if kind == "iso":
                return datetime.date(year, int(groups["m"]), int(groups["d"])), DatePrecision.DAY, match.end()
            if kind == "numeric":
                first, second = int(groups["a"]), int(groups["b"])
                day, month = (first, second) if day_first else (second, first)
                return datetime.date(year, month, day), DatePrecision.DAY, match.end()
            if kind == DatePrecision.DAY:
                return (datetime.date(year, MONTHS[groups["month"].lower()], int(groups["day"])), kind, match.end())
            if kind == DatePrecision.MONTH:
                return datetime.date(year, MONTHS[groups["month"].lower()], 1), kind, match.end()
            return datetime.date(year, 1, 1), kind, match.end()
        except ValueError:
            return None
    return None


COUNTRY_ALIASES = {
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "usa": "US", "u.s.": "US", "us": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "america": "US", "south korea": "KR", "republic of korea": "KR", "north korea": "KP", "russia": "RU",
    "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "the netherlands": "NL", "holland": "NL", "czech republic": "CZ",
    "ivory coast": "CI", "drc": "CD", "dr congo": "CD", "democratic republic of the congo": "CD",
    "republic of the congo": "CG", "turkey": "TR", "taiwan": "TW", "palestine": "PS", "state of palestine": "PS",
    "vatican": "VA", "holy see": "VA", "brunei": "BN", "cape verde": "CV", "macedonia": "MK", "eswatini": "SZ",
    "swaziland": "SZ", "micronesia": "FM", "china": "CN", "people's republic of china": "CN", "prc": "CN",
    "uae": "AE", "east timor": "TL", "burma": "MM", "kosovo": "XK",
}
UN_BODIES = re.compile(r"\b(UN|United Nations|UNODC|UNICEF|UNHCR|UNDP|UNESCO|UNFPA|UN Women|OHCHR|ILO|IOM|WHO|"
                       r"ICAT|UN\.GIFT|Security Council|General Assembly|Human Rights Council|ECOSOC|CCPCJ)\b")
IGOS = re.compile(r"\b(European Union|EU|OSCE|African Union|ASEAN|INTERPOL|Interpol|Europol|NATO|OAS|"
                  r"Council of Europe|Commonwealth|League of Arab States|Arab League|World Bank|IMF|OECD)\b")


def country_code(name):
    """ISO 3166 alpha-2 code of a country named in a heading (common names included), or ""."""
    plain = re.sub(r"\s+", " ", name.strip().strip(".:")).lower()
    plain = re.sub(r"^the ", "", plain) if plain not in COUNTRY_ALIASES else plain
    if plain in COUNTRY_ALIASES:
        code = COUNTRY_ALIASES[plain]
        return code if code != "XK" else ""
    try:
        return pycountry.countries.lookup(plain).alpha_2
    except LookupError:
        return ""


def party_from_name(name):
    """(kind, iso_code) for a major party's heading; "Thailand & Philippines" stays one (grouped) party."""
    code = country_code(name)
    if code:
        return StakeholderKind.MEMBER_STATE, code
    if UN_BODIES.search(name):
        return StakeholderKind.UN_BODY, ""
    if IGOS.search(name):
        return StakeholderKind.IGO, ""
    parts = [p for p in re.split(r"\s*(?:&|\band\b|/|,)\s*", name) if p.strip()]
    codes = [country_code(p) for p in parts]
    if len(parts) > 1 and all(codes):  # one card for several member states
        return StakeholderKind.MEMBER_STATE, ",".join(dict.fromkeys(codes))
    return StakeholderKind.NGO, ""


_URL = re.compile(r"https?://[^\s<>\"'\])]+")
_QUOTED = re.compile(r"[\"“](.+?)[\"”]")
_ACCESSED = re.compile(r"accessed\s*(?:on\s*)?(.+?)(?:[.;]|$)", re.I)
def _unnamed(pattern):
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_ANY_DATE = re.compile("(" + "|".join(_unnamed(p) for p in (
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", rf"{_MONTH},?\s+{_YEAR}",
    r"\b(?:1[5-9]\d\d|20\d\d)\b")) + ")", re.I)


def source_from_text(text, *, day_first=True):
    """A source (title, authors, URL, date) from a footnote or bibliography entry; title falls back to the text."""
    text = re.sub(r"\s+", " ", text).strip()
    url_match = _URL.search(text)
    url = url_match.group(0).rstrip(".,;") if url_match else ""
    rest = (text[:url_match.start()] + text[url_match.end():]).strip() if url_match else text
    accessed = None
    accessed_match = _ACCESSED.search(rest)
    if accessed_match:
        parsed = parse_date(re.sub(r"^\w+,\s*", "", accessed_match.group(1)), day_first=day_first)
        accessed = parsed[0] if parsed else None
        rest = (rest[:accessed_match.start()] + rest[accessed_match.end():]).strip()
    authors, title = "", ""
    quoted = _QUOTED.search(rest)
    outside = rest
    if quoted:
        title = quoted.group(1).strip().rstrip(".,")
        authors = rest[:quoted.start()].strip().rstrip(".,")
        outside = rest[quoted.end():]  # a year in the title is not the publication date
    else:
        title = rest.strip(" .,;")
    published_on, precision = None, DatePrecision.DAY
    for candidate in _ANY_DATE.finditer(outside):
        parsed = parse_date(candidate.group(0), day_first=day_first)
        if parsed:
            published_on, precision = parsed[0], parsed[1]
            break
    only_url = not title
    if only_url:
        title = url.split("://", 1)[-1].rstrip("/") if url else text
    kind = SourceKind.WEB_PAGE if url else SourceKind.OTHER
    if re.search(r"\b[A-Z]/(RES|CONF|HRC|CN)\b|\bresolution\b", text):
        kind = SourceKind.UN_DOCUMENT
    return {
        "kind": kind, "title": title[:500], "authors": authors[:300], "url": url[:1000],
        "published_on": published_on.isoformat() if published_on else None, "published_precision": precision,
        "accessed_on": accessed.isoformat() if accessed else None, "only_url": only_url,
    }


def _check_container(data, suffix):
    """A .docx or .odt is a zip: refuse what is not one, what is encrypted, and what unpacks to too much."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused("The file is password-protected or an old Word .doc: save it as .docx without a "
                            "password and upload it again.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportRefused(f"The file is not a valid {suffix} document (it may be damaged).") from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES or any(m.compress_size and m.file_size / m.compress_size > MAX_RATIO
                                         for m in members if m.file_size > 1024 * 1024):
        raise ImportRefused(f"The file unpacks to {total / 1e6:.0f} MB: it is refused as a zip bomb "
                            f"(at most {MAX_UNPACKED_BYTES / 1e6:.0f} MB).")
    names = {member.filename for member in members}
    if suffix == ".docx" and "word/document.xml" not in names:
        raise ImportRefused("The file is not a Word document (no word/document.xml inside).")
    if suffix == ".odt" and "content.xml" not in names:
        raise ImportRefused("The file is not an OpenDocument text (no content.xml inside).")
    notes = []
    if any(name.endswith("vbaProject.bin") for name in names):
        notes.append("The document contains macros: they were ignored.")
    if any(name.startswith(("word/embeddings/", "Object ")) for name in names):
        notes.append("Embedded objects (spreadsheets, charts) were ignored: add them as figures.")
    rels = b"".join(archive.read(n) for n in names if n.endswith(".rels"))
    external_images = len(re.findall(rb'Type="[^"]*/image"[^>]*TargetMode="External"', rels))
    if external_images:
        notes.append(f"{external_images} linked image(s) outside the document were not fetched: upload them as figures.")
    return archive, notes


def pandoc_ast(data, suffix):
    """The document's pandoc AST (JSON), converted in a sandbox with a time and memory limit."""
    import pypandoc

    command = [pypandoc.get_pandoc_path(), "+RTS", "-M1024m", "-RTS", "--sandbox", "-f", FORMATS[suffix], "-t", "json"]
    try:
        completed = subprocess.run(command, input=data, capture_output=True, timeout=PANDOC_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ImportRefused(f"Reading the document took longer than {PANDOC_SECONDS} s; it is refused.") from None
    if completed.returncode != 0:
        reason = completed.stderr.decode(errors="replace").strip().splitlines()
        raise ImportRefused(f"The document could not be read: {reason[-1] if reason else 'unknown error'}.")
    return json.loads(completed.stdout)


def _gfm(chunks, api_version=(1, 23, 1)):
    """Each chunk (a list of pandoc blocks) as GitHub-flavoured Markdown, in one pandoc run."""
    import pypandoc

    if not chunks:
        return []
    separator = {"t": "Para", "c": [{"t": "Str", "c": "MLMUNSPLITZ"}]}
    blocks = []
    for chunk in chunks:
        blocks += chunk + [separator]
    document = {"pandoc-api-version": list(api_version), "meta": {}, "blocks": blocks}
    command = [pypandoc.get_pandoc_path(), "--sandbox", "-f", "json", "-t", "gfm", "--wrap=none"]
    completed = subprocess.run(command, input=json.dumps(document).encode(), capture_output=True,
                               timeout=PANDOC_SECONDS, check=True)
    parts = completed.stdout.decode().split("MLMUNSPLITZ")
    return [part.strip() for part in parts[:len(chunks)]]


_CITED = re.compile(r"\s*\[@(ref-\d+)\]")


def take_citations(text):
    """(text without its [@ref-N] citations, the first cited key or "") for parts that hold plain text."""
    keys = _CITED.findall(text)
    return _CITED.sub("", text).strip(), (keys[0] if keys else "")


def stringify(node):
    """The plain text of AST inlines or blocks."""
    if isinstance(node, list):
        return "".join(stringify(n) for n in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak"):
        return " "
    if kind == "LineBreak":
        return "\n"
    if kind in ("Para", "Plain"):
        return stringify(content) + "\n"
    if kind in ("Note", "Image"):
        return ""
    if kind in ("Link",):
        return stringify(content[1])
    if kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
        return stringify(content)
    if kind == "Quoted":
        return "“" + stringify(content[1]) + "”"
    if kind in ("Span", "Cite"):
        return stringify(content[1])
    if kind == "Code":
        return content[1]
    if isinstance(content, list):
        return stringify(content)
    return ""


class _Reader:
    def __init__(self, ast, media, *, day_first):
        self.ast, self.media, self.day_first = ast, media, day_first
        self.result = ImportResult()
        self.source_keys = {}  # dedupe key → source key
        self.notes = 0
        self.images = 0

    def gfm(self, chunks):
        return _gfm(chunks, self.ast.get("pandoc-api-version", (1, 23, 1)))

    # Footnotes and images become placeholders the Markdown keeps; replaced after conversion.
    def replace_inlines(self, inlines, block_index):
        out = []
        for node in inlines:
            kind = node.get("t")
            if kind == "Note":
                self.notes += 1
                key = self.add_source(stringify(node["c"]), origin=f"footnote {self.notes}")
                self.result.citations += 1
                out.append({"t": "Str", "c": f"MLMUNCITE{key}Z"})
                continue
            if kind == "Image":
                self.add_figure(node, block_index)
                continue
            content = node.get("c")
            if kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
                node = {"t": kind, "c": self.replace_inlines(content, block_index)}
            elif kind in ("Link", "Span", "Quoted"):
                node = {"t": kind, "c": [content[0], self.replace_inlines(content[1], block_index), *content[2:]]}
            out.append(node)
        return out

    def replace_blocks(self, blocks, block_index):
        out = []
        for block in blocks:
            kind, content = block.get("t"), block.get("c")
            if kind in ("Para", "Plain"):
                block = {"t": kind, "c": self.replace_inlines(content, block_index)}
            elif kind == "Header":
                block = {"t": kind, "c": [content[0], content[1], self.replace_inlines(content[2], block_index)]}
            elif kind in ("BulletList",):
                block = {"t": kind, "c": [self.replace_blocks(item, block_index) for item in content]}
            elif kind == "OrderedList":
                block = {"t": kind, "c": [content[0], [self.replace_blocks(item, block_index) for item in content[1]]]}
            elif kind == "BlockQuote":
                block = {"t": kind, "c": self.replace_blocks(content, block_index)}
            elif kind == "Div":
                block = {"t": kind, "c": [content[0], self.replace_blocks(content[1], block_index)]}
            elif kind == "Figure":
                caption = stringify(content[1][1]).strip()
                inner = self.replace_blocks(content[2], block_index)
                if caption and self.result.figures and not self.result.figures[-1]["caption"]:
                    self.result.figures[-1]["caption"] = caption[:500]
                out += inner
                continue
            elif kind == "Table":
                block = {"t": kind, "c": self._replace_in_cells(content, block_index)}
            elif kind == "RawBlock":
                continue  # raw HTML/TeX from the document is not kept
            out.append(block)
        return out

    BLOCK_KINDS = {"Para", "Plain", "BulletList", "OrderedList", "BlockQuote", "Div", "Header", "Table",
                   "DefinitionList", "CodeBlock", "HorizontalRule", "LineBlock", "Figure", "RawBlock"}

    def _replace_in_cells(self, node, block_index):
        """A table's cells hold blocks: footnotes and images in them are replaced as anywhere else."""
        if not isinstance(node, list):
            return node
        if node and all(isinstance(item, dict) and item.get("t") in self.BLOCK_KINDS for item in node):
            return self.replace_blocks(node, block_index)
        return [self._replace_in_cells(item, block_index) for item in node]

    def add_source(self, text, *, origin):
        parsed = source_from_text(text, day_first=self.day_first)
        identity = parsed["url"] or re.sub(r"\W+", " ", parsed["title"].lower()).strip()
        if identity in self.source_keys:
            return self.source_keys[identity]
        key = f"ref-{len(self.result.sources) + 1}"
        self.source_keys[identity] = key
        if parsed.pop("only_url"):
            self.result.warnings.append(f"{origin.capitalize()} has only a URL: give the source a title.")
        if not text.strip():
            self.result.warnings.append(f"{origin.capitalize()} is empty.")
        self.result.sources.append({"key": key, **parsed})
        return key

    def add_figure(self, node, block_index):
        attr, alt_inlines, (target, title) = node["c"]
        alt = stringify(alt_inlines).strip() or title.strip()
        self.images += 1
        figure_number = self.images
        data = None
        for name in (target, f"word/{target}", target.lstrip("./")):
            if name in self.media:
                data = self.media[name]
                break
        if data is None:
            self.result.warnings.append(f"Image {figure_number} ({target[:80]}) is not inside the document: "
                                        "upload it as a figure.")
            return
        if not alt:
            self.result.warnings.append(f"Image {figure_number} has no alt text: describe it before publishing.")
        self.result.figures.append({"block": block_index, "media": target, "caption": title.strip()[:500],
                                    "alt_text": alt[:500], "data": data})

    def read(self):
        meta = self.ast.get("meta", {})
        if "title" in meta:
            self.result.title = stringify(meta["title"].get("c", [])).strip()
        groups = self.split(self.ast["blocks"])
        if groups and not groups[0][0] and len(groups[0][1]) == 1:
            # A single line before the first heading is the document's title (LibreOffice's "Title" style).
            only = stringify(groups[0][1][0]).strip()
            if only and len(only) <= 300 and "\n" not in only:
                self.result.title = self.result.title or only
                groups = groups[1:]
        pending = []  # (block index, chunks) → Markdown in one pandoc run
        for index, (heading, blocks) in enumerate(groups):
            role, kind, _ = guess_heading(heading)
            self.result.blocks.append({"heading": heading[:200] or "Introduction", "kind": kind, "role": role,
                                       "body": ""})
            pending.append((index, self.replace_blocks(blocks, index)))
        markdown = self.gfm([blocks for _, blocks in pending])
        for (index, blocks), text in zip(pending, markdown, strict=True):
            block = self.result.blocks[index]
            block["body"] = self.finish_markdown(text)
            role = block["role"]
            if role != "prose":
                handled = getattr(self, f"read_{role}")(index, blocks)
                if not handled:  # nothing recognised: keep it as text
                    self.result.warnings.append(f"“{block['heading']}”: no {role.replace('_', ' ')} recognised; "
                                                "kept as a section.")
                    block["role"] = "prose"
        return self.result

    @staticmethod
    def finish_markdown(text):
        text = re.sub(r"MLMUNCITE(ref-\d+)Z", r"[@\1]", text)
        text = re.sub(r"(\[@ref-\d+\])\s*\[@(ref-\d+)\]", r"\1[@\2]", text)
        return unicodedata.normalize("NFC", text).strip()

    def split(self, blocks):
        """[(heading, blocks)] by top-level heading; the bold-short-paragraph habit counts as a heading when its
        wording is a known section name (or when the document has no headings at all)."""
        headers = [b["c"][0] for b in blocks if b.get("t") == "Header"]
        top = min(headers) if headers else None

        def bold_heading(block):
            if block.get("t") not in ("Para", "Plain") or not block["c"]:
                return None
            inlines = [n for n in block["c"] if n.get("t") not in ("Space", "SoftBreak")]
            if len(inlines) != 1 or inlines[0].get("t") != "Strong":
                return None
            text = stringify(inlines[0]).strip().rstrip(":")
            if not text or len(text) > 80 or text.endswith("."):
                return None
            return text if (top is None or guess_heading(text)[2]) else None

        groups, heading, current = [], "", []
        for block in blocks:
            text = None
            if block.get("t") == "Header" and block["c"][0] == top:
                text = stringify(block["c"][2]).strip()
            elif block.get("t") != "Header":
                text = bold_heading(block)
            if text is not None:
                if heading or current:
                    groups.append((heading, current))
                heading, current = text, []
                continue
            if block.get("t") == "Header":  # a sub-heading: two levels below the section's h2
                level = min(6, block["c"][0] - (top or 1) + 2)
                block = {"t": "Header", "c": [max(3, level), block["c"][1], block["c"][2]]}
            current.append(block)
        if heading or current:
            groups.append((heading, current))
        return [(h, b) for h, b in groups if h or any(stringify(x).strip() for x in b)]

    # Structured parts. Each returns True when it recognised something.

    def units(self, blocks):
        """Paragraphs and list items, as (markdown-ready blocks, plain text)."""
        for block in blocks:
            kind = block.get("t")
            if kind in ("Para", "Plain"):
                yield [block]
            elif kind == "BulletList":
                for item in block["c"]:
                    yield item
            elif kind == "OrderedList":
                for item in block["c"][1]:
                    yield item
            elif kind == "DefinitionList":
                for term, definitions in block["c"]:
                    yield [{"t": "Para", "c": [{"t": "Strong", "c": term}, {"t": "Str", "c": ":"}, {"t": "Space"}]
                            + [i for d in definitions for b in d for i in b.get("c", []) if b.get("t") in ("Para", "Plain")]}]

    @staticmethod
    def _term_heading(block):
        """The term of a sub-heading or a bold-only paragraph ("Debt bondage" followed by its definition)."""
        if block.get("t") == "Header":
            return stringify(block["c"][2]).strip()
        if block.get("t") in ("Para", "Plain"):
            inlines = [n for n in block["c"] if n.get("t") not in ("Space", "SoftBreak")]
            if len(inlines) == 1 and inlines[0].get("t") == "Strong":
                text = stringify(inlines[0]).strip()
                if not text.endswith(":") and len(text) <= 80:
                    return text
        return None

    def read_key_terms(self, index, blocks):
        if any(self._term_heading(b) for b in blocks):
            # Term as a heading (or bold line), definition in the paragraphs that follow.
            pairs, term, current = [], None, []
            for block in blocks:
                heading = self._term_heading(block)
                if heading:
                    if term:
                        pairs.append((term, current))
                    term, current = heading, []
                elif term:
                    current.append(block)
            if term:
                pairs.append((term, current))
            bodies = self.gfm([body for _, body in pairs])
            texts = ["**" + term.rstrip(":") + ":** " + re.sub(r"\n+", " ", body)
                     for (term, _), body in zip(pairs, bodies, strict=True) if body.strip()]
        else:
            texts = self.gfm(list(self.units(blocks)))
        found = 0
        for text in texts:
            text = self.finish_markdown(text)
            match = (re.match(r"^\*\*(.+?)\*\*\s*[:–—-]?\s*(.+)$", text, re.S)
                     or re.match(r"^([^.:\n]{2,80}?)\s*(?::|\s[–—-])\s+(.+)$", text, re.S))
            if not match:
                continue
            term = match.group(1).strip().strip("*:").strip()
            definition, source_key = take_citations(re.sub(r"\s+", " ", match.group(2)).strip())
            acronym = ""
            parenthesis = re.match(r"^(.+?)\s*\(([A-Z][A-Za-z.]{1,15})\)$", term)
            if parenthesis:
                term, acronym = parenthesis.group(1).strip(), parenthesis.group(2)
            self.result.key_terms.append({"block": index, "term": term[:200], "acronym": acronym[:30],
                                          "definition": definition, "source_key": source_key})
            found += 1
        return found > 0

    def read_timeline(self, index, blocks):
        rows = []
        for block in blocks:
            if block.get("t") == "Table":
                rows += self.table_rows(block)
        for unit in self.units(blocks):
            rows.append((None, unit))
        found, number = 0, 0
        for first, rest in rows:
            number += 1
            text = stringify(first).strip() if first is not None else stringify(rest).strip()
            parsed = parse_date(re.sub(r"^\*+", "", text), day_first=self.day_first)
            if parsed is None:
                if first is not None and number > 1 or first is None and text:
                    self.result.warnings.append(f"Timeline row {number}: date not understood (“{text[:40]}”).")
                continue
            date, precision, used = parsed
            description = stringify(rest).strip() if first is not None else text[used:]
            end_date = None
            period = re.match(r"^\s*[–—-]\s*(\d{4})\b", description)
            if period and precision == DatePrecision.YEAR and int(period.group(1)) > date.year:
                end_date = datetime.date(int(period.group(1)), 1, 1)
                description = description[period.end():]
            description = re.sub(r"^\s*[:–—-]\s*", "", re.sub(r"\s+", " ", description)).strip()
            description, source_key = take_citations(self.finish_markdown(description))
            if not description:
                continue
            self.result.timeline.append({"block": index, "date": date.isoformat(), "precision": precision,
                                         "end_date": end_date.isoformat() if end_date else None,
                                         "description": description, "source_key": source_key})
            found += 1
        return found > 0

    def table_rows(self, table):
        """(first cell, other cells) per body row of a pandoc Table, header rows left out."""
        rows = []
        bodies = table["c"][4]
        for body in bodies:
            for row in body[3]:
                cells = [cell[4] for cell in row[1]]
                if len(cells) >= 2:
                    rows.append((cells[0], [b for cell in cells[1:] for b in cell]))
        return rows

    def read_parties(self, index, blocks):
        parties, name, current = [], None, []
        for block in blocks:
            heading = None
            if block.get("t") == "Header":
                heading = stringify(block["c"][2]).strip()
            elif block.get("t") in ("Para", "Plain"):
                inlines = [n for n in block["c"] if n.get("t") not in ("Space", "SoftBreak")]
                if inlines and inlines[0].get("t") == "Strong" and len(inlines) == 1:
                    heading = stringify(inlines[0]).strip().rstrip(":")
                elif inlines and inlines[0].get("t") == "Strong":
                    # "**Nigeria:** description" in one paragraph
                    if name is not None:
                        parties.append((name, current))
                    name, current = stringify(inlines[0]).strip().rstrip(":"), [
                        {"t": "Para", "c": block["c"][block["c"].index(inlines[0]) + 1:]}]
                    continue
            if heading:
                if name is not None:
                    parties.append((name, current))
                name, current = heading, []
            elif name is not None:
                current.append(block)
        if name is not None:
            parties.append((name, current))
        texts = self.gfm([blocks for _, blocks in parties])
        for (party, _), text in zip(parties, texts, strict=True):
            kind, code = party_from_name(party)
            self.result.stakeholders.append({"block": index, "name": party[:200], "kind": kind, "iso_code": code,
                                             "description": self.finish_markdown(text).lstrip(":– ").strip()})
        return bool(parties)

    def _questions(self, index, blocks, kind):
        texts = self.gfm(list(self.units(blocks)))
        found = 0
        for text in texts:
            text, _ = take_citations(re.sub(r"\s+", " ", self.finish_markdown(text)).strip())
            if len(text) > 3:
                self.result.questions.append({"block": index, "kind": kind, "text": text})
                found += 1
        return found > 0

    def read_resolution_questions(self, index, blocks):
        return self._questions(index, blocks, QuestionKind.RESOLUTION)

    def read_research_questions(self, index, blocks):
        return self._questions(index, blocks, QuestionKind.RESEARCH)

    def read_bibliography(self, index, blocks):
        found = 0
        for number, unit in enumerate(self.units(blocks), start=1):
            text = stringify(unit).strip()
            if text:
                self.add_source(text, origin=f"bibliography entry {number}")
                found += 1
        self.result.blocks[index]["entries"] = found
        return found > 0


def _text_to_markdown(data):
    """Plain text as chairs paste it: "•" bullets and numbered section titles on their own line."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    source = text.split("\n")
    lines = []
    for number, line in enumerate(source):
        stripped = line.strip()
        alone = (number == 0 or not source[number - 1].strip()) and (
            number + 1 >= len(source) or not source[number + 1].strip())
        title_like = stripped and len(stripped) < 80 and not stripped.endswith((".", ",", ";", ":", "?"))
        if re.match(r"^[•·▪◦‣]\s*", stripped):
            line = "- " + re.sub(r"^[•·▪◦‣]\s*", "", stripped)
        elif title_like and alone and (guess_heading(stripped)[2] or re.match(r"^\d+[.)]\s+\S", stripped)):
            # "2. Background" or "Background" alone on its line: a section title, not a list item.
            line = "# " + _NUMBERING.sub("", stripped)
        lines.append(line)
    return "\n".join(lines).encode()


def import_document(data, filename):
    """Reads data (the file's bytes) into an ImportResult, or raises ImportRefused with a one-line reason."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise ImportRefused(f"“{filename}” is not a .docx, .odt, .md, .markdown or .txt file.")
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ImportRefused(f"The file is {len(data) / 1e6:.1f} MB; documents may be at most {limit / 1e6:.0f} MB.")
    if not data.strip():
        raise ImportRefused("The file is empty.")
    media, notes = {}, []
    if suffix in (".docx", ".odt"):
        archive, notes = _check_container(data, suffix)
        for member in archive.infolist():
            if member.filename.startswith(("word/media/", "Pictures/", "media/")) and member.file_size < 20 * 1024 * 1024:
                name = member.filename.removeprefix("word/")
                media[name] = archive.read(member)
    elif suffix == ".txt":
        data = _text_to_markdown(data)
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused("The Markdown file is not UTF-8 text.") from None
    ast = pandoc_ast(data, suffix)
    result = _Reader(ast, media, day_first=settings.IMPORT_DAY_FIRST).read()
    result.warnings = notes + result.warnings
    if not result.blocks:
        raise ImportRefused("Nothing was recognised in the document: it has no text.")
    return result


ROLE_LABELS = {"key_terms": "key terms", "timeline": "timeline events", "parties": "major parties",
               "resolution_questions": "questions a resolution must answer",
               "research_questions": "research questions", "bibliography": "bibliography (its entries are sources)"}


def preview_blocks(result):
    """Each block as the chair will see it: prose rendered by the one content pipeline (citations numbered),
    recognised blocks with the parts found in them. Nothing is stored."""
    import datetime as _datetime

    from guides.models import Source
    from guides.rendering import render_markdown

    sources = {}
    for entry in result.sources:
        source = Source(key=entry["key"], kind=entry["kind"], title=entry["title"], authors=entry["authors"],
                        url=entry["url"], published_precision=entry["published_precision"])
        if entry.get("published_on"):
            source.published_on = _datetime.date.fromisoformat(entry["published_on"])
        sources[entry["key"]] = source
    from django.utils.safestring import mark_safe

    env = {"footnotes": {}, "sources": sources}
    kinds = dict(StakeholderKind.choices)
    parts = {"key_terms": result.key_terms, "timeline": result.timeline, "parties": result.stakeholders,
             "resolution_questions": result.questions, "research_questions": result.questions}
    blocks = []
    for index, block in enumerate(result.blocks):
        found = [{**p, "kind_label": kinds.get(p.get("kind"), "")} for p in parts.get(block["role"], [])
                 if p["block"] == index]
        blocks.append({
            # Sanitised by the one content pipeline (nh3), like typed text.
            "index": index, **block, "html": mark_safe(render_markdown(block["body"], env)), "found": found,
            "role_label": ROLE_LABELS.get(block["role"], block["role"]), "entries": block.get("entries", 0),
            "figures": [f for f in result.figures if f["block"] == index],
        })
    return blocks
