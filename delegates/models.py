"""People in a conference: delegations and delegate profiles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact

from delegates.enums import AnchorStatus, AnnotationLabel, BookmarkTarget, Visibility
from guides.models import BackgroundWork, Committee, Conference, iso_country_name


class Delegation(models.Model):
    """A member state (by ISO 3166 code) or an organisation that delegates represent."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegations")
    iso_code = models.CharField("ISO 3166 code", max_length=2, blank=True)
    organisation = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["conference", "iso_code", "organisation"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(iso_code="") & ~Q(organisation="")) | (Q(organisation="") & Exact(Length("iso_code"), 2)),
                name="delegation_is_state_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["conference", "iso_code", "organisation"], name="delegation_unique_per_conference"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return iso_country_name(self.iso_code) or self.organisation

    def clean(self):
        self.iso_code = self.iso_code.strip().upper()
        if self.iso_code and self.organisation:
            raise ValidationError("A delegation is either a member state or an organisation, not both.")
        if self.iso_code and iso_country_name(self.iso_code) is None:
            raise ValidationError({"iso_code": f"“{self.iso_code}” is not an ISO 3166 country code."})
        if not self.iso_code and not self.organisation:
            raise ValidationError("Give a member state's ISO code or an organisation's name.")


class DelegateProfile(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate_profiles")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegate_profiles")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="delegate_profiles")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="delegates")
    email_updates = models.BooleanField(
        "email me when a guide is updated", default=True,
        help_text="One email per published update of your committee's guides, with the chairs' note.",
    )
    email_answers = models.BooleanField(
        "email me when the dais answers my question", default=True,
        help_text="Answers also appear on your home page and at the passage in the guide.",
    )

    class Meta:
        ordering = ["conference", "committee", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "conference"], name="one_delegate_profile_per_conference"),
        ]

    def __str__(self):
        return f"{self.user} — {self.delegation} in {self.committee.abbreviation}"

    def clean(self):
        if self.committee_id and self.conference_id and self.committee.conference_id != self.conference_id:
            raise ValidationError({"committee": "The committee belongs to another conference."})
        if self.delegation_id and self.conference_id and self.delegation.conference_id != self.conference_id:
            raise ValidationError({"delegation": "The delegation belongs to another conference."})


class Annotation(models.Model):
    """A highlight with an optional note, stored after the W3C Web Annotation model.

    The selectors as created (quote_*, position_*, section_at_creation, revision_at_creation) are never
    overwritten; the current_* fields are where re-anchoring last found the passage.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotations")
    guide = models.ForeignKey("guides.StudyGuide", on_delete=models.CASCADE, related_name="+")
    # Where it was made, as the section's pk in the guide's revisions. No database constraint: a chair deleting
    # the section from the working copy must not touch notes on the published text; re-anchoring against the
    # next published revision orphans the annotation if the section is gone there. Never deleted with it.
    section = models.ForeignKey("guides.Section", null=True, on_delete=models.DO_NOTHING, db_constraint=False,
                                related_name="+")
    # A highlight on another part of the guide (a key term's definition, a party card, a timeline entry, a
    # question, a figure's caption) names it here ("term-12") instead of a section; anchored the same way.
    part = models.CharField(max_length=40, blank=True, default="")
    section_heading = models.CharField(max_length=200, help_text="The heading when it was made, for orphans.")
    revision = models.PositiveIntegerField(help_text="Guide revision it was made on.")
    quote_exact = models.TextField()
    quote_prefix = models.TextField(blank=True)
    quote_suffix = models.TextField(blank=True)
    position_start = models.PositiveIntegerField(help_text="Code points into the section's plain text.")
    position_end = models.PositiveIntegerField()

    status = models.CharField(max_length=10, choices=AnchorStatus, default=AnchorStatus.ANCHORED)
    current_section = models.ForeignKey(
        "guides.Section", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    current_part = models.CharField(max_length=40, blank=True, default="")
    # The current section's heading and place in the published revision (My notes groups and orders by them).
    current_heading = models.CharField(max_length=200, blank=True)
    current_order = models.PositiveIntegerField(default=0)
    current_start = models.PositiveIntegerField(null=True, blank=True)
    current_end = models.PositiveIntegerField(null=True, blank=True)
    current_text = models.TextField(blank=True)
    anchored_revision = models.PositiveIntegerField()

    note = models.TextField(blank=True, max_length=10000)
    label = models.CharField(max_length=20, choices=AnnotationLabel, blank=True, default="")
    # Private (the default), shared with the author's delegation in the guide's committee, or a question to the
    # committee's chairs; who may see which is delegates.queries.annotations_visible_to, and nowhere else.
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.PRIVATE)
    # A question's answer by a chair: to the asker only, or public (every delegate of the committee sees it at
    # the passage, marked as the dais's).
    answer = models.TextField(blank=True, max_length=10000)
    answer_public = models.BooleanField(default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["guide", "position_start", "pk"]
        indexes = [
            # Re-anchoring loads every annotation of a guide; the reader loads one user's for a guide.
            models.Index(fields=["guide", "user"], name="annotation_guide_user"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(position_end__gt=models.F("position_start")), name="annotation_range_not_empty"),
            models.CheckConstraint(condition=Q(status__in=AnchorStatus.values), name="annotation_status_valid"),
            models.CheckConstraint(condition=Q(label__in=AnnotationLabel.values), name="annotation_label_valid"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="annotation_visibility_valid"),
            models.CheckConstraint(condition=Q(visibility=Visibility.DAIS) | Q(answer="", answered_at__isnull=True),
                                   name="annotation_only_questions_have_answers"),
            # current_section is not part of this rule: an orphaned annotation keeps no position.
            models.CheckConstraint(
                condition=Q(status=AnchorStatus.ORPHANED) | Q(current_start__isnull=False, current_end__isnull=False),
                name="annotation_anchored_has_position",
            ),
        ]

    def __str__(self):
        return f"{self.quote_exact[:40]} ({self.status})"

    @property
    def current_anchor(self):
        """The id of the element the passage is in now: "section-5", or the part's own key ("term-12")."""
        return self.current_part or f"section-{self.current_section_id}"

    @property
    def original_anchor(self):
        return self.part or f"section-{self.section_id}"


