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
