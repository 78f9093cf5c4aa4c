from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "safehaven.records"
    label = "records"
    verbose_name = "Records"
