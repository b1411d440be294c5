"""Named permission predicates, each taking the object it is about: the one source of authority per conference.

`Conference.organizers` decides who organizes a conference and `Committee.chairs` who chairs a committee.
There is no global organizer role: the Django superuser is the instance operator, and nobody else edits
accounts. Staff status only lets a person open the admin; what they see there comes from these rules.
"""


def _active(user):
    return user.is_authenticated and user.is_active


def is_instance_operator(user):
    return _active(user) and user.is_superuser


def is_organizer(user, conference):
    """Organizes this conference: dashboard, roster, chairs, exports, drafts, and its objects in the admin."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    from guides.queries import reach

    return conference.pk in reach(user).organized


def is_committee_chair(user, committee):
    from guides.queries import reach

    return _active(user) and committee.pk in reach(user).chaired


def may_edit_guide(user, guide):
    committee = guide.topic.committee
    return is_committee_chair(user, committee) or is_organizer(user, committee.conference)


def may_delete_guide(user, guide):
    """Only the conference's organizers delete a whole guide (chairs delete its parts)."""
    return is_organizer(user, guide.topic.committee.conference)


def has_authoring_role(user):
    """May use the admin at all: chairs a committee or organizes a conference (or runs the instance)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.chaired_committees.exists() or user.organized_conferences.exists()
