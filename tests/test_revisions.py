"""Stored revisions: one writer, publish on purpose, review and release, what changed, emails, history."""

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delegates.models import Annotation, DelegateProfile
from delegates.services import annotation_create, guide_update_emails_send
from guides import revisions
from guides.models import GuidePublication, GuideRevision, KeyTerm, Section, Source
from guides.services import (
    guide_content_save,
    guide_publish,
    guide_return,
    guide_revision_restore,
    guide_submit_for_review,
)
from tests.conftest import edit_guide, make_delegate


@pytest.fixture
def published(world):
    guide = world["guide_a"]
    guide_publish(guide=guide, by=world["chair_a"], note="First release.")
    return guide


@pytest.fixture
def delegate(world):
    return make_delegate("dana", world["conference"], world["committee_a"], "NG")


def body(guide):
    return guide.sections.get().body


def set_body(guide, text, by=None):
    return edit_guide(guide, lambda: guide.sections.update(body=text), by=by)


def test_a_content_change_stores_the_next_revision_with_source_and_rendering(world):
    guide = world["guide_a"]
    revision = set_body(guide, "New text [@src-a].", by=world["chair_a"])
    assert (revision.number, revision.author, guide.revision) == (3, world["chair_a"], 3)
    assert revision.source["sections"][0]["body"] == "New text [@src-a]."
    assert revisions.rendered(revision).sections[0].text == "New text 1.\n"
    assert revision.size == len(json.dumps(revision.source)) + len(json.dumps(revision.rendered))
    assert list(guide.revisions.values_list("number", flat=True)) == [3, 2, 1]


def test_a_save_that_changes_nothing_stores_no_revision(world):
    guide = world["guide_a"]
    assert edit_guide(guide, lambda: guide.sections.update(body="Text A [@src-a]  \r\n")) is None
    assert (guide.revision, guide.revisions.count()) == (2, 2)


def test_revisions_are_never_changed(world):
    revision = revisions.working_revision(world["guide_a"])
    revision.source = {}
    with pytest.raises(ValueError, match="never changed"):
        revision.save()


def test_bad_content_from_any_writer_is_refused_whole_and_changes_nothing(world):
    guide = world["guide_a"]

    def bad():
        guide.sections.update(body="Cites [@nowhere].")
        Source.objects.create(guide=guide, key="new", title="New")

    with pytest.raises(ValidationError) as error:
        guide_content_save(guide=guide, by=None, changes=bad)
    assert error.value.messages == [
        "Section “Intro A”: Unknown source key “nowhere”: add a source with that key below, or correct the citation."]
    assert (body(guide), guide.sources.count(), guide.revisions.count()) == ("Text A [@src-a]", 1, 2)


def test_a_save_started_from_an_older_revision_is_refused(world):
    guide = world["guide_a"]
    set_body(guide, "Co-chair's text [@src-a].")
    with pytest.raises(ValidationError, match="after you opened revision 2"):
        guide_content_save(guide=guide, by=None, base_revision=2, changes=lambda: guide.sections.update(body="Mine"))
    assert body(guide) == "Co-chair's text [@src-a]."


def test_delegates_read_the_published_revision_not_the_working_copy(client, published, delegate):
    set_body(published, "Half-finished edit [@src-a].")
    client.force_login(delegate)
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Text A" in page and "Half-finished" not in page
    assert client.get(published.get_absolute_url() + "?preview=working").content.decode().count("Half-finished") == 0


def test_chairs_see_what_delegates_read_and_preview_the_working_copy(client, published, world):
    set_body(published, "Half-finished edit [@src-a].")
    client.force_login(world["chair_a"])
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Delegates read this revision (2)." in page and "Half-finished" not in page
    preview = client.get(published.get_absolute_url() + "?preview=working").content.decode()
    assert "Working copy (revision 3) — delegates read revision 2 until you publish." in preview
    assert "Half-finished" in preview
    publish_page = client.get(reverse("admin:guides_studyguide_publish", args=[published.pk])).content.decode()
    assert '<h3>Intro A <small>(changed)</small></h3>' in publish_page
    assert '<p class="diff"><del>Text A 1</del><ins>Half-finished edit 1.</ins><br></p>' in publish_page


