"""People in a conference: delegations and delegate profiles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact

from guides.models import Committee, Conference, iso_country_name


class Delegation(models.Model):
    """A member state (by ISO 3166 code) or an organisation that delegates represent."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegations")
    iso_code = models.CharField("ISO 3166 code", max_length=2, blank=True)
    organisation = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["conference", "iso_code", "organisation"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(iso_code="") & ~Q(organisation="")) | (Q(organisation="") & Exact(Length("iso_code"), 2)),
                name="delegation_is_state_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["conference", "iso_code", "organisation"], name="delegation_unique_per_conference"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return iso_country_name(self.iso_code) or self.organisation

    def clean(self):
        self.iso_code = self.iso_code.strip().upper()
        if self.iso_code and self.organisation:
            raise ValidationError("A delegation is either a member state or an organisation, not both.")
        if self.iso_code and iso_country_name(self.iso_code) is None:
            raise ValidationError({"iso_code": f"“{self.iso_code}” is not an ISO 3166 country code."})
        if not self.iso_code and not self.organisation:
            raise ValidationError("Give a member state's ISO code or an organisation's name.")


class DelegateProfile(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate_profiles")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegate_profiles")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="delegate_profiles")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="delegates")

    class Meta:
        ordering = ["conference", "committee", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "conference"], name="one_delegate_profile_per_conference"),
        ]

    def __str__(self):
        return f"{self.user} — {self.delegation} in {self.committee.abbreviation}"

    def clean(self):
        if self.committee_id and self.conference_id and self.committee.conference_id != self.conference_id:
            raise ValidationError({"committee": "The committee belongs to another conference."})
        if self.delegation_id and self.conference_id and self.delegation.conference_id != self.conference_id:
            raise ValidationError({"delegation": "The delegation belongs to another conference."})
