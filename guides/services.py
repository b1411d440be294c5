"""Writes and multi-step changes to conferences and study guides."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from guides.enums import GuideStatus
from guides.models import StudyGuide
from guides.rules import has_authoring_role
from mlmun.hooks import guide_content_changed


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


def guide_record_edit(*, guide, by):
    """A content change: the revision goes up by one (render caches and co-chair checks key on it)."""
    StudyGuide.objects.filter(pk=guide.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now(), last_edited_by=by
    )
    guide.refresh_from_db(fields=["revision", "updated_at", "last_edited_by"])
    guide_content_changed(guide)
    if guide.status == GuideStatus.PUBLISHED:
        guide_pdf_refresh_later(guide=guide)


def guide_pdf_refresh_later(*, guide):
    """After commit, render the guide's PDF in the background (django-tasks), so downloads are instant."""
    from guides.tasks import render_guide_pdf

    transaction.on_commit(lambda: render_guide_pdf.enqueue(guide.pk))


@transaction.atomic
def guide_publish(*, guide, by=None):
    if guide.status != GuideStatus.PUBLISHED:
        guide.status = GuideStatus.PUBLISHED
        guide.published_at = timezone.now()
        guide.save(update_fields=["status", "published_at"])
        guide_pdf_refresh_later(guide=guide)
    return guide


@transaction.atomic
def guide_unpublish(*, guide, by=None):
    if guide.status != GuideStatus.DRAFT:
        guide.status = GuideStatus.DRAFT
        guide.save(update_fields=["status"])
    return guide
