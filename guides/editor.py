"""The guide editor: the outline on one side, one part at a time on the other, with a live preview by the one
content pipeline, citation keys offered as you type "[@", and autosave of the working copy.

Admin views (StudyGuideAdmin.get_urls wraps them: staff login, and the guide must be one the user may edit).
Every write goes through guides.services, so through the one writer of revisions.
"""

import json

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from guides.enums import LIST_KINDS, Arrangement, SectionKind
from guides.services import (
    PartConflict,
    markdown_preview,
    part_values,
    section_add,
    section_delete,
    section_save,
    sections_reorder,
)

MAX_PART_BYTES = 512 * 1024


def _parts(guide):
    return [{"pk": s.pk, **part_values(s), "is_list": s.kind in LIST_KINDS}
            for s in guide.sections.order_by("order", "pk")]


def editor_page(model_admin, request, guide):
    sources = [{"key": s.key, "title": s.title} for s in guide.sources.order_by("key")]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "original": guide, "guide": guide, "title": f"Edit {guide.title}",
        "editor_data": {
            "parts": _parts(guide), "sources": sources, "revision": guide.revision,
            "kinds": SectionKind.choices, "arrangements": Arrangement.choices, "list_kinds": list(LIST_KINDS),
            "lists": entries_data(guide),
        },
    }
    return TemplateResponse(request, "admin/guides/studyguide/editor.html", context)


def _body(request):
    if len(request.body) > MAX_PART_BYTES:
        raise ValidationError(f"A part may be at most {MAX_PART_BYTES // 1024} KB.")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ValidationError("The editor sent something that is not JSON; reload the page.") from None
    if not isinstance(data, dict):
        raise ValidationError("The editor sent something unexpected; reload the page.")
    return data


def _error(error, status=400):
    """The JSON the editor shows: the message, the messages by field, and for a conflict the other version."""
    if isinstance(error, PartConflict):
        return JsonResponse({"error": error.messages[0], "conflict": True, "current": error.current}, status=409)
    fields = getattr(error, "error_dict", None)
    return JsonResponse({"error": " ".join(error.messages),
                         "fields": {k: [str(m) for e in v for m in e.messages] for k, v in fields.items()} if fields
                         else {}}, status=status)


def _texts(data, names):
    values = {}
    for name in names:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise ValidationError(f"“{name}” must be text.")
        values[name] = value
    return values


@require_POST
def part_save(request, guide, pk):
    try:
        data = _body(request)
        original = data.get("original")
        if not isinstance(original, dict):
            raise ValidationError("The editor did not say what it started from; reload the page.")
        section, revision = section_save(guide=guide, by=request.user, pk=pk,
                                         values=_texts(data, ("heading", "kind", "arrangement", "body")),
                                         original=_texts(original, ("heading", "kind", "arrangement", "body")))
    except ValidationError as error:
        return _error(error)
    guide.refresh_from_db(fields=["revision"])
    return JsonResponse({"part": {"pk": section.pk, **part_values(section)}, "revision": guide.revision,
                         "saved": revision is not None})


@require_POST
def part_add(request, guide):
    try:
        data = _body(request)
        after = data.get("after")
        section = section_add(guide=guide, by=request.user, heading=_texts(data, ["heading"])["heading"],
                              kind=_texts(data, ["kind"])["kind"], after=after if isinstance(after, int) else None)
    except ValidationError as error:
        return _error(error)
    return JsonResponse({"parts": _parts(guide), "added": section.pk, "revision": guide.revision}, status=201)


@require_POST
def parts_reorder(request, guide):
    try:
        order = _body(request).get("order")
        if not isinstance(order, list) or not all(isinstance(pk, int) for pk in order):
            raise ValidationError("The outline's order must be a list of parts.")
        sections_reorder(guide=guide, by=request.user, order=order)
    except ValidationError as error:
        return _error(error)
    return JsonResponse({"parts": _parts(guide), "revision": guide.revision})


