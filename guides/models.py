"""Conferences, committees, topics, and study guides with all their parts."""

import re
import secrets
import warnings
from pathlib import Path

import pycountry
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from PIL import Image

from guides import citations
from guides.enums import (
    Arrangement,
    DatePrecision,
    ExportStatus,
    GuideStatus,
    QuestionKind,
    ReviewState,
    SectionKind,
    SourceKind,
    StakeholderKind,
)

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


def choices_constraint(field, choices, name):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def date_precision_constraint(date_field, precision_field, name):
    """A date stored at year precision is 1 January; at month precision, the 1st of the month."""
    return models.CheckConstraint(
        condition=Q(**{f"{date_field}__isnull": True})
        | Q(**{precision_field: DatePrecision.DAY})
        | Q(**{precision_field: DatePrecision.MONTH, f"{date_field}__day": 1})
        | Q(**{precision_field: DatePrecision.YEAR, f"{date_field}__day": 1, f"{date_field}__month": 1}),
        name=name,
    )


def format_date(value, precision):
    """'1948', 'March 2007' or '10 December 1948'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def check_date_precision(value, precision, field_name):
    if value is None:
        return
    if precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
        raise ValidationError({field_name: "A date given to the year must be entered as 1 January of that year."})
    if precision == DatePrecision.MONTH and value.day != 1:
        raise ValidationError({field_name: "A date given to the month must be entered as the 1st of that month."})


def logo_upload_to(conference, filename):
    return f"logos/{secrets.token_urlsafe(16)}{Path(filename).suffix.lower()[:6]}"


def validate_logo(upload):
    """The same limits as figures (size and pixels), checked before anything decodes the image."""
    validate_image_size(upload)
    validate_image_pixels(upload)


class Conference(models.Model):
    name = models.CharField(max_length=200)
    edition = models.CharField(max_length=100, blank=True, help_text="For example '3rd session' or '2022'.")
    year = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=80, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    description = models.TextField(blank=True)
    guides_public = models.BooleanField(
        default=False, help_text="Published guides are readable by anyone, not only the conference's members."
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organized_conferences",
        help_text="They see the organizer dashboard, import the roster, invite chairs and export guides.",
    )
    guides_need_approval = models.BooleanField(
        "guides need the secretariat's approval", default=False,
        help_text="Chairs submit an update for review; an organizer approves (publishes) it or returns it.",
    )
    guides_release_at = models.DateTimeField(
        "release guides at", null=True, blank=True,
        help_text="Delegates see that guides are coming, and when, but not their text before this time.",
    )
    logo = models.ImageField(
        upload_to=logo_upload_to, blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"]), validate_logo],
        help_text="Printed on the cover of every study guide.",
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="conference_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.name} {self.edition}".strip()

    def get_absolute_url(self):
        return reverse("conference", args=[self.slug])


# Committee pages live at /c/<conference>/<committee>/, beside the conference's own pages: these are taken.
RESERVED_COMMITTEE_SLUGS = ["organize", "exports", "search"]  # the conference's own pages


def validate_committee_slug(value):
    if value in RESERVED_COMMITTEE_SLUGS:
        raise ValidationError(f"“{value}” is the address of a conference page; choose another short name.")


class Committee(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=20)
    slug = models.SlugField(max_length=80, validators=[validate_committee_slug])
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    chairs = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="chaired_committees",
                                    through="CommitteeChair")
    contact_email = models.EmailField(blank=True, help_text="Where delegates write to the chairs; on the guide's cover.")

    class Meta:
        ordering = ["conference", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "slug"], name="committee_slug_unique_per_conference"),
            models.CheckConstraint(condition=~Q(slug__in=RESERVED_COMMITTEE_SLUGS), name="committee_slug_not_reserved"),
        ]

    def __str__(self):
        return f"{self.abbreviation} ({self.conference})"

    def get_absolute_url(self):
        return reverse("committee", args=[self.conference.slug, self.slug])


class CommitteeChair(models.Model):
    """A chair of a committee, with the role the conference gives them (President, Deputy President...)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="chair_roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=100, blank=True, help_text="For example President or Deputy President.")
    order = models.PositiveIntegerField(default=0, help_text="Chairs are listed in this order on the guide.")

    class Meta:
        db_table = "guides_committee_chairs"  # the table Committee.chairs had before it had roles
        ordering = ["committee", "order", "pk"]
        unique_together = [("committee", "user")]

    def __str__(self):
        name = self.user.get_full_name() or self.user.username
        return f"{name} ({self.role})" if self.role else name


