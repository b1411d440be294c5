"""Roster benchmark: validate and import a 2,000-row CSV (target: under 10 s), then import it again.

Run: .venv/bin/python bench/roster.py   (temporary SQLite database; invitations go to an in-memory outbox)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="mlmun-bench-")
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "mlmun.settings", "SECRET_KEY": "bench", "DEBUG": "0",
    "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
})

import django  # noqa: E402

django.setup()

import pycountry  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402

from delegates.roster import import_roster, read_roster  # noqa: E402
from delegates.services import invitations_send  # noqa: E402
from guides.models import Conference  # noqa: E402

ROWS = 2000


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    mail.outbox = []
    conference = Conference.objects.get(slug="demo")
    committees = [c.abbreviation for c in conference.committees.all()]
    codes = [c.alpha_2 for c in pycountry.countries]
    lines = ["name,email,committee,delegation"] + [
        f"Delegate {n},delegate{n}@example.org,{committees[n % len(committees)]},{codes[n % len(codes)]}"
        for n in range(ROWS)
    ]
    data = ("\n".join(lines) + "\n").encode()
    for attempt in ("first import", "same file again"):
        start = time.perf_counter()
        check = read_roster(data, conference)
        checked = time.perf_counter()
        result = import_roster(check, conference)
        imported = time.perf_counter()
        sent, _ = invitations_send(users=result.invited, conference=conference, role="a delegate")
        done = time.perf_counter()
        print(f"{attempt}: {ROWS} rows — check {1000 * (checked - start):.0f} ms, import {1000 * (imported - checked):.0f} ms, "
              f"{sent} invitations {1000 * (done - imported):.0f} ms, total {done - start:.2f} s (target < 10 s); "
              f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}")


if __name__ == "__main__":
    main()
