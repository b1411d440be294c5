"""Writes and multi-step changes to conferences and study guides."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guides import content_rules, revisions, rules, tasks
from guides.enums import ExportStatus, GuideStatus, ReviewState
from guides.models import ConferenceExport, GuidePublication, StudyGuide
from guides.rules import has_authoring_role
from mlmun import hooks

MAX_CHANGE_NOTE = 2000


def staff_access_sync(*, user):
    """Staff status follows roles: a chair or organizer may open the admin, nobody else (the superuser aside).

    Staff status grants nothing by itself; what a person sees in the admin comes from guides.rules.
    """
    should = user.is_superuser or has_authoring_role(user)
    if user.is_staff != should:
        user.is_staff = should
        user.save(update_fields=["is_staff"])


@transaction.atomic
def committee_chair_add(*, committee, user):
    """Adds user as chair of committee only: no rights in any other committee or conference."""
    committee.chairs.add(user)
    staff_access_sync(user=user)


@transaction.atomic
def committee_chair_remove(*, committee, user):
    committee.chairs.remove(user)
    staff_access_sync(user=user)


@transaction.atomic
def conference_organizer_add(*, conference, user):
    conference.organizers.add(user)
    staff_access_sync(user=user)


@transaction.atomic
def conference_organizer_remove(*, conference, user):
    """Removes an organizer; the last one cannot be removed (nobody could manage the conference then)."""
    if not conference.organizers.filter(pk=user.pk).exists():
        raise ValidationError(f"{user.email or user.username} does not organize {conference}.")
    if conference.organizers.count() == 1:
        raise ValidationError("A conference needs at least one organizer: add another before removing this one.")
    conference.organizers.remove(user)
    staff_access_sync(user=user)


class StaleRevision(ValidationError):
    pass


def guide_lock(*, guide, base_revision=None):
    """Locks the guide's row until the transaction ends; refuses a save started from an older revision."""
    current = (StudyGuide.objects.select_for_update(of=("self",)).select_related("last_edited_by")
               .get(pk=guide.pk))
    if base_revision is not None and base_revision != current.revision:
        editor = current.last_edited_by
        who = (editor.get_full_name() or editor.username) if editor else "someone"
        raise StaleRevision(
            f"{who} saved this guide (now revision {current.revision}) after you opened revision {base_revision}. "
            "Your changes were not saved, so nothing was overwritten. Copy what you wrote, reload the "
            "page to see the newer text, and apply your changes again.",
            code="stale_revision",
        )
    return current


@transaction.atomic
def guide_create(*, topic, by):
    """A new, empty guide for topic, with its first revision."""
    guide = StudyGuide.objects.create(topic=topic, last_edited_by=by)
    revisions.revision_record(guide=guide, by=by)
    return guide


@transaction.atomic
def guide_content_save(*, guide, by, changes, base_revision=None):
    """The only way a guide's content changes (admin, demo loader, importer, tests).

    changes() writes the working copy's parts; then the whole working copy is checked (citations, key terms)
    and stored as the next revision. Any error undoes everything. A save that changes nothing (after line
    ends and trailing spaces are normalised) stores no revision and returns None. Delegates see none of it
    until the guide is published (guide_publish).
    """
    guide_lock(guide=guide, base_revision=base_revision)
    changes()
    errors = content_rules.working_copy_errors(guide)
    if errors:
        raise ValidationError(errors)
    revision = revisions.revision_record(guide=guide, by=by)
    if revision is None:
        return None
    StudyGuide.objects.filter(pk=guide.pk).update(revision=revision.number, updated_at=timezone.now(),
                                                  last_edited_by=by)
    guide.refresh_from_db(fields=["revision", "updated_at", "last_edited_by"])
    return revision


def guide_pdf_refresh_later(*, guide):
    """After commit, render the published guide's PDF in the background (django-tasks), so downloads are instant."""
    transaction.on_commit(lambda: tasks.render_guide_pdf.enqueue(guide.pk))


def _needs_approval(guide, by):
    return guide.topic.committee.conference.guides_need_approval and not rules.is_organizer(by, guide.topic.committee.conference)


