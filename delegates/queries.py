"""What a delegate is in a conference."""

import functools

import pycountry
from countryinfo import CountryInfo

from delegates.models import Annotation, Bookmark, DelegateProfile, GuideRead


def delegate_conference_ids(user_id):
    """The conferences the user is a delegate of (for guides.queries, through mlmun.hooks)."""
    return DelegateProfile.objects.filter(user_id=user_id).values("conference_id")


def reader_facts(user_id, guide, conference):
    """For guides.queries.reader_facts: the reader's delegate seat, delegation and last read revision, as
    expressions of its one query."""
    from django.db.models import Exists, Subquery

    seat = DelegateProfile.objects.filter(user_id=user_id, conference=conference).order_by()
    return {
        "delegate": Exists(seat),
        "last_read": Subquery(GuideRead.objects.filter(user_id=user_id, guide=guide).order_by().values("revision")[:1]),
        "delegation_iso": Subquery(seat.values("delegation__iso_code")[:1]),
        "delegation_organisation": Subquery(seat.values("delegation__organisation")[:1]),
    }


def seated_in(user, committee_id, **also):
    """Is the user a delegate of this committee (with also, e.g. email_answers=True)? Sharing notes and asking
    the dais are for them."""
    return DelegateProfile.objects.filter(user=user, committee_id=committee_id, **also).exists()


def mark_read(user, guide, number):
    if user.is_authenticated:
        GuideRead.objects.update_or_create(user=user, guide=guide, defaults={"revision": number})


def delegation_of(user, conference):
    """The user's delegation in this conference as plain data, with the names a text may use for it."""
    profile = DelegateProfile.objects.filter(user=user, conference=conference).select_related("delegation").order_by()[:1]
    if not profile:
        return None
    profile = profile[0]
    delegation = profile.delegation
    aliases, abbreviations = country_names(delegation.iso_code) if delegation.iso_code else ((), ())
    return {"name": delegation.name, "iso_code": delegation.iso_code, "aliases": list(aliases),
            "abbreviations": list(abbreviations)}


# Abbreviations written in prose for a country ("the US", "U.K."): matched as written, in capitals, and only
# these (two- and three-letter codes are also words: IT, IN, CAN, AND).
PROSE_ABBREVIATIONS = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA"}


@functools.lru_cache(maxsize=512)
def country_names(iso_code):
    """(names, abbreviations) a text may use for a country: pycountry's names, countryinfo's other spellings and
    its demonym ("American", "Nigerian"), and the usual abbreviations with and without dots ("US", "U.S.")."""
    names, abbreviations = [], []
    country = pycountry.countries.get(alpha_2=iso_code)
    if country is not None:
        names += [getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)]
    try:
        info = CountryInfo(iso_code)
        spellings, demonym = info.alt_spellings() or [], info.demonym() or ""
    except Exception:  # a code countryinfo does not know (e.g. XK): pycountry's names only
        spellings, demonym = [], ""
    for spelling in spellings:
        if spelling.isupper() and spelling.isalpha():
            if spelling in PROSE_ABBREVIATIONS:
                abbreviations += [spelling, ".".join(spelling) + "."]
        elif len(spelling) >= 4:
            names.append(spelling)
    if demonym:
        names.append(demonym)
    return tuple(dict.fromkeys(names)), tuple(dict.fromkeys(abbreviations))


def annotations_of(user):
    """A delegate's own annotations; nobody else's, ever."""
    if not user.is_authenticated:
        return Annotation.objects.none()
    return Annotation.objects.filter(user=user)


def bookmarks_of(user):
    if not user.is_authenticated:
        return Bookmark.objects.none()
    return Bookmark.objects.filter(user=user)


def reading_progress(guides):
    """{guide pk: (opened, delegates)}: how many of the committee's delegates have opened the guide's current
    published revision. Counts only (two queries for any number of guides); never who, never their notes."""
    from django.db.models import Count, F

    guides = [g for g in guides if g.published_revision_id]
    if not guides:
        return {}
    committees = {g.topic.committee_id for g in guides}
    seated = dict(DelegateProfile.objects.filter(committee__in=committees).values("committee")
                  .annotate(n=Count("user", distinct=True)).values_list("committee", "n"))
    opened = dict(GuideRead.objects.filter(
        guide__in=[g.pk for g in guides], revision__gte=F("guide__published_revision__number"),
        user__delegate_profiles__committee=F("guide__topic__committee"),
    ).values("guide").annotate(n=Count("user", distinct=True)).values_list("guide", "n"))
    return {g.pk: (opened.get(g.pk, 0), seated.get(g.topic.committee_id, 0)) for g in guides}


def annotations_visible_to(user):
    """Every annotation this user may see, from one rule:

    - their own, whatever its visibility;
    - notes a member of their delegation in a committee shared with that delegation, on that committee's guides
      (a double delegation sees each other's shared notes);
    - questions to the dais with a public answer, on the guides of a committee they are a delegate of;
    - every question to the dais on the guides of the committees they chair, or of the conferences they organize
      (the dais inbox).

    Someone else's private note is in none of these, so every view built on this answers 404 for it.
    """
    from django.db.models import Q

    from delegates.enums import Visibility

    if not user.is_authenticated or not user.is_active:
        return Annotation.objects.none()
    rule = Q(user=user)
    seats = list(DelegateProfile.objects.filter(user=user).values_list("committee_id", "delegation_id"))
    for committee, delegation in seats:
        partners = DelegateProfile.objects.filter(committee=committee, delegation=delegation).values("user_id")
        rule |= Q(visibility=Visibility.DELEGATION, guide__topic__committee=committee, user__in=partners)
    if seats:
        rule |= Q(visibility=Visibility.DAIS, answer_public=True, answered_at__isnull=False,
                  guide__topic__committee__in=[committee for committee, _ in seats])
    from guides.models import Committee
    from guides.queries import conferences_organized_by

    rule |= Q(visibility=Visibility.DAIS, guide__topic__committee__in=Committee.objects.filter(chairs=user))
    rule |= Q(visibility=Visibility.DAIS, guide__topic__committee__conference__in=conferences_organized_by(user))
    return Annotation.objects.filter(rule)


def dais_questions(user, guide):
    """The questions to the dais on one guide that this user may see: unanswered first, newest first (the
    chairs' inbox)."""
    from django.db.models import F

    from delegates.enums import Visibility

    return (annotations_visible_to(user).filter(guide=guide, visibility=Visibility.DAIS)
            .select_related("user", "answered_by")
            .order_by(F("answered_at").asc(nulls_first=True), "-created_at", "-pk"))


def passage_interest(guide, limit=10):
    """The passages of a guide that draw the most questions and highlights: [{anchor, heading, questions,
    highlights}], counts only (never who, never what a private note says)."""
    from django.db.models import Count, Q

    from delegates.enums import AnchorStatus, Visibility

    rows = (Annotation.objects.filter(guide=guide).exclude(status=AnchorStatus.ORPHANED)
            .values("current_section_id", "current_part", "current_heading", "current_order")
            .annotate(highlights=Count("pk"), questions=Count("pk", filter=Q(visibility=Visibility.DAIS)))
            .order_by("-questions", "-highlights", "current_order")[:limit])
    return [{"anchor": row["current_part"] or f"section-{row['current_section_id']}",
             "heading": row["current_heading"], "questions": row["questions"], "highlights": row["highlights"]}
            for row in rows]
