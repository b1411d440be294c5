"""Writes for delegates' annotations and bookmarks, and re-anchoring after a chair's edit."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F

from delegates.anchoring import Selector, anchor, prepare, selector_from_text
from delegates.enums import AnchorStatus, AnnotationLabel, BookmarkTarget, Visibility
from delegates.models import Annotation, Bookmark
from guides import revisions
from guides.rendering import annotatable_parts

MAX_QUOTE = 5000
MAX_NOTE = 10000


def _check_note(note, label):
    if label not in AnnotationLabel.values:
        raise ValidationError(f"Unknown label “{label}”.")
    if len(note) > MAX_NOTE:
        raise ValidationError(f"A note may be at most {MAX_NOTE} characters (this one has {len(note)}).")


def _check_visibility(user, guide, visibility, note):
    """A note is shared with the author's delegation, or asked to the dais, only by a delegate of the guide's
    committee; a question has words."""
    from delegates.queries import seated_in

    if visibility not in Visibility.values:
        raise ValidationError(f"Unknown sharing “{visibility}”: choose only me, my delegation or the dais.")
    if visibility == Visibility.PRIVATE:
        return
    if not seated_in(user, guide.topic.committee_id):
        raise ValidationError("Only delegates of this committee can share notes with their delegation or ask "
                              "the dais.")
    if visibility == Visibility.DAIS and not note.strip():
        raise ValidationError("Write your question to the dais in the note.")


def _reader_rendered(guide, user):
    revision = revisions.reader_revision(guide, user)
    if revision is None:
        raise ValidationError("This guide has not been published yet.")
    return revision, revisions.rendered(revision)


def annotation_create(*, user, guide, section_id, start, end, exact, note="", label="", visibility="private"):
    """A highlight on a part of the revision the user reads: a section (section_id its pk) or another textual
    part (section_id its key, "term-12"); start/end in code points of its plain text. Private unless shared
    with the delegation or asked to the dais (visibility)."""
    _check_note(note, label)
    _check_visibility(user, guide, visibility, note)
    revision, rendered = _reader_rendered(guide, user)
    parts = annotatable_parts(rendered)
    if section_id not in parts:
        raise ValidationError("That part is not in this guide: select text inside one of its parts.")
    heading, order, text = parts[section_id]
    part = section_id if isinstance(section_id, str) else ""
    pk = None if part else section_id
    exact = unicodedata.normalize("NFC", exact or "")
    if not (0 <= start < end <= len(text)) or end - start > MAX_QUOTE:
        raise ValidationError("The selection is outside the section's text; reload the page and select again.")
    if text[start:end] != exact:
        raise ValidationError("The page is out of date (the text changed since you opened it); reload and select again.")
    selector = selector_from_text(text, start, end)
    return Annotation.objects.create(
        user=user, guide=guide, section_id=pk, part=part, section_heading=heading[:200], revision=revision.number,
        quote_exact=selector.exact, quote_prefix=selector.prefix, quote_suffix=selector.suffix,
        position_start=start, position_end=end,
        status=AnchorStatus.ANCHORED, current_section_id=pk, current_part=part, current_start=start,
        current_end=end, current_text=selector.exact, current_heading=heading[:200], current_order=order,
        anchored_revision=revision.number, note=note.strip(), label=label, visibility=visibility,
    )


def annotation_update(*, annotation, note, label, visibility=None):
    visibility = annotation.visibility if visibility is None else visibility
    _check_note(note, label)
    _check_visibility(annotation.user, annotation.guide, visibility, note)
    if annotation.answered_at and (visibility != Visibility.DAIS or note.strip() != annotation.note):
        raise ValidationError("The dais has answered this question, so it stays as asked; add a new note instead.")
    annotation.note = note.strip()
    annotation.label = label
    annotation.visibility = visibility
    annotation.save(update_fields=["note", "label", "visibility", "updated_at"])
    return annotation


def dais_answer(*, question, by, text, public):
    """A chair answers a question to the dais: privately (the asker sees it) or publicly (every delegate of the
    committee sees it at the passage, marked as the dais's). The asker is notified in the app, and by email
    (background worker) unless they turned answer emails off."""
    from django.utils import timezone

    from delegates.models import Notification
    from delegates.queries import seated_in
    from delegates.tasks import send_answer_email

    text = (text or "").strip()
    if not text:
        raise ValidationError("Write the answer.")
    if len(text) > MAX_NOTE:
        raise ValidationError(f"An answer may be at most {MAX_NOTE} characters (this one has {len(text)}).")
    if question.visibility != Visibility.DAIS:
        raise ValidationError("This note is not a question to the dais.")
    first = question.answered_at is None
    question.answer, question.answer_public, question.answered_by = text, bool(public), by
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answer_public", "answered_by", "answered_at"])
    guide = question.guide
    url = f"{guide.get_absolute_url()}?note={question.pk}#{question.current_anchor}"
    notification = Notification.objects.create(
        user=question.user, url=url,
        text=one_line(f"The dais {'answered' if first else 'changed its answer to'} your question on "
                      f"“{guide.title}”: {text}")[:300])
    wants = seated_in(question.user, guide.topic.committee_id, email_answers=True)
    if wants and question.user.email:
        transaction.on_commit(lambda: send_answer_email.enqueue(notification.pk))
    return question


def answer_email_send(*, notification):
    """The email telling someone the dais answered (run by delegates.tasks.send_answer_email)."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    user = notification.user
    body = (f"Hello {user.get_full_name() or user.username},\n\n{notification.text}\n\n"
            f"Read it at the passage: {settings.SITE_URL.rstrip('/')}{notification.url}\n\n"
            "You can turn these emails off on your profile page.\n")
    EmailMessage(one_line("The dais answered your question"), body, to=[user.email]).send()
    return 1


def annotation_delete(*, annotation):
    annotation.delete()


# Publishing re-anchors this many stale annotations in its own transaction; more go to a background job
# (delegates.tasks.reanchor_annotations), and each reader brings their own up to date when they open the guide.
SYNC_REANCHOR = 300
REANCHOR_BATCH = 1000
_CURRENT = ["status", "current_section_id", "current_part", "current_start", "current_end", "current_text",
            "current_heading", "current_order"]


def annotations_reanchor(*, guide, revision, annotations=None):
    """Re-anchors the guide's annotations not yet anchored on revision, from their original selectors.

    annotations: a queryset to limit it to (one delegate's, one batch); by default all of the guide's.
    An annotation already anchored on revision is left alone, so running this again (a retried job, a reader
    and the job at once) does nothing new, and one created while a chair published is picked up next time.
    Returns how many annotations were brought up to date.
    """
    stale = (Annotation.objects.filter(guide=guide) if annotations is None else annotations.filter(guide=guide))
    # Plain rows, not model instances: building 5,000 instances alone costs a quarter of a second.
    stale = list(stale.exclude(anchored_revision=revision.number).values_list(
        "pk", "section_id", "part", "quote_exact", "quote_prefix", "quote_suffix", "position_start", "position_end",
        "current_heading", "current_order"))
    if not stale:
        return 0
    # Sections by pk and the other textual parts by key ("term-12"): a passage may move between them.
    parts = annotatable_parts(revisions.rendered(revision))
    texts = {key: text for key, (_, _, text) in parts.items()}
    places = {key: (heading[:200], order) for key, (heading, order, _) in parts.items()}
    views = prepare(texts)
    rows = []
    for pk, section_id, part, exact, prefix, suffix, start, end, heading, order in stale:
        found = anchor(Selector(exact, prefix, suffix, start, end), texts, part or section_id, views)
        heading, order = places.get(found.section, (heading, order))
        in_part = isinstance(found.section, str)
        # In the order of _CURRENT, then anchored_revision and the primary key.
        rows.append([found.status, None if in_part else found.section, found.section if in_part else "",
                     found.start, found.end, found.text, heading, order, revision.number, pk])
    _write_anchors(rows)
    return len(rows)


def _write_anchors(rows):
    """Writes re-anchored notes without bulk_update, whose CASE expressions cost Django ~6 ms a row to build
    (30 s for 5,000 notes): executemany on SQLite, UPDATE … FROM (VALUES …) in batches on PostgreSQL.
    rows: [values of _CURRENT…, anchored_revision, pk] (plain ints, strings and None)."""
    fields = [Annotation._meta.get_field(name) for name in [*_CURRENT, "anchored_revision"]]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":  # SQLite: executemany is one prepared statement, no round trips
            cursor.executemany(f"UPDATE {quote(Annotation._meta.db_table)} SET "
                               + ", ".join(f"{quote(field.column)} = %s" for field in fields)
                               + f" WHERE {quote('id')} = %s", rows)
            return
        # PostgreSQL: one UPDATE … FROM (VALUES …) per 1,000 rows instead of a round trip per row.
        columns = [field.column for field in fields]
        cast = [f"CAST(%s AS {field.db_type(connection)})" for field in fields] + ["CAST(%s AS bigint)"]
        for start in range(0, len(rows), 1000):
            batch = rows[start:start + 1000]
            values = ", ".join("(" + ", ".join(cast) + ")" for _ in batch)
            cursor.execute(
                f"UPDATE {quote(Annotation._meta.db_table)} AS a SET "
                + ", ".join(f"{quote(c)} = v.{quote(c)}" for c in columns)
                + f" FROM (VALUES {values}) AS v({', '.join(quote(c) for c in columns)}, {quote('id')})"
                + f" WHERE a.{quote('id')} = v.{quote('id')}",
                [value for row in batch for value in row])


def annotations_bring_up_to_date(*, user, guides):
    """Before showing a delegate their notes: those still anchored on an older revision are re-anchored now.

    Cheap when nothing is stale (one query); a delegate has at most a few hundred notes per guide.
    """
    stale_guides = (Annotation.objects.filter(user=user, guide__in=guides, guide__published_revision__isnull=False)
                    .exclude(anchored_revision=F("guide__published_revision__number"))
                    .values_list("guide_id", flat=True).distinct())
    from guides.models import StudyGuide

    brought = 0
    for guide in StudyGuide.objects.filter(pk__in=list(stale_guides)).select_related("published_revision"):
        with transaction.atomic():
            brought += annotations_reanchor(guide=guide, revision=guide.published_revision,
                                            annotations=Annotation.objects.filter(user=user))
    return brought


def bookmark_add(*, user, guide, target, target_id):
    """Bookmarks a guide, or one of its sections, key terms or major parties (again: no duplicate)."""
    _, rendered = _reader_rendered(guide, user)
    labels = {
        BookmarkTarget.GUIDE: {guide.pk: guide.title},
        BookmarkTarget.SECTION: {s.pk: s.heading for s in rendered.sections},
        BookmarkTarget.KEY_TERM: {t["pk"]: t["term"] for t in rendered.key_terms},
        BookmarkTarget.STAKEHOLDER: {p["pk"]: p["name"] for p in rendered.stakeholders},
    }
    if target not in labels or target_id not in labels[target]:
        raise ValidationError("There is nothing to bookmark there in this guide.")
    with transaction.atomic():
        bookmark, _ = Bookmark.objects.get_or_create(
            user=user, guide=guide, target=target, target_id=target_id, defaults={"label": labels[target][target_id]}
        )
    return bookmark


def bookmark_delete(*, bookmark):
    bookmark.delete()


def one_line(text):
    """An email subject from names people typed: a line break in one would make the mail library refuse it."""
    return " ".join(str(text).split())[:200]


def invitation_link(invitation):
    """A one-time link to the welcome page, where the person chooses a password (Django's reset token: it expires
    and dies once used) and is logged in."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = invitation.user
    path = reverse("welcome", args=[invitation.pk, urlsafe_base64_encode(force_bytes(user.pk)),
                                    default_token_generator.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def _invitations_record(users, conference, role, *, status, error=""):
    """Stores the state of each person's invitation to this conference; returns {user pk: Invitation}."""
    from django.utils import timezone

    from delegates.models import Invitation

    now = timezone.now()
    found = {i.user_id: i for i in Invitation.objects.filter(conference=conference, user__in=users)}
    for user in users:
        invitation = found.get(user.pk) or Invitation(user=user, conference=conference)
        invitation.role, invitation.status, invitation.error, invitation.sent_at = role[:300], status, error[:500], now
        invitation.user = user
        invitation.save()
        found[user.pk] = invitation
    return found


def invitations_send(*, users, conference, role):
    """One email per user with a link to the welcome page (or, if they already have a password, a log-in link).

    Returns (sent, held): an address that already had EMAILS_PER_ADDRESS_PER_HOUR invitations this hour
    gets none (held), so a repeated import or a mistyped loop cannot flood someone's mailbox. Each person's
    invitation is recorded as sent or failed (with the reason) for the organizers' People page.
    """
    import smtplib

    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.urls import reverse

    from delegates.models import Invitation
    from mlmun.throttle import email_send_allowed

    messages, held, going = [], [], []
    for user in users:
        if not email_send_allowed(user.email, "invitation"):
            held.append(user)
            continue
        going.append(user)
    _invitations_record(held, conference, role, status=Invitation.Status.FAILED,
                        error="not sent: this address already got several emails this hour")
    invitations = _invitations_record(going, conference, role, status=Invitation.Status.SENT)
    for user in going:
        body = render_to_string("delegates/invitation_email.txt", {
            "user": user, "conference": conference, "role": role,
            "link": invitation_link(invitations[user.pk]) if not user.has_usable_password() else None,
            "login": settings.SITE_URL.rstrip("/") + reverse("login"),
        })
        messages.append(EmailMessage(one_line(f"You are invited to {conference} on mlmun"), body, to=[user.email]))
    if messages:
        try:
            get_connection().send_messages(messages)
        except (OSError, smtplib.SMTPException) as error:
            _invitations_record(going, conference, role, status=Invitation.Status.FAILED,
                                error=f"the mail server did not answer ({error})")
            raise
    return len(messages), held


def _account_for_email(email, name):
    """The account with this email (reused), or a new one without a usable password; (user, created)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    if User.objects.filter(username=email).exists():
        raise ValidationError(f"{email} is already the username of another account, which has a different email "
                              "address; ask an administrator to correct that account, or use another address.")
    first, _, last = name.strip().partition(" ")
    user = User(username=email[:150], email=email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()
    user.save()
    return user, True


def chair_invite(*, committee, email, name, by=None):
    """Adds a chair to a committee by email: the account is reused or created, and invited.

    The account gains this committee and nothing else; an account that is staff elsewhere keeps exactly
    its other rights (they come from its own committees and conferences, not from a global role).
    """
    from guides.services import committee_chair_add

    user, created = _account_for_email(email, name)
    committee_chair_add(committee=committee, user=user)
    transaction.on_commit(lambda: invitations_send(
        users=[user], conference=committee.conference, role=f"chair of the {committee.name}"))
    return user, created


def organizer_invite(*, conference, email, name, by=None):
    """Adds a co-organizer of this conference only, by email (account reused or created), and invites them."""
    from guides.services import conference_organizer_add

    user, created = _account_for_email(email, name)
    conference_organizer_add(conference=conference, user=user)
    transaction.on_commit(lambda: invitations_send(users=[user], conference=conference, role="an organizer"))
    return user, created


def delegate_email_updates_set(*, profile, enabled, answers=None):
    profile.email_updates = enabled
    if answers is not None:
        profile.email_answers = answers
    profile.save(update_fields=["email_updates", "email_answers"])
    return profile


@transaction.atomic
def delegate_seat_change(*, profile, committee, delegation=None, new_delegation=""):
    """Moves a delegate to another committee or delegation of the same conference (a typed new delegation is
    made). Their notes stay theirs; they read the new committee's guides from now on."""
    from delegates.roster import delegation_for

    if committee.conference_id != profile.conference_id:
        raise ValidationError("The committee belongs to another conference.")
    if delegation is None:
        delegation = delegation_for(profile.conference, new_delegation)
    elif delegation.conference_id != profile.conference_id:
        raise ValidationError("The delegation belongs to another conference.")
    profile.committee, profile.delegation = committee, delegation
    profile.save(update_fields=["committee", "delegation"])
    return profile


def delegate_remove(*, profile):
    """Takes a delegate out of a conference: their profile goes, their account and notes stay theirs."""
    profile.delete()


def guide_published(*, guide, publication):
    """A revision became the delegates' text: notes re-anchor on it now, emails go out after commit."""
    from delegates.tasks import reanchor_annotations, send_guide_update_emails

    revision = publication.revision
    stale = Annotation.objects.filter(guide=guide).exclude(anchored_revision=revision.number)
    if stale.count() <= SYNC_REANCHOR:
        annotations_reanchor(guide=guide, revision=revision)
    else:
        transaction.on_commit(lambda: reanchor_annotations.enqueue(guide.pk, revision.number))
    if guide.is_released():
        transaction.on_commit(lambda: send_guide_update_emails.enqueue(publication.pk))


def guide_update_emails_send(*, publication):
    """One email per delegate of the guide's committee who wants them (profile setting), with the note and link.

    Returns how many were sent. Run by the background worker (delegates.tasks).
    """
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string

    from delegates.models import DelegateProfile

    guide = publication.guide
    committee = guide.topic.committee
    profiles = (DelegateProfile.objects.filter(committee=committee, email_updates=True)
                .exclude(user__email="").select_related("user"))
    link = settings.SITE_URL.rstrip("/") + guide.get_absolute_url()
    previous = (guide.publications.filter(published_at__lt=publication.published_at).select_related("revision")
                .order_by("-published_at").first())
    first = previous is None
    subject = one_line(f"{committee.abbreviation}: the study guide is out" if first
                       else f"{committee.abbreviation}: the study guide was updated")
    messages = [
        EmailMessage(subject, render_to_string("delegates/guide_update_email.txt", {
            "user": profile.user, "guide": guide, "committee": committee, "publication": publication,
            "first": first, "link": link, "changes": link + f"changes/?since={previous.revision.number}" if previous else "",
            "profile_link": settings.SITE_URL.rstrip("/") + "/accounts/profile/",
        }), to=[profile.user.email])
        for profile in profiles
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


# Background jobs with progress (DelegateJob): a roster's invitations and a delegate's notes as PDF.

INVITATION_BATCH = 50


def invitations_start(*, users, conference, role, by):
    """Queues invitations to users as a background job, whose progress and failures the organizer's dashboard
    shows; returns the job (None when nobody needs one). Nothing is sent inside the request."""
    from delegates.models import DelegateJob
    from delegates.tasks import send_invitations

    if not users:
        return None
    job = DelegateJob.objects.create(kind=DelegateJob.Kind.INVITATIONS, user=by, conference=conference,
                                     total=len(users), payload={"users": [u.pk for u in users], "role": role,
                                                                "sent": []})
    transaction.on_commit(lambda: send_invitations.enqueue(job.pk))
    return job


def _job_claim(job):
    """Marks a queued job (or one retried after its worker died) running; False if it finished or a live worker
    runs it."""
    from django.utils import timezone

    from delegates.models import DelegateJob
    from guides.enums import ExportStatus

    claimed = DelegateJob.objects.filter(DelegateJob.claimable(), pk=job.pk).update(
        status=ExportStatus.RUNNING, heartbeat_at=timezone.now())
    job.refresh_from_db()
    return claimed == 1


def invitations_run(*, job):
    """Sends a job's invitations in batches, saving progress after each (run by delegates.tasks.send_invitations).

    A job retried after its worker died skips everyone already sent. A mail server that does not answer stops
    the job: everyone not yet sent is listed with the server's error, for the organizer to retry.
    """
    import smtplib

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from guides.enums import ExportStatus

    if not _job_claim(job):
        return job
    sent = set(job.payload.get("sent", []))
    users = get_user_model().objects.in_bulk(job.payload["users"])
    pending = [users[pk] for pk in job.payload["users"] if pk in users and pk not in sent]
    failures = [f for f in job.failures if f["user"] in users and f["user"] not in sent]
    failed = {f["user"] for f in failures}
    pending = [user for user in pending if user.pk not in failed]
    for start in range(0, len(pending), INVITATION_BATCH):
        batch = pending[start:start + INVITATION_BATCH]
        try:
            _, held = invitations_send(users=batch, conference=job.conference, role=job.payload["role"])
        except (OSError, smtplib.SMTPException) as error:
            failures += [{"user": u.pk, "email": u.email, "error": f"the mail server did not answer ({error})"}
                         for u in pending[start:]]
            break
        held_pks = {user.pk for user in held}
        failures += [{"user": u.pk, "email": u.email, "error": "this address already got several emails this hour; "
                      "retry in an hour"} for u in held]
        sent.update(user.pk for user in batch if user.pk not in held_pks)
        job.payload["sent"] = sorted(sent)
        job.done, job.failures, job.heartbeat_at = len(sent) + len(failures), failures, timezone.now()
        job.save(update_fields=["payload", "done", "failures", "heartbeat_at"])
    job.payload["sent"] = sorted(sent)
    job.done, job.failures = len(sent) + len(failures), failures
    job.status = ExportStatus.FAILED if failures and not sent else ExportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["payload", "done", "failures", "status", "finished_at"])
    return job


def invitations_retry(*, job, by):
    """A new job for the people a job could not invite; the old one is marked as retried."""
    from django.contrib.auth import get_user_model

    users = list(get_user_model().objects.filter(pk__in=[f["user"] for f in job.failures]))
    job.payload["retried"] = True
    job.save(update_fields=["payload"])
    return invitations_start(users=users, conference=job.conference, role=job.payload["role"], by=by)


def job_fail_lost(*, job):
    """A job whose worker died (no heartbeat for STALE_SECONDS) is failed with a message saying so."""
    from django.utils import timezone

    from delegates.models import DelegateJob
    from guides.enums import ExportStatus

    updated = DelegateJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.FAILED, finished_at=timezone.now(),
        failures=[*job.failures, {"user": None, "email": "", "error": "The background worker stopped and did not "
                                  "come back."}])
    job.refresh_from_db()
    return updated == 1


