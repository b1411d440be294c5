"""Glue between apps, in one style: guides names a hook and calls it; delegates registers functions for it
in its AppConfig.ready (guides never imports delegates).

    hooks.register(hooks.GUIDE_PUBLISHED, function)   # delegates
    hooks.notify(hooks.GUIDE_PUBLISHED, guide=..., publication=...)   # guides: every function is called
    hooks.ask(hooks.DELEGATION_OF, default, user=..., conference=...)  # guides: the one answer, or default
"""

# A user's delegation in a conference: ask(user, conference) -> {"name", "iso_code", "aliases"} or None.
DELEGATION_OF = "delegation_of"
# The pks of conferences the user is a delegate of: ask(user_id) -> a values("conference_id")-style queryset.
DELEGATE_CONFERENCES = "delegate_conferences"
# A revision became the one delegates read: notify(guide, publication), inside the publishing transaction.
GUIDE_PUBLISHED = "guide_published"
# What the reader's one query asks about the user: ask(user_id, guide, conference) -> {"delegate": Exists,
# "last_read": Subquery, "delegation_iso": Subquery, "delegation_organisation": Subquery} (OuterRefs given).
READER_FACTS = "reader_facts"
# A user has read this revision number of a guide: notify(user, guide, number).
MARK_READ = "mark_read"

_registry = {}


def register(name, function):
    _registry.setdefault(name, []).append(function)


def notify(name, **kwargs):
    for function in _registry.get(name, []):
        function(**kwargs)


def ask(name, default, **kwargs):
    functions = _registry.get(name)
    return functions[0](**kwargs) if functions else default