def test_publish_with_a_note_makes_an_update_delegates_see_with_what_changed(client, published, delegate, world):
    client.force_login(delegate)
    client.get(published.get_absolute_url())  # reads revision 2
    set_body(published, "Text B replaces it [@src-a].")
    guide_publish(guide=published, by=world["chair_a"], note="Corrected the introduction.")
    response = client.get(published.get_absolute_url())
    page = response.content.decode()
    update = response.context["update"]
    assert (update["since"], [p.note for p in update["publications"]]) == (2, ["Corrected the introduction."])
    assert [(c["title"], c["state"]) for c in update["changed"]] == [("Intro A", "changed")]
    assert "Updated on" in page and "Corrected the introduction." in page
    # The banner shows once: the delegate has now read revision 3.
    again = client.get(published.get_absolute_url()).content.decode()
    assert "Updated on" not in again and 'class="update-notice"' not in again and "Text B replaces it" in again
    changes = client.get(reverse("guide_changes", args=["demo", "ga1", published.pk]) + "?since=2")
    assert changes.context["changes"][0]["diff"] == [(0, "Text "), (-1, "A 1"), (1, "B replaces it 1."), (0, "\n")]
    assert "Text <del>A 1</del><ins>B replaces it 1.</ins>" in changes.content.decode()
    # The errata log lists every published update.
    assert [p.note for p in response.context["publications"]] == ["Corrected the introduction.", "First release."]


def test_word_diff_is_word_level():
    assert revisions.word_diff("The cat sat on the mat.", "The dog sat on the mat!") == [
        (0, "The "), (-1, "cat"), (1, "dog"), (0, " sat on the "), (-1, "mat."), (1, "mat!")]


def test_annotations_reanchor_on_publish_not_on_working_copy_saves(published, delegate, world):
    guide = published
    set_body(guide, "Some text A [@src-a]")
    guide_publish(guide=guide)
    section = revisions.rendered(guide.published_revision).sections[0]
    start = section.text.index("text A")
    annotation = annotation_create(user=delegate, guide=guide, section_id=section.pk, start=start, end=start + 6,
                                   exact="text A")
    set_body(guide, "Intro. Some text A [@src-a]")
    annotation.refresh_from_db()
    assert (annotation.current_start, annotation.anchored_revision) == (5, 3)
    guide_publish(guide=guide, note="Intro added.")
    annotation.refresh_from_db()
    assert (annotation.current_start, annotation.anchored_revision, annotation.status) == (12, 4, "anchored")


def test_a_changed_note_links_to_the_change_view(client, published, delegate):
    section = revisions.rendered(published.published_revision).sections[0]
    annotation_create(user=delegate, guide=published, section_id=section.pk, start=0, end=6, exact="Text A")
    set_body(published, "Texts A [@src-a]")
    guide_publish(guide=published)
    assert Annotation.objects.get().status == "changed"
    client.force_login(delegate)
    page = client.get(reverse("my_notes")).content.decode()
    assert f'href="{published.get_absolute_url()}changes/?since=2#section-{section.pk}">See what changed</a>' in page


def test_publishing_nothing_new_is_refused(published):
    with pytest.raises(ValidationError, match="nothing new to publish"):
        guide_publish(guide=published, note="again")
    assert GuidePublication.objects.filter(guide=published).count() == 1


