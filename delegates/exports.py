"""A delegate's notes gathered for My notes and exported as Markdown, W3C Web Annotation JSON-LD or PDF."""

import html
import re

from django.db.models import Q
from django.template.loader import render_to_string

from delegates.enums import AnchorStatus, AnnotationLabel
from delegates.queries import annotations_of, bookmarks_of

LABELS = dict(AnnotationLabel.choices)
BOOKMARK_ANCHORS = {"section": "#section-", "key_term": "#term-", "stakeholder": "#party-"}


def bookmark_url(bookmark):
    """Where a bookmark points in the reader (the guide, or the section, key term or party in it)."""
    url = bookmark.guide.get_absolute_url()
    return url + (f"{BOOKMARK_ANCHORS[bookmark.target]}{bookmark.target_id}" if bookmark.target != "guide" else "")


def notes_by_guide(user, *, label="", search="", conference=None):
    """[{guide, url, sections: [{heading, url, annotations}], orphaned: [...], bookmarks: [...]}] in guide order,
    of every conference or of one. Two queries whatever the number of notes.
    """
    annotations = annotations_of(user).select_related(
        "guide__topic__committee__conference"
    ).order_by("guide_id", "current_order", "current_start", "pk")
    bookmarks = bookmarks_of(user).select_related("guide__topic__committee__conference")
    if conference is not None:
        annotations = annotations.filter(guide__topic__committee__conference=conference)
        bookmarks = bookmarks.filter(guide__topic__committee__conference=conference)
    if label:
        annotations = annotations.filter(label=label)
    if search:
        annotations = annotations.filter(Q(note__icontains=search) | Q(quote_exact__icontains=search))
    if label or search:
        bookmarks = bookmarks.filter(label__icontains=search) if search else bookmarks.none()
    groups = {}

    def group_for(guide):
        if guide.pk not in groups:
            groups[guide.pk] = {"guide": guide, "url": guide.get_absolute_url(), "sections": {}, "orphaned": [],
                                "bookmarks": []}
        return groups[guide.pk]

    for annotation in annotations:
        group = group_for(annotation.guide)
        annotation.label_display = LABELS.get(annotation.label, "")
        if annotation.status == AnchorStatus.ORPHANED:
            annotation.url = group["url"]
            group["orphaned"].append(annotation)
            continue
        place = annotation.current_anchor  # a section, or a term, party, event, question or figure
        annotation.url = f"{group['url']}?note={annotation.pk}#{place}"
        if annotation.status == AnchorStatus.CHANGED:
            annotation.changes_url = f"{group['url']}changes/?since={annotation.revision}#{place}"
        entry = group["sections"].setdefault(place, {
            "heading": annotation.current_heading, "url": f"{group['url']}#{place}", "annotations": [],
        })
        entry["annotations"].append(annotation)
    for bookmark in bookmarks:
        group = group_for(bookmark.guide)
        bookmark.url = bookmark_url(bookmark)
        group["bookmarks"].append(bookmark)
    result = list(groups.values())
    for group in result:
        group["sections"] = list(group["sections"].values())
    return result


def with_passages(groups, base_url):
    """Adds what an export carries for each note and bookmark: its absolute link back (link), and for a note the
    footnotes called in its passage (sources: [{"number", "mla"}], the sources' MLA entries with the page cited).
    One query per guide (its published revision, parsed once per process)."""
    from guides import revisions
    from guides.models import GuideRevision
    from guides.rendering import passage_footnotes

    base_url = base_url.rstrip("/")
    for group in groups:
        guide = group["guide"]
        group["link"] = base_url + group["url"]
        revision = (GuideRevision.objects.filter(pk=guide.published_revision_id).defer("source").first()
                    if guide.published_revision_id else None)
        rendered = revisions.rendered(revision) if revision else None
        for section in group["sections"]:
            for annotation in section["annotations"]:
                annotation.link = base_url + annotation.url
                anchor = annotation.current_part or annotation.current_section_id
                annotation.sources = (passage_footnotes(rendered, anchor, annotation.current_start,
                                                        annotation.current_end) if rendered else [])
        for annotation in group["orphaned"]:
            annotation.link, annotation.sources = group["link"], []
        for bookmark in group["bookmarks"]:
            bookmark.link = base_url + bookmark.url
    return groups


_ITALIC = re.compile(r"</?(?:i|em)>")
_TAG = re.compile(r"<[^>]+>")


def mla_markdown(mla):
    """An MLA entry (HTML: <i> titles, <a> links) as Markdown: italics as *…*, links as their text."""
    return html.unescape(_TAG.sub("", _ITALIC.sub("*", str(mla))))


def _quote_md(text):
    return "\n".join("> " + line for line in text.splitlines() or [""])


