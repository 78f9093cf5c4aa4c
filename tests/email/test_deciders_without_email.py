"""People who may decide held mail but have no email address get no notice of it: the held-mail
list tells the DPO and the administrators how many and what to do, and the gateway says so in
one start-up log line (counts only, no personal data)."""

from __future__ import annotations

import logging

import pytest

from safehaven.email.selectors import deciders_without_email
from tests.email.gateway_helpers import start_gateway
from tests.factories import UserFactory

LIST = "/email/quarantine/"


@pytest.fixture
def silent(school_a):
    """An authoriser and a second DPO with no address, an administrator with spaces only, and
    people who decide nothing (an officer) or cannot sign in (switched off), also without."""
    return [
        UserFactory(
            role="authoriser",
            manager_title="team",
            units=[school_a],
            email="",
            first_name="Priya",
            last_name="Quiet",
        ),
        UserFactory(role="dpo", email="", first_name="Dan", last_name="Silent"),
        UserFactory(role="administrator", email="   ", first_name="Ada", last_name="Blank"),
        UserFactory(role="officer", email="", units=[school_a]),
        UserFactory(role="dpo", email="", is_active=False),
    ]


@pytest.mark.django_db
def test_the_count_is_of_active_deciders_without_an_address(silent, dpo, authoriser):
    found = deciders_without_email()
    assert found.count == 3
    assert (found.dpos, found.authorisers, found.administrators) == (1, 1, 1)
    assert found.roles_text() == "1 DPO, 1 authoriser and 1 administrator"
    assert dpo not in found.people
    assert authoriser not in found.people


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["dpo", "administrator"])
def test_the_held_list_warns_the_dpo_and_the_administrator(client, silent, request, viewer):
    client.force_login(request.getfixturevalue(viewer))
    page = client.get(LIST).content.decode()
    assert 'id="deciders-without-email"' in page
    assert (
        "3 people who may decide held email have no email address (1 DPO, 1 authoriser and 1 "
        "administrator), so get no notice when email waits for them." in page
    )
    assert "Add an email address to their accounts: Dan Silent, Priya Quiet, Ada Blank." in page


@pytest.mark.django_db
def test_one_person_is_said_in_the_singular(client, dpo, school_a):
    UserFactory(role="authoriser", manager_title="team", units=[school_a], email="")
    client.force_login(dpo)
    page = client.get(LIST).content.decode()
    assert (
        "1 person who may decide held email has no email address (1 authoriser), so gets no "
        "notice" in page
    )
    assert "Add an email address to their account:" in page


@pytest.mark.django_db
def test_no_warning_when_every_decider_has_an_address_or_for_an_authoriser(
    client, dpo, authoriser, school_a
):
    UserFactory(role="officer", email="", units=[school_a])  # decides nothing
    client.force_login(dpo)
    assert 'id="deciders-without-email"' not in client.get(LIST).content.decode()
    UserFactory(role="dpo", email="")
    assert 'id="deciders-without-email"' in client.get(LIST).content.decode()
    # An authoriser looks after held mail but not the accounts: not told.
    client.force_login(authoriser)
    assert 'id="deciders-without-email"' not in client.get(LIST).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_gateway_logs_the_count_at_start_without_personal_data(
    spool, sink, sink_port, silent, dpo, caplog
):
    caplog.set_level(logging.WARNING, logger="safehaven.gateway")
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    gw.stop()
    [line] = [r.getMessage() for r in caplog.records if "no email address" in r.getMessage()]
    assert line == (
        "3 people who may decide held mail have no email address (1 DPO, 1 authoriser and 1 "
        "administrator) and get no notice of held mail: add an email address to their accounts "
        "in SafeHaven"
    )
    for person in silent[:3]:
        assert person.last_name not in line
        assert person.username not in line


@pytest.mark.django_db(transaction=True)
def test_no_line_without_notices_or_when_everyone_has_an_address(
    spool, sink, sink_port, dpo, caplog, school_a
):
    caplog.set_level(logging.WARNING, logger="safehaven.gateway")
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    gw.stop()
    UserFactory(role="dpo", email="")
    gw = start_gateway(spool, sink_port)  # no --notify-from: nobody is sent a notice anyway
    gw.stop()
    assert not [r for r in caplog.records if "no email address" in r.getMessage()]
