"""Root URLs: the admin (with a scoped "view on site" shortcut), accounts, media, signed file links, and the
guides site."""

from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.urls import include, path

from delegates.forms import LoginForm, ThrottledPasswordResetForm
from guides.admin import view_on_site_shortcut
from guides.views import guide, media_file, service_worker, signed_file

urlpatterns = [
    # The reader, the page asked for most, is found first (not after every delegate and organizer address).
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/", guide, name="guide"),
    path("files/<str:token>/<str:filename>", signed_file, name="signed_file"),  # early: resolved at once
    # Replaces Django's /admin/r/ shortcut, which redirects to any object for any staff user.
    path("admin/r/<int:content_type_id>/<path:object_id>/", view_on_site_shortcut, name="view_on_site"),
    path("admin/", admin.site.urls),
    path("", include("delegates.urls")),
    path("accounts/login/", LoginView.as_view(form_class=LoginForm), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
         name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("media/<path:name>", media_file, name="media"),
    path("sw.js", service_worker, name="service_worker"),
    path("", include("guides.urls")),
]
