"""Log in with the username or with the account's email address (invited people know their email first)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            User = get_user_model()
            if not User.objects.filter(username=username).exists():
                # Emails are unique whatever their case (delegates.0004); a username wins over an email.
                user = User.objects.filter(email__iexact=username.strip()).first()
                if user is not None:
                    username = user.username
        return super().authenticate(request, username=username, password=password, **kwargs)
