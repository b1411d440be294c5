"""Position papers: a delegate drafts one per guide from an outline of the guide's questions and their own
labelled notes, submits fixed versions before the committee's deadline, and the chairs score them against the
conference's rubric, comment and return them. The one way to write any of it is here."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from delegates.enums import AnchorStatus, AnnotationLabel
from delegates.models import (
    Annotation,
    DelegateProfile,
    PaperDeadline,
    PaperScore,
    PaperVersion,
    PositionPaper,
    RubricCriterion,
)

PAPER_MAX_CHARS = 60_000  # about 9,000 words: far past any conference's limit, well inside what a page shows
COMMENTS_MAX_CHARS = 10_000
RUBRIC_MAX_CRITERIA = 20


def seat_for(user, guide):
    """The user's seat in the guide's committee (with its delegation), or None: only its delegates write papers."""
    return (DelegateProfile.objects.filter(user=user, committee_id=guide.topic.committee_id)
            .select_related("delegation").order_by().first())


def _quote(text):
    return "\n".join("> " + line if line.strip() else ">" for line in " ".join(text.split()).splitlines() or [""])


def outline(user, guide, delegation, base_url):
    """The Markdown a new paper starts from: the guide's questions to answer, then the author's notes labelled
    evidence and argument, each quoting its passage with a link back and citing the passage's sources."""
    from guides import revisions
    from guides.enums import QuestionKind
    from guides.rendering import passage_footnotes, plain_text

    revision = guide.published_revision
    rendered = revisions.rendered(revision) if revision else None
    committee = guide.topic.committee
    lines = [f"# Position paper of {delegation.name}", "",
             f"{committee.name} ({committee.abbreviation}) · {guide.title}", ""]
    questions = rendered.questions if rendered else []
    for kind, title in ((QuestionKind.RESOLUTION, "Questions a resolution must answer"),
                        (QuestionKind.RESEARCH, "Research questions")):
        chosen = [q for q in questions if q["kind"] == kind]
        if chosen:
            lines += [f"## {title}", ""]
            for n, question in enumerate(chosen, 1):
                lines += [f"### {n}. {' '.join(plain_text(question['html']).split())}", "",
                          f"What {delegation.name} answers, and why.", ""]
    notes = (Annotation.objects.filter(user=user, guide=guide, label__in=[AnnotationLabel.EVIDENCE,
                                                                           AnnotationLabel.ARGUMENT])
             .exclude(status=AnchorStatus.ORPHANED).order_by("label", "current_order", "current_start", "pk"))
    url = base_url.rstrip("/") + guide.get_absolute_url()
    for label, title in ((AnnotationLabel.EVIDENCE, "Evidence"),
                         (AnnotationLabel.ARGUMENT, f"Arguments for {delegation.name}")):
        chosen = [a for a in notes if a.label == label]
        if not chosen:
            continue
        lines += [f"## {title}", ""]
        for note in chosen:
            anchor = note.current_part or note.current_section_id
            sources = passage_footnotes(rendered, anchor, note.current_start, note.current_end) if rendered else []
            cites = "".join(f"[@{s['key']}, {s['locator']}]" if s.get("locator") else f"[@{s['key']}]"
                            for s in sources if s.get("key"))
            lines += [_quote(note.current_text or note.quote_exact),
                      f"> — [{note.current_heading or note.section_heading}]"
                      f"({url}?note={note.pk}#{note.current_anchor}){cites}", ""]
            if note.note.strip():
                lines += [note.note.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_paper(guide, body):
    """The paper as sanitised HTML through the guides' one Markdown pipeline: [@key] cites the guide's sources,
    numbered as footnotes with their MLA entries at the end."""
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    from guides.rendering import note_text, render_markdown

    sources = {source.key: source for source in guide.sources.all()}
    env = {"footnotes": {}, "sources": sources}
    html = render_markdown(body, env)
    notes = sorted(((n["number"], key, locator) for (key, locator), n in env["footnotes"].items()
                    if key in sources))
    if not notes:
        return html
    items = format_html_join("", '<li id="fn-{}" value="{}">{}</li>',
                             ((number, number, note_text(sources[key], locator)) for number, key, locator in notes))
    return mark_safe(html + format_html('<section class="paper-notes" aria-label="Notes"><h2>Notes</h2>'
                                        '<ol>{}</ol></section>', items))


def _checked_draft(draft):
    draft = (draft or "").replace("\r\n", "\n")
    if len(draft) > PAPER_MAX_CHARS:
        raise ValidationError(f"A position paper may be at most {PAPER_MAX_CHARS:,} characters "
                              f"(this one has {len(draft):,}).")
    return draft


def _paper_for(user, guide):
    seat = seat_for(user, guide)
    if seat is None:
        raise ValidationError("Only the committee's delegates write position papers on its guides.")
    paper, _ = PositionPaper.objects.get_or_create(user=user, guide=guide, defaults={"delegation": seat.delegation})
    return PositionPaper.objects.select_for_update().get(pk=paper.pk), seat


@transaction.atomic
def paper_save(*, user, guide, draft):
    """Keeps the draft (checked whole first; nothing is written when it is refused)."""
    draft = _checked_draft(draft)
    paper, seat = _paper_for(user, guide)
    paper.draft, paper.delegation = draft, seat.delegation
    paper.save(update_fields=["draft", "delegation", "updated_at"])
    return paper


def deadline_of(guide):
    return PaperDeadline.objects.filter(committee_id=guide.topic.committee_id).first()


@transaction.atomic
def paper_submit(*, user, guide, draft, now=None):
    """Saves the draft and makes it a new submitted version, fixed from now on. After the committee's deadline it
    is marked late, or refused when the committee refuses late papers; an empty or unchanged paper is refused."""
    now = now or timezone.now()
    draft = _checked_draft(draft)
    if not draft.strip():
        raise ValidationError("Write your paper before you submit it.")
    deadline = deadline_of(guide)
    late = bool(deadline and now > deadline.due_at)
    if late and deadline.late == PaperDeadline.Late.REFUSE:
        due = timezone.localtime(deadline.due_at).strftime("%-d %B %Y, %H:%M")
        raise ValidationError(f"Papers for this committee were due on {due}; it does not take late papers. "
                              "Your draft is kept.")
    paper, seat = _paper_for(user, guide)
    last = paper.versions.order_by("-number").first()
    if last and last.body == draft:
        raise ValidationError(f"Version {last.number} already has exactly this text: change something first.")
    paper.draft, paper.delegation = draft, seat.delegation
    paper.save(update_fields=["draft", "delegation", "updated_at"])
    return PaperVersion.objects.create(paper=paper, number=(last.number + 1) if last else 1, body=draft,
                                       html=render_paper(guide, draft), submitted_at=now, late=late)


@transaction.atomic
def paper_review(*, version, by, points, comments, give_back=False, now=None):
    """Scores a version on each rubric line (points: {criterion pk: text}), with comments; give_back returns it
    to the delegate, who then sees both. Every line is checked before anything is written."""
    criteria = rubric(version.paper.guide.topic.committee.conference_id)
    comments = (comments or "").strip()
    errors, scores = [], {}
    if len(comments) > COMMENTS_MAX_CHARS:
        errors.append(f"Comments may be at most {COMMENTS_MAX_CHARS:,} characters (these have {len(comments):,}).")
    for criterion in criteria:
        given = str(points.get(str(criterion.pk)) or "").strip()
        if not given:
            if give_back:
                errors.append(f"Score “{criterion.name}” before returning the paper.")
            continue
        if not given.isdigit() or int(given) > criterion.max_points:
            errors.append(f"“{criterion.name}” takes a whole number from 0 to {criterion.max_points}, not “{given}”.")
            continue
        scores[criterion.pk] = int(given)
    if give_back and not criteria:
        errors.append("The conference has no rubric yet: its organizers set one on the Position papers page.")
    if errors:
        raise ValidationError(errors)
    PaperScore.objects.filter(version=version).exclude(criterion_id__in=scores).delete()
    for criterion_pk, value in scores.items():
        PaperScore.objects.update_or_create(version=version, criterion_id=criterion_pk, defaults={"points": value})
    version.comments = comments
    if give_back:
        version.returned_at, version.returned_by = now or timezone.now(), by
    version.save(update_fields=["comments", "returned_at", "returned_by"])
    if give_back:  # the delegate is told on their home page, with the score
        from django.urls import reverse

        from delegates.models import Notification

        paper, guide = version.paper, version.paper.guide
        committee = guide.topic.committee
        out_of = sum(c.max_points for c in criteria)
        Notification.objects.create(
            user=paper.user, url=reverse("paper_edit", args=[committee.conference.slug, committee.slug, guide.pk])
            + f"#version-{version.number}",
            text=(f"The chairs returned version {version.number} of your position paper on “{guide.title}”: "
                  f"{sum(scores.values())} of {out_of}.")[:300])
    return version


def parse_rubric(text):
    """Lines "Name | points | description (optional)" → [(name, points, description)], or every error at once."""
    rows, errors, seen = [], [], set()
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 2 or not parts[0]:
            errors.append(f"Line {n}: write “name | points”, for example “Research | 10”.")
            continue
        name, points, description = parts[0], parts[1], " | ".join(parts[2:])
        if not points.isdigit() or not 1 <= int(points) <= 100:
            errors.append(f"Line {n}: “{name}” needs a whole number of points from 1 to 100, not “{points}”.")
        elif len(name) > 120 or len(description) > 500:
            errors.append(f"Line {n}: a name may have 120 characters and a description 500.")
        elif name.lower() in seen:
            errors.append(f"Line {n}: “{name}” is already in the rubric.")
        else:
            seen.add(name.lower())
            rows.append((name, int(points), description))
    if len(rows) > RUBRIC_MAX_CRITERIA:
        errors.append(f"A rubric may have at most {RUBRIC_MAX_CRITERIA} lines.")
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def rubric_save(*, conference, text):
    """Replaces the conference's rubric; a line kept by name keeps the scores given on it."""
    rows = parse_rubric(text)
    existing = {c.name.lower(): c for c in RubricCriterion.objects.filter(conference=conference)}
    kept = set()
    for order, (name, points, description) in enumerate(rows):
        criterion = existing.get(name.lower()) or RubricCriterion(conference=conference)
        criterion.name, criterion.max_points, criterion.description, criterion.order = name, points, description, order
        criterion.save()
        kept.add(criterion.pk)
    RubricCriterion.objects.filter(conference=conference).exclude(pk__in=kept).delete()


def rubric_text(conference):
    return "\n".join(f"{c.name} | {c.max_points}" + (f" | {c.description}" if c.description else "")
                     for c in rubric(conference.pk))


@transaction.atomic
def deadlines_save(*, conference, values):
    """values: {committee pk: (due_at or None, late rule)}; checked whole, then written."""
    committees = {c.pk: c for c in conference.committees.all()}
    errors = []
    for pk, (_due, late) in values.items():
        if pk not in committees:
            errors.append("That committee is not part of this conference.")
        elif late not in PaperDeadline.Late.values:
            errors.append(f"{committees[pk].abbreviation}: choose whether late papers are marked or refused.")
    if errors:
        raise ValidationError(errors)
    for pk, (due_at, late) in values.items():
        if due_at is None:
            PaperDeadline.objects.filter(committee_id=pk).delete()
        else:
            PaperDeadline.objects.update_or_create(committee_id=pk, defaults={"due_at": due_at, "late": late})


def latest_versions(**where):
    """The newest submitted version of each paper (where: filters on PaperVersion), committee and delegation order,
    with scores, paper, guide and delegate loaded: two queries."""
    from django.db.models import OuterRef, Subquery

    newest = PaperVersion.objects.filter(paper=OuterRef("paper")).order_by("-number").values("number")[:1]
    return list(PaperVersion.objects.filter(**where, number=Subquery(newest))
                .select_related("paper__user", "paper__delegation", "paper__guide__topic__committee__conference")
                .prefetch_related("scores__criterion")
                .order_by("paper__guide__topic__committee__order", "paper__guide__topic__order",
                          "paper__delegation__iso_code", "paper__delegation__organisation", "paper__user__username"))


def rubric(conference_id):
    """The conference's rubric lines, in order."""
    return list(RubricCriterion.objects.filter(conference_id=conference_id))


def scores_csv(conference):
    """Every paper's newest version with its scores per rubric line, as CSV; a cell a spreadsheet would read as
    a formula (= + - @, tab) gets a leading apostrophe."""
    from delegates.roster import csv_cell

    criteria = rubric(conference.pk)
    out_of = sum(c.max_points for c in criteria)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["committee", "topic", "delegation", "delegate", "email", "version", "submitted", "late",
                     *[f"{c.name} (of {c.max_points})" for c in criteria], "total",
                     f"out of {out_of}", "returned", "comments"])
    for version in latest_versions(paper__guide__topic__committee__conference=conference):
        paper, user = version.paper, version.paper.user
        given = {s.criterion_id: s.points for s in version.scores.all()}
        writer.writerow([csv_cell(v) for v in (
            paper.guide.topic.committee.abbreviation, paper.guide.title, paper.delegation.name,
            user.get_full_name() or user.username, user.email, version.number,
            timezone.localtime(version.submitted_at).strftime("%Y-%m-%d %H:%M"), "yes" if version.late else "no",
            *[given.get(c.pk, "") for c in criteria], sum(given.values()) if given else "",
            out_of, "yes" if version.returned_at else "no", version.comments)])
    return out.getvalue()


