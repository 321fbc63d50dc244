from django.urls import path

from . import views

app_name = "indices"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap/", views.data_entry, name="data_entry"),
    path("giam-diem/", views.answer, name="answer"),
    path("gan-nhan/<int:pk>/", views.confirm_tag, name="confirm_tag"),
    path("dinh-nghia.xlsx", views.definitions_xlsx, name="definitions_xlsx"),
    path("<str:code>/phuong-phap/", views.methodologies, name="methodologies"),
    path("<str:code>/tac-dong/", views.effect_view, name="effect"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("<str:code>/bao-cao/", views.report_docx, name="report_docx"),
    path("<str:code>/trach-nhiem/", views.responsibilities, name="responsibilities"),
]
