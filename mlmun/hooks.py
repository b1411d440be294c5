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
