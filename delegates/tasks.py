"""Background jobs of the delegates app (django-tasks, database backend; `manage.py db_worker` runs them)."""

from django_tasks import task


@task()
def send_guide_update_emails(publication_pk):
    from delegates.services import guide_update_emails_send
    from guides.models import GuidePublication

    publication = GuidePublication.objects.filter(pk=publication_pk).select_related(
        "guide__topic__committee__conference", "revision").first()
    if publication is not None:  # the guide may have been deleted since
        return guide_update_emails_send(publication=publication)
    return 0


@task()
def reanchor_annotations(guide_pk, number):
    """Re-anchors a large guide's annotations after a publish, a batch per transaction (a reader's own are
    brought up to date when they open the guide, so nobody waits for this). Stops if a newer revision was
    published meanwhile: that publish started its own job."""
    from django.db import transaction

    from delegates.models import Annotation
    from delegates.services import REANCHOR_BATCH, annotations_reanchor
    from guides.models import StudyGuide

    done = 0
    while True:
        guide = StudyGuide.objects.filter(pk=guide_pk).select_related("published_revision").first()
        if guide is None or guide.published_revision is None or guide.published_revision.number != number:
            return done
        batch = list(Annotation.objects.filter(guide=guide).exclude(anchored_revision=number)
                     .values_list("pk", flat=True)[:REANCHOR_BATCH])
        if not batch:
            return done
        with transaction.atomic():
            done += annotations_reanchor(guide=guide, revision=guide.published_revision,
                                         annotations=Annotation.objects.filter(pk__in=batch))


@task()
def send_invitations(job_pk):
    from delegates.models import DelegateJob
    from delegates.services import invitations_run

    job = DelegateJob.objects.filter(pk=job_pk).select_related("conference").first()
    if job is not None:
        return invitations_run(job=job).done
    return 0


@task()
def render_notes_pdf(job_pk):
    from delegates.models import DelegateJob
    from delegates.services import notes_pdf_run

    job = DelegateJob.objects.filter(pk=job_pk).select_related("user", "conference").first()
    if job is not None:
        return notes_pdf_run(job=job).status
    return ""


@task()
def render_papers_pdf(job_pk):
    from delegates.models import DelegateJob
    from delegates.papers import papers_pdf_run

    job = DelegateJob.objects.filter(pk=job_pk).select_related("user", "conference").first()
    if job is not None:
        return papers_pdf_run(job=job).status
    return ""


@task()
def send_answer_email(notification_pk):
    from delegates.models import Notification
    from delegates.services import answer_email_send

    notification = Notification.objects.filter(pk=notification_pk).select_related("user").first()
    if notification is None:  # the account was deleted meanwhile
        return 0
    return answer_email_send(notification=notification)
