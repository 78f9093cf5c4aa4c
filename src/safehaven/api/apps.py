from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "safehaven.api"
    label = "api"
    verbose_name = "REST API"
