"""Chair and organizer authoring in the Django admin, scoped by guides.queries."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from guides import content_rules, editor, importer, queries, revisions, rules
from guides.enums import DatePrecision, ReviewState, SectionKind
from guides.models import (
    Committee,
    CommitteeChair,
    Conference,
    Figure,
    GuideImport,
    KeyTerm,
    Question,
    Section,
    Source,
    Stakeholder,
    StudyGuide,
    TimelineEvent,
    Topic,
    format_date,
)
from guides.services import (
    MAX_CHANGE_NOTE,
    StaleRevision,
    guide_content_save,
    guide_import_finish,
    guide_import_prepare,
    guide_lock,
    guide_publish,
    guide_return,
    guide_revision_restore,
    guide_submit_for_review,
    guide_unpublish,
    staff_access_sync,
)
from guides.views import pdf_response

admin.site.site_header = "mlmun authoring"
admin.site.site_title = "mlmun"
admin.site.index_title = "Conferences and study guides"


class AccessibleFields:
    """Every admin field has an accessible name: a date-and-time field's two inputs say which is which, and a
    field in a table row (tabular inline), whose visible label is the column header, carries its label."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from django.contrib.admin.widgets import AdminSplitDateTime
        from django.utils.text import capfirst

        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return formfield
        widget = getattr(formfield.widget, "widget", formfield.widget)  # inside RelatedFieldWidgetWrapper
        label = capfirst(str(formfield.label or db_field.verbose_name))
        if isinstance(widget, AdminSplitDateTime):
            widget.widgets[0].attrs.setdefault("aria-label", f"{label}: date")
            widget.widgets[1].attrs.setdefault("aria-label", f"{label}: time")
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        from django.utils.text import capfirst

        formset = super().get_formset(request, obj, **kwargs)
        tabular = isinstance(self, admin.TabularInline)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if not tabular:
                    return
                row = f" (row {index + 1})" if index is not None else ""
                for name, field in form.fields.items():
                    widget = getattr(field.widget, "widget", field.widget)
                    if not widget.is_hidden:
                        widget.attrs["aria-label"] = capfirst(str(field.label or name)) + row


        LabelledFormSet.__name__ = formset.__name__
        return LabelledFormSet


class ScopedAdmin(AccessibleFields, admin.ModelAdmin):
    """Lists, change pages, autocomplete, actions and direct URLs all go through one scoping queryset, and
    every permission comes from guides.rules (never from Django's model permissions or groups).

    Someone else's object answers 404 (not a redirect that reveals it exists).
    """

    def scope(self, user):
        raise NotImplementedError

    def may_change(self, user, obj):
        raise NotImplementedError

    def may_add(self, user):
        return False

    def may_delete(self, user, obj):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=self.scope(request.user).values("pk"))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such object.")
        return obj

    def has_module_permission(self, request):
        return rules.has_authoring_role(request.user)

    def has_view_permission(self, request, obj=None):
        if not rules.has_authoring_role(request.user):
            return False
        return obj is None or self.scope(request.user).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return rules.has_authoring_role(request.user) and self.may_change(request.user, obj)

    def has_add_permission(self, request):
        return rules.has_authoring_role(request.user) and self.may_add(request.user)

    def has_delete_permission(self, request, obj=None):
        return rules.has_authoring_role(request.user) and self.may_delete(request.user, obj)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


def _organizes_any(user):
    return queries.conferences_organized_by(user).exists()


