"""The WSGI app bench/load.py serves with gunicorn: mlmun as deployed, plus one minimal page to compare the reader
with (it loads the same session and user, then returns a short text). Used by the benchmark only."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlmun.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import HttpResponse  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from mlmun import urls  # noqa: E402


def minimal(request):
    return HttpResponse(f"Hello {request.user.get_username()}", content_type="text/plain")


urls.urlpatterns.insert(0, path("bench-minimal/", minimal))
clear_url_caches()
