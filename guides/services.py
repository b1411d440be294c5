"""Writes and multi-step changes to conferences and study guides."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from guides import content_rules, revisions, rules, search, tasks
from guides.enums import ExportStatus, GuideStatus, ReviewState, SectionKind
from guides.models import (
    ConferenceExport,
    Figure,
    GuideImport,
    GuidePublication,
    KeyTerm,
    Question,
    Section,
    Source,
    Stakeholder,
    StudyGuide,
    TimelineEvent,
    Topic,
    figure_upload_to,
    validate_image_pixels,
    validate_image_size,
)
from guides.rules import has_authoring_role
from mlmun import hooks

MAX_CHANGE_NOTE = 2000


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


class StaleRevision(ValidationError):
    pass


def guide_lock(*, guide, base_revision=None):
    """Locks the guide's row until the transaction ends; refuses a save started from an older revision."""
    current = (StudyGuide.objects.select_for_update(of=("self",)).select_related("last_edited_by")
               .get(pk=guide.pk))
    if base_revision is not None and base_revision != current.revision:
        editor = current.last_edited_by
        who = (editor.get_full_name() or editor.username) if editor else "someone"
        raise StaleRevision(
            f"{who} saved this guide (now revision {current.revision}) after you opened revision {base_revision}. "
            "Your changes were not saved, so nothing was overwritten. Copy what you wrote, reload the "
            "page to see the newer text, and apply your changes again.",
            code="stale_revision",
        )
    return current


@transaction.atomic
def guide_create(*, topic, by):
    """A new, empty guide for topic, with its first revision."""
    guide = StudyGuide.objects.create(topic=topic, last_edited_by=by)
    revisions.revision_record(guide=guide, by=by)
    return guide


@transaction.atomic
def guide_content_save(*, guide, by, changes, base_revision=None):
    """The only way a guide's content changes (admin, demo loader, importer, tests).

    changes() writes the working copy's parts; then the whole working copy is checked (citations, key terms)
    and stored as the next revision. Any error undoes everything. A save that changes nothing (after line
    ends and trailing spaces are normalised) stores no revision and returns None. Delegates see none of it
    until the guide is published (guide_publish).
    """
    guide_lock(guide=guide, base_revision=base_revision)
    changes()
    errors = content_rules.working_copy_errors(guide)
    if errors:
        raise ValidationError(errors)
    revision = revisions.revision_record(guide=guide, by=by)
    if revision is None:
        return None
    StudyGuide.objects.filter(pk=guide.pk).update(revision=revision.number, updated_at=timezone.now(),
                                                  last_edited_by=by)
    guide.refresh_from_db(fields=["revision", "updated_at", "last_edited_by"])
    return revision


def guide_pdf_refresh_later(*, guide):
    """After commit, render the published guide's PDF in the background (django-tasks), so downloads are instant."""
    transaction.on_commit(lambda: tasks.render_guide_pdf.enqueue(guide.pk))


def _needs_approval(guide, by):
    return guide.topic.committee.conference.guides_need_approval and not rules.is_organizer(by, guide.topic.committee.conference)


@transaction.atomic
def guide_publish(*, guide, by=None, note=""):
    """Makes the working copy's latest revision the one delegates read, with an optional note for them.

    Refused (nothing changes) when the conference needs the secretariat's approval and by is not one of its
    organizers, or when there is nothing new to publish.
    """
    given, guide = guide, guide_lock(guide=guide)
    if by is not None and _needs_approval(guide, by):
        raise ValidationError("Guides of this conference need the secretariat's approval: submit it for review.")
    note = revisions.normalise_text(note or "")
    if len(note) > MAX_CHANGE_NOTE:
        raise ValidationError(f"A change note may be at most {MAX_CHANGE_NOTE} characters (this one has {len(note)}).")
    latest = guide.revisions.get(number=guide.revision)
    if guide.published_revision_id == latest.pk and guide.status == GuideStatus.PUBLISHED:
        raise ValidationError(f"Revision {latest.number} is already what delegates read: there is nothing new to publish.")
    now = timezone.now()
    publication = GuidePublication.objects.create(guide=guide, revision=latest, note=note, published_by=by,
                                                  published_at=now)
    guide.published_revision = latest
    guide.status = GuideStatus.PUBLISHED
    guide.published_at = guide.published_at or now
    guide.review_state, guide.review_note, guide.review_comment = ReviewState.NONE, "", ""
    fields = ["published_revision", "status", "published_at", "review_state", "review_note", "review_comment"]
    guide.save(update_fields=fields)
    for name in fields:  # the caller's object shows the new state too
        setattr(given, name, getattr(guide, name))
    hooks.notify(hooks.GUIDE_PUBLISHED, guide=guide, publication=publication)
    search.index_guide(guide)  # the published revision is what search answers from
    guide_pdf_refresh_later(guide=guide)
    return publication


