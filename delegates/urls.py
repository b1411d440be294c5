"""URLs of the delegates app: profile, My notes, and the JSON endpoints the reader uses."""

from django.urls import path

from delegates import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/welcome/<int:invitation>/<uidb64>/<token>/", views.Welcome.as_view(), name="welcome"),
    path("accounts/profile/", views.profile, name="profile"),
    path("notes/", views.my_notes, name="my_notes"),
    path("notes/export.<str:fmt>", views.notes_export, name="notes_export"),
    path("notes/pdf/", views.notes_pdf, name="notes_pdf"),
    path("notes/pdf/<int:job_pk>/my-notes.pdf", views.notes_pdf_download, name="notes_pdf_download"),
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/", views.dais_inbox, name="dais_inbox"),
    path("c/<slug:conference>/<slug:committee>/guide/<int:pk>/dais/<int:question_pk>/answer/",
         views.dais_answer_view, name="dais_answer"),
    path("api/guides/<int:guide_pk>/annotations/", views.guide_annotations, name="api_guide_annotations"),
    path("api/annotations/<int:pk>/", views.annotation_detail, name="api_annotation"),
    path("api/guides/<int:guide_pk>/bookmarks/", views.guide_bookmarks, name="api_guide_bookmarks"),
    path("api/bookmarks/<int:pk>/", views.bookmark_detail, name="api_bookmark"),
    path("c/<slug:conference>/organize/", views.organizer_dashboard, name="organizer_dashboard"),
    path("c/<slug:conference>/organize/roster/", views.organizer_roster, name="organizer_roster"),
    path("c/<slug:conference>/organize/roster/template.csv", views.organizer_roster_template, name="organizer_roster_template"),
    path("c/<slug:conference>/organize/people/", views.organizer_people, name="organizer_people"),
    path("c/<slug:conference>/organize/delegates/<int:profile_pk>/seat/", views.organizer_seat_edit,
         name="organizer_seat_edit"),
    path("c/<slug:conference>/organize/roster/export.csv", views.organizer_roster_export,
         name="organizer_roster_export"),
    path("c/<slug:conference>/organize/chairs/", views.organizer_chairs, name="organizer_chairs"),
    path("c/<slug:conference>/organize/chairs/<int:committee_pk>/<int:user_pk>/remove/", views.organizer_chair_remove,
         name="organizer_chair_remove"),
    path("c/<slug:conference>/organize/organizers/", views.organizer_organizers, name="organizer_organizers"),
    path("c/<slug:conference>/organize/organizers/<int:user_pk>/remove/", views.organizer_organizer_remove,
         name="organizer_organizer_remove"),
    path("c/<slug:conference>/organize/delegations/", views.organizer_matrix, name="organizer_matrix"),
    path("c/<slug:conference>/organize/delegations/plan/", views.organizer_seat_plan, name="organizer_seat_plan"),
    path("c/<slug:conference>/organize/delegates/<int:profile_pk>/remove/", views.organizer_delegate_remove,
         name="organizer_delegate_remove"),
    path("c/<slug:conference>/organize/invitations/<int:job_pk>/retry/", views.organizer_invitations_retry,
         name="organizer_invitations_retry"),
    path("c/<slug:conference>/organize/people/<int:user_pk>/invite/", views.organizer_invitation_resend,
         name="organizer_invitation_resend"),
]
