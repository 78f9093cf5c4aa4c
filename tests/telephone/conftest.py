"""A prepared caller: a partner organisation with a verified switchboard, a child with consent."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.telephone import services
from tests.factories import (
    AddressFactory,
    ConsentFactory,
    OrganisationFactory,
    ServiceUserFactory,
    SwitchboardFactory,
    UserFactory,
)


@pytest.fixture
def partner(dpo):
    organisation = OrganisationFactory(name="Charnwood Health Centre")
    organisation.main_switchboard = SwitchboardFactory(
        organisation=organisation, number="+441164960100", verified_by=dpo
    )
    return organisation


@pytest.fixture
def child(school_a, partner):
    person = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )  # fmt: skip
    AddressFactory(service_user=person, line_1="14 Mill Lane", postcode="LE11 1AA")
    ConsentFactory(service_user=person, recipient_organisation=partner, purpose="health")
    return person


@pytest.fixture
def second_manager(school_a):
    return UserFactory(role="authoriser", manager_title="line", units=[school_a])


@pytest.fixture
def log_call(officer, partner):
    def make(**overrides):
        params = {
            "officer": officer,
            "caller_name": "Dr Priya Shah",
            "caller_number": "07911 123456",
            "caller_job_title": "School Nurse",
            "organisation": partner,
            "reason": "Health assessment for the school nursing team",
            "purpose": "health",
            "given_name": "Amelia",
            "family_name": "Whitworth",
            "date_of_birth": dt.date(2014, 3, 7),
            **overrides,
        }
        return services.telephone_request_log(**params)

    return make


@pytest.fixture
def walk(officer, partner, child, authoriser):
    """Moves a fresh request through the steps up to (not including) `until`."""

    def run(tel, until: str):
        order = ["identify", "callback", "consent", "decide", "return_call"]
        for step in order[: order.index(until)]:
            if step == "identify":
                tel = services.telephone_request_identify(
                    request=tel, officer=officer, service_user=child
                )
            elif step == "callback":
                tel = services.telephone_request_callback(
                    request=tel, officer=officer, switchboard=partner.main_switchboard
                )
            elif step == "consent":
                tel = services.telephone_request_consent(
                    request=tel, officer=officer, lawful_basis="consent"
                )
            elif step == "decide":
                tel = services.telephone_request_decide(
                    request=tel, authoriser=authoriser, approve=True, note="Fine to share"
                )
        return tel

    return run
