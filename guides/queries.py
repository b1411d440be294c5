"""What may this user see or edit? One queryset function per question, used by every view, admin and export."""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.db.models import Aggregate, IntegerField, Q, TextField, Value
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
        rows = compiled_once("reach", _reach_rows, user.pk)
        cached = Reach(
            chaired=frozenset(c for kind, c, _ in rows if kind == 1),
            chaired_conferences=frozenset(conf for kind, _, conf in rows if kind == 1),
            organized=frozenset(conf for kind, _, conf in rows if kind == 2),
            delegate_of=frozenset(conf for kind, _, conf in rows if kind == 3),
        )
        user.__dict__["_mlmun_reach"] = cached
    return cached


def _reach_rows(user_id):
    tag = lambda n: Value(n, output_field=IntegerField())  # noqa: E731
    chairs = (Committee.chairs.through.objects.filter(user_id=user_id).order_by()
              .values_list(tag(1), "committee_id", "committee__conference_id"))
    organizers = (Conference.organizers.through.objects.filter(user_id=user_id).order_by()
                  .values_list(tag(2), tag(0), "conference_id"))
    delegates = (hooks.ask(hooks.DELEGATE_CONFERENCES, Committee.objects.none(), user_id=user_id)
                 .order_by().values_list(tag(3), tag(0), "conference_id"))  # rows with conference_id
    return chairs.union(organizers, delegates, all=True)


# SQL Django compiled from a queryset whose shape does not depend on its arguments: compiling the three-way union
# above costs 30 times running it. Each process keeps the text (per database vendor), never any rows.
_COMPILED = {}


def _placeholder(index, value):
    """A stand-in for argument index of build, of the same type, that no row or real argument holds."""
    return -7_340_911 - index if isinstance(value, int) else f"\x1fmlmun-argument-{index}\x1f"


def compiled_once(name, build, *arguments, using="default"):
    """The rows of build(*arguments), with build's SQL compiled once per process. Arguments are ints or strings
    used as they are (exact lookups): each must reach the compiled parameters unchanged, which is checked."""
    from django.db import connections

    connection = connections[using]
    key = (name, connection.vendor, tuple(type(a) for a in arguments))
    if key not in _COMPILED:
        stand_ins = [_placeholder(i, a) for i, a in enumerate(arguments)]
        sql, params = build(*stand_ins).query.sql_with_params()
        slots = tuple(stand_ins.index(p) if p in stand_ins else None for p in params)
        if {i for i in slots if i is not None} != set(range(len(arguments))):
            raise ValueError(f"{name}: an argument does not reach the query as given")
        _COMPILED[key] = (sql, tuple(params), slots, _statement(connection.vendor, name, sql, params))
    sql, params, slots, statement = _COMPILED[key]
    values = [p if i is None else arguments[i] for p, i in zip(params, slots, strict=True)]
    with connection.cursor() as cursor:
        if statement is None:
            cursor.execute(sql, values)
        elif statement[0] is None:  # SQLite: named parameters, which its cursor fills without a regex
            cursor.execute(statement[1], dict(zip(statement[2], values, strict=True)))
        else:
            # PostgreSQL plans this query in about 1 ms and runs it in 0.2 ms: each connection prepares it once.
            prepared = connection.__dict__.get("_mlmun_prepared")
            if prepared is None or prepared[0] is not connection.connection:
                prepared = connection.__dict__["_mlmun_prepared"] = (connection.connection, set())
            if statement[0] not in prepared[1]:
                cursor.execute(statement[1])
                prepared[1].add(statement[0])
            cursor.execute(statement[2], values)
        return cursor.fetchall()


_TYPES = {bool: "boolean", int: "bigint", str: "text"}


def _statement(vendor, name, sql, params):
    """(name, PREPARE, EXECUTE) for PostgreSQL, each parameter typed by its Python type; (None, the text with
    named parameters, their names) for SQLite, whose cursor would otherwise rewrite every %s of the text with a
    regular expression on every call (up to 70 µs for the reader's); None elsewhere, or when a parameter's type cannot
    be told (None)."""
    if vendor == "sqlite":
        names = [f"a{n}" for n in range(len(params))]
        parts, counter = [], iter(names)
        for part in re.split(r"(%%|%s)", sql):
            parts.append(f"%({next(counter)})s" if part == "%s" else part)
        return None, "".join(parts), tuple(names)
    if vendor != "postgresql" or any(type(p) not in _TYPES for p in params):
        return None
    numbered, counter = [], iter(range(1, len(params) + 1))
    for part in re.split(r"(%%|%s)", sql):
        numbered.append("%" if part == "%%" else f"${next(counter)}" if part == "%s" else part)
    # Named by the query and its text: two shapes of one name never meet under one name on a connection.
    identifier = "mlmun_" + re.sub(r"\W", "_", name) + "_" + hashlib.sha256(sql.encode()).hexdigest()[:10]
    types = ", ".join(_TYPES[type(p)] for p in params)
    return (identifier, f"PREPARE {identifier} ({types}) AS {''.join(numbered)}",  # run without parameters
            f"EXECUTE {identifier} ({', '.join(['%s'] * len(params))})")


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


