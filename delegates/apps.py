"""App configuration for delegates."""

from django.apps import AppConfig


class DelegatesConfig(AppConfig):
    name = "delegates"

    def ready(self):
        from delegates.queries import delegation_of
        from mlmun.hooks import register_delegation_lookup

        register_delegation_lookup(delegation_of)
