"""A delegate's notes gathered for My notes and exported as Markdown, W3C Web Annotation JSON-LD or PDF."""

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


def notes_by_guide(user, *, label="", search=""):
    """[{guide, url, sections: [{heading, url, annotations}], orphaned: [...], bookmarks: [...]}] in guide order.

    Two queries whatever the number of notes.
    """
    annotations = annotations_of(user).select_related(
        "guide__topic__committee__conference"
    ).order_by("guide_id", "current_order", "current_start", "pk")
    if label:
        annotations = annotations.filter(label=label)
    if search:
        annotations = annotations.filter(Q(note__icontains=search) | Q(quote_exact__icontains=search))
    bookmarks = bookmarks_of(user).select_related("guide__topic__committee__conference")
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


def _quote_md(text):
    return "\n".join("> " + line for line in text.splitlines() or [""])


def as_markdown(groups):
    lines = ["# My notes", ""]
    for group in groups:
        guide = group["guide"]
        committee = guide.topic.committee
        lines += [f"## {guide.title}", f"{committee.name}, {committee.conference}", ""]
        if group["bookmarks"]:
            lines += ["Bookmarks: " + ", ".join(b.label for b in group["bookmarks"]), ""]
        for section in group["sections"]:
            lines += [f"### {section['heading']}", ""]
            for annotation in section["annotations"]:
                lines.append(_quote_md(annotation.current_text))
                if annotation.status == AnchorStatus.CHANGED:
                    lines += ["", "Originally highlighted:", "", _quote_md(annotation.quote_exact)]
                lines.append("")
                if annotation.label_display:
                    lines.append(f"*{annotation.label_display}*")
                if annotation.note:
                    lines.append(annotation.note)
                lines.append("")
        if group["orphaned"]:
            lines += ["### Passages the chairs removed", ""]
            for annotation in group["orphaned"]:
                lines += [f"From “{annotation.section_heading}”:", "", _quote_md(annotation.quote_exact), ""]
                if annotation.note:
                    lines += [annotation.note, ""]
    return "\n".join(lines).rstrip() + "\n"


def as_web_annotations(request, groups):
    """W3C Web Annotation Data Model, as an AnnotationCollection with TextQuote and TextPosition selectors."""
    items = []
    for group in groups:
        source = request.build_absolute_uri(group["url"])
        for annotation in [a for s in group["sections"] for a in s["annotations"]] + group["orphaned"]:
            body = []
            if annotation.note:
                body.append({"type": "TextualBody", "value": annotation.note, "format": "text/plain", "purpose": "commenting"})
            if annotation.label:
                body.append({"type": "TextualBody", "value": annotation.label_display, "purpose": "tagging"})
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
                        {"type": "TextPositionSelector", "start": annotation.position_start, "end": annotation.position_end},
                    ],
                },
            })
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
            "label": "My notes", "total": len(items), "items": items}


def as_pdf(user, groups):
    from guides.pdf import html_to_pdf  # WeasyPrint is slow to import; load it only for a PDF

    html = render_to_string("delegates/notes_pdf.html", {"groups": groups, "user": user})
    return html_to_pdf(html)
