"""What may this user see or edit? One queryset function per question, used by every view, admin and export."""

from dataclasses import dataclass

from django.db.models import IntegerField, Q, Value
from django.utils import timezone

from guides.enums import GuideStatus
from guides.models import Committee, Conference, StudyGuide, Topic
from mlmun import hooks


def _active(user):
    return user.is_authenticated and user.is_active


@dataclass(frozen=True)
class Reach:
    """Where a user stands, read in one query: the committees they chair (and those committees' conferences),
    the conferences they organize, and those they are a delegate of."""

    chaired: frozenset = frozenset()
    chaired_conferences: frozenset = frozenset()
    organized: frozenset = frozenset()
    delegate_of: frozenset = frozenset()


NOWHERE = Reach()


def reach(user):
    """The user's Reach, read once per user object (a request's user lives for that request only)."""
    if not _active(user):
        return NOWHERE
    cached = user.__dict__.get("_mlmun_reach")
    if cached is None:
        tag = lambda n: Value(n, output_field=IntegerField())  # noqa: E731
        chairs = (Committee.chairs.through.objects.filter(user=user).order_by()
                  .values_list(tag(1), "committee_id", "committee__conference_id"))
        organizers = (Conference.organizers.through.objects.filter(user=user).order_by()
                      .values_list(tag(2), tag(0), "conference_id"))
        delegates = (hooks.ask(hooks.DELEGATE_CONFERENCES, Committee.objects.none(), user=user)  # rows with conference_id
                     .order_by().values_list(tag(3), tag(0), "conference_id"))
        rows = list(chairs.union(organizers, delegates, all=True))
        cached = Reach(
            chaired=frozenset(c for kind, c, _ in rows if kind == 1),
            chaired_conferences=frozenset(conf for kind, _, conf in rows if kind == 1),
            organized=frozenset(conf for kind, _, conf in rows if kind == 2),
            delegate_of=frozenset(conf for kind, _, conf in rows if kind == 3),
        )
        user.__dict__["_mlmun_reach"] = cached
    return cached


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

    Runs on every reader request: the user's Reach is one small query, and the guide query filters on its ids.
    """
    if _active(user) and user.is_superuser:
        return StudyGuide.objects.all()
    published = Q(status=GuideStatus.PUBLISHED)
    rule = published & Q(topic__committee__conference__guides_public=True)
    where = reach(user)
    if where.chaired_conferences or where.delegate_of:
        rule |= published & Q(topic__committee__conference_id__in=sorted(where.chaired_conferences | where.delegate_of))
    if where.chaired:
        rule |= Q(topic__committee_id__in=sorted(where.chaired))
    if where.organized:
        rule |= Q(topic__committee__conference_id__in=sorted(where.organized))
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