def test_a_publish_that_fails_half_way_publishes_nothing(published, delegate, monkeypatch):
    from mlmun import hooks

    set_body(published, "Newer [@src-a]")

    def reanchor_fails(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setitem(hooks._registry, hooks.GUIDE_PUBLISHED, [reanchor_fails])
    with pytest.raises(RuntimeError):
        guide_publish(guide=published, note="Will fail")
    published.refresh_from_db()
    assert (published.published_revision.number, published.publications.count()) == (2, 1)


def test_guides_needing_approval_are_submitted_approved_or_returned(client, world):
    conference, guide = world["conference"], world["guide_a"]
    conference.guides_need_approval = True
    conference.save()
    with pytest.raises(ValidationError, match="need the secretariat's approval"):
        guide_publish(guide=guide, by=world["chair_a"])
    guide_submit_for_review(guide=guide, by=world["chair_a"], note="Ready.")
    with pytest.raises(ValidationError, match="Say what the chairs should change"):
        guide_return(guide=guide, by=world["organizer"], comment="  ")
    guide_return(guide=guide, by=world["organizer"], comment="Add the 2024 report.")
    client.force_login(world["chair_a"])
    page = client.get(reverse("admin:guides_studyguide_publish", args=[guide.pk])).content.decode()
    assert "Returned by the secretariat: “Add the 2024 report.”" in page
    assert 'value="submit"' in page and 'value="publish"' not in page
    guide_submit_for_review(guide=guide, by=world["chair_a"], note="Added it.")
    publication = guide_publish(guide=guide, by=world["organizer"], note="Added it.")
    guide.refresh_from_db()
    assert (guide.status, guide.review_state, publication.published_by) == ("published", "none", world["organizer"])


def test_before_the_release_time_delegates_see_that_the_guide_is_coming(client, published, delegate, world):
    release = timezone.now() + datetime.timedelta(days=3)
    conference = world["conference"]
    conference.guides_release_at = release
    conference.save()
    client.force_login(delegate)
    response = client.get(published.get_absolute_url())
    page = response.content.decode()
    assert "will be released on" in page and "Text A" not in page
    assert client.get(reverse("guide_pdf", args=["demo", "ga1", published.pk])).status_code == 404
    assert client.get(reverse("api_guide_annotations", args=[published.pk])).status_code == 404
    client.force_login(world["chair_a"])
    assert "Text A" in client.get(published.get_absolute_url()).content.decode()
    published.release_at = timezone.now() - datetime.timedelta(minutes=1)  # the guide's own time wins
    published.save()
    client.force_login(delegate)
    assert "Text A" in client.get(published.get_absolute_url()).content.decode()


def test_committee_delegates_get_one_email_per_update_unless_they_opt_out(client, published, delegate, world,
                                                                        django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    opted_out = make_delegate("quiet", world["conference"], world["committee_a"], "FR")
    client.force_login(opted_out)
    profile = DelegateProfile.objects.get(user=opted_out)
    client.post(reverse("profile"), {"profile": profile.pk})  # unticked box
    assert DelegateProfile.objects.get(pk=profile.pk).email_updates is False
    make_delegate("other-committee", world["conference"], world["committee_b"], "BR")
    set_body(published, "Update [@src-a]")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guide_publish(guide=published, note="Corrected the 2015 entry.")
    assert [m.to for m in mail.outbox] == [[delegate.email]]
    message = mail.outbox[0]
    assert message.subject == "GA1: the study guide was updated"
    assert "Corrected the 2015 entry." in message.body
    assert f"{published.get_absolute_url()}changes/?since=2" in message.body


def test_update_emails_with_the_mail_server_down_raise_for_the_worker_to_retry(published, delegate, settings):
    set_body(published, "Update [@src-a]")
    publication = guide_publish(guide=published, note="n")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(OSError):
        guide_update_emails_send(publication=publication)
    # The publication itself stands: delegates read the update whatever happens to the emails.
    published.refresh_from_db()
    assert published.published_revision == publication.revision


def test_history_and_restore_as_working_copy(client, published, world):
    set_body(published, "A mistake [@src-a]")
    client.force_login(world["chair_a"])
    page = client.get(reverse("admin:guides_studyguide_revisions", args=[published.pk])).content.decode()
    assert "3 (working copy)" in page and "2 (delegates read this)" in page and "First release." in page
    old = client.get(published.get_absolute_url() + "?revision=2").content.decode()
    assert "Text A" in old and "A mistake" not in old
    client.post(reverse("admin:guides_studyguide_restore", args=[published.pk, 2]))
    published.refresh_from_db()
    assert (body(published), published.revision, published.published_revision.number) == ("Text A [@src-a]", 4, 2)
    with pytest.raises(ValidationError, match="no revision 99"):
        guide_revision_restore(guide=published, number=99, by=None)


def test_restore_brings_back_deleted_parts_with_their_keys(world):
    guide = world["guide_a"]
    edit_guide(guide, lambda: KeyTerm.objects.create(guide=guide, term="Coercion", definition="Force."))
    term = guide.key_terms.get()
    edit_guide(guide, lambda: guide.key_terms.all().delete())
    guide_revision_restore(guide=guide, number=3, by=None)
    assert list(guide.key_terms.values_list("pk", "term")) == [(term.pk, "Coercion")]
    assert guide.sections.get().pk == revisions.working_revision(guide).source["sections"][0]["pk"]


def test_a_guide_over_the_size_limit_is_refused_with_the_limit(world, monkeypatch):
    monkeypatch.setattr(revisions, "MAX_REVISION_BYTES", 5000)
    guide = world["guide_a"]
    with pytest.raises(ValidationError, match="a guide may be at most 0 MB"):
        set_body(guide, "word " * 2000 + "[@src-a]")
    assert body(guide) == "Text A [@src-a]"


def test_old_unpublished_revisions_are_pruned_published_ones_kept(published, monkeypatch):
    monkeypatch.setattr(revisions, "KEEP_UNPUBLISHED", 3)
    for n in range(6):
        set_body(published, f"Draft {n} [@src-a]")
    assert list(published.revisions.values_list("number", flat=True)) == [8, 7, 6, 2]


def test_reader_queries_do_not_grow_with_the_number_of_updates(client, published, delegate):
    client.force_login(delegate)
    client.get(published.get_absolute_url())

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(published.get_absolute_url())
        return len(queries)

    before = count()
    for n in range(5):
        set_body(published, f"Update {n} [@src-a]")
        guide_publish(guide=published)
        client.get(published.get_absolute_url())
    assert count() == before


def test_revision_one_for_existing_content_is_what_the_migration_stores(world):
    """The migrations store the current content as revision 1: 0005 makes the row, 0016 fills in its content."""
    import importlib

    from django.apps import apps

    guide = world["guide_a"]
    GuideRevision.objects.all().delete()
    Section.objects.filter(guide=guide).update(body="Legacy text [@src-a]")
    importlib.import_module("guides.migrations.0005_guide_revisions").store_current_content_as_revision_one(apps, None)
    assert GuideRevision.objects.get(guide=guide).source == {}
    importlib.import_module("guides.migrations.0016_revision_one_for_older_guides").fill_in_revision_one(apps, None)
    guide.refresh_from_db()
    revision = revisions.working_revision(guide)
    assert (guide.revision, revision.source["sections"][0]["body"]) == (1, "Legacy text [@src-a]")
    assert revisions.rendered(revision).sections[0].text == "Legacy text 1\n"


def test_long_unchanged_text_is_shortened_around_a_change():
    long = "word " * 200
    diff = revisions.revision_diff(
        _rendered_with_text(long + "old " + long), _rendered_with_text(long + "new " + long))[0]["diff"]
    assert [op for op, _ in diff] == [0, -1, 1, 0]
    assert diff[0][1].startswith("… ") and len(diff[0][1]) == 2 + revisions.CONTEXT
    assert diff[3][1].endswith(" …") and len(diff[3][1]) == revisions.CONTEXT + 2


def _rendered_with_text(text):
    from guides.rendering import RenderedGuide, RenderedSection

    section = RenderedSection(pk=1, anchor="section-1", kind="other", heading="S", html=f"<p>{text}</p>", text=text)
    return RenderedGuide(guide_pk=1, revision=1, sections=[section], stakeholders=[], key_terms=[], timeline=[],
                         questions=[], figures=[], footnotes=[], bibliography=[], uncited=[])


def test_notes_and_works_cited_read_back_from_a_revision_as_html_not_escaped_text(client, world, delegate):
    from guides.models import Source

    guide = world["guide_a"]
    edit_guide(guide, lambda: Source.objects.filter(guide=guide).update(
        title="Global Report", container="UNODC Reports", url="https://www.unodc.org/report"))
    guide_publish(guide=guide)
    client.force_login(delegate)
    page = client.get(guide.get_absolute_url()).content.decode()
    notes = page[page.index('<ol class="footnotes">'):page.index("</ol>", page.index('<ol class="footnotes">'))]
    cited = page[page.index('<ul class="bibliography">'):page.index("</ul>", page.index('<ul class="bibliography">'))]
    for part in (notes, cited):
        assert "<i>UNODC Reports</i>" in part and "&lt;" not in part
        assert '<a href="https://www.unodc.org/report">' in part


def _highlights(guide, users, per_user):
    section = revisions.rendered(guide.published_revision).sections[0]
    start = section.text.index("ext A")
    return [annotation_create(user=user, guide=guide, section_id=section.pk, start=start, end=start + 5,
                              exact="ext A") for user in users for _ in range(per_user)]


def test_a_note_made_while_a_chair_published_is_re_anchored_when_its_reader_opens_the_guide(client, published,
                                                                                             delegate):
    set_body(published, "Some text A [@src-a]")
    guide_publish(guide=published)
    [annotation] = _highlights(published, [delegate], 1)
    set_body(published, "Intro. Some text A [@src-a]")
    guide_publish(guide=published, note="Intro added.")
    # What a delegate's save that committed during the publish leaves: anchored on the revision before.
    Annotation.objects.filter(pk=annotation.pk).update(anchored_revision=3, current_start=6)
    client.force_login(delegate)
    data = client.get(reverse("api_guide_annotations", args=[published.pk])).json()
    assert [(a["start"], a["status"]) for a in data["annotations"]] == [(13, "anchored")]
    annotation.refresh_from_db()
    assert (annotation.current_start, annotation.anchored_revision) == (13, 4)


def test_publishing_a_guide_with_many_notes_re_anchors_them_in_the_background(client, published, delegate, world,
                                                                            django_capture_on_commit_callbacks):
    from delegates.services import SYNC_REANCHOR
    from delegates.tasks import reanchor_annotations

    set_body(published, "Some text A [@src-a]")
    guide_publish(guide=published)
    other = make_delegate("other", world["conference"], world["committee_a"], "FR")
    _highlights(published, [delegate, other], SYNC_REANCHOR // 2 + 1)
    set_body(published, "Intro. Some text A [@src-a]")
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guide_publish(guide=published, note="Intro added.")
    # The publish wrote none of them (it returns at once) and queued the job.
    assert set(Annotation.objects.values_list("anchored_revision", "current_start")) == {(3, 6)}
    queued = [(r.task.name, r.args) for r in default_task_backend.results if r.task.name == "reanchor_annotations"]
    assert queued == [("reanchor_annotations", [published.pk, 4])]
    # Meanwhile a delegate who opens the guide sees their own notes in place.
    client.force_login(delegate)
    data = client.get(reverse("api_guide_annotations", args=[published.pk])).json()
    assert {a["start"] for a in data["annotations"]} == {13}
    assert Annotation.objects.filter(user=other, anchored_revision=3).count() == SYNC_REANCHOR // 2 + 1
    # The job brings everyone else's up to date (and a second run finds nothing left to do).
    assert reanchor_annotations.call(published.pk, 4) == SYNC_REANCHOR // 2 + 1
    assert set(Annotation.objects.values_list("anchored_revision", "current_start")) == {(4, 13)}
    assert reanchor_annotations.call(published.pk, 4) == 0


def test_a_re_anchoring_job_overtaken_by_a_newer_publish_stops(published, delegate):
    from delegates.tasks import reanchor_annotations

    _highlights(published, [delegate], 2)
    set_body(published, "Text A, updated [@src-a]")
    guide_publish(guide=published)  # revision 3
    assert reanchor_annotations.call(published.pk, 2) == 0
