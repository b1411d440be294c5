"""Cross-cutting request handling: a logged-out visitor to a member-only page is sent to log in; pages are gzipped;
signed file links are answered before sessions and users are loaded."""

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


class SignedFiles:
    """/files/<token>/<name>: a signed link (guides.views.signed_file) needs no session, user or CSRF check, so it
    is answered here, right after WhiteNoise, like a static file. Everything else goes on down the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/files/") and request.method in ("GET", "HEAD"):
            parts = request.path_info.split("/")
            if len(parts) == 4:  # "", "files", token, name
                from guides.views import signed_file

                return signed_file(request, parts[2], parts[3])
        return self.get_response(request)
