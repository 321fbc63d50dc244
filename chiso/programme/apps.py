from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "chiso.programme"
    label = "programme"
    verbose_name = "Kế hoạch khắc phục, kiểm tra, tiếp xúc"
