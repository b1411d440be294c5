"""Throttling shared by every process: failed logins (django-axes) and emails sent to one address."""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address: behind our TLS proxy, the address the proxy saw (last X-Forwarded-For hop)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def lockout_parameters(request, credentials=None):
    """Per account always; per address only once it has many failures.

    django-axes has one failure limit for every parameter. A venue puts hundreds of delegates behind one
    address, so the address is counted against its own, higher limit (LOGIN_FAILURES_PER_ADDRESS): below
    it an address is never locked, above it axes locks it like an account.
    """
    from axes.models import AccessAttempt

    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start"))["total"] or 0
    return ["username", "ip_address"] if failures >= settings.LOGIN_FAILURES_PER_ADDRESS else ["username"]


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def email_send_allowed(address, kind):
    """At most EMAILS_PER_ADDRESS_PER_HOUR emails of a kind (password reset, invitation) to one address.

    Counted in the shared cache, so every web process and worker sees the same count.
    """
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()[:32]
    key = f"mail-sent:{kind}:{digest}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=int(timedelta(hours=1).total_seconds()) + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3660)
        count = 1
    if count > settings.EMAILS_PER_ADDRESS_PER_HOUR:
        logger.warning("Not sending a %s email: %s emails to that address this hour", kind, count - 1)
        return False
    return True
