"""django-tasks-db's worker with a lease: it beats from a thread every BEAT_SECONDS, and each beat puts back
in the queue the tasks of workers that stopped beating (kill -9, a lost machine). Same options as upstream."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as upstream

from guides.tasks import tasks_recover_lost, worker_beat

logger = logging.getLogger("django_tasks_db")


class LeasedWorker(upstream.Worker):
    def run(self):
        stop = threading.Event()
        beater = threading.Thread(target=self.beat, args=(stop,), name="mlmun-worker-beat", daemon=True)
        import guides.pdf  # noqa: F401 - WeasyPrint takes ~0.7 s to import: once at start, not in the first export
        self.beat_once()  # before the first task: what a dead worker left is back in the queue
        beater.start()
        try:
            super().run()
        finally:
            stop.set()

    def beat(self, stop):
        while not stop.wait(settings.WORKER_BEAT_SECONDS):
            self.beat_once()
            connections.close_all()  # this thread's connections only

    def beat_once(self):
        try:
            close_old_connections()
            worker_beat(self.worker_id)
            requeued, failed = tasks_recover_lost()
            if requeued or failed:
                logger.warning("Tasks of a worker that stopped: %d requeued, %d failed", requeued, failed)
        except Exception:  # a failed beat (database restarting) must not stop the worker; try again
            logger.exception("Worker heartbeat failed")


class Command(upstream.Command):
    help = upstream.Command.help + " With a heartbeat, and recovery of tasks whose worker died."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise upstream.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(queue_names=queue_names, interval=interval, batch=batch and not reload,
                              backend_name=backend_name, startup_delay=startup_delay, max_tasks=max_tasks,
                              worker_id=worker_id, excluded_queue_names=excluded)
        if reload and not batch:
            if upstream.os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
