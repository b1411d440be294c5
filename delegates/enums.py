"""Choices for delegates' annotations and bookmarks."""

from django.db import models


class AnnotationLabel(models.TextChoices):
    NONE = "", "No label"
    EVIDENCE = "evidence", "Evidence"
    ARGUMENT = "argument", "Argument for my delegation"
    QUESTION = "question", "Question"
    VERIFY = "verify", "To verify"


class Visibility(models.TextChoices):
    """Who sees a highlight or note besides its author."""

    PRIVATE = "private", "Only me"
    DELEGATION = "delegation", "My delegation in this committee"
    DAIS = "dais", "A question to the dais"


class AnchorStatus(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    CHANGED = "changed", "Text changed"
    ORPHANED = "orphaned", "Passage removed"


class BookmarkTarget(models.TextChoices):
    GUIDE = "guide", "Guide"
    SECTION = "section", "Section"
    KEY_TERM = "key_term", "Key term"
    STAKEHOLDER = "stakeholder", "Major party"
