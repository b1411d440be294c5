"""App configuration for study guides."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from guides.services import roles_sync

    roles_sync()


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Study guides"

    def ready(self):
        # Permissions are created on post_migrate; the groups are synced after the last of our apps
        # (delegates) has its permissions.
        post_migrate.connect(_sync_roles, sender=self.apps.get_app_config("delegates"))
