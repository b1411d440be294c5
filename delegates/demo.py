"""Loads the demo conference (guides.demo_data) and its demo accounts; safe to run any number of times."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from delegates import demo_figures
from delegates.models import DelegateProfile, Delegation, PlannedSeat
from guides import demo_data
from guides.enums import DatePrecision
from guides.models import (
    Committee,
    CommitteeChair,
    Conference,
    Figure,
    KeyTerm,
    Question,
    Section,
    Source,
    Stakeholder,
    StudyGuide,
    TimelineEvent,
    Topic,
)
from guides.services import (
    committee_chair_add,
    conference_organizer_add,
    guide_content_save,
    guide_create,
    guide_publish,
)

DEMO_PASSWORD = "mlmun-demo-2027"


def parse_partial_date(text):
    """'1948' → (1948-01-01, year); '2007-03' → (2007-03-01, month); '1948-12-10' → day."""
    if not text:
        return None, DatePrecision.DAY
    parts = [int(p) for p in text.split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return datetime.date(parts[0], *(parts[1:] + [1] * (3 - len(parts)))), precision


def upsert(model, lookup, values):
    """get_or_create that saves only on a real difference; returns (obj, changed)."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, bool(changed)


def _prune(queryset, keep_pks):
    deleted, _ = queryset.exclude(pk__in=keep_pks).delete()
    return deleted > 0


def load_guide(conference, order, data, editor):
    committee, _ = upsert(
        Committee, {"conference": conference, "slug": data["committee"]["slug"]},
        {**{k: v for k, v in data["committee"].items() if k != "slug"}, "order": order},
    )
    topic, _ = upsert(Topic, {"committee": committee, "order": 1}, {"title": data["topic"]})
    guide = StudyGuide.objects.filter(topic=topic).first() or guide_create(topic=topic, by=editor)
    # Through the one writer: a second run changes nothing, so it stores no revision and publishes nothing.
    guide_content_save(guide=guide, by=editor, changes=lambda: _load_parts(guide, data))
    guide.refresh_from_db()
    if guide.published_revision_id is None or guide.published_revision.number != guide.revision:
        guide_publish(guide=guide, by=editor)
    return committee, guide


def _load_parts(guide, data):
    sources = {}
    for entry in data["sources"]:
        published_on, precision = parse_partial_date(entry["date"])
        source, _ = upsert(Source, {"guide": guide, "key": entry["key"]}, {
            "kind": entry["kind"], "title": entry["title"], "authors": entry["authors"],
            "container": entry["container"], "publisher": entry["publisher"], "published_on": published_on,
            "published_precision": precision, "url": entry["url"], "un_symbol": entry["un_symbol"],
            "accessed_on": parse_partial_date(entry["accessed"])[0], "further_reading": entry["further_reading"],
        })
        sources[entry["key"]] = source
    _prune(guide.sources.all(), [s.pk for s in sources.values()])

    keep = []
    for index, (kind, heading, body) in enumerate(data["sections"], start=1):
        section, _ = upsert(Section, {"guide": guide, "order": index}, {"kind": kind, "heading": heading, "body": body})
        keep.append(section.pk)
    _prune(guide.sections.all(), keep)

    keep = []
    for index, (term, acronym, definition, source_key) in enumerate(data["key_terms"], start=1):
        key_term, _ = upsert(KeyTerm, {"guide": guide, "term": term}, {  # in the seed's order
            "order": index, "acronym": acronym, "definition": definition, "source": sources.get(source_key),
        })
        keep.append(key_term.pk)
    _prune(guide.key_terms.all(), keep)

    keep = []
    for index, entry in enumerate(data["timeline"], start=1):
        # (date, description, source key) or, for an event the seed names, (date, title, description, source key)
        when, title, description, source_key = entry if len(entry) == 4 else (entry[0], "", *entry[1:])
        date, precision = parse_partial_date(when)
        event, _ = upsert(TimelineEvent, {"guide": guide, "date": date, "description": description}, {
            "order": index, "precision": precision, "title": title, "source": sources.get(source_key),
        })
        keep.append(event.pk)
    _prune(guide.timeline_events.all(), keep)

    keep = []
    for index, (name, kind, iso_code, description) in enumerate(data["stakeholders"], start=1):
        stakeholder, _ = upsert(Stakeholder, {"guide": guide, "name": name}, {
            "order": index, "kind": kind, "iso_code": iso_code, "description": description,
        })
        keep.append(stakeholder.pk)
    _prune(guide.stakeholders.all(), keep)

    keep = []
    for index, (kind, text) in enumerate(data["questions"], start=1):
        question, _ = upsert(Question, {"guide": guide, "kind": kind, "order": index}, {"text": text})
        keep.append(question.pk)
    _prune(guide.questions.all(), keep)

    keep = []
    sections = {section.heading: section for section in guide.sections.all()}
    for index, entry in enumerate(data.get("figures", []), start=1):
        figure, _ = upsert(Figure, {"guide": guide, "caption": entry["caption"]}, {
            "order": index, "section": sections[entry["after"]], "alt_text": entry["alt"], "credit": entry["credit"],
            "image": _demo_figure_image(entry["image"]), "source": sources.get(entry.get("source")),
        })
        keep.append(figure.pk)
    _prune(guide.figures.all(), keep)