class Topic(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["committee", "order", "pk"]

    def __str__(self):
        return f"{self.committee.abbreviation}: {self.title}"

    def get_absolute_url(self):
        return self.committee.get_absolute_url()


class StudyGuide(models.Model):
    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="guide")
    status = models.CharField(max_length=20, choices=GuideStatus, default=GuideStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last edited.")
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # The number of the working copy's latest stored revision (GuideRevision); co-chair edit checks key on it.
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The revision delegates read; None until the first publish.
    published_revision = models.ForeignKey(
        "GuideRevision", null=True, blank=True, on_delete=models.RESTRICT, related_name="+", editable=False
    )
    review_state = models.CharField(max_length=20, choices=ReviewState, default=ReviewState.NONE, editable=False)
    review_note = models.TextField(blank=True, editable=False, help_text="The chair's change note, awaiting review.")
    review_comment = models.TextField(blank=True, editable=False, help_text="The secretariat's comment on return.")
    release_at = models.DateTimeField(
        "release at", null=True, blank=True,
        help_text="Delegates see the guide from this time (overrides the conference's release time).",
    )
    subtitle = models.CharField(max_length=300, blank=True, help_text="Printed under the title on the cover.")

    class Meta:
        ordering = ["topic__committee__conference", "topic__committee__order", "topic__order"]
        constraints = [
            choices_constraint("status", GuideStatus, "guide_status_valid"),
            choices_constraint("review_state", ReviewState, "guide_review_state_valid"),
            models.CheckConstraint(
                condition=Q(status=GuideStatus.DRAFT) | Q(published_at__isnull=False),
                name="guide_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=GuideStatus.DRAFT) | Q(published_revision__isnull=False),
                name="guide_published_has_revision",
            ),
        ]

    def __str__(self):
        return self.topic.title

    def get_absolute_url(self):
        committee = self.topic.committee
        return reverse("guide", args=[committee.conference.slug, committee.slug, self.pk])

    @property
    def title(self):
        return self.topic.title

    @property
    def is_published(self):
        return self.status == GuideStatus.PUBLISHED

    @property
    def effective_release_at(self):
        return self.release_at or self.topic.committee.conference.guides_release_at

    def is_released(self, now=None):
        from django.utils import timezone

        release = self.effective_release_at
        return release is None or release <= (now or timezone.now())

    @property
    def has_unpublished_changes(self):
        return self.published_revision_id is None or self.published_revision.number != self.revision


class GuideRevision(models.Model):
    """One stored state of a guide's content: its source (to restore it) and its rendered form (what the reader,
    the PDF, anchoring, diffs and search read). Written once by guides.revisions, never changed."""

    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    source = models.JSONField()  # the parts as the chairs wrote them (guides.revisions.source_of)
    rendered = models.JSONField()  # guides.rendering.RenderedGuide as JSON (schema: guides.revisions.SCHEMA)
    source_digest = models.CharField(max_length=64)  # sha256 of the source: "no change, no revision"
    size = models.PositiveIntegerField(default=0)  # bytes of source + rendered
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="revision_number_unique_per_guide"),
        ]

    def __str__(self):
        return f"{self.guide} — revision {self.number}"

    def save(self, *args, **kwargs):
        # Revisions are immutable: what delegates read last week must stay what they read.
        if self.pk is not None:
            raise ValueError("A guide revision is never changed once stored.")
        super().save(*args, **kwargs)


class GuidePublication(models.Model):
    """A published update (the errata log): which revision became the delegates' text, when, by whom, and why."""

    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="publications")
    # RESTRICT: a published revision is never deleted on its own (pruning skips it), only with its guide.
    revision = models.ForeignKey(GuideRevision, on_delete=models.RESTRICT, related_name="publications")
    note = models.TextField(blank=True, help_text="For delegates, e.g. “Corrected the 2015 timeline entry.”")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["guide", "-published_at", "-pk"]
        # The reader's errata log and "updated since you last read": a guide's publications, newest first.
        indexes = [models.Index(fields=["guide", "-published_at"], name="publication_guide_newest")]

    def __str__(self):
        return f"{self.guide} — revision {self.revision.number} published {self.published_at:%Y-%m-%d}"


class Section(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=30, choices=SectionKind, default=SectionKind.OTHER)
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown. Cite sources with [@key], [@key, p. 8] or [@key1; @key2].")
    arrangement = models.CharField(
        max_length=12, choices=Arrangement, default=Arrangement.CHAIR,
        help_text="For a key terms, major parties or timeline part: the order of its entries.")

    class Meta:
        ordering = ["guide", "order", "pk"]
        constraints = [choices_constraint("kind", SectionKind, "section_kind_valid"),
                       choices_constraint("arrangement", Arrangement, "section_arrangement_valid")]

    def __str__(self):
        return self.heading


