"""Root URLs: the admin, accounts, and the guides site."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("delegates.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("guides.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
