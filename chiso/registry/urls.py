from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("nhom/", views.group_list, name="group_list"),
    path("lich-lam-viec/", views.calendar_view, name="calendar"),
    path("xuat-excel/", views.export_xlsx, name="export"),
    path("nhap-excel/", views.import_xlsx, name="import"),
    path("ma-api/", views.api_tokens, name="api_tokens"),
]
