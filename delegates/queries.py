"""What a delegate is in a conference."""

import pycountry

from delegates.models import Annotation, Bookmark, DelegateProfile, GuideRead


def delegate_conference_ids(user):
    """The conferences the user is a delegate of (for guides.queries, through mlmun.hooks)."""
    return DelegateProfile.objects.filter(user=user).values("conference_id")


def last_read(user, guide):
    """The revision of guide the user last opened, or None (never, or not signed in)."""
    if not user.is_authenticated:
        return None
    return GuideRead.objects.filter(user=user, guide=guide).values_list("revision", flat=True).first()


def mark_read(user, guide, number):
    if user.is_authenticated:
        GuideRead.objects.update_or_create(user=user, guide=guide, defaults={"revision": number})


def delegation_of(user, conference):
    """The user's delegation in this conference as plain data, with the names a text may use for it."""
    profile = (
        DelegateProfile.objects.filter(user=user, conference=conference).select_related("delegation").first()
    )
    if profile is None:
        return None
    delegation = profile.delegation
    aliases = []
    if delegation.iso_code:
        country = pycountry.countries.get(alpha_2=delegation.iso_code)
        aliases = [getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)]
    return {"name": delegation.name, "iso_code": delegation.iso_code, "aliases": aliases}


def annotations_of(user):
    """A delegate's own annotations; nobody else's, ever."""
    if not user.is_authenticated:
        return Annotation.objects.none()
    return Annotation.objects.filter(user=user)


def bookmarks_of(user):
    if not user.is_authenticated:
        return Bookmark.objects.none()
    return Bookmark.objects.filter(user=user)
