from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "safehaven.correspondence"
    label = "correspondence"
    verbose_name = "Letters and post"
