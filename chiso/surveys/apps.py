from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "chiso.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"
