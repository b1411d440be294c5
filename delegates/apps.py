"""App configuration for delegates: answers the hooks guides calls (mlmun.hooks)."""

from django.apps import AppConfig


class DelegatesConfig(AppConfig):
    name = "delegates"

    def ready(self):
        from delegates.queries import delegate_conference_ids, delegation_of, mark_read, reader_facts
        from delegates.services import guide_published
        from mlmun import hooks

        hooks.register(hooks.DELEGATION_OF, delegation_of)
        hooks.register(hooks.DELEGATE_CONFERENCES, delegate_conference_ids)
        hooks.register(hooks.MARK_READ, mark_read)
        hooks.register(hooks.READER_FACTS, reader_facts)
        # Notes follow the published text, and the committee's delegates are told.
        hooks.register(hooks.GUIDE_PUBLISHED, guide_published)
