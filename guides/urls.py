"""Public site: conference and committee pages and the study-guide reader."""

from django.urls import path

from guides import views

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:conference>/", views.conference, name="conference"),
    path("c/<slug:conference>/<slug:committee>/", views.committee, name="committee"),
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/", views.guide, name="guide"),
]
