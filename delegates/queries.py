"""What a delegate is in a conference."""

import pycountry

from delegates.models import DelegateProfile


def delegation_of(user, conference):
    """The user's delegation in this conference as plain data, with the names a text may use for it."""
    profile = (
        DelegateProfile.objects.filter(user=user, conference=conference).select_related("delegation").first()
    )
    if profile is None:
        return None
    delegation = profile.delegation
    aliases = []
    if delegation.iso_code:
        country = pycountry.countries.get(alpha_2=delegation.iso_code)
        aliases = [getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)]
    return {"name": delegation.name, "iso_code": delegation.iso_code, "aliases": aliases}
