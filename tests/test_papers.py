"""Position papers: the outline from the guide and the delegate's notes, fixed versions, the deadline and its
late rule, the chairs' rubric scores and comments, and the organizers' CSV and PDF."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from delegates import papers
from delegates.models import PaperDeadline, PaperScore, PaperVersion, PositionPaper, RubricCriterion
from delegates.services import annotation_create
from guides.models import Question, Section
from guides.services import guide_publish
from tests.conftest import edit_guide, make_delegate

SITE = "http://testserver"


@pytest.fixture
def setting(world):
    guide = world["guide_a"]

    def write():
        Section.objects.filter(guide=guide).update(body="Water scarcity grows in the Sahel [@src-a]. Rivers dry.")
        Question.objects.create(guide=guide, kind="resolution", text="How should **aquifers** be shared?", order=1)
        Question.objects.create(guide=guide, kind="research", text="What does your country import?", order=1)

    edit_guide(guide, write)
    guide_publish(guide=guide)
    delegate = make_delegate("nia", world["conference"], world["committee_a"], "NG")
    section = guide.sections.get()
    evidence = annotation_create(user=delegate, guide=guide, section_id=section.pk, start=0, end=33,
                                 exact="Water scarcity grows in the Sahel", note="Use in the opening speech.",
                                 label="evidence")
    annotation_create(user=delegate, guide=guide, section_id=section.pk, start=37, end=48, exact="Rivers dry.",
                      note="We can offer irrigation know-how.", label="argument")
    annotation_create(user=delegate, guide=guide, section_id=section.pk, start=37, end=48, exact="Rivers dry.",
                      note="Ask about this.", label="question")
    for name, points in (("Research", 10), ("Policy", 5)):
        RubricCriterion.objects.create(conference=world["conference"], name=name, max_points=points,
                                       order=points)
    return {**world, "guide": guide, "delegate": delegate, "evidence": evidence}


def test_the_outline_holds_the_guides_questions_and_the_delegates_evidence_and_arguments(setting):
    guide, delegate = setting["guide"], setting["delegate"]
    other = make_delegate("ola", setting["conference"], setting["committee_a"], "FR")
    annotation_create(user=other, guide=guide, section_id=guide.sections.get().pk, start=0, end=5, exact="Water",
                      note="Not Nia's.", label="evidence")
    text = papers.outline(delegate, guide, papers.seat_for(delegate, guide).delegation, SITE)
    link = f"{SITE}{guide.get_absolute_url()}?note={setting['evidence'].pk}#section-{guide.sections.get().pk}"
    assert text.startswith("# Position paper of Nigeria\n\nGA1 Committee GA1 (GA1) · Topic A".replace(
        "GA1 Committee GA1", setting["committee_a"].name))
    assert "## Questions a resolution must answer\n\n### 1. How should aquifers be shared?" in text
    assert "## Research questions\n\n### 1. What does your country import?" in text
    assert f"## Evidence\n\n> Water scarcity grows in the Sahel\n> — [Intro A]({link})[@src-a]\n\nUse in the opening speech." in text
    assert "## Arguments for Nigeria\n\n> Rivers dry.\n" in text and "We can offer irrigation know-how." in text
    assert "Ask about this." not in text and "Not Nia's." not in text
    html = papers.render_paper(guide, text)
    assert 'href="' + link.replace("&", "&amp;") + '"' in html
    assert '<section class="paper-notes" aria-label="Notes"><h2>Notes</h2><ol><li id="fn-1" value="1">' in html
    assert "<i>Title of src-a</i>" in html


def test_a_paper_is_sanitised_through_the_content_pipeline(setting):
    html = papers.render_paper(setting["guide"], 'Hello <script>alert(1)</script> [x](javascript:alert(1)) [@nope]')
    assert "<script" not in html and "Hello &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "href" not in html  # a javascript: link stays text
    assert '<span class="cite-missing">[?nope]</span>' in html


def test_submitting_makes_fixed_versions_and_edits_make_the_next_one(setting):
    guide, delegate = setting["guide"], setting["delegate"]
    first = papers.paper_submit(user=delegate, guide=guide, draft="Nigeria stands for shared aquifers [@src-a].")
    assert (first.number, first.late) == (1, False)
    papers.paper_save(user=delegate, guide=guide, draft="A changed draft.")
    first.refresh_from_db()
    assert first.body == "Nigeria stands for shared aquifers [@src-a]." and "<sup" in first.html
    with pytest.raises(ValidationError, match="Version 1 already has exactly this text"):
        papers.paper_submit(user=delegate, guide=guide, draft="Nigeria stands for shared aquifers [@src-a].")
    second = papers.paper_submit(user=delegate, guide=guide, draft="A changed draft.")
    assert second.number == 2
    assert list(PaperVersion.objects.filter(paper__user=delegate).values_list("number", "body")) == [
        (2, "A changed draft."), (1, "Nigeria stands for shared aquifers [@src-a].")]
    second.body = "Rewritten after submitting."
    with pytest.raises(ValueError, match="A submitted version is fixed"):
        second.save()
    with pytest.raises(ValueError, match="A submitted version is fixed"):
        second.save(update_fields=["body"])
    second.refresh_from_db()
    assert second.body == "A changed draft."
    with pytest.raises(IntegrityError), transaction.atomic():  # two submits at once cannot share a number
        PaperVersion.objects.create(paper=second.paper, number=2, body="x", html="x", submitted_at=timezone.now())


@pytest.mark.parametrize("draft, message", [
    ("   \n", "Write your paper before you submit it."),
    ("x" * (papers.PAPER_MAX_CHARS + 1), re.escape("at most 60,000 characters (this one has 60,001).")),
])
def test_an_empty_or_too_long_paper_is_refused_and_nothing_changes(setting, draft, message):
    guide, delegate = setting["guide"], setting["delegate"]
    papers.paper_save(user=delegate, guide=guide, draft="Kept draft.")
    with pytest.raises(ValidationError, match=message):
        papers.paper_submit(user=delegate, guide=guide, draft=draft)
    assert PositionPaper.objects.get(user=delegate).draft == "Kept draft."
    assert PaperVersion.objects.count() == 0


def test_only_the_committees_delegates_write_papers(setting, client):
    guide = setting["guide"]
    elsewhere = make_delegate("bo", setting["conference"], setting["committee_b"], "FR")
    with pytest.raises(ValidationError, match="Only the committee's delegates"):
        papers.paper_save(user=elsewhere, guide=guide, draft="Mine.")
    assert PositionPaper.objects.count() == 0
    url = reverse("paper_edit", args=[setting["conference"].slug, setting["committee_a"].slug, guide.pk])
    for user in (elsewhere, setting["chair_a"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(setting["delegate"])
    page = client.get(url).content.decode()
    assert "Position paper of Nigeria" in page and "### 1. How should aquifers be shared?" in page


def test_after_the_deadline_a_paper_is_marked_late_or_refused_as_the_committee_says(setting):
    guide, delegate = setting["guide"], setting["delegate"]
    due = timezone.now() - datetime.timedelta(hours=1)
    deadline = PaperDeadline.objects.create(committee=setting["committee_a"], due_at=due)
    early = papers.paper_submit(user=delegate, guide=guide, draft="On time.", now=due - datetime.timedelta(minutes=1))
    late = papers.paper_submit(user=delegate, guide=guide, draft="Late.")
    assert (early.late, late.late) == (False, True)
    deadline.late = PaperDeadline.Late.REFUSE
    deadline.save()
    with pytest.raises(ValidationError, match="it does not take late papers"):
        papers.paper_submit(user=delegate, guide=guide, draft="Too late.")
    assert PaperVersion.objects.count() == 2 and PositionPaper.objects.get().draft == "Late."


def test_chairs_score_comment_and_return_and_only_then_the_delegate_sees_it(setting, client):
    guide, delegate, conference = setting["guide"], setting["delegate"], setting["conference"]
    version = papers.paper_submit(user=delegate, guide=guide, draft="Paper.")
    research, policy = RubricCriterion.objects.filter(conference=conference).order_by("-max_points")
    args = [conference.slug, setting["committee_a"].slug, guide.pk]
    review = reverse("paper_review", args=[*args, version.pk])
    client.force_login(setting["chair_b"])  # chairs another committee
    assert client.get(review).status_code == 404 and client.get(reverse("papers_inbox", args=args)).status_code == 404
    client.force_login(setting["chair_a"])
    inbox = client.get(reverse("papers_inbox", args=args)).content.decode()
    assert "Nigeria" in inbox and "To review" in inbox
    bad = client.post(review, {f"score-{research.pk}": "11", f"score-{policy.pk}": "-1", "comments": "Good.",
                               "action": "return"})
    assert bad.status_code == 400
    assert [str(m) for m in bad.context["messages"]] == [
        "“Policy” takes a whole number from 0 to 5, not “-1”.", "“Research” takes a whole number from 0 to 10, not “11”."]
    missing = client.post(review, {f"score-{research.pk}": "7", "comments": "Good.", "action": "return"})
    assert "Score “Policy” before returning the paper." in [str(m) for m in missing.context["messages"]]
    assert PaperScore.objects.count() == 0 and PaperVersion.objects.get().comments == ""
    client.post(review, {f"score-{research.pk}": "7", "comments": "Cite more.", "action": "save"})
    client.force_login(delegate)
    mine = client.get(reverse("paper_edit", args=args)).content.decode()
    assert "with the chairs" in mine and "Cite more." not in mine
    client.force_login(setting["chair_a"])
    client.post(review, {f"score-{research.pk}": "7", f"score-{policy.pk}": "4", "comments": "Cite more.",
                         "action": "return"})
    version.refresh_from_db()
    assert (version.total, version.returned_by, version.comments) == (11, setting["chair_a"], "Cite more.")
    client.force_login(delegate)
    mine = client.get(reverse("paper_edit", args=args)).content.decode()
    assert "<strong>11</strong> of 15" in mine and "Cite more." in mine and "7 of 10" in mine
    from delegates.models import Notification

    told = Notification.objects.get(user=delegate)
    assert (told.text, told.url) == ("The chairs returned version 1 of your position paper on “Topic A”: 11 of 15.",
                                     reverse("paper_edit", args=args) + "#version-1")
    assert told.text in client.get(reverse("home")).content.decode()


def test_the_rubric_is_checked_whole_and_keeps_scores_by_name(setting):
    conference = setting["conference"]
    version = papers.paper_submit(user=setting["delegate"], guide=setting["guide"], draft="Paper.")
    research = RubricCriterion.objects.get(conference=conference, name="Research")
    papers.paper_review(version=version, by=setting["chair_a"], points={str(research.pk): "8"}, comments="")
    with pytest.raises(ValidationError) as error:
        papers.rubric_save(conference=conference, text="Research | 10\nDiplomacy\nResearch | 5\nStyle | 0")
    assert error.value.messages == [
        "Line 2: write “name | points”, for example “Research | 10”.", "Line 3: “Research” is already in the rubric.",
        "Line 4: “Style” needs a whole number of points from 1 to 100, not “0”."]
    assert papers.rubric_text(conference) == "Policy | 5\nResearch | 10"
    papers.rubric_save(conference=conference, text="research | 20 | Sources beyond the guide\nSpeech | 5")
    assert papers.rubric_text(conference) == "research | 20 | Sources beyond the guide\nSpeech | 5"
    assert list(PaperScore.objects.values_list("criterion__name", "points")) == [("research", 8)]


def test_organizers_export_scores_as_formula_safe_csv_and_papers_as_one_pdf(setting, client,
                                                                           django_capture_on_commit_callbacks):
    import pypdf

    delegate, conference = setting["delegate"], setting["conference"]
    delegate.first_name, delegate.last_name = "=HYPERLINK(\"http://evil\")", "Nia"
    delegate.save()
    version = papers.paper_submit(user=delegate, guide=setting["guide"], draft="# Nigeria's position\n\nShare them.")
    research, policy = RubricCriterion.objects.filter(conference=conference).order_by("-max_points")
    papers.paper_review(version=version, by=setting["chair_a"], points={str(research.pk): "9", str(policy.pk): "3"},
                        comments="+1 strong", give_back=True)
    client.force_login(setting["chair_a"])
    assert client.get(reverse("organizer_papers_csv", args=[conference.slug])).status_code == 404
    client.force_login(setting["organizer"])
    response = client.get(reverse("organizer_papers_csv", args=[conference.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["committee", "topic", "delegation", "delegate", "email", "version", "submitted", "late",
                       "Policy (of 5)", "Research (of 10)", "total", "out of 15", "returned", "comments"]
    assert rows[1][:4] == ["GA1", "Topic A", "Nigeria", "'=HYPERLINK(\"http://evil\") Nia"]
    assert rows[1][5] == "1" and rows[1][7:] == ["no", "3", "9", "12", "15", "yes", "'+1 strong"]
    from django_tasks import default_task_backend

    from delegates.models import DelegateJob
    from delegates.tasks import render_papers_pdf

    default_task_backend.clear()
    page_url = reverse("organizer_papers_pdf", args=[conference.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url)
    job = DelegateJob.objects.get(kind="papers_pdf")
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [("render_papers_pdf", [job.pk])]
    assert "Waiting to start" in client.get(page_url).content.decode()
    client.post(page_url)  # pressing again joins the PDF being made
    assert DelegateJob.objects.filter(kind="papers_pdf").count() == 1
    assert render_papers_pdf.call(job.pk) == "done"
    page = client.get(page_url).content.decode()
    download = reverse("organizer_papers_pdf_download", args=[conference.slug, job.pk])
    assert "Ready: 1 paper," in page and f'href="{download}"' in page
    pdf = client.get(download)
    assert pdf["Content-Type"] == "application/pdf"
    content = b"".join(pdf.streaming_content)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Nigeria's position" in text and "Share them." in text and "score 12" in text
    assert len(reader.pages) == 1  # the title and the first paper share its page
    client.force_login(setting["chair_a"])
    assert client.get(download).status_code == 404


def test_deadlines_are_checked_whole_on_the_organizers_page(setting, client):
    conference = setting["conference"]
    client.force_login(setting["organizer"])
    url = reverse("organizer_papers", args=[conference.slug])
    a, b = setting["committee_a"], setting["committee_b"]
    response = client.post(url, {"action": "deadlines", f"due-{a.pk}": "2027-02-01T18:00", f"late-{a.pk}": "refuse",
                                 f"due-{b.pk}": "next week", f"late-{b.pk}": "mark"})
    assert response.status_code == 400 and PaperDeadline.objects.count() == 0
    assert "GA2: “next week” is not a date and time." in [str(m) for m in response.context["messages"]]
    client.post(url, {"action": "deadlines", f"due-{a.pk}": "2027-02-01T18:00", f"late-{a.pk}": "refuse",
                      f"due-{b.pk}": "", f"late-{b.pk}": "mark"})
    deadline = PaperDeadline.objects.get()
    assert (deadline.committee, deadline.late, timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M")) == (
        a, "refuse", "2027-02-01 18:00")


def test_paper_pages_cost_the_same_with_1_or_6_papers(setting, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    guide, conference = setting["guide"], setting["conference"]
    args = [conference.slug, setting["committee_a"].slug, guide.pk]

    def counts():
        result = []
        for user, url in ((setting["delegate"], reverse("paper_edit", args=args)),
                          (setting["chair_a"], reverse("papers_inbox", args=args)),
                          (setting["organizer"], reverse("organizer_papers", args=[conference.slug])),
                          (setting["organizer"], reverse("organizer_papers_csv", args=[conference.slug]))):
            client.force_login(user)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    version = papers.paper_submit(user=setting["delegate"], guide=guide, draft="One.")
    criteria = {str(c.pk): "1" for c in RubricCriterion.objects.filter(conference=conference)}
    papers.paper_review(version=version, by=setting["chair_a"], points=criteria, comments="", give_back=True)
    few = counts()
    for n, code in enumerate(["FR", "BR", "JP", "KE", "CL"]):
        other = make_delegate(f"more-{n}", conference, setting["committee_a"], code)
        for draft in ("First.", "Second."):
            papers.paper_review(version=papers.paper_submit(user=other, guide=guide, draft=draft),
                                by=setting["chair_a"], points=criteria, comments="Fine.", give_back=True)
    assert counts() == few == [12, 8, 9, 8]


def test_a_papers_pdf_that_hits_a_full_disk_fails_cleanly_and_can_be_made_again(setting, client, monkeypatch):
    import os

    from django.core.files.storage import FileSystemStorage, default_storage

    from delegates.models import DelegateJob

    papers.paper_submit(user=setting["delegate"], guide=setting["guide"], draft="Paper.")
    real_save = FileSystemStorage._save

    def disk_full(storage, name, content):
        os.makedirs(os.path.dirname(storage.path(name)), exist_ok=True)
        with open(storage.path(name), "wb") as handle:
            handle.write(content.read()[:1024])  # what was written before the disk filled up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    job = papers.papers_pdf_start(user=setting["organizer"], conference=setting["conference"])
    job = papers.papers_pdf_run(job=job)
    assert (job.status, job.file_name, job.failures[0]["error"]) == (
        "failed", "", "OSError: [Errno 28] No space left on device")
    assert not default_storage.exists("papers") or default_storage.listdir("papers")[1] == []
    client.force_login(setting["organizer"])
    page = client.get(reverse("organizer_papers_pdf", args=[setting["conference"].slug])).content.decode()
    assert "The PDF could not be made: OSError: [Errno 28] No space left on device" in page
    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    again = papers.papers_pdf_run(job=papers.papers_pdf_start(user=setting["organizer"],
                                                              conference=setting["conference"]))
    assert again.status == "done" and DelegateJob.objects.filter(kind="papers_pdf").count() == 2
