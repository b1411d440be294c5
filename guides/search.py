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

INDEX_DDL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE guides_search_fts USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2')",
    ],
    "postgresql": [
        "CREATE TABLE guides_search_pg (entry_id integer PRIMARY KEY REFERENCES guides_searchentry (id) "
        "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, document tsvector NOT NULL)",
        "CREATE INDEX guides_search_pg_document ON guides_search_pg USING GIN (document)",
    ],
}
DROP_DDL = {"sqlite": "DROP TABLE IF EXISTS guides_search_fts", "postgresql": "DROP TABLE IF EXISTS guides_search_pg"}


def _places(guide, revision):
    """(anchor, title, text) of every searchable place of a revision, in reading order."""
    from guides import revisions
    from guides.rendering import plain_text

    rendered = revisions.rendered(revision)
    places = []
    for section in rendered.sections:
        # A long part is found by its sub-headings: each piece links to where it starts.
        pieces = re.split(r'<h3 id="([^"]+)"[^>]*>.*?</h3>', section.html, flags=re.S)
        titles = {sub["anchor"]: sub["title"] for sub in section.subheadings}
        places.append((section.anchor, section.heading, plain_text(pieces[0]) if len(pieces) > 1 else section.text))
        for anchor, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            places.append((anchor, f"{section.heading} › {titles.get(anchor, '')}", plain_text(piece)))
    for term in rendered.key_terms:
        title = f"{term['term']} ({term['acronym']})" if term.get("acronym") else term["term"]
        places.append((f"term-{term['pk']}", title, plain_text(term["definition_html"])))
    for party in rendered.stakeholders:
        places.append((f"party-{party['pk']}", party["name"], plain_text(party["html"])))
    for event in rendered.timeline:
        title = " ".join(filter(None, [event["date_display"], event.get("title", "")]))
        places.append((f"event-{event['pk']}", title, plain_text(event["description_html"])))
    for question in rendered.questions:
        places.append((f"question-{question['pk']}", "Question", plain_text(question["html"])))
    return [(anchor, title[:500], " ".join(text.split())) for anchor, title, text in places]


def _delete_index(guide_ids):
    from guides.models import SearchEntry

    entries = SearchEntry.objects.filter(guide_id__in=guide_ids)
    if connection.vendor == "sqlite":
        ids = list(entries.values_list("id", flat=True))
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                cursor.execute(f"DELETE FROM guides_search_fts WHERE rowid IN ({','.join('%s' for _ in chunk)})", chunk)
    entries.delete()  # on PostgreSQL the tsvector rows go with them (ON DELETE CASCADE)


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
        for order, (anchor, title, text) in enumerate(_places(guide, revision))
    ])
    if connection.vendor == "sqlite" and not all(e.pk for e in entries):  # older SQLite without RETURNING
        entries = list(SearchEntry.objects.filter(revision=revision).order_by("order"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany("INSERT INTO guides_search_fts (rowid, title, text) VALUES (%s, %s, %s)",
                               [(e.pk, e.title, e.text) for e in entries])
        else:
            cursor.executemany(
                "INSERT INTO guides_search_pg (entry_id, document) VALUES (%s, setweight(to_tsvector('english', %s), "
                "'A') || setweight(to_tsvector('english', %s), 'B'))", [(e.pk, e.title, e.text) for e in entries])
    return len(entries)


def words(query):
    """The words of what someone typed (letters and digits only: nothing reaches the query syntax)."""
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


def _snippet(marked):
    """Escapes the text, then turns the markers around matches into <mark>."""
    text = html.escape(marked)
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


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
                f"SELECT e.revision_id, e.anchor, e.title, snippet(guides_search_fts, 1, %s, %s, '…', 18) "
                f"FROM guides_search_fts JOIN guides_searchentry e ON e.id = guides_search_fts.rowid "
                f"WHERE guides_search_fts MATCH %s AND e.revision_id IN ({marks}) "
                f"ORDER BY bm25(guides_search_fts, 4.0, 1.0), e.revision_id, e.\"order\" LIMIT %s",
                [START, STOP, match, *revision_ids, limit])
        else:
            tsquery = " & ".join(terms[:-1] + [f"{terms[-1]}:*"])
            cursor.execute(
                f"SELECT e.revision_id, e.anchor, e.title, ts_headline('english', e.text, q, "
                f"'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, ShortWord=2') "
                f"FROM guides_search_pg s JOIN guides_searchentry e ON e.id = s.entry_id, "
                f"to_tsquery('english', %s) q WHERE s.document @@ q AND e.revision_id IN ({marks}) "
                f"ORDER BY ts_rank(s.document, q) DESC, e.revision_id, e.\"order\" LIMIT %s",
                [tsquery, *revision_ids, limit])
        rows = cursor.fetchall()
    return [{"guide": guides[revision_id], "anchor": anchor, "title": title, "snippet": _snippet(snippet),
             "url": f"{guides[revision_id].get_absolute_url()}#{anchor}"}
            for revision_id, anchor, title, snippet in rows]
