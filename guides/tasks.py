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


@task()
def run_conference_export(export_pk):
    from guides import exports
    from guides.models import ConferenceExport

    exports.conference_export_run(export=ConferenceExport.objects.get(pk=export_pk))