class Source(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(
        max_length=60,
        validators=[RegexValidator(citations.KEY_RE_FULL, "Use letters, digits, '-', '_', ':' or '.' only.")],
        help_text="Cite it in the text as [@key].",
    )
    kind = models.CharField(max_length=30, choices=SourceKind, default=SourceKind.WEB_PAGE)
    authors = models.CharField(
        max_length=300, blank=True, help_text="'Last, First' for a person, or the organisation's name."
    )
    title = models.CharField(max_length=500)
    container = models.CharField(max_length=300, blank=True, help_text="Website, journal or collection it is part of.")
    publisher = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=10, choices=DatePrecision, default=DatePrecision.DAY)
    url = models.URLField(max_length=1000, blank=True)
    accessed_on = models.DateField(null=True, blank=True)
    un_symbol = models.CharField(max_length=100, blank=True, help_text="For example A/RES/67/190.")
    further_reading = models.BooleanField(
        default=False, help_text="Recommended to delegates, not cited in the text: listed under Further reading.")

    class Meta:
        ordering = ["guide", "key"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "key"], name="source_key_unique_per_guide"),
            choices_constraint("kind", SourceKind, "source_kind_valid"),
            choices_constraint("published_precision", DatePrecision, "source_precision_valid"),
            date_precision_constraint("published_on", "published_precision", "source_date_matches_precision"),
        ]

    def __str__(self):
        return f"{self.key}: {self.title}"

    def clean(self):
        check_date_precision(self.published_on, self.published_precision, "published_on")

    @property
    def published_display(self):
        return format_date(self.published_on, self.published_precision)

    def mla(self):
        return citations.mla_citation(self)


class KeyTerm(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="key_terms")
    order = models.PositiveIntegerField(default=0)
    term = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    definition = models.TextField(help_text="Markdown; cite sources with [@key] or [@key, p. 8].")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="Printed as a footnote at the end of the definition.")

    class Meta:
        ordering = ["guide", "order", Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), "guide", name="key_term_unique_per_guide_ci"),
        ]

    def __str__(self):
        return self.term

    def validate_constraints(self, exclude=None):
        # The functional unique constraint is checked by the database; report it by name in forms.
        if self.guide_id and self.term:
            clash = KeyTerm.objects.filter(guide_id=self.guide_id, term__iexact=self.term).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"term": f"This guide already defines the term “{self.term}”."})
        super().validate_constraints(exclude=exclude)


class TimelineEvent(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="timeline_events")
    order = models.PositiveIntegerField(default=0)
    date = models.DateField(help_text="For a year, enter 1 January; for a month, the 1st.")
    precision = models.CharField(max_length=10, choices=DatePrecision, default=DatePrecision.DAY)
    end_date = models.DateField(null=True, blank=True, help_text="Optional, for a period; same precision.")
    title = models.CharField(max_length=200, blank=True, help_text="Optional: the event's name, printed before its text.")
    description = models.TextField(help_text="Markdown; cite sources with [@key] or [@key, p. 8].")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="Printed as a footnote at the end of the event.")

    class Meta:
        # Shown in date order whatever order they were entered in.
        ordering = ["guide", "order", "date", "end_date", "pk"]
        constraints = [
            choices_constraint("precision", DatePrecision, "timeline_precision_valid"),
            date_precision_constraint("date", "precision", "timeline_date_matches_precision"),
            date_precision_constraint("end_date", "precision", "timeline_end_date_matches_precision"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("date")),
                name="timeline_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.date_display}: {self.description[:60]}"

    def clean(self):
        check_date_precision(self.date, self.precision, "date")
        check_date_precision(self.end_date, self.precision, "end_date")
        if self.end_date and self.date and self.end_date <= self.date:
            raise ValidationError({"end_date": "The end of a period must come after its start."})

    @property
    def date_display(self):
        start = format_date(self.date, self.precision)
        if self.end_date:
            return f"{start} – {format_date(self.end_date, self.precision)}"
        return start


def iso_country_name(code):
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else None


class Stakeholder(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="stakeholders")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=StakeholderKind, default=StakeholderKind.MEMBER_STATE)
    iso_code = models.CharField(
        "ISO 3166 codes", max_length=60, blank=True,
        help_text="Two letters, required for member states (e.g. NG); several for a grouped party (TH, PH).",
    )
    description = models.TextField(blank=True, help_text="Markdown. Cite sources with [@key].")

    class Meta:
        ordering = ["guide", "order", "pk"]
        constraints = [
            choices_constraint("kind", StakeholderKind, "stakeholder_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=StakeholderKind.MEMBER_STATE) | ~Q(iso_code=""),
                name="stakeholder_member_state_has_iso_code",
            ),
            # Upper-case two-letter codes, comma-separated for a grouped party: "NG" or "TH,PH".
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(iso_code__regex=r"^[A-Z]{2}(,[A-Z]{2})*$"),
                name="stakeholder_iso_code_two_letters",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        codes = [code for code in re.split(r"[\s,;/&+]+", (self.iso_code or "").upper()) if code]
        unknown = [code for code in codes if len(code) != 2 or iso_country_name(code) is None]
        if unknown:
            raise ValidationError({"iso_code": f"“{unknown[0]}” is not an ISO 3166 country code."})
        if len(set(codes)) != len(codes):
            raise ValidationError({"iso_code": "A country is named twice."})
        self.iso_code = ",".join(codes)
        if self.kind == StakeholderKind.MEMBER_STATE and not self.iso_code:
            raise ValidationError({"iso_code": "A member state needs its ISO 3166 code."})

    @property
    def codes(self):
        """The member states of this party: one, or several for a grouped party ("Thailand & Philippines")."""
        return [code for code in self.iso_code.split(",") if len(code) == 2]

    @property
    def flag(self):
        return " ".join("".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code) for code in self.codes)


