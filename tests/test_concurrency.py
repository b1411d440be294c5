"""Several people at once, on the database the suite runs on (SQLite by default, PostgreSQL in CI as well):
real threads, each with its own connection, committing real transactions."""

import threading

import pytest
from django.db import connection, connections

from delegates.models import Annotation
from delegates.services import annotation_create
from guides import revisions
from guides.models import GuideRevision
from guides.services import StaleRevision, guide_content_save, guide_publish
from tests.conftest import make_committee, make_conference, make_delegate, make_guide, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*jobs):
    """Runs each job in its own thread, started at the same moment; returns what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = ("ok", job())
        except Exception as error:  # noqa: BLE001 - what a thread raised is the result under test
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def guide():
    conference = make_conference("together")
    committee = make_committee(conference, "GA3", chairs=[make_user("co-chair-1"), make_user("co-chair-2")])
    guide = make_guide(committee, "Topic", sections=[("Introduction", "The first version of the text.")])
    guide_publish(guide=guide)
    return guide


def test_two_co_chairs_saving_at_once_one_wins_and_the_other_is_told(guide):
    chairs = list(guide.topic.committee.chairs.all())

    def save(chair, words):
        return lambda: guide_content_save(guide=guide, by=chair, base_revision=2,
                                          changes=lambda: guide.sections.update(body=words))

    results = run_together(save(chairs[0], "Version of the first chair."), save(chairs[1], "Version of the second."))
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    [error] = [value for kind, value in results if kind == "error"]
    assert isinstance(error, StaleRevision)
    assert "after you opened revision 2. Your changes were not saved" in error.messages[0]
    guide.refresh_from_db()
    assert (guide.revision, GuideRevision.objects.filter(guide=guide).count()) == (3, 3)
    [winner] = [value for kind, value in results if kind == "ok"]
    assert guide.sections.get().body == winner.source["sections"][0]["body"]


def test_chair_saves_succeed_while_delegates_write_notes(guide):
    delegates = [make_delegate(f"d{n}", guide.topic.committee.conference, guide.topic.committee, code)
                 for n, code in enumerate(["NG", "BR", "FR"])]
    section = revisions.rendered(guide.published_revision).sections[0]
    start = section.text.index("first")

    def notes(user):
        def write():
            for _ in range(15):
                annotation_create(user=user, guide=guide, section_id=section.pk, start=start, end=start + 5,
                                  exact="first", note="A note")
            return 15
        return write

    def chair_saves():
        for n in range(5):
            guide_content_save(guide=guide, by=None, changes=lambda n=n: guide.sections.update(
                body=f"The first version of the text, edit {n}."))
            guide_publish(guide=guide, note=f"Edit {n}")
        return 5

    results = run_together(chair_saves, *[notes(user) for user in delegates])
    assert results == [("ok", 5), ("ok", 15), ("ok", 15), ("ok", 15)]
    assert Annotation.objects.filter(guide=guide).count() == 45
    guide.refresh_from_db()
    assert guide.published_revision.number == 7
    # Notes made while the chairs published are brought onto the latest revision when their reader looks.
    from delegates.services import annotations_bring_up_to_date

    for user in delegates:
        annotations_bring_up_to_date(user=user, guides=[guide.pk])
    assert set(Annotation.objects.values_list("anchored_revision", "current_start", "status")) == {
        (7, start, "anchored")}


def test_the_database_is_configured_for_several_writers():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20000,)
            assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        else:  # the co-chair check relies on row locks seen by the next statement
            cursor.execute("SHOW transaction_isolation")
            assert cursor.fetchone() == ("read committed",)
