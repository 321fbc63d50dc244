from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.index, name="index"),
    path("ke-hoach/", views.plan_list, name="plans"),
    path("ke-hoach/<int:pk>/", views.plan_request, name="plan_request"),
    path("ke-hoach/<int:pk>/don-vi/<int:agency_pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/don-vi/<int:agency_pk>/tep/", views.plan_file, name="plan_file"),
    path(
        "ke-hoach/<int:pk>/don-vi/<int:agency_pk>/viec/<int:item_pk>/",
        views.plan_item_state,
        name="plan_item_state",
    ),
]
