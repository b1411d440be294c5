"""A background worker killed with SIGKILL mid-task, on the real database: another worker finishes the work.

Real `manage.py db_worker` processes run against the test database (a file on SQLite, the test database on
PostgreSQL), with a short lease so the test takes seconds, not minutes.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from guides.enums import ExportStatus
from guides.models import ConferenceExport, WorkerHeartbeat
from guides.services import conference_export_start, guide_publish
from tests.conftest import make_committee, make_conference, make_guide, make_user
from tests.fault_tasks import hold_the_first_time

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(tmp_path, name):
    env = {**os.environ, "DATABASE_URL": database_url(), "WORKER_BEAT_SECONDS": "1", "WORKER_LEASE_SECONDS": "3",
           "MEDIA_ROOT": str(settings.MEDIA_ROOT), "DJANGO_SETTINGS_MODULE": "mlmun.settings"}
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed by stop()
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay",
                               "--worker-id", name], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker.log = log
    return worker


def stop(*workers):
    for worker in workers:
        if worker is None:
            continue
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
        worker.log.close()


def wait_for(condition, seconds=40):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_task_whose_worker_was_killed_is_run_again_by_the_next_worker(tmp_path, database_tasks):
    marker = tmp_path / "marker"
    result = hold_the_first_time.enqueue(str(marker))
    first = start_worker(tmp_path, "worker-one")
    second = None
    try:
        assert wait_for(lambda: marker.exists()), (tmp_path / "worker-one.log").read_text()
        assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        # Still "running" in the database: nobody knows yet that its worker is gone.
        assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
        second = start_worker(tmp_path, "worker-two")
        assert wait_for(lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"), (
            (tmp_path / "worker-two.log").read_text())
    finally:
        stop(first, second)
    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.worker_ids, stored.return_value, marker.read_text()) == (
        ["worker-one", "worker-two"], "finished", "finished")
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"worker-one", "worker-two"}


def test_an_export_whose_worker_was_killed_is_finished_by_the_next_worker(tmp_path, settings):
    conference = make_conference("killed")
    committee = make_committee(conference, "GA3")
    for title in ("First topic", "Second topic", "Third topic"):
        guide = make_guide(committee, title, sections=[("Introduction", f"The text of {title.lower()}. " * 200)])
        guide_publish(guide=guide)  # its PDF is not rendered ahead (the tasks of the suite go nowhere)
    organizer = make_user("org")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    export, _ = conference_export_start(conference=conference, by=organizer)
    first = start_worker(tmp_path, "exporter-one")
    second = None
    try:
        assert wait_for(lambda: ConferenceExport.objects.get(pk=export.pk).status == ExportStatus.RUNNING), (
            (tmp_path / "exporter-one.log").read_text())
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed_at = ConferenceExport.objects.get(pk=export.pk)
        assert killed_at.status == ExportStatus.RUNNING and killed_at.done < 3
        second = start_worker(tmp_path, "exporter-two")
        assert wait_for(lambda: ConferenceExport.objects.get(pk=export.pk).status == ExportStatus.DONE, 90), (
            (tmp_path / "exporter-two.log").read_text())
    finally:
        stop(first, second)
    export.refresh_from_db()
    assert (export.done, export.total, export.failures) == (3, 3, [])
    assert export.pdf_name.endswith(".pdf") and export.zip_name.endswith(".zip")


def test_two_workers_render_the_guides_of_one_export_side_by_side(tmp_path, settings):
    conference = make_conference("shared")
    committee = make_committee(conference, "GA3")
    for number in range(6):
        guide = make_guide(committee, f"Topic {number + 1}", sections=[("Introduction", f"Text {number}. " * 400)])
        guide_publish(guide=guide)  # its PDF is not rendered ahead (the tasks of the suite go nowhere)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    one, two = start_worker(tmp_path, "side-one"), start_worker(tmp_path, "side-two")
    try:
        export, _ = conference_export_start(conference=conference, by=None)
        seen = []

        def finished():
            current = ConferenceExport.objects.get(pk=export.pk)
            seen.append(current.done)
            return current.status == ExportStatus.DONE

        assert wait_for(finished, 120), (tmp_path / "side-one.log").read_text() + (tmp_path / "side-two.log").read_text()
    finally:
        stop(one, two)
    export.refresh_from_db()
    parts = list(export.parts.order_by("position"))
    assert (export.done, export.total, export.failures) == (6, 6, [])
    assert [p.status for p in parts] == ["done"] * 6
    assert {p.worker for p in parts} == {"side-one", "side-two"}  # both took guides
    assert seen == sorted(seen) and max(seen) == 6  # progress only ever counts up, to exactly the total
    assert len({p.pdf_name for p in parts}) == 6


def test_a_part_whose_worker_stopped_beating_is_taken_again_and_a_live_one_is_not(tmp_path):
    import datetime

    from django.utils import timezone

    from guides.exports import conference_export_prepare, conference_export_work
    from guides.models import ExportPart

    conference = make_conference("parts")
    committee = make_committee(conference, "GA3")
    for number in range(3):
        guide_publish(guide=make_guide(committee, f"Topic {number + 1}", sections=[("Introduction", "Text.")]))
    export, _ = conference_export_start(conference=conference, by=None)
    assert conference_export_prepare(export=export) == 3
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", beat_at=now)
    WorkerHeartbeat.objects.create(worker_id="dead", beat_at=now - datetime.timedelta(minutes=5))
    first, second, third = export.parts.order_by("position")
    ExportPart.objects.filter(pk=first.pk).update(status="running", worker="dead", claimed_at=now)
    ExportPart.objects.filter(pk=second.pk).update(status="running", worker="alive", claimed_at=now)

    conference_export_work(export=export)  # this process: the dead worker's part and the queued one
    export.refresh_from_db()
    assert [(p.status, p.worker.startswith("pid:")) for p in export.parts.order_by("position")] == [
        ("done", True), ("running", False), ("done", True)]
    assert (export.status, export.done, export.pdf_name) == ("running", 2, "")  # waits for the live worker

    conference_export_work(export=export, worker="another")  # nothing to take while "alive" beats
    assert ConferenceExport.objects.get(pk=export.pk).status == "running"
    WorkerHeartbeat.objects.filter(worker_id="alive").update(beat_at=now - datetime.timedelta(minutes=5))
    conference_export_work(export=export, worker="another")  # "alive" stopped beating: its part is taken
    export.refresh_from_db()
    assert (export.status, export.done, export.total, export.failures) == ("done", 3, 3, [])
    assert export.pdf_name.endswith(".pdf")
