"""URLs of the delegates app."""

from django.urls import path

from delegates import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
]
