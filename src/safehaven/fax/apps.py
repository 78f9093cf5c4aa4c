from django.apps import AppConfig


class FaxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "safehaven.fax"
    verbose_name = "Fax"
