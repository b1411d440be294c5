"""Delegate roster import: a CSV validated whole before anything is written, then imported in one transaction.

Columns: name, email, committee, delegation. The committee is its abbreviation (or slug); the delegation is
a member state's ISO 3166 alpha-2 code (NG) or an organisation's name (ECPAT International).
"""

import csv
import difflib
import functools
import io
import re
from dataclasses import dataclass, field

import pycountry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Lower

from delegates.models import DelegateProfile, Delegation
from guides.importer import COUNTRY_ALIASES, country_code

COLUMNS = ["name", "email", "committee", "delegation"]
TEMPLATE = "name,email,committee,delegation\nNgozi Adeyemi,ngozi@example.org,GA3,NG\nDana Reyes,dana@example.org,CCPCJ,ECPAT International\n"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10000
# "NG/FR", "NG & FR", "NG and FR"; an organisation's name may contain "and" or "/" ("UN/DESA").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIST_SEPARATOR = re.compile(r"\s*(?:[;/|&,]|\band\b)\s*")


@dataclass
class RosterRow:
    line: int
    name: str
    email: str
    committee: object
    iso_code: str
    organisation: str


@dataclass
class RosterCheck:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [(line, message)]

    @property
    def ok(self):
        return not self.errors


@dataclass
class RosterResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: list = field(default_factory=list)  # users who need an invitation


def _delegation(value):
    """(iso_code, organisation, error)."""
    value = " ".join(value.split())
    codes = [part for part in _LIST_SEPARATOR.split(value) if part]
    if ";" in value or "|" in value or (len(codes) > 1 and all(len(code) == 2 for code in codes)):
        return "", "", f"two delegations in one seat (“{value}”): give one delegation per row"
    if len(value) == 2 and value.isalpha():
        code = value.upper()
        if pycountry.countries.get(alpha_2=code) is None:
            alias = country_code(value)  # "UK" is GB
            if alias:
                return alias, "", None
            return "", "", f"unknown country code “{value}”"
        return code, "", None
    if len(value) < 3:
        return "", "", "the delegation must be an ISO country code (e.g. NG) or an organisation's name"
    # "Nigeria", "USA", "South Korea": a member state, not an organisation of that name.
    code = country_code(value)
    if code:
        return code, "", None
    near = difflib.get_close_matches(value.lower(), _country_names(), n=1, cutoff=0.8)
    if near:
        code = country_code(near[0])
        return "", "", (f"unknown delegation “{value}”: did you mean {pycountry.countries.get(alpha_2=code).name} "
                        f"({code})? Write its code {code}")
    return "", value[:200], None


@functools.cache
def _country_names():
    names = set(COUNTRY_ALIASES) - {"drc", "prc", "uae", "usa", "us", "uk"}
    for country in pycountry.countries:
        names.update(getattr(country, attr).lower() for attr in ("name", "common_name", "official_name")
                     if hasattr(country, attr))
    return sorted(name for name in names if country_code(name))


