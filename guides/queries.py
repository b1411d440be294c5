"""What may this user see or edit? One queryset function per question, used everywhere."""

from django.db.models import Q

from guides.enums import GuideStatus
from guides.models import Committee, Conference, StudyGuide, Topic
from guides.rules import is_organizer
from mlmun.hooks import delegate_conferences


def committees_chaired_by(user):
    if not user.is_authenticated:
        return Committee.objects.none()
    return Committee.objects.filter(chairs=user)


def conferences_editable_by(user):
    if is_organizer(user):
        return Conference.objects.all()
    return Conference.objects.filter(committees__in=committees_chaired_by(user)).distinct()


def committees_editable_by(user):
    if is_organizer(user):
        return Committee.objects.all()
    return committees_chaired_by(user)


def topics_editable_by(user):
    if is_organizer(user):
        return Topic.objects.all()
    return Topic.objects.filter(committee__in=committees_chaired_by(user))


def guides_editable_by(user):
    if is_organizer(user):
        return StudyGuide.objects.all()
    return StudyGuide.objects.filter(topic__committee__in=committees_chaired_by(user))


def guides_visible_to(user):
    """Published guides of public conferences and of the user's own conferences; drafts to their chairs.

    Organizers see everything (drafts under a preview banner).
    """
    if is_organizer(user):
        return StudyGuide.objects.all()
    published = Q(status=GuideStatus.PUBLISHED)
    rule = published & Q(topic__committee__conference__guides_public=True)
    if user.is_authenticated and user.is_active:
        member_of = Conference.objects.filter(
            Q(committees__chairs=user) | Q(pk__in=delegate_conferences(user))
        ).values("pk")
        rule |= published & Q(topic__committee__conference__in=member_of)
        rule |= Q(topic__committee__in=committees_chaired_by(user).values("pk"))
    return StudyGuide.objects.filter(rule)
