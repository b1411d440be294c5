"""Load test: the reader of the largest demo guide against a minimal page that loads the same session and user,
both served by gunicorn as in the Dockerfile (workers × threads), on 127.0.0.1 only, with CONCURRENCY connections.

Bounded: ROUNDS rounds of SECONDS per target, interleaved (reader, minimal, reader, minimal…); prints requests per
second (medians), their ratio and the errors. Run: .venv/bin/python bench/load.py   (temporary SQLite database;
BENCH_DATABASE_URL=postgres://…/empty_db for PostgreSQL)
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from common import load_demo, setup, size

tmp = setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from guides.models import StudyGuide  # noqa: E402

CONCURRENCY = 32
SECONDS = 4
ROUNDS = 3
WORKERS = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(url, cookie, seconds):
    """(requests, errors) from CONCURRENCY threads for seconds."""
    done, errors, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop:
            request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:  # noqa: BLE001 - every failure counts as an error
                ok = False
            with lock:
                done[0] += ok
                errors[0] += not ok

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / seconds, errors[0]


def main():
    load_demo()
    guide = max(StudyGuide.objects.all(), key=size)
    client = Client()
    client.force_login(get_user_model().objects.get(username="delegate.nigeria"))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = free_port()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.loadapp:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--threads", "4", "--log-level", "warning"], cwd=root, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench-minimal/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        targets = {"reader": base + guide.get_absolute_url(), "minimal": base + "/bench-minimal/"}
        for url in targets.values():  # warm up every worker
            hammer(url, cookie, 1)
        rates = {name: [] for name in targets}
        errors = {name: 0 for name in targets}
        for _ in range(ROUNDS):
            for name, url in targets.items():
                rate, failed = hammer(url, cookie, SECONDS)
                rates[name].append(rate)
                errors[name] += failed
    finally:
        server.terminate()
        server.wait(10)
    from django.db import connection

    reader, minimal = statistics.median(rates["reader"]), statistics.median(rates["minimal"])
    print(f"gunicorn {WORKERS} workers × 4 threads, {CONCURRENCY} connections, {connection.vendor}, "
          f"medians of {ROUNDS} rounds of {SECONDS} s:")
    print(f"  reader {reader:.0f} req/s, minimal page {minimal:.0f} req/s, ratio {reader / minimal:.2f} "
          f"(target ≥ 0.5); errors: reader {errors['reader']}, minimal {errors['minimal']}")


if __name__ == "__main__":
    main()
