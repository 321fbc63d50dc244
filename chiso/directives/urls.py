from django.urls import path

from . import views, views_intake

app_name = "directives"
urlpatterns = [
    path("", views.index, name="index"),
    path("viec-cua-don-vi/", views.inbox, name="inbox"),
    path("theo-doi/", views.board, name="board"),
    path("van-ban/", views.directive_list, name="directive_list"),
    path("van-ban/<int:pk>/", views.directive_detail, name="directive"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/thao-tac/<slug:action>/", views.task_action, name="task_action"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/bao-cao/", views.task_report, name="task_report"),
    path("nhiem-vu/<int:pk>/bao-cao/<int:report_pk>/duyet/", views.report_approve, name="report_approve"),
    path("nhiem-vu/<int:pk>/bao-cao/<int:report_pk>/tra-lai/", views.report_return, name="report_return"),
    path("nhiem-vu/<int:pk>/phan-viec/", views.task_shares, name="task_shares"),
    path("nhiem-vu/<int:pk>/gia-han/", views.extension_request, name="extension_request"),
    path("nhiem-vu/<int:pk>/gia-han/<int:ext_pk>/", views.extension_decide, name="extension_decide"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/so-luong/", views.notification_count, name="notification_count"),
    path("trach-nhiem/", views.accountability_view, name="accountability"),
    path("bao-cao/", views.reports_page, name="reports"),
    path("bao-cao/tai-ve/", views.official_report, name="official_report"),
    path("nhap-van-ban/", views_intake.upload, name="intake_upload"),
    path("nhap-van-ban/<int:pk>/", views_intake.review, name="intake_review"),
    path("nhap-van-ban/<int:pk>/them-co-quan/", views_intake.add_agency, name="intake_add_agency"),
]
