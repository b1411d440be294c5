# A separate migration: on PostgreSQL a table cannot be altered in the transaction that just updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('guides', '0005_guide_revisions'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='studyguide',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('published_revision__isnull', False), _connector='OR'), name='guide_published_has_revision'),
        ),
    ]
