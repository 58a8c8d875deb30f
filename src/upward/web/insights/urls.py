from django.urls import path, re_path

from upward.web.insights import views

app_name = "insights"

TABLE = r"(?P<table_id>[a-z0-9_]{1,80})"

urlpatterns = [
    path("survey/", views.survey, name="survey"),
    path("survey/answer/", views.survey_edit, name="survey_edit"),
    path("survey/delete/", views.survey_delete, name="survey_delete"),
    path("insights/", views.dashboard, name="dashboard"),
    re_path(rf"^insights/export/{TABLE}\.csv$", views.export_csv, name="export_csv"),
    path("insights/report/<int:pk>.html", views.report, name="report"),
    path("insights/responses/", views.responses, name="responses"),
    path("insights/responses/remind/", views.remind, name="remind"),
    re_path(rf"^insights/responses/{TABLE}\.csv$", views.responses_csv, name="responses_csv"),
    path("insights/questions/", views.questions, name="questions"),
    path("insights/questions/<int:pk>/active/", views.question_active, name="question_active"),
    path("insights/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("insights/links/", views.links, name="links"),
    path("insights/links/<int:pk>/confirm/", views.link_confirm, name="link_confirm"),
    path("insights/links/<int:pk>/reject/", views.link_reject, name="link_reject"),
    path("insights/snapshots/", views.snapshots, name="snapshots"),
    path("insights/snapshots/<int:pk>/delete/", views.snapshot_delete, name="snapshot_delete"),
    path("insights/snapshots/<int:pk>/release/", views.release, name="release"),
    path("insights/uploads/<int:pk>/", views.upload_map, name="upload_map"),
    path("insights/uploads/<int:pk>/preview/", views.upload_preview, name="upload_preview"),
    path("insights/uploads/<int:pk>/import/", views.upload_import, name="upload_import"),
    path("insights/uploads/<int:pk>/cancel/", views.upload_cancel, name="upload_cancel"),
]