def _note_md(annotation, quote):
    lines = [_quote_md(quote), ""]
    if annotation.status == AnchorStatus.CHANGED:
        lines += ["Originally highlighted:", "", _quote_md(annotation.quote_exact), ""]
    if annotation.label_display:
        lines += [f"*{annotation.label_display}*", ""]
    if annotation.note:
        lines += [annotation.note, ""]
    if getattr(annotation, "sources", None):
        lines += ["Sources cited in this passage:", ""]
        lines += [f"- [{note['number']}] {mla_markdown(note['mla'])}" for note in annotation.sources]
        lines.append("")
    if getattr(annotation, "link", None):
        lines += [f"[Open this passage in the guide]({annotation.link})", ""]
    return lines


def as_markdown(groups, title="My notes"):
    """Each guide (committee, conference, link), its bookmarks as links, then each note under its section: the
    passage quoted, its label and the note as their own paragraphs, the sources cited there and a link back."""
    lines = [f"# {title}", ""]
    for group in groups:
        guide = group["guide"]
        committee = guide.topic.committee
        lines += [f"## {guide.title}", "", f"{committee.name}, {committee.conference}" + (
            f" · <{group['link']}>" if group.get("link") else ""), ""]
        if group["bookmarks"]:
            lines += ["Bookmarks:", ""]
            lines += [f"- [{b.label}]({b.link})" if getattr(b, "link", None) else f"- {b.label}"
                      for b in group["bookmarks"]]
            lines.append("")
        for section in group["sections"]:
            lines += [f"### {section['heading']}", ""]
            for annotation in section["annotations"]:
                lines += _note_md(annotation, annotation.current_text)
        if group["orphaned"]:
            lines += ["### Passages the chairs removed", ""]
            for annotation in group["orphaned"]:
                lines += [f"From “{annotation.section_heading}”:", ""] + _note_md(annotation, annotation.quote_exact)
    return "\n".join(lines).rstrip() + "\n"


def as_web_annotations(request, groups, label="My notes"):
    """W3C Web Annotation Data Model, as an AnnotationCollection: each note with TextQuote and TextPosition
    selectors, its note, label, place (guide and section) and the sources cited in its passage; each bookmark
    with the motivation "bookmarking"."""
    items = []
    for group in groups:
        guide = group["guide"]
        source = request.build_absolute_uri(group["url"])
        for section in [*group["sections"], {"heading": None, "annotations": group["orphaned"]}]:
            for annotation in section["annotations"]:
                heading = section["heading"] or annotation.section_heading
                body = [{"type": "TextualBody", "value": f"{guide.title} — {heading}", "format": "text/plain",
                         "purpose": "describing"}]
                if annotation.note:
                    body.append({"type": "TextualBody", "value": annotation.note, "format": "text/plain",
                                 "purpose": "commenting"})
                if annotation.label:
                    body.append({"type": "TextualBody", "value": annotation.label_display, "purpose": "tagging"})
                for note in getattr(annotation, "sources", []):
                    body.append({"type": "TextualBody", "value": mla_markdown(note["mla"]).replace("*", ""),
                                 "format": "text/plain", "purpose": "linking"})
                items.append({
                    "id": request.build_absolute_uri(f"/api/annotations/{annotation.pk}/"),
                    "type": "Annotation",
                    "motivation": "commenting" if annotation.note else "highlighting",
                    "created": annotation.created_at.isoformat(),
                    "modified": annotation.updated_at.isoformat(),
                    "body": body,
                    "target": {
                        "source": f"{source}#{annotation.original_anchor}" if annotation.section_id or annotation.part
                        else source,
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": annotation.quote_exact,
                             "prefix": annotation.quote_prefix, "suffix": annotation.quote_suffix},
                            {"type": "TextPositionSelector", "start": annotation.position_start,
                             "end": annotation.position_end},
                        ],
                    },
                })
        for bookmark in group["bookmarks"]:
            items.append({
                "id": request.build_absolute_uri(f"/api/bookmarks/{bookmark.pk}/"), "type": "Annotation",
                "motivation": "bookmarking", "created": bookmark.created_at.isoformat(),
                "body": [{"type": "TextualBody", "value": f"{guide.title} — {bookmark.label}", "format": "text/plain",
                          "purpose": "describing"}],
                "target": request.build_absolute_uri(bookmark_url(bookmark)),
            })
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
            "label": label, "total": len(items), "items": items}


def as_pdf(user, groups, title="My notes"):
    from guides.pdf import html_to_pdf  # WeasyPrint is slow to import; load it only for a PDF

    markup = render_to_string("delegates/notes_pdf.html", {"groups": groups, "user": user, "title": title})
    return html_to_pdf(markup)
