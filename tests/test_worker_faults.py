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
