from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "chiso.publication"
    label = "publication"
    verbose_name = "Công khai"
