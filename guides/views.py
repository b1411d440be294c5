"""Conference, committee and study-guide reader pages. Visibility comes from guides.queries."""

import mimetypes
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import strip_tags

from guides import queries
from guides.enums import ExportStatus
from guides.models import Committee, Conference, Figure
from guides.rendering import render_guide
from guides.rules import is_organizer
from mlmun.hooks import reader_delegation


def home(request):
    conferences = Conference.objects.all()
    return render(request, "guides/home.html", {"conferences": conferences})


def conference(request, conference):
    conference = get_object_or_404(Conference, slug=conference)
    guides = queries.guides_visible_to(request.user).filter(topic__committee__conference=conference)
    committees = conference.committees.prefetch_related("topics", "chairs")
    return render(
        request,
        "guides/conference.html",
        {"conference": conference, "committees": committees, "visible_guides": {g.topic_id: g for g in guides},
         "is_organizer": is_organizer(request.user, conference)},
    )


def committee(request, conference, committee):
    committee = get_object_or_404(Committee, conference__slug=conference, slug=committee)
    guides = queries.guides_visible_to(request.user).filter(topic__committee=committee)
    return render(
        request,
        "guides/committee.html",
        {"committee": committee, "conference": committee.conference, "visible_guides": {g.topic_id: g for g in guides}},
    )


def delegation_mentions(rendered, delegation):
    """Where a guide names the reader's delegation: as a major party, and in which sections' text."""
    if delegation is None:
        return None
    names = {delegation["name"].lower(), *(alias.lower() for alias in delegation["aliases"])}
    parties = [p for p in rendered.stakeholders
               if (delegation["iso_code"] and p["iso_code"] == delegation["iso_code"]) or p["name"].lower() in names]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    sections = [s for s in rendered.sections if pattern.search(strip_tags(s.html))]
    if not parties and not sections:
        return None
    return {"name": delegation["name"], "parties": parties, "sections": sections}


def guide(request, conference, committee, pk):
    guide = get_object_or_404(
        queries.guides_visible_to(request.user).select_related("topic__committee__conference"),
        pk=pk,
        topic__committee__slug=committee,
        topic__committee__conference__slug=conference,
    )
    rendered = render_guide(guide)
    delegation = reader_delegation(request.user, guide.topic.committee.conference)
    return render(request, "guides/guide.html", {
        "guide": guide,
        "rendered": rendered,
        "mentions": delegation_mentions(rendered, delegation),
    })


def guide_pdf(request, conference, committee, pk):
    """The guide as PDF for everyone who may read it (drafts carry a DRAFT watermark)."""
    guide = get_object_or_404(
        queries.guides_visible_to(request.user).select_related("topic__committee__conference"),
        pk=pk, topic__committee__slug=committee, topic__committee__conference__slug=conference,
    )
    return pdf_response(guide)


def pdf_response(guide):
    from guides import pdf  # WeasyPrint takes ~0.7 s to import: load it when a PDF is asked for

    result = pdf.guide_pdf(guide)
    return FileResponse(default_storage.open(result.name, "rb"), as_attachment=True,
                        filename=pdf.guide_pdf_filename(guide), content_type="application/pdf")


def media_file(request, name):
    """Figures, streamed from default_storage to whoever may read their guide; every other name is 404.

    Exports and cached PDFs have their own permission-checked download views; nothing under /media/ is
    served by name alone. Works the same on local disk and on object storage.
    """
    figure = Figure.objects.filter(image=name).only("guide_id", "image").first() if name.startswith("figures/") else None
    if figure is None or not queries.guides_visible_to(request.user).filter(pk=figure.guide_id).exists():
        raise Http404("No such file.")
    try:
        handle = default_storage.open(name, "rb")
    except OSError:
        raise Http404("No such file.") from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def organizer_conference(request, slug):
    """The conference, if the user organizes it; 404 otherwise (do not reveal organizer pages)."""
    conference = get_object_or_404(Conference, slug=slug)
    if not is_organizer(request.user, conference):
        raise Http404("No such page.")
    return conference


def conference_exports(request, conference):
    """Organizers start a conference-wide export (or join the running one) and see past exports."""
    from guides import exports
    conference = organizer_conference(request, conference)
    if request.method == "POST":
        export, _ = exports.conference_export_start(conference=conference, by=request.user)
        return redirect("conference_export", conference.slug, export.pk)
    return render(request, "guides/exports.html", {
        "conference": conference, "exports": conference.exports.all()[:20],
        "published": exports.published_guides_in_order(conference).count(),
    })


def conference_export(request, conference, pk):
    conference = organizer_conference(request, conference)
    export = get_object_or_404(conference.exports, pk=pk)
    return render(request, "guides/export.html", {"conference": conference, "export": export})


def conference_export_download(request, conference, pk, kind):
    conference = organizer_conference(request, conference)
    export = get_object_or_404(conference.exports, pk=pk, status=ExportStatus.DONE)
    name = export.pdf_name if kind == "pdf" else export.zip_name
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True,
                        filename=f"{conference.slug}-study-guides.{kind}")