@transaction.atomic
def guide_unpublish(*, guide, by=None):
    """Takes the guide away from delegates (back to draft); its revisions and errata log stay."""
    given, guide = guide, guide_lock(guide=guide)
    if guide.status != GuideStatus.DRAFT:
        guide.status = GuideStatus.DRAFT
        guide.published_revision = None
        guide.save(update_fields=["status", "published_revision"])
        given.status, given.published_revision = guide.status, None
        search.index_guide(guide)  # nothing of it is found any more
    return guide


@transaction.atomic
def guide_submit_for_review(*, guide, by, note=""):
    guide = guide_lock(guide=guide)
    if guide.published_revision_id is not None and guide.published_revision.number == guide.revision:
        raise ValidationError("The working copy has no changes against what delegates read: nothing to review.")
    guide.review_state, guide.review_note, guide.review_comment = ReviewState.SUBMITTED, revisions.normalise_text(note), ""
    guide.save(update_fields=["review_state", "review_note", "review_comment"])
    return guide


@transaction.atomic
def guide_return(*, guide, by, comment):
    """The secretariat returns a submitted update to the chairs with a comment; nothing is published."""
    comment = revisions.normalise_text(comment or "")
    if not comment:
        raise ValidationError("Say what the chairs should change: the comment is shown to them.")
    guide = guide_lock(guide=guide)
    if guide.review_state != ReviewState.SUBMITTED:
        raise ValidationError("This guide is not waiting for review.")
    guide.review_state, guide.review_comment = ReviewState.RETURNED, comment
    guide.save(update_fields=["review_state", "review_comment"])
    return guide


def guide_revision_restore(*, guide, number, by, base_revision=None):
    """Makes an earlier revision the working copy again (stored as a new revision; delegates see nothing yet)."""
    revision = guide.revisions.filter(number=number).first()
    if revision is None:
        raise ValidationError(f"This guide has no revision {number}.")
    return guide_content_save(guide=guide, by=by, base_revision=base_revision,
                              changes=lambda: revisions.source_restore(guide=guide, source=revision.source))


def conference_export_fail_stale(*, export):
    """An export whose worker died (no heartbeat for STALE_SECONDS) is failed with a message saying so."""
    updated = ConferenceExport.objects.filter(pk=export.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.FAILED, finished_at=timezone.now(),
        failures=[*export.failures, {"guide": "", "committee": "", "error": (
            f"The background worker stopped while exporting ({export.done} of {export.total} guides done) and "
            "did not come back. Start the export again.")}])
    export.refresh_from_db()
    return updated == 1


def conference_export_start(*, conference, by):
    """Starts an export, or joins the one already queued or running for this conference."""
    from guides import exports  # loads WeasyPrint: only when an export is started

    active = ConferenceExport.objects.filter(
        conference=conference, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
    ).first()
    if active and active.worker_lost():
        conference_export_fail_stale(export=active)
        active = None
    if active:
        return active, False
    try:
        with transaction.atomic():
            export = ConferenceExport.objects.create(
                conference=conference, requested_by=by, total=exports.published_guides_in_order(conference).count()
            )
    except IntegrityError:  # another request started one a moment ago: join it
        return ConferenceExport.objects.get(conference=conference, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]), False
    transaction.on_commit(lambda: tasks.run_conference_export.enqueue(export.pk))
    return export, True


