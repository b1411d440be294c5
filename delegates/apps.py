"""App configuration for delegates."""

from django.apps import AppConfig


class DelegatesConfig(AppConfig):
    name = "delegates"

    def ready(self):
        from delegates.queries import delegate_conference_ids, delegation_of
        from delegates.services import annotations_reanchor
        from mlmun.hooks import on_guide_content_changed, register_delegate_conferences, register_delegation_lookup

        register_delegation_lookup(delegation_of)
        register_delegate_conferences(delegate_conference_ids)
        # Notes follow the text: every content change re-anchors the guide's annotations.
        on_guide_content_changed(lambda guide: annotations_reanchor(guide=guide))
