from django.apps import AppConfig


class RegistrantsConfig(AppConfig):
    name = "registrants"
    verbose_name = "Registrants"