@admin.site.admin_view
def view_on_site_shortcut(request, content_type_id, object_id):
    """Django's /admin/r/ shortcut, answering only for objects the user may open in our admin."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404("No such object.") from None
    model_admin = admin.site._registry.get(model)
    if not isinstance(model_admin, ScopedAdmin):
        raise Http404("No such object.")
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError):
        obj = None
    if obj is None:
        raise Http404("No such object.")
    return redirect(obj.get_absolute_url())


class OrganizerInline:
    """Inline rows of a conference's structure: changed by that conference's organizers."""

    def _may(self, request, obj):
        return obj is not None and rules.is_organizer(request.user, obj.conference)

    def has_view_permission(self, request, obj=None):
        return True  # the parent admin decided who sees the page

    def has_add_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)


class CommitteeChairInline(AccessibleFields, admin.TabularInline):
    """A committee's chairs and their roles (printed on the guide). Organizers set roles and order; chairs are
    added by email on the organizer pages, and only instance operators pick accounts here."""

    model = CommitteeChair
    extra = 0
    fields = ["user", "role", "order"]
    verbose_name, verbose_name_plural = "chair", "chairs"

    def _organizes(self, request, obj):
        return obj is not None and rules.is_organizer(request.user, obj.conference)

    def has_view_permission(self, request, obj=None):
        return True  # the committee's admin decided who sees the page

    def has_change_permission(self, request, obj=None):
        return self._organizes(request, obj)

    def has_add_permission(self, request, obj=None):
        return rules.is_instance_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return rules.is_instance_operator(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [] if rules.is_instance_operator(request.user) else ["user"]

    def get_autocomplete_fields(self, request):
        return ["user"] if rules.is_instance_operator(request.user) else []


class TopicInline(AccessibleFields, OrganizerInline, admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["order", "title"]


@admin.register(Conference)
class ConferenceAdmin(ScopedAdmin):
    """Instance operators create conferences and name their first organizers; organizers edit the rest."""

    list_display = ["name", "edition", "year", "starts_on", "ends_on", "guides_public"]
    search_fields = ["name", "edition", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # A plain multiple select (only the instance operator changes it here; organizers add co-organizers by email
    # on the organizer pages): the autocomplete widget's markup is not valid HTML.

    def scope(self, user):
        return queries.conferences_editable_by(user)

    def may_change(self, user, obj):
        return rules.is_organizer(user, obj) if obj else _organizes_any(user)

    def may_add(self, user):
        return rules.is_instance_operator(user)

    def may_delete(self, user, obj):
        return rules.is_instance_operator(user)

    def get_exclude(self, request, obj=None):
        # Organizers add co-organizers on the organizer pages, by email, within their own conference.
        return [] if rules.is_instance_operator(request.user) else ["organizers"]

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.organizers.all()) if change else set()
        super().save_related(request, form, formsets, change)
        for user in before ^ set(form.instance.organizers.all()):
            staff_access_sync(user=user)


@admin.register(Committee)
class CommitteeAdmin(ScopedAdmin):
    list_display = ["abbreviation", "name", "conference", "order", "chair_names"]
    list_filter = [("conference", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "abbreviation", "conference__name"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [CommitteeChairInline, TopicInline]

    def scope(self, user):
        return queries.committees_editable_by(user)

    def may_change(self, user, obj):
        return rules.is_organizer(user, obj.conference) if obj else _organizes_any(user)

    def may_add(self, user):
        return _organizes_any(user)

    def may_delete(self, user, obj):
        return self.may_change(user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("conference").prefetch_related("chairs")

    def get_fields(self, request, obj=None):
        return ["conference", "name", "abbreviation", "slug", "description", "order", "contact_email"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "conference":
            kwargs["queryset"] = queries.conferences_organized_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Chairs")
    def chair_names(self, committee):
        return ", ".join(user.get_full_name() or user.username for user in committee.chairs.all())

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.chairs.all()) if change else set()
        super().save_related(request, form, formsets, change)
        for user in before ^ set(form.instance.chairs.all()):
            staff_access_sync(user=user)


@admin.register(Topic)
class TopicAdmin(ScopedAdmin):
    list_display = ["title", "committee", "order"]
    list_filter = [("committee__conference", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "committee__name", "committee__abbreviation"]
    fields = ["committee", "title", "order"]

    def scope(self, user):
        return queries.topics_editable_by(user)

    def may_change(self, user, obj):
        if obj is None:
            return True  # scope() already holds only topics of the user's committees
        return rules.is_committee_chair(user, obj.committee) or rules.is_organizer(user, obj.committee.conference)

    def may_add(self, user):
        return queries.committees_editable_by(user).exists()

    def may_delete(self, user, obj):
        return rules.is_organizer(user, obj.committee.conference) if obj else _organizes_any(user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee":
            kwargs["queryset"] = queries.committees_editable_by(request.user).select_related("conference")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The study guide's topic autocomplete offers only topics that have no guide yet.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "studyguide":
            queryset = queryset.filter(guide__isnull=True)
        return queryset, may_have_duplicates


def posted_source_keys(data, guide, prefix="sources"):
    """The citation keys the guide will have once this admin POST is saved.

    Sources are edited on the same page as the sections that cite them, so a citation is checked
    against the submitted sources inline (minus deleted rows), not only the stored ones.
    """
    total = data.get(f"{prefix}-TOTAL_FORMS")
    if total is None or not str(total).isdigit():
        return set(guide.sources.values_list("key", flat=True)) if guide.pk else set()
    keys = set()
    for index in range(int(total)):
        if data.get(f"{prefix}-{index}-DELETE"):
            continue
        key = (data.get(f"{prefix}-{index}-key") or "").strip()
        if key:
            keys.add(key)
    return keys


class CitationCheckedFormSet(BaseInlineFormSet):
    """Refuses a Markdown field that cites a key no source of this guide has, naming the key (the rule is
    guides.content_rules; the submitted sources count, so adding a source and citing it is one save)."""

    markdown_field = "body"

    def clean(self):
        super().clean()
        known = posted_source_keys(self.data, self.instance)
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE"):
                continue
            message = content_rules.citation_error(cleaned.get(self.markdown_field, ""), known)
            if message:
                form.add_error(self.markdown_field, message)


class SectionFormSet(CitationCheckedFormSet):
    markdown_field = "body"


class StakeholderFormSet(CitationCheckedFormSet):
    markdown_field = "description"


class TimelineEventFormSet(CitationCheckedFormSet):
    markdown_field = "description"


class QuestionFormSet(CitationCheckedFormSet):
    markdown_field = "text"


class NormalisedTextField(forms.CharField):
    """Browsers send CRLF line ends; a save that changes only line ends or trailing spaces is no change."""

    def to_python(self, value):
        return revisions.normalise_text(super().to_python(value))


class GuidePartInline(AccessibleFields):
    """A guide's parts: edited by whoever may edit the guide; links limited to the same guide's sources and sections."""

    def has_view_permission(self, request, obj=None):
        return True  # the guide's admin decided who sees the page

    def has_add_permission(self, request, obj=None):
        return obj is None or rules.may_edit_guide(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or rules.may_edit_guide(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or rules.may_edit_guide(request.user, obj)

    same_guide_fields = {"source": Source, "section": Section}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs["form_class"] = NormalisedTextField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for name, model in self.same_guide_fields.items():
            if name in formset.form.base_fields:
                field = formset.form.base_fields[name]
                field.queryset = model.objects.filter(guide=obj) if obj else model.objects.none()
        return formset


class SectionInline(GuidePartInline, admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 0
    fields = [("order", "kind", "arrangement"), "heading", "body"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 14, "cols": 100, "class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class KeyTermFormSet(CitationCheckedFormSet):
    """Two rows of one save may not define the same term, ignoring case (guides.content_rules); definitions
    are Markdown and may cite sources."""

    markdown_field = "definition"

    def clean(self):
        super().clean()
        forms_with_terms = [form for form in self.forms if getattr(form, "cleaned_data", None)
                            and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("term")]
        for index, message in content_rules.duplicate_terms([form.cleaned_data["term"] for form in forms_with_terms]):
            forms_with_terms[index].add_error("term", message)


class KeyTermInline(GuidePartInline, admin.TabularInline):
    model = KeyTerm
    formset = KeyTermFormSet
    extra = 0
    fields = ["order", "term", "acronym", "definition", "source"]


DATE_FORMS = '"2015", "March 2007", "10 December 1948", "December 10th, 1948" or "1948-12-10"'


class WrittenDateField(forms.CharField):
    """A date as people write it; its precision (year, month, day) is what they wrote. A period ("2015–2018",
    "March 2007 - June 2008") gives its start and end. Cleans to (date, precision, end date or None)."""

    def __init__(self, *, periods=False, **kwargs):
        self.periods = periods
        kwargs.setdefault("help_text", f"As you would write it: {DATE_FORMS}."
                          + (" A period: 2015–2018." if periods else ""))
        super().__init__(max_length=80, **kwargs)

    def to_python(self, value):
        text = " ".join(super().to_python(value).split()).rstrip(".")
        if not text:
            return None
        start = importer.parse_date(text, day_first=settings.IMPORT_DAY_FIRST)
        end, rest = None, text[start[2]:].strip() if start else text
        if start and self.periods and rest[:1] in "-–—" and rest[1:].strip():
            end = importer.parse_date(rest[1:].strip(), day_first=settings.IMPORT_DAY_FIRST)
            rest = rest[1:].strip()[end[2]:].strip() if end else rest
        if start is None or rest or (end and end[1] != start[1]):
            raise ValidationError(f"“{text}” is not a date this page understands. Write it as {DATE_FORMS}"
                                  + (", or a period such as 2015–2018 (both ends written the same way)."
                                     if self.periods else "."), code="invalid")
        return start[0], start[1], end[0] if end else None


class WrittenDatesForm(forms.ModelForm):
    """Date fields typed as text; the precision field is set from what was written (not chosen separately).

    written_dates: {form field: precision field or None (a day is required)}.
    """

    written_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, precision_name in self.written_dates.items():
            value = getattr(self.instance, name, None)
            if value is not None and not self.is_bound:
                precision = getattr(self.instance, precision_name) if precision_name else DatePrecision.DAY
                self.initial[name] = format_date(value, precision)

    def clean(self):
        cleaned = super().clean()
        for name, precision_name in self.written_dates.items():
            parsed = cleaned.get(name)
            if not parsed:
                continue
            value, precision, end = parsed
            cleaned[name] = value
            if precision_name is None:
                if precision != DatePrecision.DAY:
                    self.add_error(name, "Give the day as well, for example 10 December 2024.")
            else:
                setattr(self.instance, precision_name, precision)
            if end is not None:
                if cleaned.get("end_date"):
                    self.add_error(name, "Give the period here or an end date, not both.")
                else:
                    cleaned["end_date"] = (end, precision, None)
        end = cleaned.get("end_date")
        if isinstance(end, tuple):  # a timeline event's end is written like its date
            cleaned["end_date"] = end[0]
            if cleaned.get("date") and end[1] != self.instance.precision:
                self.add_error("end_date", "Write the end the way you wrote the date (both as years, months or "
                                           "days).")
        return cleaned


class TimelineEventForm(WrittenDatesForm):
    date = WrittenDateField(periods=True)
    end_date = WrittenDateField(required=False, help_text="Optional: the end of a period, written like the date.")
    written_dates = {"date": "precision"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.end_date and not self.is_bound:
            self.initial["end_date"] = format_date(self.instance.end_date, self.instance.precision)

    class Meta:
        model = TimelineEvent
        fields = ["order", "date", "end_date", "title", "description", "source"]


class TimelineEventInline(GuidePartInline, admin.TabularInline):
    model = TimelineEvent
    form = TimelineEventForm
    formset = TimelineEventFormSet
    extra = 0
    fields = ["order", "date", "end_date", "title", "description", "source"]


class StakeholderInline(GuidePartInline, admin.StackedInline):
    model = Stakeholder
    formset = StakeholderFormSet
    extra = 0
    fields = [("order", "name"), ("kind", "iso_code"), "description"]


class SourceForm(WrittenDatesForm):
    published_on = WrittenDateField(required=False, label="Published",
                                    help_text=f"As the source gives it: {DATE_FORMS}.")
    accessed_on = WrittenDateField(required=False, label="Accessed", help_text="The day you last opened it.")
    url = forms.URLField(required=False, max_length=1000, assume_scheme="https", label="URL")
    written_dates = {"published_on": "published_precision", "accessed_on": None}

    class Meta:
        model = Source
        fields = ["key", "kind", "authors", "title", "container", "publisher", "published_on", "url", "accessed_on",
                  "un_symbol", "further_reading"]


class SourceInline(GuidePartInline, admin.StackedInline):
    model = Source
    form = SourceForm
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        ("key", "kind"), "authors", "title", ("container", "publisher"),
        "published_on", ("url", "accessed_on"), ("un_symbol", "further_reading"),
    ]


class QuestionInline(GuidePartInline, admin.TabularInline):
    model = Question
    formset = QuestionFormSet
    extra = 0
    fields = ["order", "kind", "text"]


class FigureInline(GuidePartInline, admin.StackedInline):
    model = Figure
    extra = 0
    fields = [("order", "section"), "image", "caption", "alt_text", ("credit", "source")]


class StudyGuideForm(forms.ModelForm):
    # The revision the chair started from; a save over a newer revision is refused.
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StudyGuide
        fields = ["topic", "subtitle", "release_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Locks the row until the admin's transaction commits, so two saves cannot both pass.
            try:
                guide_lock(guide=self.instance, base_revision=cleaned.get("base_revision") or -1)
            except StaleRevision as error:
                raise forms.ValidationError(error.messages[0], code="stale_revision") from None
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(label="Document", help_text="Word (.docx, also Google Docs' “Download → Microsoft Word”), "
                           "LibreOffice (.odt), Markdown (.md) or plain text (.txt).")

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if committees is not None:
            self.fields["committee"] = forms.ModelChoiceField(queryset=committees)
            self.fields["topic"] = forms.CharField(label="Topic (the guide's title)", max_length=300, required=False,
                                                   help_text="Leave empty to use the document's title.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file is {upload.size / 1e6:.1f} MB; documents may be at most "
                                        f"{limit / 1e6:.0f} MB.")
        return upload


class PublishForm(forms.Form):
    note = forms.CharField(
        label="Change note for delegates", required=False, max_length=MAX_CHANGE_NOTE,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Shown to delegates and emailed to them, e.g. “Corrected the 2015 timeline entry; added UNSC 2331.”",
    )
    comment = forms.CharField(label="Comment for the chairs", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))


@admin.register(StudyGuide)
class StudyGuideAdmin(ScopedAdmin):
    form = StudyGuideForm
    list_display = ["title", "committee", "conference", "status", "revision", "published_number", "review_state",
                    "updated_at", "last_edited_by"]
    list_filter = [
        ("topic__committee__conference", admin.RelatedOnlyFieldListFilter),
        ("topic__committee", admin.RelatedOnlyFieldListFilter),
        "status", "review_state",
    ]
    search_fields = ["topic__title", "topic__committee__name", "topic__committee__abbreviation", "sections__heading"]
    # A plain select (the topics this person may write for): the autocomplete widget has no accessible name.
    readonly_fields = ["publication", "revision", "updated_at", "last_edited_by", "citation_report"]
    fields = ["topic", "subtitle", "publication", "release_at", "revision", "updated_at", "last_edited_by",
              "citation_report"]  # base_revision: a hidden input, rendered without a label by change_form.html
    actions = ["unpublish"]
    inlines = [
        SectionInline, KeyTermInline, TimelineEventInline, StakeholderInline,
        SourceInline, QuestionInline, FigureInline,
    ]

    def scope(self, user):
        return queries.guides_editable_by(user)

    def get_inlines(self, request, obj):
        """The guide's page holds its settings; parts are written in the editor. Every part on one form is still
        there with ?all=1 (slow for a long guide: hundreds of fields)."""
        if obj is not None and request.GET.get("all") != "1":
            return []
        return self.inlines

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if request.GET.get("all") == "1" and "_continue" in request.POST and response.status_code == 302:
            response["Location"] += ("&" if "?" in response["Location"] else "?") + "all=1"  # stay on the long form
        return response

    def response_add(self, request, obj, post_url_continue=None):
        """A new guide opens in the editor, where its parts are written."""
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        super().response_add(request, obj, post_url_continue)  # its message
        return HttpResponseRedirect(reverse("admin:guides_studyguide_editor", args=[obj.pk]))

    def may_change(self, user, obj):
        return obj is None or rules.may_edit_guide(user, obj)

    def may_add(self, user):
        return queries.topics_editable_by(user).exists()

    def may_delete(self, user, obj):
        return rules.may_delete_guide(user, obj) if obj else _organizes_any(user)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        def editor_view(action):
            def run(request, object_id, pk=None, kind=None):
                return editor.dispatch(self, request, object_id, action, pk, kind)
            return view(run)

        custom = [
            path("<path:object_id>/editor/", editor_view("page"), name="guides_studyguide_editor"),
            path("<path:object_id>/editor/preview/", editor_view("preview"), name="guides_studyguide_editor_preview"),
            path("<path:object_id>/editor/parts/", editor_view("add"), name="guides_studyguide_editor_add"),
            path("<path:object_id>/editor/parts/order/", editor_view("reorder"), name="guides_studyguide_editor_reorder"),
            path("<path:object_id>/editor/parts/<int:pk>/", editor_view("save"), name="guides_studyguide_editor_save"),
            path("<path:object_id>/editor/parts/<int:pk>/delete/", editor_view("delete"),
                 name="guides_studyguide_editor_delete"),
            path("<path:object_id>/editor/lists/<slug:kind>/", editor_view("entry_save"),
                 name="guides_studyguide_editor_entry_add"),
            path("<path:object_id>/editor/lists/<slug:kind>/<int:pk>/", editor_view("entry_save"),
                 name="guides_studyguide_editor_entry_save"),
            path("<path:object_id>/editor/lists/<slug:kind>/<int:pk>/delete/", editor_view("entry_delete"),
                 name="guides_studyguide_editor_entry_delete"),
            path("<path:object_id>/pdf/", view(self.pdf_view), name="guides_studyguide_pdf"),
            path("<path:object_id>/publish/", view(self.publish_view), name="guides_studyguide_publish"),
            path("<path:object_id>/revisions/", view(self.revisions_view), name="guides_studyguide_revisions"),
            path("<path:object_id>/revisions/<int:number>/restore/", view(self.restore_view),
                 name="guides_studyguide_restore"),
            path("import/", view(self.import_view), name="guides_studyguide_import"),
            path("import/<str:token>/", view(self.import_preview_view), name="guides_studyguide_import_preview"),
            path("<path:object_id>/import/", view(self.import_view), name="guides_studyguide_import_into"),
        ]
        return custom + super().get_urls()

    def _editable(self, request, object_id):
        guide = self.get_object(request, object_id)
        if not self.has_change_permission(request, guide):
            raise Http404("No such object.")
        return guide

    def pdf_view(self, request, object_id):
        """Chairs download the working copy as PDF from the admin (DRAFT watermark unless it is published)."""
        guide = self._editable(request, object_id)
        return pdf_response(guide, revisions.working_revision(guide))

    def publish_view(self, request, object_id):
        """Review and publish: what the working copy changes against what delegates read, then publish it with a
        note, or submit it for the secretariat's review, or (organizers) return it with a comment."""
        guide = self._editable(request, object_id)
        conference = guide.topic.committee.conference
        organizer = rules.is_organizer(request.user, conference)
        form = PublishForm(request.POST or None, initial={"note": guide.review_note})
        if request.method == "POST" and form.is_valid():
            action = request.POST.get("action")
            note, comment = form.cleaned_data["note"], form.cleaned_data["comment"]
            try:
                if action == "publish":
                    publication = guide_publish(guide=guide, by=request.user, note=note)
                    self.message_user(request, f"Revision {publication.revision.number} published: delegates read it now.",
                                      messages.SUCCESS)
                elif action == "submit":
                    guide_submit_for_review(guide=guide, by=request.user, note=note)
                    self.message_user(request, "Submitted for review: the secretariat approves or returns it.",
                                      messages.SUCCESS)
                elif action == "return" and organizer:
                    guide_return(guide=guide, by=request.user, comment=comment)
                    self.message_user(request, "Returned to the chairs with your comment.", messages.SUCCESS)
                elif action == "unpublish" and organizer:
                    guide_unpublish(guide=guide, by=request.user)
                    self.message_user(request, "Unpublished: delegates no longer see this guide.", messages.SUCCESS)
                else:
                    raise ValidationError("Choose what to do.")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("admin:guides_studyguide_publish", guide.pk)
        guide.refresh_from_db()
        working = revisions.working_revision(guide)
        published = guide.published_revision
        changes = revisions.revisions_diff(published, working) if published and published.pk != working.pk else None
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": guide, "guide": guide,
            "title": f"Review and publish: {guide.title}", "form": form, "working": working, "published": published,
            "changes": changes, "needs_approval": conference.guides_need_approval and not organizer,
            "organizer": organizer, "publications": guide.publications.select_related("revision", "published_by"),
        }
        return TemplateResponse(request, "admin/guides/studyguide/publish.html", context)

    def import_view(self, request, object_id=None):
        """Upload a document: into an existing guide (a new working copy) or as a new guide of a committee."""
        guide = self._editable(request, object_id) if object_id else None
        committees = None if guide else queries.committees_editable_by(request.user).select_related("conference")
        if guide is None and not self.has_add_permission(request):
            raise Http404("No such page.")
        form = ImportForm(request.POST or None, request.FILES or None, committees=committees)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = importer.import_document(upload.read(), upload.name)
            except importer.ImportRefused as error:
                form.add_error("file", str(error))
            else:
                committee = guide.topic.committee if guide else form.cleaned_data["committee"]
                title = guide.title if guide else (form.cleaned_data["topic"] or result.title or upload.name.rsplit(".", 1)[0])
                pending = guide_import_prepare(result=result, committee=committee, guide=guide, topic_title=title,
                                               filename=upload.name, by=request.user)
                return redirect("admin:guides_studyguide_import_preview", pending.token)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": guide, "guide": guide,
            "title": f"Import a document into {guide.title}" if guide else "Import a study guide", "form": form,
        }
        return TemplateResponse(request, "admin/guides/studyguide/import.html", context)

    def import_preview_view(self, request, token):
        """What was recognised, beside how it will read; the chair adjusts kinds, then imports (or not)."""
        pending = GuideImport.objects.filter(token=token, created_by=request.user).select_related(
            "committee__conference", "guide").first()
        if pending is None or not queries.committees_editable_by(request.user).filter(pk=pending.committee_id).exists():
            raise Http404("No such import.")
        result = importer.ImportResult(**pending.result)
        if request.method == "POST":
            demoted = {int(i) for i in request.POST.getlist("demote") if i.isdigit()}
            kinds = {int(k.removeprefix("kind-")): v for k, v in request.POST.items() if k.startswith("kind-")
                     and k.removeprefix("kind-").isdigit()}
            try:
                guide = guide_import_finish(pending=pending, demoted=demoted, kinds=kinds, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"Imported {pending.filename} as the working copy of “{guide.title}”: "
                                           "check it, then publish it.", messages.SUCCESS)
                return redirect("admin:guides_studyguide_publish", guide.pk)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "pending": pending, "result": result,
            "title": f"Preview the import of {pending.filename}", "counts": result.counts(),
            "blocks": importer.preview_blocks(result), "kinds": SectionKind.choices,
        }
        return TemplateResponse(request, "admin/guides/studyguide/import_preview.html", context)

    def revisions_view(self, request, object_id):
        guide = self._editable(request, object_id)
        published = {p.revision_id: p for p in guide.publications.all()}
        stored = guide.revisions.select_related("author").defer("rendered", "source")
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": guide, "guide": guide,
            "title": f"History: {guide.title}", "revisions": [(r, published.get(r.pk)) for r in stored],
        }
        return TemplateResponse(request, "admin/guides/studyguide/revisions.html", context)

    def restore_view(self, request, object_id, number):
        guide = self._editable(request, object_id)
        if request.method != "POST":
            return redirect("admin:guides_studyguide_revisions", guide.pk)
        try:
            revision = guide_revision_restore(guide=guide, number=number, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"Revision {number} is the working copy again (stored as revision "
                                       f"{revision.number if revision else guide.revision}); publish it when ready."
                              if revision else f"The working copy already equals revision {number}.", messages.SUCCESS)
        return redirect("admin:guides_studyguide_change", guide.pk)

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("topic__committee__conference", "last_edited_by", "published_revision")
            .defer("published_revision__rendered", "published_revision__source")
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["topic"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (["topic"] if obj else [])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "topic":
            kwargs["queryset"] = queries.topics_editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Committee", ordering="topic__committee__abbreviation")
    def committee(self, guide):
        return guide.topic.committee.abbreviation

    @admin.display(description="Conference", ordering="topic__committee__conference__name")
    def conference(self, guide):
        return guide.topic.committee.conference

    @admin.display(description="Delegates read")
    def published_number(self, guide):
        return guide.published_revision.number if guide.published_revision_id else "—"

    @admin.display(description="Publication")
    def publication(self, guide):
        if not guide.pk:
            return "-"
        link = reverse("admin:guides_studyguide_publish", args=[guide.pk])
        history = reverse("admin:guides_studyguide_revisions", args=[guide.pk])
        if guide.published_revision_id is None:
            state = format_html("Not published yet: delegates see nothing. Working copy: revision {}.", guide.revision)
        elif guide.published_revision.number == guide.revision:
            state = format_html("Delegates read revision {}, which is the working copy.", guide.revision)
        else:
            state = format_html("Delegates read revision {}; the working copy (revision {}) has unpublished changes.",
                                guide.published_revision.number, guide.revision)
        review = ""
        if guide.review_state == ReviewState.SUBMITTED:
            review = format_html(" <strong>Submitted for review.</strong>")
        elif guide.review_state == ReviewState.RETURNED:
            review = format_html(" <strong>Returned by the secretariat:</strong> “{}”", guide.review_comment)
        return format_html('{}{} <a href="{}">Review and publish</a> · <a href="{}">History</a>',
                           state, review, link, history)

    @admin.display(description="Citation check")
    def citation_report(self, guide):
        if not guide.pk:
            return "-"
        rendered = revisions.rendered(revisions.working_revision(guide))
        uncited = format_html(
            ' <strong class="errornote">Never cited: {}.</strong>',
            format_html_join(", ", "“{}”", ((key,) for key in rendered.uncited)),
        ) if rendered.uncited else ""
        return format_html("{} footnotes from {} sources.{}", len(rendered.footnotes), len(rendered.bibliography), uncited)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            guide = self.get_object(request, object_id)
            uncited = revisions.rendered(revisions.working_revision(guide)).uncited
            if uncited:
                keys = ", ".join(f"“{key}”" for key in uncited)
                messages.warning(request, f"Sources never cited in the text: {keys}. Cite them with [@key], tick “further reading” to "
                                          "recommend them without citing, or remove them.")
            if guide.review_state == ReviewState.RETURNED:
                messages.warning(request, f"The secretariat returned this update: “{guide.review_comment}”")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.last_edited_by = request.user
        obj.save()  # topic and release time: not content, no revision

    def save_related(self, request, form, formsets, change):
        """The parts are content: saved through the one writer, which stores a revision when they changed."""
        base = form.cleaned_data.get("base_revision") if change else None
        guide_content_save(guide=form.instance, by=request.user, base_revision=base,
                           changes=lambda: super(StudyGuideAdmin, self).save_related(request, form, formsets, change))

    def log_change(self, request, obj, message):
        if message:  # a save that changed nothing logs nothing
            return super().log_change(request, obj, message)
        return None

    @admin.action(description="Unpublish selected study guides (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        with transaction.atomic():
            for guide in queryset:
                guide_unpublish(guide=guide, by=request.user)
        self.message_user(request, f"{queryset.count()} guide(s) back to draft.", messages.SUCCESS)


class AccountChangeForm(UserChangeForm):
    """The instance operator's account form: one account per email address, whatever its case (the database's
    unique index on lower(email) would otherwise turn a clash into an error page)."""

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email and get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError("Another account already has this email address.")
        return email


    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None:  # a summary, not an input: HTML allows no "disabled" on its <div>
            widget, render = password.widget, password.widget.get_context

            def get_context(name, value, attrs):
                context = render(name, value, attrs)
                context["widget"]["attrs"].pop("disabled", None)
                return context

            widget.get_context = get_context


class AccountAdmin(AccessibleFields, UserAdmin):
    form = AccountChangeForm
    # Plain multiple selects: Django's two-box filter widget has HTML errors and unnamed controls.
    filter_horizontal = ()


class PlainGroupAdmin(AccessibleFields, GroupAdmin):
    filter_horizontal = ()


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)
admin.site.unregister(Group)
admin.site.register(Group, PlainGroupAdmin)
