"""Search across the guides of a conference: one function, each database's own full-text search.

The searchable places of a guide's *published* revision (its parts, key terms, parties, timeline events and
questions) are rows of `SearchEntry`; beside them a full-text index: an FTS5 table on SQLite, a tsvector table
with a GIN index on PostgreSQL. `index_guide` rewrites a guide's rows when a revision is published (and removes
them when it is unpublished); `search` answers only from the guides the user may read now, and only from their
published revisions.
"""

import html
import re

from django.db import connection, transaction
from django.utils.safestring import mark_safe

# Kept in the index as plain text; the markers around matched words become <mark> after escaping.
START, STOP = "\x02", "\x03"
MAX_WORDS = 8

# The full-text tables themselves are created by migration 0018 (guides_search_fts on SQLite, guides_search_pg
# with a GIN index on PostgreSQL).


def _places(revision):
    """(anchor, title, text) of every searchable place of a revision, in reading order."""
    from guides import revisions
    from guides.rendering import plain_text, textual_parts

    def text(fragment):  # the words a reader sees, without footnote numbers
        return plain_text(re.sub(r'<sup class="fn-ref">.*?</sup>', "", str(fragment), flags=re.S))

    rendered = revisions.rendered(revision)
    places = []
    for section in rendered.sections:
        # A long part is found by its sub-headings: each piece links to where it starts.
        pieces = re.split(r'<h3 id="([^"]+)"[^>]*>.*?</h3>', section.html, flags=re.S)
        titles = {sub["anchor"]: sub["title"] for sub in section.subheadings}
        places.append((section.anchor, section.heading, text(pieces[0])))
        for anchor, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            places.append((anchor, f"{section.heading} › {titles.get(anchor, '')}", text(piece)))
    for anchor, title, fragment in textual_parts(rendered):  # the same places delegates can highlight
        places.append((anchor, title, text(fragment)))
    return [(anchor, title[:500], " ".join(text.split())) for anchor, title, text in places]


def _delete_index(guide_ids):
    from guides.models import SearchEntry

    entries = SearchEntry.objects.filter(guide_id__in=guide_ids)
    ids = list(entries.values_list("id", flat=True))
    table, column = ("guides_search_fts", "rowid") if connection.vendor == "sqlite" else ("guides_search_pg", "entry_id")
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({','.join('%s' for _ in chunk)})", chunk)
    entries.delete()


@transaction.atomic
def index_guide(guide):
    """Makes the guide's published revision searchable, replacing what was indexed for it before."""
    from guides.models import SearchEntry

    _delete_index([guide.pk])
    revision = guide.published_revision
    if revision is None:
        return 0
    entries = SearchEntry.objects.bulk_create([
        SearchEntry(guide=guide, revision=revision, order=order, anchor=anchor, title=title, text=text)
        for order, (anchor, title, text) in enumerate(_places(revision))
    ])
    if connection.vendor == "sqlite" and not all(e.pk for e in entries):  # older SQLite without RETURNING
        entries = list(SearchEntry.objects.filter(revision=revision).order_by("order"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany("INSERT OR REPLACE INTO guides_search_fts (rowid, title, text) VALUES (%s, %s, %s)",
                               [(e.pk, e.title, e.text) for e in entries])
        else:
            # "<" and ">" as spaces: PostgreSQL's parser would take "<b>…" in the text for markup and drop it.
            cursor.executemany(
                "INSERT INTO guides_search_pg (entry_id, document) VALUES (%s, setweight(to_tsvector('english', %s), "
                "'A') || setweight(to_tsvector('english', %s), 'B')) "
                "ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document",
                [(e.pk, _untagged(e.title), _untagged(e.text)) for e in entries])
    return len(entries)


def _untagged(text):
    return text.replace("<", " ").replace(">", " ")


def words(query):
    """The words of what someone typed (letters and digits only: nothing reaches the query syntax)."""
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


def _stem(word):
    for suffix in ("ings", "ing", "ers", "er", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.lower().endswith(suffix):
            return word[: -len(suffix)]
    return word


def snippet(text, terms, width=180):
    """Up to width characters of text around the first word found, escaped, the words found in <mark> (the same
    on both databases; a word matches from its start, as the search does)."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(_stem(t)) for t in terms) + r")\w*", re.I)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    piece = text[start:start + width]
    if start > 0:
        piece = "…" + (piece.split(" ", 1)[1] if " " in piece else piece)
    if start + width < len(text):
        piece = (piece.rsplit(" ", 1)[0] if " " in piece else piece) + "…"
    marked = pattern.sub(lambda m: START + m.group(0) + STOP, piece)
    return mark_safe(html.escape(marked).replace(START, "<mark>").replace(STOP, "</mark>"))


def search(user, conference, query, limit=30):
    """Ranked places in the conference's guides that user may read now: [{"guide", "anchor", "title", "snippet",
    "url"}]. The last word matches as a prefix (as you type)."""
    from guides import queries
    from guides.models import SearchEntry

    terms = words(query)
    if not terms:
        return []
    guides = {g.published_revision_id: g for g in queries.guides_readable_by(user).filter(
        topic__committee__conference=conference, published_revision__isnull=False).select_related(
        "topic__committee__conference")}
    if not guides:
        return []
    indexed = set(SearchEntry.objects.filter(revision_id__in=guides).values_list("revision_id", flat=True).distinct())
    for revision_id in set(guides) - indexed:  # published before search existed: index it now, once
        index_guide(guides[revision_id])
    revision_ids = sorted(guides)
    marks = ",".join("%s" for _ in revision_ids)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " ".join(f'"{w}"' for w in terms[:-1]) + f' "{terms[-1]}"*'
            cursor.execute(
                f"SELECT e.revision_id, e.anchor, e.title, e.text "
                f"FROM guides_search_fts JOIN guides_searchentry e ON e.id = guides_search_fts.rowid "
                f"WHERE guides_search_fts MATCH %s AND e.revision_id IN ({marks}) "
                f"ORDER BY bm25(guides_search_fts, 4.0, 1.0), e.revision_id, e.\"order\" LIMIT %s",
                [match, *revision_ids, limit])
        else:
            tsquery = " & ".join(terms[:-1] + [f"{terms[-1]}:*"])
            cursor.execute(
                f"SELECT e.revision_id, e.anchor, e.title, e.text "
                f"FROM guides_search_pg s JOIN guides_searchentry e ON e.id = s.entry_id, "
                f"to_tsquery('english', %s) q WHERE s.document @@ q AND e.revision_id IN ({marks}) "
                f"ORDER BY ts_rank(s.document, q) DESC, e.revision_id, e.\"order\" LIMIT %s",
                [tsquery, *revision_ids, limit])
        rows = cursor.fetchall()
    return [{"guide": guides[revision_id], "anchor": anchor, "title": title, "snippet": snippet(text, terms),
             "url": f"{guides[revision_id].get_absolute_url()}#{anchor}"}
            for revision_id, anchor, title, text in rows]
