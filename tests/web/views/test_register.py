"""The whole register (DPO and administrators) and checking its hash chain from the web."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import disclosure

pytestmark = pytest.mark.django_db


def test_officers_and_authorisers_cannot_read_the_whole_register(client, officer, authoriser):
    for user in (officer, authoriser):
        client.force_login(user)
        assert client.get(reverse("register-overview")).status_code == 403
        assert client.post(reverse("register-verify")).status_code == 403


def test_dpo_reads_the_register_newest_first(client, dpo, service_user):
    first = disclosure(service_user=service_user, recipient_name="First Recipient")
    second = disclosure(service_user=service_user, recipient_name="Second Recipient")
    client.force_login(dpo)
    html = client.get(reverse("register-overview")).content.decode()
    assert html.index("Second Recipient") < html.index("First Recipient")
    assert second.entry_hash in html
    assert first.sequence == 1


def test_verify_reports_an_intact_register(client, dpo, service_user):
    disclosure(service_user=service_user)
    disclosure(service_user=service_user)
    client.force_login(dpo)
    html = client.post(reverse("register-verify")).content.decode()
    assert "The register is intact: all 2 entries checked" in html


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="edits the row with the SQLite triggers lifted"
)
def test_verify_names_the_first_edited_entry(client, dpo, service_user):
    disclosure(service_user=service_user)
    tampered = disclosure(service_user=service_user)
    triggers = importlib.import_module("safehaven.register.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        for statement in triggers.SQLITE_DROP:
            cursor.execute(statement)
        cursor.execute(
            "UPDATE register_disclosure SET summary = 'edited' WHERE id = %s", [tampered.pk]
        )
        for statement in triggers.SQLITE_CREATE:
            cursor.execute(statement)
    client.force_login(dpo)
    html = client.post(reverse("register-verify")).content.decode()
    assert "The register has been tampered with" in html
    assert f"The first bad entry is entry {tampered.sequence}" in html


def test_verify_needs_post_and_csrf(dpo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dpo)
    assert client.get(reverse("register-verify")).status_code == 405
    assert client.post(reverse("register-verify")).status_code == 403