def notes_pdf_start(*, user, conference=None):
    """Starts making the user's notes PDF (of every conference, or of one) in the background, or returns the one
    already being made."""
    from delegates.models import DelegateJob
    from delegates.queries import annotations_of
    from delegates.tasks import render_notes_pdf

    notes = annotations_of(user)
    if conference is not None:
        notes = notes.filter(guide__topic__committee__conference=conference)
    return pdf_job_start(kind=DelegateJob.Kind.NOTES_PDF, same={"user": user}, user=user, conference=conference,
                         total=lambda: notes.count(), task=render_notes_pdf)


def pdf_job_start(*, kind, same, user, conference, total, task):
    """A background PDF job of kind: the one running for the same owner (same: filters), or a new one of total()
    items, enqueued with task once the transaction commits. A job whose worker died is failed and replaced."""
    from delegates.models import DelegateJob
    from guides.enums import ExportStatus

    active = DelegateJob.objects.filter(kind=kind, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING],
                                        **same).first()
    if active and active.worker_lost():
        job_fail_lost(job=active)
    elif active:
        return active
    job = DelegateJob.objects.create(kind=kind, user=user, conference=conference, total=total())
    transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def notes_pdf_run(*, job):
    """Renders the notes PDF into storage (run by delegates.tasks.render_notes_pdf)."""
    from django.conf import settings

    from delegates import exports
    from delegates.models import DelegateJob
    from delegates.queries import annotations_of

    def make():
        user, conference = job.user, job.conference
        annotations_bring_up_to_date(user=user, guides=annotations_of(user).values("guide_id"))
        groups = exports.with_passages(exports.notes_by_guide(user, conference=conference), settings.SITE_URL)
        return exports.as_pdf(user, groups, f"My notes — {conference}" if conference else "My notes")

    return pdf_job_run(job=job, make=make, folder="notes",
                       earlier=DelegateJob.objects.filter(kind=DelegateJob.Kind.NOTES_PDF, user=job.user))


def pdf_job_run(*, job, make, folder, earlier):
    """Claims a background PDF job and stores what make() returns under folder, whole or not at all; on success
    the earlier jobs' PDFs (earlier: a queryset) are deleted, on any failure the job says why."""
    import secrets

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from delegates.models import DelegateJob
    from guides.enums import ExportStatus
    from guides.pdf import save_whole

    if not _job_claim(job):
        return job
    try:
        name = save_whole(f"{folder}/{secrets.token_urlsafe(16)}.pdf", make())
    except Exception as error:
        DelegateJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now(),
            failures=[{"user": job.user_id, "email": "", "error": f"{type(error).__name__}: {error}"}])
        job.refresh_from_db()
        return job
    older = earlier.exclude(pk=job.pk).exclude(file_name="")
    for stale in older:
        default_storage.delete(stale.file_name)
    older.update(file_name="")
    DelegateJob.objects.filter(pk=job.pk).update(status=ExportStatus.DONE, done=job.total, file_name=name,
                                                 finished_at=timezone.now(), heartbeat_at=timezone.now())
    job.refresh_from_db()
    return job
