from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.index, name="index"),
    path("danh-sach/", views.dossier_list, name="list"),
    path("danh-sach/xlsx/", views.dossier_export, name="export"),
    path("xin-loi/in-loat/", views.apology_batch, name="apology_batch"),
    path("dong-bo/", views.sync_gaps, name="sync_gaps"),
    path("chi-so-766/", views.indicators_view, name="indicators"),
    path("bao-cao-ky/", views.period_view, name="period"),
    path("nhap/", views.upload, name="upload"),
    path("nhap/<int:pk>/", views.import_status, name="import_status"),
    path("nhap/<int:pk>/them-thu-tuc/", views.add_unmatched_procedures, name="add_procedures"),
    path("hs/<str:code>/", views.dossier_detail, name="detail"),
    path("hs/<str:code>/phieu-xin-loi/", views.apology_letter, name="apology_letter"),
]
