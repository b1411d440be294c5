"""URLs of the delegates app: profile, My notes, and the JSON endpoints the reader uses."""

from django.urls import path

from delegates import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("notes/", views.my_notes, name="my_notes"),
    path("notes/export.<str:fmt>", views.notes_export, name="notes_export"),
    path("api/guides/<int:guide_pk>/annotations/", views.guide_annotations, name="api_guide_annotations"),
    path("api/annotations/<int:pk>/", views.annotation_detail, name="api_annotation"),
    path("api/guides/<int:guide_pk>/bookmarks/", views.guide_bookmarks, name="api_guide_bookmarks"),
    path("api/bookmarks/<int:pk>/", views.bookmark_detail, name="api_bookmark"),
]
