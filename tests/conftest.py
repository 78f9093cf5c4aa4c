"""Root test configuration: database wiring (SQLite by default, a real PostgreSQL 15 started by
the session with `--ds=safehaven.settings.test_postgres`), shared fixtures and factories."""

from __future__ import annotations

import importlib
import os
import random
import shutil
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
PG_CTL_WRAPPER = REPO / "bin" / "pg_ctl_as_postgres"

# Lets live_server + sync Playwright run inside pytest-django (MACHINE-NOTES 4).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Hypothesis: no per-example deadline and no "too slow" health check. Both measure wall-clock
# time, so on a loaded 2-core CI machine they fail tests whose code is correct. A test that sets
# its own `deadline` or health checks still overrides this.
settings.register_profile("safehaven", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("safehaven")

# factory_boy and Faker draw from one random generator. Each test reseeds it from this session
# seed and its own node id, so a failure that depends on the random data comes back with
# `SAFEHAVEN_TEST_SEED=<seed> pytest <that test>`. Random unless the variable is set.
SEED_VARIABLE = "SAFEHAVEN_TEST_SEED"
FACTORY_SEED = int(os.environ.get(SEED_VARIABLE) or random.SystemRandom().randrange(10**9))


def pytest_configure(config: pytest.Config) -> None:
    # Several pytest sessions share this machine; pytest prunes old numbered temp folders under
    # /tmp/pytest-of-<user>, which can delete a running session's PostgreSQL data directory.
    # Without --basetemp, each session gets a folder of its own, removed at the end.
    if not config.option.basetemp and not hasattr(config, "workerinput"):
        config.option.basetemp = tempfile.mkdtemp(prefix="safehaven-pytest-")
        config._safehaven_own_basetemp = config.option.basetemp
    # The sensitivity engine keeps what it builds from its lexicons in a cache folder
    # (~/.cache/safehaven by default) that every process of the user shares, checked against the
    # data files only: a cache written by other code (another checkout, an edit in progress)
    # would change what the engine finds. The session (and the commands it starts) get a cache
    # folder of their own, unless SAFEHAVEN_CACHE_DIR is set.
    if "SAFEHAVEN_CACHE_DIR" not in os.environ:
        os.environ["SAFEHAVEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="safehaven-cache-")
        config._safehaven_own_cache = os.environ["SAFEHAVEN_CACHE_DIR"]
    # initdb, pg_ctl and postgres refuse to run as root: go through the wrapper that runs
    # pg_ctl as the postgres user, unless --postgresql-exec was given.
    if os.geteuid() == 0 and not config.getoption("postgresql_exec", default=None):
        config.option.postgresql_exec = str(PG_CTL_WRAPPER)


# Not django_db_blocker: pytest-django's autouse fixtures pull it into every test, which marked
# every test `postgres` and made the PostgreSQL stage run the whole suite again (session 9).
DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks every test that touches the database `postgres`, so the PostgreSQL stage of
    scripts/test (`-m "django_db or postgres"`) also runs tests that get the database through
    a fixture or a Django TestCase rather than the django_db marker."""
    from django.test import SimpleTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        django_case = (
            cls is not None
            and isinstance(cls, type)
            and issubclass(cls, SimpleTestCase)
            and bool(getattr(cls, "databases", None))
        )
        if django_case or DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


def pytest_report_header(config: pytest.Config) -> str:
    return f"factory/Faker data: {SEED_VARIABLE}={FACTORY_SEED}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed:
        report.sections.append(
            ("factory/Faker seed", f"{SEED_VARIABLE}={FACTORY_SEED} pytest '{item.nodeid}'")
        )
    return report


@pytest.fixture(autouse=True)
def _factory_seed(request: pytest.FixtureRequest) -> None:
    """Reseeds factory_boy and Faker per test (see FACTORY_SEED above)."""
    import factory.random

    factory.random.reseed_random(FACTORY_SEED ^ zlib.crc32(request.node.nodeid.encode()))


def pytest_unconfigure(config: pytest.Config) -> None:
    own = getattr(config, "_safehaven_own_basetemp", None)
    if own:
        shutil.rmtree(own, ignore_errors=True)
    cache = getattr(config, "_safehaven_own_cache", None)
    if cache:
        os.environ.pop("SAFEHAVEN_CACHE_DIR", None)
        shutil.rmtree(cache, ignore_errors=True)


def _is_postgres_settings() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    request: pytest.FixtureRequest,
    django_db_modify_db_settings_parallel_suffix: None,
) -> None:
    """SQLite: a test database file of this session's own (several sessions may run at once
    on one machine). PostgreSQL: start a throw-away server and point Django at it."""
    from django.conf import settings

    if not _is_postgres_settings():
        db = settings.DATABASES["default"]
        if db["ENGINE"] == "django.db.backends.sqlite3":
            base = request.getfixturevalue("tmp_path_factory").getbasetemp()
            db.setdefault("TEST", {})["NAME"] = str(base / "test-db.sqlite3")
        return

    proc = request.getfixturevalue("postgresql_proc")
    db = settings.DATABASES["default"]
    db.update(
        {
            "HOST": proc.host,
            "PORT": str(proc.port),
            "USER": proc.user,
            "PASSWORD": proc.password or "",
        }
    )
    # Test databases are emptied with TRUNCATE between transactional tests; the register's
    # TRUNCATE guard lets through only sessions that set this (never production).
    db.setdefault("OPTIONS", {})["options"] = "-c safehaven.allow_truncate=on"


def _wants_transactional_db(request: pytest.FixtureRequest) -> bool:
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


def purge_register_sqlite(connection) -> None:
    """Empties the register tables on SQLite by lifting the append-only triggers for a moment.

    Test-only: Django's flush after a transactional test runs DELETE, which the triggers refuse.
    """
    triggers = importlib.import_module("safehaven.register.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        # Channel rows (telephone requests, fax jobs...) point at register entries; Django's
        # flush empties their tables next, so foreign keys can wait until then.
        cursor.execute("PRAGMA foreign_keys = OFF")
        for statement in triggers.SQLITE_DROP:
            cursor.execute(statement)
        cursor.execute("DELETE FROM register_disclosuresubject")
        cursor.execute("DELETE FROM register_disclosure")
        for statement in triggers.SQLITE_CREATE:
            cursor.execute(statement)
        cursor.execute("PRAGMA foreign_keys = ON")


@pytest.fixture(autouse=True)
def _register_rows_do_not_block_flush(request: pytest.FixtureRequest):
    """After a transactional test on SQLite, clear register rows before Django's flush."""
    if not _wants_transactional_db(request):
        yield
        return
    # Requesting the db helper here makes it tear down (flush) after this fixture.
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        purge_register_sqlite(connection)
        purge_records_sqlite(connection)


def purge_records_sqlite(connection) -> None:
    """The same for the records app's append-only tables (access log, change history)."""
    triggers = importlib.import_module("safehaven.records.migrations.0003_append_only_triggers")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")
        for statement in triggers.SQLITE_DROP:
            cursor.execute(statement)
        for table in triggers.TABLES:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (table names are constants)
        for statement in triggers.SQLITE_CREATE:
            cursor.execute(statement)
        cursor.execute("PRAGMA foreign_keys = ON")


# Shared fixtures built from the factories.


@pytest.fixture
def school_a(db):
    from tests.factories import UnitFactory

    return UnitFactory(name="Ashby Hill Primary School")


@pytest.fixture
def school_b(db):
    from tests.factories import UnitFactory

    return UnitFactory(name="Birstall Meadow Academy")


@pytest.fixture
def officer(school_a):
    from tests.factories import UserFactory

    return UserFactory(role="officer", units=[school_a])


@pytest.fixture
def authoriser(school_a):
    from tests.factories import UserFactory

    return UserFactory(role="authoriser", manager_title="team", units=[school_a])


@pytest.fixture
def dpo(db):
    from tests.factories import UserFactory

    return UserFactory(role="dpo")


@pytest.fixture
def administrator(db):
    from tests.factories import UserFactory

    return UserFactory(role="administrator")


# Names the amendment tests change a record *to*; the fixture's random names
# must never already be one of them, or "no change" makes those tests flaky.
AMENDMENT_TEST_GIVEN_NAMES = frozenset({"Ann", "Bea", "Cat"})
AMENDMENT_TEST_FAMILY_NAMES = frozenset({"Lee"})


@pytest.fixture
def service_user(school_a):
    from faker import Faker

    from tests.factories import ServiceUserFactory

    fake = Faker("en_GB")
    given = fake.first_name()
    while given in AMENDMENT_TEST_GIVEN_NAMES:
        given = fake.first_name()
    family = fake.last_name()
    while family in AMENDMENT_TEST_FAMILY_NAMES:
        family = fake.last_name()
    return ServiceUserFactory(unit=school_a, given_name=given, family_name=family)


@pytest.fixture
def relay(settings):
    """A real SMTP sink on loopback as the web app's relay (SAFEHAVEN_EMAIL_RELAY): releasing
    held mail or sending a checked draft reaches it; yields the sink with what it received."""
    from aiosmtpd.controller import Controller

    from tests.gateway.conftest import Sink, free_port

    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.SAFEHAVEN_EMAIL_RELAY = f"127.0.0.1:{port}"
    yield sink
    controller.stop()
