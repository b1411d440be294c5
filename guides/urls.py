"""Public site: conference and committee pages and the study-guide reader."""

from django.urls import path

from guides import views

urlpatterns = [
    path("c/<slug:conference>/", views.conference, name="conference"),
    path("c/<slug:conference>/exports/", views.conference_exports, name="conference_exports"),
    path("c/<slug:conference>/exports/<int:pk>/", views.conference_export, name="conference_export"),
    path("c/<slug:conference>/exports/<int:pk>/download.<str:kind>", views.conference_export_download,
         name="conference_export_download"),
    path("c/<slug:conference>/search/", views.conference_search, name="conference_search"),
    path("c/<slug:conference>/<slug:committee>/", views.committee, name="committee"),
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/pdf/", views.guide_pdf, name="guide_pdf"),
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/changes/", views.guide_changes, name="guide_changes"),
]