@transaction.atomic
def guide_publish(*, guide, by=None, note=""):
    """Makes the working copy's latest revision the one delegates read, with an optional note for them.

    Refused (nothing changes) when the conference needs the secretariat's approval and by is not one of its
    organizers, or when there is nothing new to publish.
    """
    given, guide = guide, guide_lock(guide=guide)
    if by is not None and _needs_approval(guide, by):
        raise ValidationError("Guides of this conference need the secretariat's approval: submit it for review.")
    note = revisions.normalise_text(note or "")
    if len(note) > MAX_CHANGE_NOTE:
        raise ValidationError(f"A change note may be at most {MAX_CHANGE_NOTE} characters (this one has {len(note)}).")
    latest = guide.revisions.get(number=guide.revision)
    if guide.published_revision_id == latest.pk and guide.status == GuideStatus.PUBLISHED:
        raise ValidationError(f"Revision {latest.number} is already what delegates read: there is nothing new to publish.")
    now = timezone.now()
    publication = GuidePublication.objects.create(guide=guide, revision=latest, note=note, published_by=by,
                                                  published_at=now)
    guide.published_revision = latest
    guide.status = GuideStatus.PUBLISHED
    guide.published_at = guide.published_at or now
    guide.review_state, guide.review_note, guide.review_comment = ReviewState.NONE, "", ""
    fields = ["published_revision", "status", "published_at", "review_state", "review_note", "review_comment"]
    guide.save(update_fields=fields)
    for name in fields:  # the caller's object shows the new state too
        setattr(given, name, getattr(guide, name))
    hooks.notify(hooks.GUIDE_PUBLISHED, guide=guide, publication=publication)
    guide_pdf_refresh_later(guide=guide)
    return publication


@transaction.atomic
def guide_unpublish(*, guide, by=None):
    """Takes the guide away from delegates (back to draft); its revisions and errata log stay."""
    given, guide = guide, guide_lock(guide=guide)
    if guide.status != GuideStatus.DRAFT:
        guide.status = GuideStatus.DRAFT
        guide.published_revision = None
        guide.save(update_fields=["status", "published_revision"])
        given.status, given.published_revision = guide.status, None
    return guide


@transaction.atomic
def guide_submit_for_review(*, guide, by, note=""):
    guide = guide_lock(guide=guide)
    if guide.published_revision_id is not None and guide.published_revision.number == guide.revision:
        raise ValidationError("The working copy has no changes against what delegates read: nothing to review.")
    guide.review_state, guide.review_note, guide.review_comment = ReviewState.SUBMITTED, revisions.normalise_text(note), ""
    guide.save(update_fields=["review_state", "review_note", "review_comment"])
    return guide


@transaction.atomic
def guide_return(*, guide, by, comment):
    """The secretariat returns a submitted update to the chairs with a comment; nothing is published."""
    comment = revisions.normalise_text(comment or "")
    if not comment:
        raise ValidationError("Say what the chairs should change: the comment is shown to them.")
    guide = guide_lock(guide=guide)
    if guide.review_state != ReviewState.SUBMITTED:
        raise ValidationError("This guide is not waiting for review.")
    guide.review_state, guide.review_comment = ReviewState.RETURNED, comment
    guide.save(update_fields=["review_state", "review_comment"])
    return guide


def guide_revision_restore(*, guide, number, by, base_revision=None):
    """Makes an earlier revision the working copy again (stored as a new revision; delegates see nothing yet)."""
    revision = guide.revisions.filter(number=number).first()
    if revision is None:
        raise ValidationError(f"This guide has no revision {number}.")
    return guide_content_save(guide=guide, by=by, base_revision=base_revision,
                              changes=lambda: revisions.source_restore(guide=guide, source=revision.source))


def conference_export_start(*, conference, by):
    """Starts an export, or joins the one already queued or running for this conference."""
    from guides import exports  # loads WeasyPrint: only when an export is started

    active = ConferenceExport.objects.filter(
        conference=conference, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
    ).first()
    if active:
        return active, False
    try:
        with transaction.atomic():
            export = ConferenceExport.objects.create(
                conference=conference, requested_by=by, total=exports.published_guides_in_order(conference).count()
            )
    except IntegrityError:  # another request started one a moment ago: join it
        return ConferenceExport.objects.get(conference=conference, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]), False
    transaction.on_commit(lambda: tasks.run_conference_export.enqueue(export.pk))
    return export, True
