from django.apps import AppConfig


class EmailConfig(AppConfig):
    name = "safehaven.email"
    label = "mail"
    verbose_name = "Email checks and quarantine"
    default_auto_field = "django.db.models.BigAutoField"
