"""Cross-cutting request handling: a logged-out visitor to a member-only page is sent to log in."""

from django.contrib.auth.views import redirect_to_login


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