class GuideRead(models.Model):
    """The revision of a guide a user last opened: "updated since you last read" and the change view start there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_reads")
    guide = models.ForeignKey("guides.StudyGuide", on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField()
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "guide"], name="guide_read_unique_per_user")]

    def __str__(self):
        return f"{self.user} read {self.guide} at revision {self.revision}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    guide = models.ForeignKey("guides.StudyGuide", on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=20, choices=BookmarkTarget)
    # The pk of the section, key term or party (the guide's own pk for a guide bookmark).
    target_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=300, help_text="What it pointed at, kept if the target is deleted.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["guide", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "guide", "target", "target_id"], name="bookmark_unique_per_target"),
            models.CheckConstraint(condition=Q(target__in=BookmarkTarget.values), name="bookmark_target_valid"),
        ]

    def __str__(self):
        return self.label


class DelegateJob(BackgroundWork):
    """Work done for one person in the background, with progress: a roster's invitations (for the organizer
    who imported it), a delegate's notes as PDF, or a conference's position papers as one PDF (for an organizer)."""

    class Kind(models.TextChoices):
        INVITATIONS = "invitations", "Invitations"
        NOTES_PDF = "notes_pdf", "Notes PDF"
        PAPERS_PDF = "papers_pdf", "Position papers PDF"

    kind = models.CharField(max_length=20, choices=Kind)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conference = models.ForeignKey(Conference, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Invitations: {"users": [pk, ...], "role": "a delegate", "sent": [pk, ...]}.
    payload = models.JSONField(default=dict, blank=True)
    failures = models.JSONField(default=list, blank=True)  # [{"user": pk, "email": ..., "error": ...}]
    file_name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["invitations", "notes_pdf", "papers_pdf"]),
                                   name="delegate_job_kind_valid"),
            models.CheckConstraint(condition=Q(kind="notes_pdf") | Q(conference__isnull=False),
                                   name="delegate_job_invitations_have_a_conference"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user} ({self.status})"


class Invitation(models.Model):
    """The last invitation a person got to one conference: what the organizers' People page shows (sent, failed,
    accepted, expired) and what the welcome page says (which conference, which role)."""

    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=300, help_text="As the email says it: “a delegate”, “chair of the …”.")
    status = models.CharField(max_length=10, choices=Status)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(help_text="When it was last sent (or last tried).")
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "conference"], name="one_invitation_per_person_and_conference"),
            models.CheckConstraint(condition=Q(status__in=["sent", "failed"]), name="invitation_status_valid"),
        ]

    def __str__(self):
        return f"{self.user} to {self.conference}: {self.state}"

    @property
    def state(self):
        """accepted, failed, expired or sent: accepted once they chose a password here or logged in after it was
        sent; expired when the set-password link is older than PASSWORD_RESET_TIMEOUT and was never used."""
        import datetime

        from django.utils import timezone

        last_login = self.user.last_login
        if self.accepted_at or (last_login and last_login >= self.sent_at):
            return "accepted"
        if self.status == self.Status.FAILED:
            return "failed"
        age = timezone.now() - self.sent_at
        if not self.user.has_usable_password() and age > datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT):
            return "expired"
        return "sent"


class PlannedSeat(models.Model):
    """The seat plan: how many delegates of a delegation sit on a committee (2 for a double delegation). The
    country matrix compares it with the roster."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="planned_seats")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="planned_seats")
    seats = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "delegation"], name="one_planned_seat_per_cell"),
            models.CheckConstraint(condition=Q(seats__gte=1) & Q(seats__lte=9), name="planned_seats_1_to_9"),
        ]

    def __str__(self):
        return f"{self.delegation} × {self.seats} in {self.committee.abbreviation}"


