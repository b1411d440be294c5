"""Cross-cutting request handling: a logged-out visitor to a member-only page is sent to log in; pages are gzipped."""

from django.contrib.auth.views import redirect_to_login
from django.middleware.gzip import GZipMiddleware


class LogInFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from guides.views import LogInFirst

        if isinstance(exception, LogInFirst):
            return redirect_to_login(request.get_full_path())
        return None


class CompressPages(GZipMiddleware):
    """Pages and JSON gzipped for clients that accept it (a guide's HTML is about a quarter of its size);
    PDFs, ZIPs and images are already compressed and go as they are. CSRF tokens are masked per response,
    so compression reveals nothing about them (BREACH)."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(("application/pdf", "application/zip", "image/")):
            return response
        return super().process_response(request, response)
