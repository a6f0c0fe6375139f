from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from accounts import middleware  # noqa: F401  (starts a session's idle count at login)