@require_POST
def part_delete(request, guide, pk):
    try:
        section_delete(guide=guide, by=request.user, pk=pk)
    except ValidationError as error:
        return _error(error)
    return JsonResponse({"parts": _parts(guide), "revision": guide.revision})


@require_POST
def preview(request, guide):
    try:
        text = _texts(_body(request), ["body"])["body"]
    except ValidationError as error:
        return _error(error)
    html, notes = markdown_preview(guide=guide, text=text)
    return JsonResponse({"html": html, "notes": notes})


def dispatch(model_admin, request, object_id, action, pk=None, kind=None):
    guide = model_admin._editable(request, object_id)
    if action == "page":
        return editor_page(model_admin, request, guide)
    if action == "entry_save":
        return entry_save(request, guide, kind, pk)
    if action == "entry_delete":
        return entry_delete(request, guide, kind, pk)
    views = {"save": part_save, "add": part_add, "reorder": parts_reorder, "delete": part_delete, "preview": preview}
    if action not in views:
        raise Http404("No such editor action.")
    args = (pk,) if pk is not None else ()
    return views[action](request, guide, *args)



# Entries of the guide's lists (and its sources), edited in the editor one at a time, each saved on its own.

ENTRY_KINDS = {
    "sources": ("sources", "source"),
    "key_terms": ("key_terms", "key term"),
    "timeline": ("timeline_events", "event"),
    "major_parties": ("stakeholders", "party"),
    "questions": ("questions", "question"),
    "figures": ("figures", "figure"),
}


def entry_form_class(kind):
    from django import forms

    from guides import admin as guide_admin
    from guides.models import KeyTerm, Question, Stakeholder

    def markdown(name, rows=4):
        return {name: guide_admin.NormalisedTextField(widget=forms.Textarea(attrs={"rows": rows}), required=False)}

    if kind == "sources":
        return guide_admin.SourceForm
    if kind == "figures":
        from guides.models import Figure

        return type("FigureEntryForm", (forms.ModelForm,), {"Meta": type("Meta", (), {
            "model": Figure, "fields": ["order", "section", "image", "caption", "alt_text", "credit", "source"]})})
    if kind == "timeline":
        return type("EventEntryForm", (guide_admin.TimelineEventForm,), {
            **markdown("description"), "Meta": guide_admin.TimelineEventForm.Meta})
    meta = {"key_terms": (KeyTerm, ["order", "term", "acronym", "definition", "source"]),
            "major_parties": (Stakeholder, ["order", "name", "kind", "iso_code", "description"]),
            "questions": (Question, ["order", "kind", "text"])}[kind]
    body = {"key_terms": "definition", "major_parties": "description", "questions": "text"}[kind]
    return type(f"{kind}EntryForm", (forms.ModelForm,), {
        **markdown(body), "Meta": type("Meta", (), {"model": meta[0], "fields": meta[1]})})


def _form(kind, guide, *args, **kwargs):
    form = entry_form_class(kind)(*args, **kwargs)
    if "source" in form.fields:
        form.fields["source"].queryset = guide.sources.all()
    if "section" in form.fields:  # a figure is shown after one of this guide's parts
        form.fields["section"].queryset = guide.sections.all()
    return form


def _values(form):
    """What the form shows for its instance (dates as written), as plain strings."""
    values = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        values[name] = "" if value is None else (value if isinstance(value, bool) else str(value))
    return values


def entry_schema(kind, guide):
    from django import forms

    form = _form(kind, guide)
    schema = []
    for name, field in form.fields.items():
        widget = field.widget
        kind_of = ("checkbox" if isinstance(widget, forms.CheckboxInput) else "file" if isinstance(field, forms.FileField)
                   else "select" if hasattr(field, "choices")
                   else "textarea" if isinstance(widget, forms.Textarea) else "text")
        choices = [[str(v.value if hasattr(v, "value") else v), str(label)] for v, label in field.choices] \
            if kind_of == "select" else []
        initial = field.initial() if callable(field.initial) else field.initial
        schema.append({"name": name, "label": str(field.label or name).capitalize(), "type": kind_of,
                       "choices": choices, "help": str(field.help_text or ""),
                       "initial": initial if isinstance(initial, bool) else "" if initial is None else str(initial)})
    return schema


