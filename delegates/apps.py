"""App configuration for delegates."""

from django.apps import AppConfig


class DelegatesConfig(AppConfig):
    name = "delegates"

    def ready(self):
        from delegates.queries import delegation_of
        from delegates.services import annotations_reanchor
        from mlmun.hooks import on_guide_content_changed, register_delegation_lookup

        register_delegation_lookup(delegation_of)
        # Notes follow the text: every content change re-anchors the guide's annotations.
        on_guide_content_changed(lambda guide: annotations_reanchor(guide=guide))
