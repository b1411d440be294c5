"""Background jobs (django-tasks, database backend; `manage.py db_worker` runs them).

Layers run one way: services enqueue these; these call exports and pdf. Those are imported when a job runs,
because WeasyPrint takes ~0.7 s to import and web processes should not pay for it at start.
"""

from django_tasks import task


@task()
def render_guide_pdf(guide_pk):
    """Renders a published guide's PDF into the cache so the first download is instant."""
    from guides import pdf
    from guides.models import StudyGuide

    guide = StudyGuide.objects.filter(pk=guide_pk).select_related("topic__committee__conference",
                                                                  "published_revision").first()
    if guide is not None and guide.published_revision_id is not None:
        pdf.guide_pdf(guide)


@task(takes_context=True)
def run_conference_export(context, export_pk):
    """Lays the export out in parts, asks up to settings.EXPORT_HELPERS more workers to take parts too (however
    many workers run, each renders one guide at a time), and takes parts itself."""
    from django.conf import settings

    from guides import exports
    from guides.models import ConferenceExport

    export = ConferenceExport.objects.get(pk=export_pk)
    waiting = exports.conference_export_prepare(export=export)
    if waiting is None:
        return
    for _ in range(min(settings.EXPORT_HELPERS, waiting - 1)):
        help_conference_export.enqueue(export_pk)
    exports.conference_export_work(export=export, worker=_worker_id(context))


@task(takes_context=True)
def help_conference_export(context, export_pk):
    """Another worker's share of an export: parts until none is left (nothing at all when it is over)."""
    from guides import exports
    from guides.enums import ExportStatus
    from guides.models import ConferenceExport

    export = ConferenceExport.objects.filter(pk=export_pk, status=ExportStatus.RUNNING).first()
    if export is not None:
        exports.conference_export_work(export=export, worker=_worker_id(context))


def _worker_id(context):
    ids = context.task_result.worker_ids
    return ids[-1][:64] if ids else ""  # as WorkerHeartbeat stores it


# Worker lease: every db_worker beats from a thread (guides/management/commands/db_worker.py) every
# settings.WORKER_BEAT_SECONDS. A task left "running" by a worker that stopped beating for
# settings.WORKER_LEASE_SECONDS is put back in the queue for another worker,
# or failed with a message after MAX_ATTEMPTS workers died running it.
MAX_ATTEMPTS = 3


def lease_seconds():
    from django.conf import settings

    return settings.WORKER_LEASE_SECONDS


class WorkerLost(Exception):
    """Recorded on a task whose worker died MAX_ATTEMPTS times while running it."""


def worker_beat(worker_id, now=None):
    from django.utils import timezone

    from guides.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"beat_at": now or timezone.now()})


def tasks_recover_lost(now=None):
    """Requeues (or fails) tasks whose worker died; returns (requeued, failed). Safe to run from any process."""
    import datetime

    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from guides.models import WorkerHeartbeat

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=lease_seconds())
    alive = set(WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = failed = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff):
        if result.worker_ids and result.worker_ids[-1][:64] in alive:
            continue
        same = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at)
        if len(result.worker_ids) < MAX_ATTEMPTS:
            requeued += same.update(status=TaskResultStatus.READY, started_at=None)
        else:
            failed += same.update(
                status=TaskResultStatus.FAILED, finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"The worker running this task stopped {len(result.worker_ids)} times "
                          f"(workers {', '.join(result.worker_ids)}); it was not tried again.")
    WorkerHeartbeat.objects.filter(beat_at__lt=now - datetime.timedelta(days=1)).delete()
    return requeued, failed
