"""Writes and multi-step changes to conferences and study guides."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from guides.enums import GuideStatus
from guides.models import StudyGuide
from guides.rules import CHAIRS_GROUP, ORGANIZERS_GROUP
from mlmun.hooks import guide_content_changed

GUIDE_PART_MODELS = ["section", "keyterm", "timelineevent", "stakeholder", "source", "question", "figure"]


def roles_sync():
    """Create the Organizers and Chairs groups with exactly the permissions their role needs."""
    organizers, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    organizers.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["guides", "delegates"])
        | Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
    )
    chairs, _ = Group.objects.get_or_create(name=CHAIRS_GROUP)
    chair_codenames = [
        "view_conference", "view_committee", "view_topic",
        "add_studyguide", "change_studyguide", "view_studyguide",
    ] + [f"{action}_{model}" for model in GUIDE_PART_MODELS for action in ("add", "change", "delete", "view")]
    chairs.permissions.set(Permission.objects.filter(content_type__app_label="guides", codename__in=chair_codenames))
    return organizers, chairs


def chair_grant_access(*, user):
    """A committee chair authors in the admin: staff status and the Chairs group."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=CHAIRS_GROUP))


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
