"""Organizer forms (rendered with django-crispy-forms, bootstrap5 pack)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from delegates.roster import MAX_BYTES
from mlmun.throttle import email_send_allowed


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="Roster (CSV)", help_text="UTF-8 CSV with the columns name, email, committee, delegation.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("Upload a .csv file.")
        return upload


class ChairInviteForm(forms.Form):
    committee = forms.ModelChoiceField(queryset=None)
    name = forms.CharField(max_length=150)
    email = forms.EmailField()

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = conference.committees.all()


class OrganizerInviteForm(forms.Form):
    name = forms.CharField(max_length=150)
    email = forms.EmailField()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most EMAILS_PER_ADDRESS_PER_HOUR emails to one address.

    Over the limit the email is dropped silently: the page says the same either way, so it reveals
    neither the limit nor whether the address has an account.
    """

    def get_users(self, email):
        """Also invited people who have not chosen a password yet: the reset link is how they get in."""
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True).exclude(email="")

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        if email_send_allowed(to_email, "password-reset"):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class LoginForm(AuthenticationForm):
    """Django's login form; the first field takes the username or the email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email"


class SeatForm(forms.Form):
    """Where a delegate sits: a committee of the conference and a delegation (chosen, or typed as in the roster)."""

    committee = forms.ModelChoiceField(queryset=None)
    delegation = forms.ModelChoiceField(queryset=None, required=False, empty_label="— type a new one below —")
    new_delegation = forms.CharField(
        max_length=200, required=False, label="Or a new delegation",
        help_text="An ISO country code (NG), a country's name or an organisation's name, as in the roster.")

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["committee"].queryset = conference.committees.all()
        self.fields["committee"].label_from_instance = lambda committee: f"{committee.abbreviation} — {committee.name}"
        self.fields["delegation"].queryset = conference.delegations.all()
        self.fields["delegation"].label_from_instance = lambda delegation: delegation.name

    def clean(self):
        from delegates.roster import _delegation

        data = super().clean()
        typed = " ".join(data.get("new_delegation", "").split())
        if typed:
            if data.get("delegation"):
                raise forms.ValidationError("Choose a delegation or type a new one, not both.")
            error = _delegation(typed)[2]
            if error:
                self.add_error("new_delegation", error[0].upper() + error[1:] + ".")
        elif not data.get("delegation"):
            self.add_error("delegation", "Choose the delegation, or type a new one.")
        return data
