from django.contrib.auth import views as auth_views
from django.urls import path

from chiso.registry.auth_forms import LockoutAuthenticationForm

from . import views

app_name = "core"
urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LockoutAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(success_url="/doi-mat-khau/xong/"),
        name="password_change",
    ),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bao-cao/", views.reports, name="reports"),
    path("viec-nen/<int:pk>/", views.job_status, name="job_status"),
    path("viec-nen/<int:pk>/tai-ve/", views.job_download, name="job_download"),
    path("nhat-ky/<int:content_type_id>/<str:object_id>/", views.audit_log, name="audit_log"),
]