def guide_import_apply(*, guide, result, by, demoted=(), kinds=None):
    """Makes an imported document (guides.importer.ImportResult) the guide's working copy, through the one writer.

    demoted: indexes of recognised blocks (key terms, timeline, ...) to keep as plain sections instead;
    kinds: {block index: SectionKind} chosen by the chair. Everything is checked before anything is written, and
    one transaction writes it all (figure files are removed again if it fails). Delegates see nothing until the
    guide is published. Returns the new revision (None if the working copy already held exactly this).
    """
    kinds = kinds or {}
    demoted = set(demoted)
    bad_kinds = [kind for kind in kinds.values() if kind not in SectionKind.values]
    if bad_kinds:
        raise ValidationError(f"Unknown section kind “{bad_kinds[0]}”.")
    sources = [Source(guide=guide, **{k: v for k, v in entry.items() if k in {
        "key", "kind", "title", "authors", "url", "published_precision", "un_symbol"}},
        published_on=_date(entry.get("published_on")), accessed_on=_date(entry.get("accessed_on")))
        for entry in result.sources]
    blocks = [(index, block) for index, block in enumerate(result.blocks) if block["role"] == "prose" or index in demoted]
    sections = {index: Section(guide=guide, order=order, kind=kinds.get(index, block["kind"]),
                               heading=block["heading"][:200], body=block["body"])
                for order, (index, block) in enumerate(blocks, start=1)}
    kept = lambda part: part["block"] not in demoted  # noqa: E731
    seen_terms, terms = set(), []
    for entry in filter(kept, result.key_terms):
        if entry["term"].casefold() in seen_terms:
            continue
        seen_terms.add(entry["term"].casefold())
        terms.append(entry)
    errors = []
    for source in sources:
        try:
            source.full_clean(exclude=["guide"], validate_unique=False)
        except ValidationError as error:
            errors.append(f"Source {source.key}: {' '.join(error.messages)}")
    for section in sections.values():
        try:
            section.full_clean(exclude=["guide"])
        except ValidationError as error:
            errors.append(f"Section “{section.heading}”: {' '.join(error.messages)}")
    figures = []
    for number, entry in enumerate(result.figures, start=1):
        upload = ContentFile(entry["data"], name=entry["media"].rsplit("/", 1)[-1])
        try:
            validate_image_size(upload)
            validate_image_pixels(upload)
        except ValidationError as error:
            errors.append(f"Image {number}: {' '.join(error.messages)}")
        figures.append((entry, upload))
    if errors:
        raise ValidationError(errors)

    stored = []
    try:
        for _, upload in figures:
            stored.append(default_storage.save(figure_upload_to(None, upload.name), upload))

        def write():
            for model in (Figure, Question, Stakeholder, TimelineEvent, KeyTerm, Section, Source):
                model.objects.filter(guide=guide).delete()
            by_key = {}
            for source in sources:
                source.save()
                by_key[source.key] = source
            for section in sections.values():
                section.save()
            for entry in terms:
                KeyTerm.objects.create(guide=guide, term=entry["term"], acronym=entry["acronym"],
                                       definition=entry["definition"], source=by_key.get(entry.get("source_key")))
            for entry in filter(kept, result.timeline):
                TimelineEvent.objects.create(guide=guide, date=_date(entry["date"]), precision=entry["precision"],
                                             end_date=_date(entry["end_date"]), description=entry["description"],
                                             source=by_key.get(entry.get("source_key")))
            for order, entry in enumerate(filter(kept, result.stakeholders), start=1):
                Stakeholder.objects.create(guide=guide, order=order, name=entry["name"], kind=entry["kind"],
                                           iso_code=entry["iso_code"], description=entry["description"])
            for order, entry in enumerate(filter(kept, result.questions), start=1):
                Question.objects.create(guide=guide, kind=entry["kind"], text=entry["text"], order=order)
            for order, ((entry, _), name) in enumerate(zip(figures, stored, strict=True), start=1):
                section = sections.get(entry["block"])
                Figure.objects.create(guide=guide, image=name, order=order, section=section if section and section.pk else None,
                                      caption=entry["caption"] or entry["alt_text"] or f"Figure {order}",
                                      alt_text=entry["alt_text"] or entry["caption"] or f"Figure {order}")

        return guide_content_save(guide=guide, by=by, changes=write)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise


def _date(value):
    import datetime

    return datetime.date.fromisoformat(value) if value else None


def guide_import_prepare(*, result, committee, guide, topic_title, filename, by):
    """Keeps a read document for its preview: the parts in the database, figure bytes in default_storage."""
    import secrets

    token = secrets.token_urlsafe(20)
    data = result.as_json()
    media = {}
    for number, figure in enumerate(data["figures"]):
        media[str(number)] = default_storage.save(f"imports/{token}/{number}", ContentFile(figure.pop("data")))
    return GuideImport.objects.create(token=token, committee=committee, guide=guide, topic_title=topic_title[:300],
                                      filename=filename[:300], result=data, media=media, created_by=by)