class Question(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=20, choices=QuestionKind, default=QuestionKind.RESOLUTION)
    text = models.TextField(help_text="Markdown; cite sources with [@key].")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["guide", "kind", "order", "pk"]
        constraints = [choices_constraint("kind", QuestionKind, "question_kind_valid")]

    def __str__(self):
        return self.text[:80]


def figure_upload_to(figure, filename):
    """A random name: media is served only through a permission-checked view, and names reveal nothing."""
    extension = Path(filename).suffix.lower()[:6]
    return f"figures/{secrets.token_urlsafe(16)}{extension}"


def validate_image_pixels(upload):
    """Refuses images over FIGURE_MAX_PIXELS before anything decodes them (a small PNG can be huge)."""
    if getattr(upload, "_committed", False):
        return  # already stored, so checked when it was uploaded (and opening it here would leave it open)
    limit = settings.FIGURE_MAX_PIXELS
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = Image.open(upload).size
    except Image.DecompressionBombError:
        width = height = None
    except (OSError, SyntaxError, ValueError):
        return  # not an image: ImageField says so
    finally:
        if position is not None:
            upload.seek(position)
    if width is None or width * height > limit:
        size = f"{width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels)" if width else (
            f"more than {2 * limit / 1e6:.0f} megapixels")
        raise ValidationError(
            f"The image is {size}; figures may be at most {limit / 1e6:.0f} megapixels "
            "(for example 8,000 × 5,000). Scale it down and upload it again."
        )


class FigureImageFormField(forms.ImageField):
    def to_python(self, data):
        # Before Pillow decodes it (which refuses a decompression bomb with a generic message).
        if data is not None and hasattr(data, "read"):
            validate_image_pixels(data)
        return super().to_python(data)


class FigureImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": FigureImageFormField, **kwargs})


def validate_image_size(upload):
    if upload.size > settings.FIGURE_MAX_BYTES:
        raise ValidationError(
            f"The image is {upload.size / 1024:.0f} KB; figures may be at most {settings.FIGURE_MAX_BYTES / 1024:.0f} KB."
        )


class Figure(models.Model):
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="figures")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="figures",
        help_text="Shown after this section; leave empty to list it with the guide's figures.",
    )
    order = models.PositiveIntegerField(default=0)
    # ImageField opens the file with Pillow, so a file that is not really an image is refused.
    image = FigureImageField(
        upload_to=figure_upload_to,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"]), validate_image_size, validate_image_pixels,
        ],
    )
    caption = models.CharField(max_length=500)
    alt_text = models.CharField(max_length=500, help_text="What the image shows, for readers who cannot see it.")
    credit = models.CharField(max_length=300, blank=True, help_text="Where the image comes from.")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["guide", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="figure_alt_text_required"),
        ]

    def __str__(self):
        return self.caption


