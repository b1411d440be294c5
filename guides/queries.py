"""What may this user see or edit? One queryset function per question, used by every view, admin and export."""

from django.db.models import Q
from django.utils import timezone

from guides.enums import GuideStatus
from guides.models import Committee, Conference, StudyGuide, Topic
from mlmun import hooks


def _active(user):
    return user.is_authenticated and user.is_active


def conferences_organized_by(user):
    """The conferences whose organizers include user (all of them for the instance operator)."""
    if not _active(user):
        return Conference.objects.none()
    if user.is_superuser:
        return Conference.objects.all()
    return Conference.objects.filter(organizers=user)


def committees_chaired_by(user):
    if not _active(user):
        return Committee.objects.none()
    return Committee.objects.filter(chairs=user)


def conferences_editable_by(user):
    """Conferences a user may open in the admin: organized ones, and those where they chair a committee."""
    if _active(user) and user.is_superuser:
        return Conference.objects.all()
    return Conference.objects.filter(
        Q(pk__in=conferences_organized_by(user).values("pk"))
        | Q(pk__in=committees_chaired_by(user).values("conference_id"))
    )


def committees_editable_by(user):
    if _active(user) and user.is_superuser:
        return Committee.objects.all()
    return Committee.objects.filter(
        Q(conference__in=conferences_organized_by(user).values("pk")) | Q(pk__in=committees_chaired_by(user).values("pk"))
    )


def topics_editable_by(user):
    return Topic.objects.filter(committee__in=committees_editable_by(user).values("pk"))


def guides_editable_by(user):
    return StudyGuide.objects.filter(topic__committee__in=committees_editable_by(user).values("pk"))


def guides_visible_to(user):
    """Published guides of public conferences and of the user's own conferences; drafts to their chairs and
    to the conference's organizers (under a preview banner).

    Written as flat subqueries on the join tables: this runs on every reader request.
    """
    if _active(user) and user.is_superuser:
        return StudyGuide.objects.all()
    published = Q(status=GuideStatus.PUBLISHED)
    rule = published & Q(topic__committee__conference__guides_public=True)
    if _active(user):
        chaired = Committee.chairs.through.objects.filter(user=user)
        organized = Conference.organizers.through.objects.filter(user=user).values("conference_id")
        delegate_of = hooks.ask(hooks.DELEGATE_CONFERENCES, Conference.objects.none().values("pk"), user=user)
        rule |= published & (
            Q(topic__committee__conference_id__in=Committee.objects.filter(pk__in=chaired.values("committee_id"))
              .values("conference_id"))
            | Q(topic__committee__conference_id__in=delegate_of)
        )
        rule |= Q(topic__committee_id__in=chaired.values("committee_id"))
        rule |= Q(topic__committee__conference_id__in=organized)
    return StudyGuide.objects.filter(rule)


def released(now=None):
    """Guides whose release time (the guide's own, else the conference's) has come, or that have none."""
    now = now or timezone.now()
    conference_release = "topic__committee__conference__guides_release_at"
    return (
        Q(release_at__lte=now)
        | Q(release_at__isnull=True, **{f"{conference_release}__isnull": True})
        | Q(release_at__isnull=True, **{f"{conference_release}__lte": now})
    )


def guides_readable_by(user):
    """Guides whose text the user may read now: visible, and released (editors read before the release)."""
    return guides_visible_to(user).filter(released() | Q(pk__in=guides_editable_by(user).values("pk")))


def committee_chairs(committee):
    """[{"name", "role"}] of a committee's chairs in the conference's order (for the cover and the letter)."""
    from guides.models import CommitteeChair

    return [{"name": c.user.get_full_name() or c.user.username, "role": c.role}
            for c in CommitteeChair.objects.filter(committee=committee).select_related("user")]
