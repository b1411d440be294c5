"""Loaded by pytest before Django (pytest.ini: -p tests.environment): the environment the test run needs, so a
bare `pytest` works. Tests run with DEBUG off, as in production, over plain HTTP on localhost."""

import os

for name, value in {
    "SECRET_KEY": "test-only-secret", "SITE_URL": "http://testserver", "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
}.items():
    os.environ.setdefault(name, value)