def _demo_figure_image(name):
    """Our own drawing of a seed's figure, as a PNG in the media storage (drawn once; the name never changes)."""
    path = f"figures/demo/{name}.png"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(demo_figures.draw(name)))
    return path


def demo_user(username, first, last, *, with_password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"}
    )
    if created:
        if with_password:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def demo_load(*, with_passwords):
    """Create or update the demo conferences; returns the first and the demo accounts as (username, role)."""
    accounts, conferences = [], []
    for data, organizer_data, guides, delegates in demo_data.CONFERENCES:
        conference, conference_accounts = _load_conference(data, organizer_data, guides, delegates, with_passwords)
        conferences.append(conference)
        accounts += conference_accounts
    return conferences[0], accounts


def _load_conference(data, organizer_data, guides, delegates, with_passwords):
    conference, _ = upsert(Conference, {"slug": data["slug"]}, {
        "name": data["name"], "edition": data["edition"], "year": data["year"],
        "starts_on": datetime.date.fromisoformat(data["starts_on"]),
        "ends_on": datetime.date.fromisoformat(data["ends_on"]),
        "description": data["description"],
    })
    accounts = []
    organizer = demo_user(*organizer_data, with_password=with_passwords)
    conference_organizer_add(conference=conference, user=organizer)
    accounts.append((organizer.username, f"organizer of {conference.name}"))

    committees = {}
    for order, guide_data in enumerate(guides, start=1):
        committee, _ = load_guide(conference, order, guide_data, organizer)
        committees[committee.slug] = committee
        for position, (username, first, last) in enumerate(guide_data["chairs"], start=1):
            chair = demo_user(username, first, last, with_password=with_passwords)
            committee_chair_add(committee=committee, user=chair)
            # Only the roles the seed gives (its letter or header); none is invented.
            CommitteeChair.objects.filter(committee=committee, user=chair).update(
                role=guide_data.get("chair_roles", {}).get(username, ""), order=position)
            accounts.append((username, f"chair of {committee.abbreviation}"))

    for username, first, last, committee_slug, delegation_name in delegates:
        user = demo_user(username, first, last, with_password=with_passwords)
        is_state = len(delegation_name) == 2 and delegation_name.isupper()
        delegation, _ = Delegation.objects.get_or_create(
            conference=conference,
            iso_code=delegation_name if is_state else "",
            organisation="" if is_state else delegation_name,
        )
        upsert(DelegateProfile, {"user": user, "conference": conference}, {
            "committee": committees[committee_slug], "delegation": delegation,
        })
        accounts.append((username, f"delegate of {delegation.name} in {committees[committee_slug].abbreviation}"))
    # The seat plan: one seat for each delegation seated in a committee (the country matrix compares against it).
    for profile in DelegateProfile.objects.filter(conference=conference):
        PlannedSeat.objects.get_or_create(committee=profile.committee, delegation=profile.delegation)
    return conference, accounts
