"""Named permission predicates: who is an organizer, who chairs what. Views and the admin ask these."""

ORGANIZERS_GROUP = "Organizers"
CHAIRS_GROUP = "Chairs"


def is_organizer(user):
    """Organizers run the conference and may manage everything."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_mlmun_is_organizer", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=ORGANIZERS_GROUP).exists()
        user._mlmun_is_organizer = cached
    return cached


def is_committee_chair(user, committee):
    if not (user.is_authenticated and user.is_active):
        return False
    return committee.chairs.filter(pk=user.pk).exists()


def can_edit_guide(user, guide):
    return is_organizer(user) or is_committee_chair(user, guide.topic.committee)


def is_conference_organizer(user, conference):
    """Organizer pages of a conference (dashboard, roster, invitations, exports) are for its organizers."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or conference.organizers.filter(pk=user.pk).exists()
