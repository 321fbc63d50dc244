from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "chiso.directives"
    label = "directives"
    verbose_name = "Chỉ đạo và nhiệm vụ"

    def ready(self):
        from chiso.core import memo

        from .models import ReminderSchedule

        memo.forget_on_change(ReminderSchedule)
