"""A task for the worker fault tests (tests/test_worker_faults.py): it holds until killed the first time."""

import time
from pathlib import Path

from django_tasks import task


@task()
def hold_the_first_time(marker):
    path = Path(marker)
    if not path.exists():
        path.write_text("started")
        time.sleep(120)  # the test kills the worker here
    path.write_text("finished")
    return "finished"