class BackgroundWork(models.Model):
    """What a background job reports while it runs: its state, progress and a heartbeat.

    The worker writes heartbeat_at when it starts and after every step; running work without one for
    STALE_SECONDS lost its worker (killed, machine restarted). Queued work nobody picked up for
    NO_WORKER_SECONDS means no worker runs (manage.py db_worker). Pages say both.
    """

    status = models.CharField(max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    STALE_SECONDS = 180
    NO_WORKER_SECONDS = 60

    class Meta:
        abstract = True

    @property
    def is_active(self):
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    @staticmethod
    def claimable():
        """What a worker may take: queued, or running without a heartbeat for the worker lease (its worker died
        and the task was put back in the queue by guides.tasks.tasks_recover_lost)."""
        import datetime

        from django.utils import timezone

        cutoff = timezone.now() - datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)
        return Q(status=ExportStatus.QUEUED) | Q(status=ExportStatus.RUNNING) & (
            Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True))

    def worker_lost(self, now=None):
        """Running, but the worker has shown no sign of life for STALE_SECONDS."""
        from django.utils import timezone

        now = now or timezone.now()
        last = self.heartbeat_at or self.created_at
        return self.status == ExportStatus.RUNNING and (now - last).total_seconds() > self.STALE_SECONDS

    def waiting_for_a_worker(self, now=None):
        """Queued for more than NO_WORKER_SECONDS: no worker is running (manage.py db_worker)."""
        from django.utils import timezone

        now = now or timezone.now()
        return self.status == ExportStatus.QUEUED and (now - self.created_at).total_seconds() > self.NO_WORKER_SECONDS


class ConferenceExport(BackgroundWork):
    """An organizer's export of every published guide of a conference: one PDF and a ZIP of PDFs."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    failures = models.JSONField(default=list, blank=True)  # [{"guide": title, "error": message}]
    pdf_name = models.CharField(max_length=300, blank=True)
    zip_name = models.CharField(max_length=300, blank=True)
    # When a worker began putting the rendered guides together (the last step); another takes over after the lease.
    merge_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("status", ExportStatus, "export_status_valid"),
            # Starting an export while one runs joins it: the database allows one active export per conference.
            models.UniqueConstraint(
                fields=["conference"], condition=Q(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]),
                name="one_active_export_per_conference",
            ),
        ]

    def __str__(self):
        return f"Export of {self.conference} ({self.status})"


class ExportPart(models.Model):
    """One guide of a conference export. Every worker helping with the export takes the next queued part, renders
    it and takes another, so N workers render N guides at once; whoever finishes the last part puts them together.

    A part whose worker stopped beating (guides.tasks) is taken again by another; done and total stay exact.
    """

    export = models.ForeignKey(ConferenceExport, on_delete=models.CASCADE, related_name="parts")
    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED)
    worker = models.CharField(max_length=100, blank=True)  # the db_worker's id, or host:pid outside a worker
    claimed_at = models.DateTimeField(null=True, blank=True)
    pdf_name = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["export", "position"]
        constraints = [
            choices_constraint("status", ExportStatus, "export_part_status_valid"),
            models.UniqueConstraint(fields=["export", "guide"], name="one_part_per_guide_and_export"),
            models.UniqueConstraint(fields=["export", "position"], name="one_part_per_position_and_export"),
        ]

    def __str__(self):
        return f"{self.guide_id} of export {self.export_id} ({self.status})"


class WorkerHeartbeat(models.Model):
    """A background worker (manage.py db_worker) saying it is alive, every few seconds, from a thread of its own.

    A task still marked running whose worker stopped beating was cut off (kill -9, a lost machine): the next
    worker to beat puts it back in the queue (guides.tasks.tasks_recover_lost), or fails it after three tries.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker_id} at {self.beat_at:%H:%M:%S}"


class SearchEntry(models.Model):
    """One searchable place of a guide's published revision: a part, a key term, a party, an event or a question.

    Written by guides.search when a revision is published; the full-text index beside it (FTS5 on SQLite,
    a tsvector with a GIN index on PostgreSQL) is kept by the same code.
    """

    guide = models.ForeignKey(StudyGuide, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(GuideRevision, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField()
    anchor = models.CharField(max_length=100)
    title = models.CharField(max_length=500)
    text = models.TextField()

    class Meta:
        ordering = ["revision", "order"]
        indexes = [models.Index(fields=["revision", "order"])]

    def __str__(self):
        return self.title


class GuideImport(models.Model):
    """A document a chair uploaded, read but not yet imported: what the preview shows and the import writes.

    Kept in the database (not in one process's memory) so any web process can finish the import.
    """

    token = models.CharField(max_length=40, unique=True, default=secrets.token_urlsafe)
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    guide = models.ForeignKey(StudyGuide, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    topic_title = models.CharField(max_length=300)
    filename = models.CharField(max_length=300)
    result = models.JSONField()  # guides.importer.ImportResult without the figures' bytes
    media = models.JSONField(default=dict)  # figure media name → default_storage name of the uploaded bytes
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Import of {self.filename}"