@transaction.atomic
def guide_import_finish(*, pending, demoted, kinds, by):
    """Imports a previewed document: the topic (created if new) gets a guide whose working copy is the document."""
    from guides.importer import ImportResult

    data = dict(pending.result)
    figures = []
    for number, figure in enumerate(data.pop("figures")):
        with default_storage.open(pending.media[str(number)], "rb") as handle:
            figures.append({**figure, "data": handle.read()})
    result = ImportResult(**data, figures=figures)
    guide = pending.guide
    if guide is None:
        topic, _ = Topic.objects.get_or_create(committee=pending.committee, title=pending.topic_title,
                                               defaults={"order": pending.committee.topics.count() + 1})
        guide = StudyGuide.objects.filter(topic=topic).first() or guide_create(topic=topic, by=by)
    guide_import_apply(guide=guide, result=result, by=by, demoted=demoted, kinds=kinds)
    names = list(pending.media.values())
    pending.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    return guide


# The guide editor's writes: one part at a time, each through the one writer (guide_content_save). A part is
# guarded by what the editor loaded ("original"): co-chairs editing different parts both save; a part someone
# else changed since it was opened is refused (PartConflict) with their version, and nothing is overwritten.

PART_FIELDS = ("heading", "kind", "arrangement", "body")


class PartConflict(ValidationError):
    def __init__(self, message, current):
        super().__init__(message, code="part_conflict")
        self.current = current


def part_values(section):
    return {name: getattr(section, name) for name in PART_FIELDS}


def section_save(*, guide, by, pk, values, original):
    """Saves one part's heading, kind, arrangement and body; returns (section, revision or None)."""
    values = {name: revisions.normalise_text(values.get(name, "")) for name in PART_FIELDS}
    saved = {}

    def change():
        section = Section.objects.filter(guide=guide, pk=pk).first()
        if section is None:
            raise ValidationError("This part was deleted by someone else; copy your text into a new part.")
        current = part_values(section)
        if {k: revisions.normalise_text(v) for k, v in current.items()} != {
                name: revisions.normalise_text(original.get(name, "")) for name in PART_FIELDS}:
            editor = StudyGuide.objects.select_related("last_edited_by").get(pk=guide.pk).last_edited_by
            who = (editor.get_full_name() or editor.username) if editor and editor != by else "Someone"
            raise PartConflict(f"{who} changed this part after you opened it. Your text is kept here, not saved: "
                               "compare it with theirs, then keep yours or take theirs.", current)
        for name, value in values.items():
            setattr(section, name, value)
        section.full_clean(exclude=["guide"])
        section.save()
        saved["section"] = section

    revision = guide_content_save(guide=guide, by=by, changes=change)
    return saved["section"], revision


def section_add(*, guide, by, kind, heading, after=None):
    """A new part of any kind, after the part `after` (pk) or at the end."""
    if kind not in SectionKind.values:
        raise ValidationError(f"Unknown kind of part “{kind}”.")
    heading = " ".join((heading or "").split()) or SectionKind(kind).label.split(" (")[0]
    made = {}

    def change():
        parts = list(guide.sections.order_by("order", "pk"))
        position = next((i + 1 for i, s in enumerate(parts) if s.pk == after), len(parts))
        section = Section(guide=guide, kind=kind, heading=heading[:200], body="")
        section.full_clean(exclude=["guide", "order"])
        parts.insert(position, section)
        for order, part in enumerate(parts, start=1):
            part.order = order
            part.save()
        made["section"] = section

    guide_content_save(guide=guide, by=by, changes=change)
    return made["section"]


def sections_reorder(*, guide, by, order):
    """The parts in the order given (every part's pk once)."""
    def change():
        parts = {s.pk: s for s in guide.sections.all()}
        if sorted(order) != sorted(parts):
            raise ValidationError("The outline changed since you opened it (a part was added or deleted); reload.")
        for position, pk in enumerate(order, start=1):
            if parts[pk].order != position:
                Section.objects.filter(pk=pk).update(order=position)

    return guide_content_save(guide=guide, by=by, changes=change)


def section_delete(*, guide, by, pk):
    def change():
        deleted, _ = Section.objects.filter(guide=guide, pk=pk).delete()
        if not deleted:
            raise ValidationError("This part was already deleted.")

    return guide_content_save(guide=guide, by=by, changes=change)


def markdown_preview(*, guide, text):
    """A part's Markdown rendered by the one pipeline against the guide's sources, footnotes numbered from 1."""
    from guides.rendering import note_text, render_markdown

    sources = {source.key: source for source in guide.sources.all()}
    env = {"footnotes": {}, "sources": sources}
    html = render_markdown(text, env)
    notes = [{"number": note["number"],
              "text": str(note_text(sources[key], locator) if key else note["html"])}
             for (key, locator), note in sorted(env["footnotes"].items(), key=lambda item: item[1]["number"])]
    return html, notes
