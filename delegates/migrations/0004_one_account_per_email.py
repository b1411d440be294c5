"""One account per email address, whatever its case: a unique index on lower(email) for accounts with one."""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_duplicates(apps, schema_editor):
    User = apps.get_model("auth", "User")
    shared = list(User.objects.exclude(email="").annotate(address=Lower("email")).values("address")
                  .annotate(accounts=Count("id")).filter(accounts__gt=1).values_list("address", flat=True)[:10])
    if shared:
        raise RuntimeError(
            "Several accounts share these email addresses (ignoring case): " + ", ".join(shared)
            + ". Give each account its own address (or deactivate and clear the spare one) in the admin, then "
            "run migrate again.")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("delegates", "0003_revisions_reading_email_updates"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX account_email_lower_unique ON auth_user (lower(email)) WHERE email <> ''",
            "DROP INDEX account_email_lower_unique",
        ),
    ]
