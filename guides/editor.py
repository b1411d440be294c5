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
            "counts": {"key_terms": guide.key_terms.count(), "major_parties": guide.stakeholders.count(),
                       "timeline": guide.timeline_events.count(), "questions": guide.questions.count()},
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
    except PartConflict as conflict:
        return JsonResponse({"error": conflict.messages[0], "conflict": True, "current": conflict.current}, status=409)
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


def dispatch(model_admin, request, object_id, action, pk=None):
    guide = model_admin._editable(request, object_id)
    if action == "page":
        return editor_page(model_admin, request, guide)
    views = {"save": part_save, "add": part_add, "reorder": parts_reorder, "delete": part_delete, "preview": preview}
    if action not in views:
        raise Http404("No such editor action.")
    args = (pk,) if pk is not None else ()
    return views[action](request, guide, *args)

