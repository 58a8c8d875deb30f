from django.urls import path

from upward.web.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("manage/audit/", views.audit_log, name="audit_log"),
]
