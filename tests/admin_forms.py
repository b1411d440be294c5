"""Builds the POST data of a study guide's admin change page from what is stored, as a browser would send it."""

from guides.models import StudyGuide

INLINES = {
    "sections": ["order", "kind", "arrangement", "heading", "body"],
    "key_terms": ["order", "term", "acronym", "definition", "source"],
    "timeline_events": ["order", "date", "end_date", "title", "description", "source"],
    "stakeholders": ["order", "name", "kind", "iso_code", "description"],
    "sources": ["key", "kind", "authors", "title", "container", "publisher", "published_on",
                "url", "accessed_on", "un_symbol", "further_reading"],
    "questions": ["order", "kind", "text"],
    "figures": ["order", "section", "caption", "alt_text", "credit", "source"],
}


# Dates are shown (and sent back) as people write them, at the precision stored beside them.
PRECISION_OF = {"date": "precision", "end_date": "precision", "published_on": "published_precision"}


def _value(obj, name):
    from guides.models import format_date

    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) or ""
    value = getattr(obj, name)
    if value is not None and name in PRECISION_OF:
        return format_date(value, getattr(obj, PRECISION_OF[name]))
    return "" if value is None else str(value)


def guide_form_data(guide, extra=None, base_revision=None):
    """extra: {"sections": [{"heading": ...}, ...]} adds new rows; rows of existing objects come from the database."""
    guide = StudyGuide.objects.get(pk=guide.pk)
    data = {"base_revision": str(guide.revision if base_revision is None else base_revision), "_save": "Save"}
    extra = extra or {}
    for prefix, fields in INLINES.items():
        rows = list(getattr(guide, prefix).all())
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, obj in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(obj.pk)
            data[f"{prefix}-{index}-guide"] = str(guide.pk)
            for name in fields:
                data[f"{prefix}-{index}-{name}"] = _value(obj, name)
        for offset, row in enumerate(extra.get(prefix, [])):
            index = len(rows) + offset
            data[f"{prefix}-{index}-guide"] = str(guide.pk)
            model = getattr(guide, prefix).model
            for name in fields:
                # Like a browser, send the field's default where the test gives no value.
                default = model._meta.get_field(name).get_default()
                data[f"{prefix}-{index}-{name}"] = str(row.get(name, "" if default is None else default))
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + len(extra.get(prefix, [])))
    return data


def row_index(data, prefix, field, value):
    for key, current in data.items():
        if key.startswith(f"{prefix}-") and key.endswith(f"-{field}") and current == value:
            return int(key.split("-")[1])
    raise KeyError(value)
