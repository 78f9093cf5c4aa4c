"""`serve`: prepares the SQLite database, loads the demo county once, prints demo logins."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from safehaven.accounts.models import User
from safehaven.records.demo import DEMO_PASSWORD, demo_load
from safehaven.records.models import ServiceUser
from safehaven.register.models import Disclosure
from safehaven.register.selectors import register_verify


@pytest.fixture(autouse=True)
def _static_root_in_tmp(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"


@pytest.mark.django_db
def test_demo_loads_once_with_every_role_and_a_valid_register(capsys):
    call_command("serve", "--demo", "--no-serve")
    out = capsys.readouterr().out
    assert "DEMO LOGINS - demo data only" in out
    assert DEMO_PASSWORD in out
    counts = (ServiceUser.objects.count(), Disclosure.objects.count(), User.objects.count())
    assert counts[0] == 300
    assert counts[1] > 0
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert register_verify().ok
    again = demo_load()
    assert not again.created
    assert (ServiceUser.objects.count(), Disclosure.objects.count(), User.objects.count()) == counts
    user = User.objects.get(username="demo.officer1")
    assert user.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_demo_has_address_history_restrictions_confidential_and_consents():
    from safehaven.records.models import Address, Consent, ContactRestriction, Switchboard

    demo_load(service_users=60)
    assert Address.objects.filter(valid_to__isnull=False).exists()
    assert ContactRestriction.objects.exists()
    assert Consent.objects.exists()
    assert Switchboard.objects.filter(verified_at__isnull=False).exists()


@pytest.mark.django_db
def test_demo_gives_the_dpo_near_misses_a_breach_and_subject_access_requests(client):
    """The DPO's oversight pages have something to show in the demo: near misses on every
    channel, a breach whose 72-hour clock is running and open subject access requests."""
    import datetime as dt

    from django.utils import timezone

    from safehaven.oversight.models import Breach, NearMiss, SubjectAccessRequest

    demo_load(service_users=60)
    assert set(NearMiss.objects.values_list("channel", flat=True)) == {
        "telephone",
        "email",
        "letter",
        "fax",
    }
    assert all("(demo)" in s for s in NearMiss.objects.values_list("summary", flat=True))
    breach = Breach.objects.get()
    assert dt.timedelta(hours=19) < timezone.now() - breach.aware_at < dt.timedelta(hours=72)
    assert SubjectAccessRequest.objects.count() == 2
    assert client.login(username="demo.dpo", password=DEMO_PASSWORD)
    page = client.get("/oversight/").content.decode()
    assert "No breach is waiting for a decision." not in page
    assert "No subject access request is open." not in page
    near = client.get("/oversight/near-misses/").content.decode()
    assert "Fax stopped: the receiving machine is not a safe haven (demo)" in near


@pytest.mark.django_db(transaction=True)
def test_pending_migrations_applied_on_sqlite_refused_on_postgresql():
    from django.core.management.base import CommandError
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.migrate([("register", target)])

    def pending():
        executor = MigrationExecutor(connection)
        return executor.migration_plan(executor.loader.graph.leaf_nodes())

    migrate("0001_initial")
    try:
        if connection.vendor == "sqlite":
            call_command("serve", "--no-serve")
            assert pending() == []
        else:
            with pytest.raises(CommandError, match="Run `safehaven migrate` first"):
                call_command("serve", "--no-serve")
            assert pending() != []
    finally:
        migrate("0002_append_only_triggers")
