from django.urls import path

from . import views, views_contact, views_evaluation, views_inspections, views_meetings

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
    path("kiem-tra/", views_inspections.team_list, name="teams"),
    path("kiem-tra/<int:pk>/", views_inspections.team_detail, name="team"),
    path("kiem-tra/lan/<int:pk>/", views_inspections.visit_detail, name="visit"),
    path("kiem-tra/lan/<int:pk>/bien-ban/", views_inspections.visit_minutes, name="visit_minutes"),
    path(
        "kiem-tra/phat-hien/<int:pk>/minh-chung/", views_inspections.finding_evidence, name="finding_evidence"
    ),
    path("tiep-xuc/", views_contact.contact_list, name="contacts"),
    path("tiep-xuc/<int:pk>/", views_contact.contact_grid, name="contact"),
    path("tiep-xuc/<int:pk>/don-vi/<int:agency_pk>/", views_contact.contact_agency, name="contact_agency"),
    path("hop-chuyen-de/", views_meetings.meeting_list, name="meetings"),
    path("hop-chuyen-de/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("danh-gia/", views_evaluation.evaluation_list, name="evaluations"),
    path(
        "danh-gia/<int:agency_pk>/<int:year>.<str:ext>",
        views_evaluation.evaluation_file,
        name="evaluation_file",
    ),
]
