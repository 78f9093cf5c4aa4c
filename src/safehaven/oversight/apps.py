from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "safehaven.oversight"
    label = "oversight"
    verbose_name = "DPO oversight: near misses and breaches"