@dataclass(frozen=True)
class ReaderFacts:
    """What the reader needs to know about one guide and one user before it serves the page delegates share: who
    they are to it, where it stands, and everything else the shared page shows (its key)."""

    pk: int
    visible: bool
    editor: bool
    released: bool
    revision_pk: int | None
    revision_number: int | None
    page_key: tuple
    last_read: int | None
    delegation: tuple | None  # (ISO code, organisation) of the reader's delegation in the conference


_FACT_COLUMNS = (
    "pk", "status", "release_at", "published_revision_id", "published_revision__number",
    "published_revision__created_at", "last_publication", "topic__title", "subtitle", "topic__committee_id",
    "topic__committee__name", "topic__committee__contact_email", "topic__committee__conference_id",
    "topic__committee__conference__name", "topic__committee__conference__guides_public",
    "topic__committee__conference__guides_release_at", "chairs_signing", "chairs_here", "chairs_in_conference",
    "organizes", "delegate", "last_read", "delegation_iso", "delegation_organisation",
)


def _reader_facts_query(user_id, conference_slug, committee_slug, pk):
    from django.db.models import Exists, OuterRef, Subquery

    from guides.models import CommitteeChair, GuidePublication

    committee, conference = OuterRef("topic__committee_id"), OuterRef("topic__committee__conference_id")
    chairs = CommitteeChair.objects.filter(user_id=user_id)
    personal = hooks.ask(hooks.READER_FACTS, {}, user_id=user_id, guide=OuterRef("pk"), conference=conference)
    return (
        StudyGuide.objects.filter(pk=pk, topic__committee__slug=committee_slug,
                                  topic__committee__conference__slug=conference_slug)
        .annotate(
            last_publication=Subquery(GuidePublication.objects.filter(guide=OuterRef("pk")).order_by("-pk")
                                      .values("pk")[:1]),
            chairs_signing=Subquery(CommitteeChair.objects.filter(committee=committee).order_by()
                                    .values("committee").annotate(names=_Listed("user__first_name", "user__last_name",
                                                                                "user__username", "role", "order"))
                                    .values("names")),
            chairs_here=Exists(chairs.filter(committee=committee)),
            chairs_in_conference=Exists(chairs.filter(committee__conference=conference)),
            organizes=Exists(Conference.organizers.through.objects.filter(user_id=user_id, conference=conference)),
            delegate=personal.get("delegate", Value(False)),
            last_read=personal.get("last_read", Value(None, output_field=IntegerField())),
            delegation_iso=personal.get("delegation_iso", Value("")),
            delegation_organisation=personal.get("delegation_organisation", Value("")),
        )
        .order_by()
        .values_list(*_FACT_COLUMNS)
    )


def reader_facts(user, conference_slug, committee_slug, pk):
    """ReaderFacts for the guide at this address, in one query (compiled once per process); None if there is no
    such guide. The same rule as guides_visible_to (tests compare the two for every persona)."""
    active = _active(user)
    rows = compiled_once("reader-facts", _reader_facts_query, user.pk if active else 0, conference_slug,
                         committee_slug, int(pk))
    if not rows:
        return None
    row = dict(zip(_FACT_COLUMNS, rows[0], strict=True))
    operator = active and user.is_superuser
    published = row["status"] == GuideStatus.PUBLISHED
    editor = operator or bool(row["chairs_here"] or row["organizes"])
    visible = editor or (published and bool(
        row["topic__committee__conference__guides_public"] or row["chairs_in_conference"] or row["delegate"]))
    release = _aware(row["release_at"] or row["topic__committee__conference__guides_release_at"])
    page_key = tuple(row[c] for c in _FACT_COLUMNS[3:17])
    return ReaderFacts(
        pk=row["pk"], visible=visible, editor=editor, released=release is None or release <= timezone.now(),
        revision_pk=row["published_revision_id"], revision_number=row["published_revision__number"],
        page_key=page_key, last_read=row["last_read"] if active else None,
        delegation=(row["delegation_iso"], row["delegation_organisation"]) if active and row["delegate"] else None,
    )


def _aware(value):
    """A date-time as a raw cursor returns it: SQLite's are naive UTC (Django's converters did not run)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, datetime.UTC)


class _Listed(Aggregate):
    """The values joined in one text (to notice that the chairs who sign a letter changed)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def __init__(self, *fields):
        from django.db.models.functions import Concat

        parts = []
        for field in fields:
            parts += [field, Value("/")]
        super().__init__(Concat(*parts, output_field=TextField()))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, '|')",
                           **extra)


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
