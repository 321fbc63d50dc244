from django.urls import path

from . import views

app_name = "indices"
urlpatterns = [
    path("", views.index, name="index"),
]
