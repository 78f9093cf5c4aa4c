from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "safehaven.web"
    label = "web"
    verbose_name = "Web"
