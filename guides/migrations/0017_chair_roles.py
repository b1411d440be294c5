"""Committee.chairs gets roles: the table Django made for the many-to-many field becomes CommitteeChair's (state
only), then gains role and order columns. Existing chairs keep their rows, with no role yet."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('guides', '0016_revision_one_for_older_guides'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CommitteeChair',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chair_roles', to='guides.committee')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'guides_committee_chairs',
                        'ordering': ['committee', 'pk'],
                        'unique_together': {('committee', 'user')},
                    },
                ),
                migrations.AlterField(
                    model_name='committee',
                    name='chairs',
                    field=models.ManyToManyField(blank=True, related_name='chaired_committees', through='guides.CommitteeChair', to=settings.AUTH_USER_MODEL),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name='committeechair',
            name='role',
            field=models.CharField(blank=True, help_text='For example President or Deputy President.', max_length=100),
        ),
        migrations.AddField(
            model_name='committeechair',
            name='order',
            field=models.PositiveIntegerField(default=0, help_text='Chairs are listed in this order on the guide.'),
        ),
        migrations.AlterModelOptions(
            name='committeechair',
            options={'ordering': ['committee', 'order', 'pk']},
        ),
    ]
