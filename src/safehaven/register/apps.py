from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "safehaven.register"
    label = "register"
    verbose_name = "Disclosure register"