class Notification(models.Model):
    """Something for one person to see on their home page (and, if they want, by email): the dais answered."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.text


class RubricCriterion(models.Model):
    """One line of the rubric a conference scores position papers against ("Research", 0–10 points)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=500, blank=True)
    max_points = models.PositiveSmallIntegerField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["conference", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="rubric_criterion_unique_per_conference"),
            models.CheckConstraint(condition=Q(max_points__gte=1, max_points__lte=100), name="rubric_points_1_to_100"),
        ]

    def __str__(self):
        return f"{self.name} (0–{self.max_points})"


class PaperDeadline(models.Model):
    """When a committee's position papers are due, and whether a later one is taken (marked late) or refused."""

    class Late(models.TextChoices):
        MARK = "mark", "Accept it, marked late"
        REFUSE = "refuse", "Refuse it"

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="paper_deadline")
    due_at = models.DateTimeField()
    late = models.CharField(max_length=10, choices=Late, default=Late.MARK)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(late__in=["mark", "refuse"]), name="paper_late_rule_valid")]

    def __str__(self):
        return f"{self.committee}: papers due {self.due_at:%Y-%m-%d %H:%M}"


class PositionPaper(models.Model):
    """A delegate's position paper on one guide's topic: the draft they are writing, and the versions they
    submitted (PaperVersion, never changed once made)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    guide = models.ForeignKey("guides.StudyGuide", on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    draft = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["guide", "delegation", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "guide"], name="one_paper_per_delegate_and_guide")]

    def __str__(self):
        return f"Position paper of {self.delegation} on {self.guide}"


class PaperVersion(models.Model):
    """A submitted version: its text and rendering are fixed; the chairs' scores and comments come with it."""

    paper = models.ForeignKey(PositionPaper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    html = models.TextField()  # rendered through the content pipeline when submitted, with the guide's sources
    submitted_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    comments = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["paper", "-number"]
        constraints = [models.UniqueConstraint(fields=["paper", "number"], name="paper_version_number_unique")]

    def __str__(self):
        return f"{self.paper}, version {self.number}"

    REVIEW_FIELDS = frozenset({"comments", "returned_at", "returned_by"})

    def save(self, *args, **kwargs):
        """A submitted version's text never changes: after it is made, only the chairs' review fields are saved."""
        fields = kwargs.get("update_fields")
        if not self._state.adding and not (fields and self.REVIEW_FIELDS.issuperset(fields)):
            raise ValueError("A submitted version is fixed: save only its review fields (update_fields).")
        super().save(*args, **kwargs)

    @property
    def total(self):
        return sum(score.points for score in self.scores.all())


class PaperScore(models.Model):
    version = models.ForeignKey(PaperVersion, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "criterion__order", "criterion__pk"]
        constraints = [models.UniqueConstraint(fields=["version", "criterion"], name="paper_score_once_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.points}"
