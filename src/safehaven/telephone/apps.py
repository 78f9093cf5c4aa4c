from django.apps import AppConfig


class TelephoneConfig(AppConfig):
    name = "safehaven.telephone"
    label = "telephone"
    verbose_name = "Telephone requests"
