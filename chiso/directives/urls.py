from django.urls import path

from . import views, views_intake

app_name = "directives"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap-van-ban/", views_intake.upload, name="intake_upload"),
    path("nhap-van-ban/<int:pk>/", views_intake.review, name="intake_review"),
]
