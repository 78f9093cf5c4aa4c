from django.apps import AppConfig, apps


class EmailConfig(AppConfig):
    name = "safehaven.email"
    label = "mail"
    verbose_name = "Email checks and quarantine"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Senders who went on after a `warn` verdict appear in the DPO's overrides report.
        if apps.is_installed("safehaven.oversight"):
            from safehaven.email.selectors import override_rows
            from safehaven.oversight.overrides import override_source

            override_source(override_rows)
