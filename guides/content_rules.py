"""Rules a guide's content must follow, in one place: the admin's formsets ask them field by field, and
guides.services.guide_content_save checks the whole working copy with them before any revision is stored."""

from guides.citations import unknown_keys


def citation_error(text, known_keys):
    """The message for a Markdown text citing keys that no source of the guide has, or calling an explanatory
    footnote ([^label]) it does not define ("[^label]: …"), or None."""
    from guides.rendering import note_labels

    problems = []
    missing = unknown_keys([text or ""], known_keys)
    if missing:
        names = ", ".join(f"“{key}”" for key in missing)
        problems.append(f"Unknown source key {names}: add a source with that key below, or correct the citation.")
    called, defined = note_labels(text)
    undefined = [label for label in called if label not in defined]
    if undefined:
        label = undefined[0]
        problems.append(f"The footnote [^{label}] has no text: add a line “[^{label}]: …” to this text.")
    return " ".join(problems) or None


def duplicate_terms(terms):
    """[(index, message)] for terms defined twice, ignoring case (the database refuses them too)."""
    seen, errors = {}, []
    for index, term in enumerate(terms):
        folded = (term or "").strip().casefold()
        if not folded:
            continue
        if folded in seen:
            errors.append((index, f"“{term}” is already defined in this guide as “{seen[folded]}”."))
        else:
            seen[folded] = term
    return errors


def working_copy_errors(guide):
    """Every rule the guide's stored parts break, as messages naming the part (empty when all is well)."""
    known = set(guide.sources.values_list("key", flat=True))
    errors = []
    from guides.enums import LIST_KINDS, SectionKind

    kinds = list(guide.sections.filter(kind__in=LIST_KINDS).values_list("kind", flat=True))
    for kind in dict.fromkeys(kinds):
        if kinds.count(kind) > 1:
            errors.append(f"Only one part can hold the {SectionKind(kind).label.split(' (')[0].lower()}: "
                          f"{kinds.count(kind)} parts are of that kind.")
    for heading, body in guide.sections.values_list("heading", "body"):
        message = citation_error(body, known)
        if message:
            errors.append(f"Section “{heading}”: {message}")
    for name, description in guide.stakeholders.values_list("name", "description"):
        message = citation_error(description, known)
        if message:
            errors.append(f"Major party “{name}”: {message}")
    for term, definition in guide.key_terms.values_list("term", "definition"):
        message = citation_error(definition, known)
        if message:
            errors.append(f"Key term “{term}”: {message}")
    for description in guide.timeline_events.values_list("description", flat=True):
        message = citation_error(description, known)
        if message:
            errors.append(f"Timeline event “{description[:40]}”: {message}")
    for text in guide.questions.values_list("text", flat=True):
        message = citation_error(text, known)
        if message:
            errors.append(f"Question “{text[:40]}”: {message}")
    errors += [message for _, message in duplicate_terms(list(guide.key_terms.values_list("term", flat=True)))]
    return errors
