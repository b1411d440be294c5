"""Chair and organizer authoring in the Django admin, scoped by guides.queries."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html, format_html_join

from guides import queries, rules
from guides.citations import unknown_keys
from guides.models import (
    Committee,
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
from guides.rendering import render_guide
from guides.services import guide_publish, guide_record_edit, guide_unpublish, staff_access_sync
from guides.views import pdf_response

admin.site.site_header = "mlmun authoring"
admin.site.site_title = "mlmun"
admin.site.index_title = "Conferences and study guides"


class ScopedAdmin(admin.ModelAdmin):
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


class TopicInline(OrganizerInline, admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["order", "title"]


@admin.register(Conference)
class ConferenceAdmin(ScopedAdmin):
    """Instance operators create conferences and name their first organizers; organizers edit the rest."""

    list_display = ["name", "edition", "year", "starts_on", "ends_on", "guides_public"]
    search_fields = ["name", "edition", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organizers"]

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
    inlines = [TopicInline]

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
        fields = ["conference", "name", "abbreviation", "slug", "description", "order"]
        # Chairs are added by email on the organizer pages; only instance operators pick accounts here.
        return fields + (["chairs"] if rules.is_instance_operator(request.user) else ["chair_names"])

    def get_readonly_fields(self, request, obj=None):
        return [] if rules.is_instance_operator(request.user) else ["chair_names"]

    def get_autocomplete_fields(self, request):
        return ["chairs"] if rules.is_instance_operator(request.user) else []

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
    """Refuses a Markdown field that cites a key no source of this guide has, naming the key."""

    markdown_field = "body"

    def clean(self):
        super().clean()
        known = posted_source_keys(self.data, self.instance)
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE"):
                continue
            missing = unknown_keys([cleaned.get(self.markdown_field, "")], known)
            if missing:
                names = ", ".join(f"“{key}”" for key in missing)
                form.add_error(
                    self.markdown_field,
                    f"Unknown source key {names}: add a source with that key below, or correct the citation.",
                )


class SectionFormSet(CitationCheckedFormSet):
    markdown_field = "body"


class StakeholderFormSet(CitationCheckedFormSet):
    markdown_field = "description"


class GuidePartInline:
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
    fields = [("order", "kind"), "heading", "body"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 14, "cols": 100, "class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class KeyTermFormSet(BaseInlineFormSet):
    """Two rows of one save may not define the same term, ignoring case (the database would refuse it)."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE") or not cleaned.get("term"):
                continue
            folded = cleaned["term"].strip().casefold()
            if folded in seen:
                form.add_error("term", f"“{cleaned['term']}” is already defined in this guide as “{seen[folded]}”.")
            else:
                seen[folded] = cleaned["term"]


class KeyTermInline(GuidePartInline, admin.TabularInline):
    model = KeyTerm
    formset = KeyTermFormSet
    extra = 0
    fields = ["term", "acronym", "definition", "source"]


class TimelineEventInline(GuidePartInline, admin.TabularInline):
    model = TimelineEvent
    extra = 0
    fields = ["date", "precision", "end_date", "description", "source"]


class StakeholderInline(GuidePartInline, admin.StackedInline):
    model = Stakeholder
    formset = StakeholderFormSet
    extra = 0
    fields = [("order", "name"), ("kind", "iso_code"), "description"]


class SourceInline(GuidePartInline, admin.StackedInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        ("key", "kind"), "authors", "title", ("container", "publisher"),
        ("published_on", "published_precision"), ("url", "accessed_on"), "un_symbol",
    ]


class QuestionInline(GuidePartInline, admin.TabularInline):
    model = Question
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
        fields = ["topic", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Locks the row until the admin's transaction commits, so two saves cannot both pass.
            current = (
                StudyGuide.objects.select_for_update(of=("self",))
                .select_related("last_edited_by")
                .get(pk=self.instance.pk)
            )
            base = cleaned.get("base_revision")
            if base is None or base != current.revision:
                who = current.last_edited_by.get_full_name() or current.last_edited_by.username if current.last_edited_by else "someone"
                raise forms.ValidationError(
                    f"{who} saved this guide (now revision {current.revision}) after you opened revision {base}. "
                    "Your changes were not saved, so nothing was overwritten. Copy what you wrote, reload the "
                    "page to see the newer text, and apply your changes again.",
                    code="stale_revision",
                )
        return cleaned


@admin.register(StudyGuide)
class StudyGuideAdmin(ScopedAdmin):
    form = StudyGuideForm
    list_display = ["title", "committee", "conference", "status", "revision", "updated_at", "last_edited_by"]
    list_filter = [
        ("topic__committee__conference", admin.RelatedOnlyFieldListFilter),
        ("topic__committee", admin.RelatedOnlyFieldListFilter),
        "status",
    ]
    search_fields = ["topic__title", "topic__committee__name", "topic__committee__abbreviation", "sections__heading"]
    autocomplete_fields = ["topic"]
    readonly_fields = ["status", "published_at", "revision", "updated_at", "last_edited_by", "citation_report"]
    fields = ["topic", "status", "published_at", "revision", "updated_at", "last_edited_by", "citation_report", "base_revision"]
    actions = ["publish", "unpublish"]
    inlines = [
        SectionInline, KeyTermInline, TimelineEventInline, StakeholderInline,
        SourceInline, QuestionInline, FigureInline,
    ]

    def scope(self, user):
        return queries.guides_editable_by(user)

    def may_change(self, user, obj):
        return obj is None or rules.may_edit_guide(user, obj)

    def may_add(self, user):
        return queries.topics_editable_by(user).exists()

    def may_delete(self, user, obj):
        return rules.may_delete_guide(user, obj) if obj else _organizes_any(user)

    def get_urls(self):
        custom = [path("<path:object_id>/pdf/", self.admin_site.admin_view(self.pdf_view), name="guides_studyguide_pdf")]
        return custom + super().get_urls()

    def pdf_view(self, request, object_id):
        """Chairs download their guide as PDF from the admin; drafts carry a DRAFT watermark."""
        guide = self.get_object(request, object_id)
        if not self.has_view_or_change_permission(request, guide):
            raise Http404("No such object.")
        return pdf_response(guide)

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("topic__committee__conference", "last_edited_by")
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

    @admin.display(description="Citation check")
    def citation_report(self, guide):
        if not guide.pk:
            return "-"
        rendered = render_guide(guide)
        uncited = format_html(
            ' <strong class="errornote">Never cited: {}.</strong>',
            format_html_join(", ", "“{}”", ((key,) for key in rendered.uncited)),
        ) if rendered.uncited else ""
        return format_html("{} footnotes from {} sources.{}", len(rendered.footnotes), len(rendered.bibliography), uncited)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            guide = self.get_object(request, object_id)
            uncited = render_guide(guide).uncited
            if uncited:
                keys = ", ".join(f"“{key}”" for key in uncited)
                messages.warning(request, f"Sources never cited in the text: {keys}. Cite them with [@key] or remove them.")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and (form.has_changed() or any(formset.has_changed() for formset in formsets)):
            guide_record_edit(guide=form.instance, by=request.user)

    @admin.action(description="Publish selected study guides", permissions=["change"])
    def publish(self, request, queryset):
        with transaction.atomic():
            for guide in queryset:
                guide_publish(guide=guide, by=request.user)
        self.message_user(request, f"{queryset.count()} guide(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected study guides (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        with transaction.atomic():
            for guide in queryset:
                guide_unpublish(guide=guide, by=request.user)
        self.message_user(request, f"{queryset.count()} guide(s) back to draft.", messages.SUCCESS)