def entries_of(kind, guide):
    related, _ = ENTRY_KINDS[kind]
    return [{"pk": obj.pk, "values": _values(_form(kind, guide, instance=obj))}
            for obj in getattr(guide, related).all()]


def entries_data(guide):
    return {kind: {"label": label, "schema": entry_schema(kind, guide), "entries": entries_of(kind, guide)}
            for kind, (_, label) in ENTRY_KINDS.items()}


@require_POST
def entry_save(request, guide, kind, pk=None):
    from guides.services import guide_content_save

    if kind not in ENTRY_KINDS:
        raise Http404("No such list.")
    related, _ = ENTRY_KINDS[kind]
    try:
        data, files = _entry_body(request)
        values = data.get("values")
        original = data.get("original")
        if not isinstance(values, dict) or (pk is not None and not isinstance(original, dict)):
            raise ValidationError("The editor sent something unexpected; reload the page.")
        saved = {}

        def change():
            instance = None
            if pk is not None:
                instance = getattr(guide, related).filter(pk=pk).first()
                if instance is None:
                    raise ValidationError("This entry was deleted by someone else.")
                current = _values(_form(kind, guide, instance=instance))
                if {k: str(v) for k, v in current.items()} != {k: str(original.get(k, "")) for k in current}:
                    raise PartConflict("Someone changed this entry after you opened it. Your text is kept here, "
                                       "not saved: compare it with theirs, then keep yours or take theirs.", current)
            form = _form(kind, guide, {k: v for k, v in values.items() if v is not False}, files, instance=instance)
            if not form.is_valid():
                raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
            obj = form.save(commit=False)
            obj.guide = guide
            obj.full_clean()
            obj.save()
            saved["obj"] = obj

        guide_content_save(guide=guide, by=request.user, changes=change)
    except ValidationError as error:
        return _error(error)
    obj = saved["obj"]
    guide.refresh_from_db(fields=["revision"])
    body = {"entry": {"pk": obj.pk, "values": _values(_form(kind, guide, instance=obj))}, "revision": guide.revision}
    if kind == "sources":
        body["sources"] = [{"key": s.key, "title": s.title, "pk": s.pk} for s in guide.sources.order_by("key")]
    return JsonResponse(body)


def _entry_body(request):
    """(data, files): JSON, or for a figure's image a multipart form whose "payload" field holds the same JSON
    (the image itself is bounded by FIGURE_MAX_BYTES and checked by the model's validators)."""
    if not request.content_type.startswith("multipart/"):
        return _body(request), None
    from django.conf import settings

    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.FIGURE_MAX_BYTES + MAX_PART_BYTES:
        raise ValidationError({"image": [f"Figures may be at most {settings.FIGURE_MAX_BYTES // 1024} KB."]})
    if len(request.FILES) > 1 or set(request.FILES) - {"image"}:
        raise ValidationError("Send one image at a time.")
    try:
        data = json.loads(request.POST.get("payload") or "{}")
    except ValueError:
        raise ValidationError("The editor sent something that is not JSON; reload the page.") from None
    if not isinstance(data, dict):
        raise ValidationError("The editor sent something unexpected; reload the page.")
    return data, request.FILES


@require_POST
def entry_delete(request, guide, kind, pk):
    from guides.services import guide_content_save

    if kind not in ENTRY_KINDS:
        raise Http404("No such list.")
    related, _ = ENTRY_KINDS[kind]

    def change():
        if not getattr(guide, related).filter(pk=pk).delete()[0]:
            raise ValidationError("This entry was already deleted.")

    try:
        guide_content_save(guide=guide, by=request.user, changes=change)
    except ValidationError as error:
        return _error(error)
    guide.refresh_from_db(fields=["revision"])
    return JsonResponse({"revision": guide.revision})
