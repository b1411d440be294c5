"""What each role sees on its home page after logging in: the delegate's guides and notes, the chair's guides and
their state, the organizer's conferences at a glance. Several roles at once are shown together.

Each part costs a fixed number of queries, whatever the number of people, guides or notes.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from delegates.enums import Visibility
from delegates.models import (
    Annotation,
    DelegateJob,
    DelegateProfile,
    GuideRead,
    Invitation,
    Notification,
    PositionPaper,
)
from delegates.queries import annotations_of, bookmarks_of, reading_progress
from guides import queries
from guides.enums import ExportStatus, GuideStatus
from guides.models import ConferenceExport, GuideRevision, StudyGuide, Topic

RECENT = 5


def _guide_state(guide, read_revision, now):
    """(state, words) of a guide for a delegate: unpublished, coming (released on …), unread, updated, read."""
    if guide is None or guide.status != GuideStatus.PUBLISHED:
        return "unpublished", "Not published yet"
    if not guide.is_released(now):
        return "coming", f"Released on {timezone.localtime(guide.effective_release_at):%-d %B %Y, %H:%M}"
    if read_revision is None:
        return "unread", "Not opened yet"
    if read_revision < guide.published_revision.number:
        return "updated", "Updated since you last read"
    return "read", "Read"


def delegate_home(user, now=None):
    """[{profile, guides: [{topic, guide, state, words, url, changes_url}]}], recent notes and bookmarks, next steps."""
    now = now or timezone.now()
    topics = (Topic.objects.select_related("guide__published_revision", "committee__conference")
              .defer("guide__published_revision__rendered", "guide__published_revision__source").order_by("order"))
    profiles = list(DelegateProfile.objects.filter(user=user)
                    .select_related("conference", "committee__conference", "delegation")
                    .prefetch_related(Prefetch("committee__topics", queryset=topics)))
    if not profiles:
        return None
    reads = dict(GuideRead.objects.filter(user=user).values_list("guide_id", "revision"))
    papers = {paper.guide_id: paper for paper in PositionPaper.objects.filter(user=user).annotate(
        submitted=Max("versions__number"), returned=Max("versions__returned_at"))}
    seats, steps = [], []
    for profile in profiles:
        rows = []
        for topic in profile.committee.topics.all():
            guide = getattr(topic, "guide", None)
            state, words = _guide_state(guide, reads.get(guide.pk) if guide else None, now)
            url = guide.get_absolute_url() if state in ("unread", "updated", "read") else None
            changes = f"{url}changes/?since={reads[guide.pk]}" if state == "updated" else None
            paper = papers.get(guide.pk) if guide else None
            rows.append({"topic": topic, "guide": guide, "state": state, "words": words, "url": url,
                         "changes_url": changes, "paper": paper,
                         "paper_url": f"{url}paper/" if url else None})
            if state == "unread":
                steps.append({"text": f"Read the study guide “{topic.title}”.", "url": url})
            elif state == "updated":
                steps.append({"text": f"See what the chairs changed in “{topic.title}”.", "url": changes})
            elif state == "read":
                steps.append({"text": f"Prepare your answers to the questions in “{topic.title}”: highlight "
                                      "evidence and arguments for your delegation as you go.", "url": url})
        seats.append({"profile": profile, "guides": rows})
    notes = list(annotations_of(user).select_related("guide__topic__committee__conference")
                 .order_by("-updated_at", "-pk")[:RECENT])
    for note in notes:
        note.url = f"{note.guide.get_absolute_url()}?note={note.pk}#{note.current_anchor}"
    bookmarks = list(bookmarks_of(user).select_related("guide__topic__committee__conference")
                     .order_by("-created_at", "-pk")[:RECENT])
    from delegates.exports import bookmark_url

    for bookmark in bookmarks:
        bookmark.url = bookmark_url(bookmark)
    answers = list(Notification.objects.filter(user=user)[:RECENT])
    return {"seats": seats, "notes": notes, "bookmarks": bookmarks, "steps": steps[:6], "answers": answers}


def chair_home(user):
    """The guides of the committees a user chairs, with status, release, unpublished changes, recent edits by
    co-chairs, reading progress and a link into the editor."""
    guides = list(StudyGuide.objects.filter(topic__committee__in=queries.committees_chaired_by(user))
                  .select_related("topic__committee__conference", "published_revision", "last_edited_by")
                  .defer("published_revision__rendered", "published_revision__source")
                  .order_by("topic__committee__conference__starts_on", "topic__committee__order", "topic__order"))
    if not guides and not queries.reach(user).chaired:
        return None
    edits = {}
    others = (GuideRevision.objects.filter(guide__in=guides).exclude(author=user).exclude(author__isnull=True)
              .select_related("author").order_by("guide_id", "-number").defer("rendered", "source"))
    for revision in others:
        edits.setdefault(revision.guide_id, [])
        if len(edits[revision.guide_id]) < 3:
            edits[revision.guide_id].append(revision)
    progress = reading_progress(guides)
    unanswered = dict(Annotation.objects.filter(guide__in=guides, visibility=Visibility.DAIS, answered_at__isnull=True)
                      .values("guide").annotate(n=Count("pk")).values_list("guide", "n"))
    submitted = dict(PositionPaper.objects.filter(guide__in=guides, versions__isnull=False).values("guide")
                     .annotate(n=Count("pk", distinct=True)).values_list("guide", "n"))
    for guide in guides:
        guide.unanswered = unanswered.get(guide.pk, 0)
        committee = guide.topic.committee
        guide.dais_url = reverse("dais_inbox", args=[committee.conference.slug, committee.slug, guide.pk])
        guide.papers_url = reverse("papers_inbox", args=[committee.conference.slug, committee.slug, guide.pk])
        guide.papers_submitted = submitted.get(guide.pk, 0)
        guide.co_chair_edits = edits.get(guide.pk, [])
        guide.editor_url = reverse("admin:guides_studyguide_change", args=[guide.pk])
        guide.progress = progress.get(guide.pk)
    return {"guides": guides}


def organizer_home(user):
    """Each organized conference: committees' guide status counts, people who have not logged in, failed
    invitations, running and failed jobs."""
    conferences = list(queries.conferences_organized_by(user).order_by("starts_on"))
    if not conferences:
        return None
    ids = [c.pk for c in conferences]
    status = {}
    for row in (StudyGuide.objects.filter(topic__committee__conference__in=ids)
                .values("topic__committee__conference", "status").annotate(n=Count("pk"))):
        status.setdefault(row["topic__committee__conference"], {})[row["status"]] = row["n"]
    topics = dict(Topic.objects.filter(committee__conference__in=ids).values("committee__conference")
                  .annotate(n=Count("pk")).values_list("committee__conference", "n"))
    User = get_user_model()
    delegates_away = dict(DelegateProfile.objects.filter(conference__in=ids, user__last_login__isnull=True)
                          .values("conference").annotate(n=Count("user", distinct=True)).values_list("conference", "n"))
    chairs_away = dict(User.objects.filter(chaired_committees__conference__in=ids, last_login__isnull=True)
                       .values("chaired_committees__conference").annotate(n=Count("pk", distinct=True))
                       .values_list("chaired_committees__conference", "n"))
    failed = dict(Invitation.objects.filter(conference__in=ids, status=Invitation.Status.FAILED)
                  .filter(Q(user__last_login__isnull=True) | Q(user__last_login__lt=F("sent_at")))
                  .values("conference").annotate(n=Count("pk")).values_list("conference", "n"))
    recent = timezone.now() - datetime.timedelta(days=7)
    jobs = {}
    active_or_failed = (Q(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
                        | Q(created_at__gte=recent, status=ExportStatus.FAILED))
    for job in DelegateJob.objects.select_related("conference").filter(active_or_failed, kind=DelegateJob.Kind.INVITATIONS, conference__in=ids):
        jobs.setdefault(job.conference_id, []).append(
            {"what": "Invitations", "status": job.get_status_display(), "done": job.done, "total": job.total,
             "lost": job.worker_lost(), "url": reverse("organizer_dashboard", args=[job.conference.slug])})
    for export in ConferenceExport.objects.select_related("conference").filter(active_or_failed, conference__in=ids):
        jobs.setdefault(export.conference_id, []).append(
            {"what": "Guide export", "status": export.get_status_display(), "done": export.done,
             "total": export.total, "lost": export.worker_lost(),
             "url": reverse("conference_export", args=[export.conference.slug, export.pk])})
    rows = []
    for conference in conferences:
        counts = status.get(conference.pk, {})
        published = counts.get(GuideStatus.PUBLISHED, 0)
        drafts = counts.get(GuideStatus.DRAFT, 0)
        rows.append({
            "conference": conference, "published": published, "drafts": drafts,
            "missing": topics.get(conference.pk, 0) - published - drafts,
            "not_logged_in": delegates_away.get(conference.pk, 0) + chairs_away.get(conference.pk, 0),
            "failed_invitations": failed.get(conference.pk, 0), "jobs": jobs.get(conference.pk, []),
        })
    return {"conferences": rows}
