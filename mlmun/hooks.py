"""Glue between apps: guides asks, delegates answers (guides never imports delegates)."""

_delegation_lookup = None


def register_delegation_lookup(function):
    """delegates registers function(user, conference) -> {"name", "iso_code", "aliases"} or None."""
    global _delegation_lookup
    _delegation_lookup = function


def reader_delegation(user, conference):
    if _delegation_lookup is None or not user.is_authenticated:
        return None
    return _delegation_lookup(user, conference)


_content_changed = []


def on_guide_content_changed(function):
    """delegates registers function(guide), called in the same transaction as a chair's content change."""
    _content_changed.append(function)


def guide_content_changed(guide):
    for function in _content_changed:
        function(guide)


_delegate_conferences = None


def register_delegate_conferences(function):
    """delegates registers function(user) -> a queryset of the pks of conferences the user is a delegate of."""
    global _delegate_conferences
    _delegate_conferences = function


def delegate_conferences(user):
    from guides.models import Conference

    if _delegate_conferences is None:
        return Conference.objects.none().values("pk")
    return _delegate_conferences(user)
