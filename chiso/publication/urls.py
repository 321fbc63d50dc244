from django.urls import path

from . import views

app_name = "publication"
urlpatterns = [
    path("", views.home, name="home"),
    path("du-lieu.json", views.catalogue_json, name="catalogue"),
    path("<int:pk>/", views.item, name="item"),
    path("<int:pk>/du-lieu.json", views.item_json, name="item_json"),
    path("<int:pk>/<slug:table>.csv", views.item_csv, name="item_csv"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/<int:pk>/", views.manage_toggle, name="manage_toggle"),
]
