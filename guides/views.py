"""Conference, committee and study-guide reader pages. Visibility comes from guides.queries."""

from django.shortcuts import get_object_or_404, render

from guides import queries
from guides.models import Committee, Conference
from guides.rendering import render_guide


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
        {"conference": conference, "committees": committees, "visible_guides": {g.topic_id: g for g in guides}},
    )


def committee(request, conference, committee):
    committee = get_object_or_404(Committee, conference__slug=conference, slug=committee)
    guides = queries.guides_visible_to(request.user).filter(topic__committee=committee)
    return render(
        request,
        "guides/committee.html",
        {"committee": committee, "conference": committee.conference, "visible_guides": {g.topic_id: g for g in guides}},
    )


def guide(request, conference, committee, pk):
    guide = get_object_or_404(
        queries.guides_visible_to(request.user).select_related("topic__committee__conference"),
        pk=pk,
        topic__committee__slug=committee,
        topic__committee__conference__slug=conference,
    )
    return render(request, "guides/guide.html", {"guide": guide, "rendered": render_guide(guide)})
