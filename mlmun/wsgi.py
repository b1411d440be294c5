"""WSGI entry point (gunicorn mlmun.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlmun.settings")
application = get_wsgi_application()