def _unprotect(cell):
    """A cell our roster export protected from spreadsheets ("'=…", see csv_cell) reads back as written."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in _FORMULA_START else cell


def read_roster(data, conference):
    """Parses and validates every row; returns a RosterCheck (errors carry the file's line numbers)."""
    check = RosterCheck()
    if len(data) > MAX_BYTES:
        check.errors.append((0, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."))
        return check
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        check.errors.append((0, "The file is not UTF-8 text; save it as CSV UTF-8."))
        return check
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Only the delimiter is taken from the header line: a header has no quotes, and the sniffer would then turn
    # off the doubled quotes ("") that spreadsheets write inside quoted cells.
    reader = csv.reader(io.StringIO(text), delimiter=dialect.delimiter, quotechar='"', doublequote=True)
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != COLUMNS:
        check.errors.append((1, f"The first line must be the header: {','.join(COLUMNS)}"))
        return check

    committees = {}
    for committee in conference.committees.all():
        committees[committee.abbreviation.lower()] = committee
        committees[committee.slug.lower()] = committee
    seen_emails = {}
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:  # e.g. a field longer than csv.field_size_limit() (131,072 characters)
            check.errors.append((reader.line_num, f"this line cannot be read as CSV ({error}); nothing after it "
                                                  "was read"))
            break
        if row is None:
            break
        line = reader.line_num
        if any(_CONTROL.search(cell) for cell in row):
            check.errors.append((line, "the line contains control characters (such as NUL); save the file as "
                                       "plain CSV text"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(check.rows) + len(check.errors) >= MAX_ROWS:
            check.errors.append((line, f"More than {MAX_ROWS} rows; split the file."))
            break
        if len(row) != len(COLUMNS):
            check.errors.append((line, f"expected {len(COLUMNS)} columns, found {len(row)}"))
            continue
        name, email, committee_name, delegation = (_unprotect(cell.strip()) for cell in row)
        problems = []
        if not name:
            problems.append("the name is missing")
        email = email.lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"“{email}” is not a valid email address")
        else:
            if email in seen_emails:
                problems.append(f"duplicate: {email} is already on line {seen_emails[email]}")
            else:
                seen_emails[email] = line
        committee = committees.get(committee_name.lower())
        if committee is None:
            problems.append(f"unknown committee “{committee_name}”")
        iso_code, organisation, delegation_error = _delegation(delegation)
        if delegation_error:
            problems.append(delegation_error)
        if problems:
            check.errors.append((line, "; ".join(problems)))
        else:
            check.rows.append(RosterRow(line, name[:150], email, committee, iso_code, organisation))
    if not check.rows and not check.errors:
        check.errors.append((2, "The file has no delegates."))
    _check_usernames(check)
    return check


def _check_usernames(check):
    """A new account's username is its email: one already taken by an account with another email is refused."""
    emails = {row.email: row for row in check.rows}
    taken = (get_user_model().objects.filter(username__in=list(emails)).annotate(address=Lower("email"))
             .exclude(address=models.F("username")).values_list("username", flat=True))
    existing = {user.email.lower() for user in accounts_with_emails(list(emails))} if taken else set()
    bad = {emails[username].line: username for username in taken if username not in existing}
    for line, username in sorted(bad.items()):
        check.errors.append((line, f"{username} is already the username of another account, which has a different "
                                   "email address; ask an administrator to correct that account, or use another "
                                   "address"))
    check.rows = [row for row in check.rows if row.line not in bad]
    check.errors.sort(key=lambda error: error[0])


def accounts_with_emails(emails):
    """The accounts with these addresses, compared case-insensitively (as the database's unique index does)."""
    return get_user_model().objects.annotate(address=Lower("email")).filter(address__in=[e.lower() for e in emails])


def _split_name(name):
    first, _, last = name.partition(" ")
    return first[:150], last[:150]


@transaction.atomic
def import_roster(check, conference):
    """Writes a validated roster: people, delegations and seats. Importing the same file again changes nothing."""
    assert check.ok, "import only a roster without errors"
    User = get_user_model()
    result = RosterResult()
    users = {u.email.lower(): u for u in accounts_with_emails([r.email for r in check.rows])}
    delegations = {(d.iso_code, d.organisation.lower()): d for d in conference.delegations.all()}
    profiles = {p.user_id: p for p in DelegateProfile.objects.filter(conference=conference)}

    new_users = []
    for row in check.rows:
        if row.email not in users:
            first, last = _split_name(row.name)
            user = User(username=row.email[:150], email=row.email, first_name=first, last_name=last)
            user.set_unusable_password()
            new_users.append(user)
            users[row.email] = user
    User.objects.bulk_create(new_users)
    if new_users:  # bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35
        users.update({u.email.lower(): u for u in accounts_with_emails([u.email for u in new_users])})

    new_profiles, changed_profiles = [], []
    for row in check.rows:
        key = (row.iso_code, row.organisation.lower())
        if key not in delegations:
            delegations[key] = Delegation.objects.create(
                conference=conference, iso_code=row.iso_code, organisation=row.organisation
            )
        delegation, user = delegations[key], users[row.email]
        profile = profiles.get(user.pk)
        if profile is None:
            new_profiles.append(DelegateProfile(user=user, conference=conference, committee=row.committee,
                                                delegation=delegation))
            result.created += 1
            if not user.has_usable_password() and user.last_login is None:
                result.invited.append(user)
        elif (profile.committee_id, profile.delegation_id) != (row.committee.pk, delegation.pk):
            profile.committee, profile.delegation = row.committee, delegation
            changed_profiles.append(profile)
            result.updated += 1
        else:
            result.unchanged += 1
    DelegateProfile.objects.bulk_create(new_profiles)
    DelegateProfile.objects.bulk_update(changed_profiles, ["committee", "delegation"])
    return result


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP): such a cell is
# written with a leading apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def roster_rows(conference):
    """The conference's roster in the import's columns (name, email, committee, delegation), committee order."""
    profiles = (DelegateProfile.objects.filter(conference=conference).select_related("user", "committee", "delegation")
                .order_by("committee__order", "committee__abbreviation", "delegation__iso_code",
                          "delegation__organisation", "user__email"))
    for profile in profiles:
        user, delegation = profile.user, profile.delegation
        yield [user.get_full_name() or user.email, user.email, profile.committee.abbreviation,
               delegation.iso_code or delegation.organisation]


def roster_csv(conference):
    """The roster as CSV text that the roster import reads back unchanged (formula cells neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in roster_rows(conference):
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def delegation_for(conference, value):
    """The conference's delegation for a typed ISO code, country name or organisation (made if new); raises
    ValidationError with the roster import's message for a value it cannot take."""
    iso_code, organisation, error = _delegation(value)
    if error:
        raise ValidationError(error[0].upper() + error[1:] + ".")
    found = conference.delegations.filter(iso_code=iso_code, organisation__iexact=organisation).first()
    return found or Delegation.objects.create(conference=conference, iso_code=iso_code, organisation=organisation)


@dataclass
class SeatCell:
    committee: object
    people: list
    planned: int

    @property
    def state(self):
        """"" (as planned, or no plan), "unassigned" (planned seats nobody fills) or "over" (more people than
        planned)."""
        if self.planned is None:
            return ""
        if len(self.people) < self.planned:
            return "unassigned"
        if len(self.people) > self.planned:
            return "over"
        return ""

    @property
    def double(self):
        return max(len(self.people), self.planned or 0) >= 2


def seat_matrix(conference):
    """The country matrix: {"committees", "rows": [{"delegation", "cells": [SeatCell]}], "planned": bool,
    "deviations": [text]} with the roster compared against the seat plan. Three queries for any size."""
    from delegates.models import PlannedSeat

    committees = list(conference.committees.all())
    seated, planned = {}, {}
    for profile in DelegateProfile.objects.filter(conference=conference).select_related("user"):
        seated.setdefault((profile.delegation_id, profile.committee_id), []).append(profile)
    for seat in PlannedSeat.objects.filter(committee__conference=conference):
        planned[(seat.delegation_id, seat.committee_id)] = seat.seats
    has_plan = bool(planned)
    rows, deviations = [], []
    for delegation in sorted(conference.delegations.all(), key=lambda d: d.name):
        cells = []
        for committee in committees:
            key = (delegation.pk, committee.pk)
            cell = SeatCell(committee, seated.get(key, []), planned.get(key, 0) if has_plan else None)
            cells.append(cell)
            if cell.state == "unassigned":
                deviations.append(f"{delegation.name} in {committee.abbreviation}: {cell.planned - len(cell.people)} "
                                  f"of {cell.planned} planned seat{'s' if cell.planned > 1 else ''} not assigned")
            elif cell.state == "over":
                deviations.append(f"{delegation.name} in {committee.abbreviation}: {len(cell.people)} delegate"
                                  f"{'s' if len(cell.people) > 1 else ''}, {cell.planned or 'no'} seat"
                                  f"{'' if cell.planned == 1 else 's'} planned")
        rows.append({"delegation": delegation, "cells": cells})
    return {"committees": committees, "rows": rows, "planned": has_plan, "deviations": deviations,
            "totals": {"planned": sum(planned.values()), "seated": sum(len(p) for p in seated.values()),
                       "unassigned": sum(c.planned - len(c.people) for r in rows for c in r["cells"]
                                         if c.state == "unassigned"),
                       "over": sum(1 for r in rows for c in r["cells"] if c.state == "over"),
                       "double": sum(1 for r in rows for c in r["cells"] if c.double)}}


def seat_plan_read(conference, data):
    """Reads the plan form: ({(delegation pk, committee pk): seats}, [new delegation values], errors). Nothing is
    written; every error is reported at once."""
    committees = {c.pk: c for c in conference.committees.all()}
    delegations = {d.pk: d for d in conference.delegations.all()}
    plan, errors = {}, []
    for name, value in data.items():
        match = re.fullmatch(r"seats-(\d+)-(\d+)", name)
        if not match:
            continue
        delegation, committee = delegations.get(int(match[1])), committees.get(int(match[2]))
        if delegation is None or committee is None:
            errors.append("The plan refers to a delegation or committee that is not in this conference; reload "
                          "the page.")
            continue
        value = value.strip()
        if value in ("", "0"):
            continue
        if not value.isdigit() or not 1 <= int(value) <= 9:
            errors.append(f"{delegation.name} in {committee.abbreviation}: “{value[:20]}” is not a number of seats "
                          "from 0 to 9.")
            continue
        plan[(delegation.pk, committee.pk)] = int(value)
    added = []
    for line, value in enumerate(data.get("add", "").splitlines(), start=1):
        value = " ".join(value.split())
        if not value:
            continue
        iso_code, organisation, error = _delegation(value)
        if error:
            errors.append(f"New delegations, line {line}: {error}.")
        else:
            added.append((iso_code, organisation))
    return plan, added, errors


@transaction.atomic
def seat_plan_save(conference, plan, added):
    """Replaces the conference's seat plan and adds the new delegations (already validated by seat_plan_read)."""
    from delegates.models import PlannedSeat

    existing = {(d.iso_code, d.organisation.lower()) for d in conference.delegations.all()}
    for iso_code, organisation in added:
        if (iso_code, organisation.lower()) not in existing:
            Delegation.objects.create(conference=conference, iso_code=iso_code, organisation=organisation)
            existing.add((iso_code, organisation.lower()))
    PlannedSeat.objects.filter(committee__conference=conference).delete()
    PlannedSeat.objects.bulk_create(PlannedSeat(delegation_id=d, committee_id=c, seats=n) for (d, c), n in plan.items())
