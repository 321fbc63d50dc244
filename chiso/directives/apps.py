from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "chiso.directives"
    label = "directives"
    verbose_name = "Chỉ đạo và nhiệm vụ"
