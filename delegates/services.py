"""Writes for delegates' annotations and bookmarks, and re-anchoring after a chair's edit."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F

from delegates.anchoring import Selector, anchor, prepare, selector_from_text
from delegates.enums import AnchorStatus, AnnotationLabel, BookmarkTarget
from delegates.models import Annotation, Bookmark
from guides import revisions

MAX_QUOTE = 5000
MAX_NOTE = 10000


def _check_note(note, label):
    if label not in AnnotationLabel.values:
        raise ValidationError(f"Unknown label “{label}”.")
    if len(note) > MAX_NOTE:
        raise ValidationError(f"A note may be at most {MAX_NOTE} characters (this one has {len(note)}).")


def _reader_rendered(guide, user):
    revision = revisions.reader_revision(guide, user)
    if revision is None:
        raise ValidationError("This guide has not been published yet.")
    return revision, revisions.rendered(revision)


def annotation_create(*, user, guide, section_id, start, end, exact, note="", label=""):
    """A highlight on a section of the revision the user reads; start/end in code points of its plain text."""
    _check_note(note, label)
    revision, rendered = _reader_rendered(guide, user)
    order, section = next(((i, s) for i, s in enumerate(rendered.sections) if s.pk == section_id), (0, None))
    if section is None:
        raise ValidationError("That section is not part of this guide. Select text inside one section.")
    text = section.text
    exact = unicodedata.normalize("NFC", exact or "")
    if not (0 <= start < end <= len(text)) or end - start > MAX_QUOTE:
        raise ValidationError("The selection is outside the section's text; reload the page and select again.")
    if text[start:end] != exact:
        raise ValidationError("The page is out of date (the text changed since you opened it); reload and select again.")
    selector = selector_from_text(text, start, end)
    return Annotation.objects.create(
        user=user, guide=guide, section_id=section.pk, section_heading=section.heading, revision=revision.number,
        quote_exact=selector.exact, quote_prefix=selector.prefix, quote_suffix=selector.suffix,
        position_start=start, position_end=end,
        status=AnchorStatus.ANCHORED, current_section_id=section.pk, current_start=start, current_end=end,
        current_text=selector.exact, current_heading=section.heading, current_order=order,
        anchored_revision=revision.number, note=note.strip(), label=label,
    )


def annotation_update(*, annotation, note, label):
    _check_note(note, label)
    annotation.note = note.strip()
    annotation.label = label
    annotation.save(update_fields=["note", "label", "updated_at"])
    return annotation


def annotation_delete(*, annotation):
    annotation.delete()


# Publishing re-anchors this many stale annotations in its own transaction; more go to a background job
# (delegates.tasks.reanchor_annotations), and each reader brings their own up to date when they open the guide.
SYNC_REANCHOR = 300
REANCHOR_BATCH = 1000
_CURRENT = ["status", "current_section_id", "current_start", "current_end", "current_text", "current_heading",
            "current_order"]


def annotations_reanchor(*, guide, revision, annotations=None):
    """Re-anchors the guide's annotations not yet anchored on revision, from their original selectors.

    annotations: a queryset to limit it to (one delegate's, one batch); by default all of the guide's.
    An annotation already anchored on revision is left alone, so running this again (a retried job, a reader
    and the job at once) does nothing new, and one created while a chair published is picked up next time.
    Returns how many annotations were brought up to date.
    """
    stale = (Annotation.objects.filter(guide=guide) if annotations is None else annotations.filter(guide=guide))
    stale = list(stale.exclude(anchored_revision=revision.number).only(
        "pk", "section_id", "quote_exact", "quote_prefix", "quote_suffix", "position_start", "position_end",
        "anchored_revision", *_CURRENT))
    if not stale:
        return 0
    sections = revisions.rendered(revision).sections
    texts = {section.pk: section.text for section in sections}
    places = {section.pk: (section.heading, order) for order, section in enumerate(sections)}
    views = prepare(texts)
    for annotation in stale:
        selector = Selector(annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix,
                            annotation.position_start, annotation.position_end)
        found = anchor(selector, texts, annotation.section_id, views)
        heading, order = places.get(found.section, (annotation.current_heading, annotation.current_order))
        for name, value in zip(_CURRENT, (found.status, found.section, found.start, found.end, found.text, heading,
                                          order), strict=True):
            setattr(annotation, name, value)
        annotation.anchored_revision = revision.number
    _write_anchors(stale)
    return len(stale)


def _write_anchors(annotations):
    """One parametrised UPDATE per row (executemany): bulk_update's CASE expressions cost Django ~6 ms a row to
    build, 30 s for 5,000 notes; this is about 1 ms a row on both databases."""
    names = [*_CURRENT, "anchored_revision"]
    fields = [Annotation._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(Annotation._meta.db_table)} SET "
           + ", ".join(f"{quote(field.column)} = %s" for field in fields) + f" WHERE {quote('id')} = %s")
    rows = [[field.get_db_prep_save(getattr(a, field.attname), connection) for field in fields] + [a.pk]
            for a in annotations]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


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


def invitation_link(user):
    """A one-time link to choose a password (Django's reset token: it expires and dies once used)."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse("password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                                   default_token_generator.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def invitations_send(*, users, conference, role):
    """One email per user with a set-password link (or, if they already have a password, a log-in link).

    Returns (sent, held): an address that already had EMAILS_PER_ADDRESS_PER_HOUR invitations this hour
    gets none (held), so a repeated import or a mistyped loop cannot flood someone's mailbox.
    """
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.urls import reverse

    from mlmun.throttle import email_send_allowed

    messages, held = [], []
    for user in users:
        if not email_send_allowed(user.email, "invitation"):
            held.append(user)
            continue
        body = render_to_string("delegates/invitation_email.txt", {
            "user": user, "conference": conference, "role": role,
            "link": invitation_link(user) if not user.has_usable_password() else None,
            "login": settings.SITE_URL.rstrip("/") + reverse("login"),
        })
        messages.append(EmailMessage(f"You are invited to {conference} on mlmun", body, to=[user.email]))
    if messages:
        get_connection().send_messages(messages)
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


def delegate_email_updates_set(*, profile, enabled):
    profile.email_updates = enabled
    profile.save(update_fields=["email_updates"])
    return profile


@transaction.atomic
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
    subject = (f"{committee.abbreviation}: the study guide is out" if first
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
