"""manage.py load_demo: two demo conferences with five study guides and demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from delegates.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Create or update the two demo conferences, their five study guides and demo accounts (idempotent)."

    def handle(self, *args, **options):
        conference, accounts = demo_load(with_passwords=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS(
            f"Demo conferences ready: {conference} (/c/{conference.slug}/) and a second one (/c/lakeside/)"))
        if settings.DEBUG:
            self.stdout.write(f"Demo accounts, all with the password {DEMO_PASSWORD!r}:")
            for username, role in accounts:
                self.stdout.write(f"  {username:<20} {role}")
        else:
            self.stdout.write("DEBUG is off: demo accounts were given no usable password.")