def papers_pdf_start(*, user, conference):
    """Starts making the conference's papers PDF in the background, or returns the one being made."""
    from delegates.models import DelegateJob
    from delegates.services import pdf_job_start
    from delegates.tasks import render_papers_pdf

    return pdf_job_start(kind=DelegateJob.Kind.PAPERS_PDF, same={"conference": conference}, user=user,
                         conference=conference, task=render_papers_pdf,
                         total=lambda: len(latest_versions(paper__guide__topic__committee__conference=conference)))


def papers_pdf_run(*, job):
    """Renders the papers PDF into storage (delegates.tasks.render_papers_pdf); earlier ones are deleted."""
    from delegates.models import DelegateJob
    from delegates.services import pdf_job_run

    return pdf_job_run(job=job, make=lambda: papers_pdf(job.conference), folder="papers",
                       earlier=DelegateJob.objects.filter(kind=DelegateJob.Kind.PAPERS_PDF, conference=job.conference))


def papers_pdf(conference):
    """Every paper's newest version in one PDF, committee by committee, each from a new page (fetches nothing)."""
    from django.template.loader import render_to_string

    from guides.pdf import html_to_pdf

    versions = latest_versions(paper__guide__topic__committee__conference=conference)
    return html_to_pdf(render_to_string("delegates/papers_pdf.html", {"conference": conference, "versions": versions}))
