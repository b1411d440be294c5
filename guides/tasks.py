"""Background jobs (django-tasks, database backend; `manage.py db_worker` runs them)."""

from django_tasks import task


@task()
def render_guide_pdf(guide_pk):
    """Renders a published guide's PDF into the cache so the first download is instant."""
    from guides import pdf
    from guides.models import StudyGuide

    guide = StudyGuide.objects.filter(pk=guide_pk).select_related("topic__committee__conference").first()
    if guide is not None:
        pdf.guide_pdf(guide)


@task()
def run_conference_export(export_pk):
    from guides.exports import conference_export_run
    from guides.models import ConferenceExport

    conference_export_run(export=ConferenceExport.objects.get(pk=export_pk))
