"""`safehaven serve [--demo] [--host H] [--port P]`: the web app on waitress.

SQLite (the embedded default): creates SAFEHAVEN_DATA_DIR and migrates on first start.
PostgreSQL (DATABASE_URL set): never migrates by itself; asks for `safehaven migrate`.
"""

from __future__ import annotations

import io
import logging
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Start the SafeHaven web app (waitress). --demo loads a demo county once."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="load the demo county (once)")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="prepare the database (and demo) and exit without serving",
        )

    def handle(self, *args, **options):
        self._prepare_database()
        if options["demo"]:
            self._load_demo()
        self._collectstatic()
        if options["no_serve"]:
            return
        self._serve(options["host"], options["port"], options["threads"])

    def _pending_migrations(self) -> list:
        executor = MigrationExecutor(connection)
        return executor.migration_plan(executor.loader.graph.leaf_nodes())

    def _prepare_database(self) -> None:
        if connection.vendor == "sqlite":
            name = str(settings.DATABASES["default"]["NAME"])
            if name != ":memory:" and not name.startswith("file:"):
                os.makedirs(os.path.dirname(os.path.abspath(name)), exist_ok=True)
            if self._pending_migrations():
                self.stdout.write("Preparing the database (first start or upgrade)...")
                call_command("migrate", interactive=False, verbosity=0)
            return
        try:
            pending = self._pending_migrations()
        except Exception as exc:  # noqa: BLE001 - any connection failure gets one plain line
            raise CommandError(
                f"Cannot reach the database in DATABASE_URL ({type(exc).__name__}). Check the "
                f"address, user and password, and that the server is running."
            ) from None
        if pending:
            raise CommandError(
                f"The database needs {len(pending)} migration(s). Run `safehaven migrate` first "
                f"(SafeHaven does not change a PostgreSQL schema by itself)."
            )

    def _load_demo(self) -> None:
        from safehaven.records.demo import demo_load

        self.stdout.write("Loading the demo county (first time only)...")
        register_log = logging.getLogger("safehaven")
        level = register_log.level
        register_log.setLevel(logging.WARNING)
        try:
            result = demo_load()
        finally:
            register_log.setLevel(level)
        self.stdout.write(
            ("Demo county loaded" if result.created else "Demo county already loaded")
            + f": {result.service_users} service users, {result.disclosures} register entries."
        )
        self.stdout.write("")
        self.stdout.write("DEMO LOGINS - demo data only, never use these on a real system:")
        for username, role, units in result.logins:
            self.stdout.write(f"  {username:<16} {role:<40} {units}")
        self.stdout.write(f"  password for every demo login: {result.password}")
        self.stdout.write("")

    def _collectstatic(self) -> None:
        root = settings.STATIC_ROOT
        if not root:
            return
        if os.path.isdir(root) and any(os.scandir(root)):
            return
        os.makedirs(root, exist_ok=True)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())

    def _serve(self, host: str, port: int, threads: int) -> None:
        from waitress import serve

        from safehaven.web.wsgi import application

        self.stdout.write(f"SafeHaven is running at http://{host}:{port}/  (Ctrl+C to stop)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="SafeHaven")
        except OSError as exc:
            raise CommandError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from None
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
