"""Fills in the content of the revision 1 that migration 0005 made for guides older than stored revisions.

The rendering pipeline needs the app's own models (their methods), not the historical ones, so this runs with
guides.models as they are now: it must stay after every migration that adds a column to the models it reads.
When you add one, move this operation into your migration (and leave this one empty), or the upgrade of an
old database fails here. A fresh database has no such revision, and nothing runs.
"""

import json

from django.db import migrations


def fill_in_revision_one(apps, schema_editor):
    from guides import revisions
    from guides.models import GuideRevision, StudyGuide

    for revision in GuideRevision.objects.filter(number=1, source_digest="").select_related("guide"):
        guide = StudyGuide.objects.get(pk=revision.guide_id)
        source = revisions.source_of(guide)
        snapshot = revisions.rendered_to_json(revisions.build_rendered_guide(guide))
        # Revisions never change once stored; this one was only a placeholder until now.
        GuideRevision.objects.filter(pk=revision.pk).update(
            source=source, rendered=snapshot, source_digest=revisions.digest_of(source),
            size=len(json.dumps(source)) + len(json.dumps(snapshot)))


class Migration(migrations.Migration):
    dependencies = [("guides", "0015_cover_and_event_titles")]

    operations = [migrations.RunPython(fill_in_revision_one, migrations.RunPython.noop)]
