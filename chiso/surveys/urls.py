from django.urls import path

from . import answer_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("phieu-mau/", views.install_builtin, name="install_builtin"),
    path("phieu/<int:pk>/", views.preview, name="preview"),
    path("phieu/<int:pk>/bieu-mau.xml", views.preview_xform, name="preview_xform"),
    path("phieu/<int:pk>/xlsform.xlsx", views.export_xlsform, name="export_xlsform"),
    path("phieu/nhap-xlsform/", views.import_xlsform, name="import_xlsform"),
    path("dot/moi/", views.wave_edit, name="wave_new"),
    path("dot/<int:pk>/", views.wave_detail, name="wave"),
    path("dot/<int:pk>/sua/", views.wave_edit, name="wave_edit"),
    path("dot/<int:pk>/trang-thai/", views.set_status, name="status"),
    path("dot/<int:pk>/gia-quyen/", views.wave_weights, name="weights"),
    path("dot/<int:pk>/thu-moi/", views.invitations, name="invitations"),
    path("dot/<int:pk>/nhac/", views.remind, name="remind"),
    path("dot/<int:pk>/phieu-giay/", views.paper_import, name="paper"),
    path("dot/<int:pk>/y-kien/", views.open_answers, name="open_answers"),
    path("dot/<int:pk>/xuat.<str:fmt>", views.export, name="export"),
    path("dot/<int:pk>/kobo.<str:fmt>", views.export_kobo, name="export_kobo"),
    path("dot/<int:pk>/bao-cao.docx", views.report, name="report"),
    path("dot/<int:pk>/ma-qr/", views.qr, name="qr"),
    path("dot/<int:pk>/ghi-chi-so/", views.to_indices, name="to_indices"),
    # answering: no login
    path("tra-loi/<str:token>/", answer_views.answer, name="answer"),
    path("tra-loi/<str:token>/bieu-mau.xml", answer_views.answer_xform, name="answer_xform"),
    path("p/<slug:slug>/", answer_views.public_answer, name="public"),
    path("p/<slug:slug>/bieu-mau.xml", answer_views.public_xform, name="public_xform"),
    path("cam-on/", answer_views.thanks, name="thanks"),
]
