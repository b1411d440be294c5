"""Named permission predicates: who organizes. Who chairs what is a queryset (guides.queries)."""

ORGANIZERS_GROUP = "Organizers"
CHAIRS_GROUP = "Chairs"


def is_organizer(user):
    """Members of the Organizers group manage everything in the admin."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_mlmun_is_organizer", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=ORGANIZERS_GROUP).exists()
        user._mlmun_is_organizer = cached
    return cached


def is_conference_organizer(user, conference):
    """Organizer pages of a conference (dashboard, roster, invitations, exports) are for its organizers."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or conference.organizers.filter(pk=user.pk).exists()
