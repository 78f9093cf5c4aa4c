"""Each guidance rule of section 1 (TEL-1..TEL-9), enforced by the telephone services."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.register.models import Disclosure
from safehaven.telephone import services
from safehaven.telephone.models import TelephoneRequest
from tests.factories import (
    ContactRestrictionFactory,
    OrganisationFactory,
    ServiceUserFactory,
    SwitchboardFactory,
)

State = TelephoneRequest.State
pytestmark = pytest.mark.django_db


@pytest.mark.rule("TEL-1")
def test_nothing_can_be_disclosed_straight_after_logging_the_call(log_call, officer):
    tel = log_call()
    assert tel.state == State.LOGGED
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Dr Priya Shah",
            called_switchboard=True, disclosed_summary="Attendance is 92%.",
        )  # fmt: skip
    assert err.value.out_of_order
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("TEL-2")
def test_logging_needs_the_callers_name_and_a_real_contact_number(log_call):
    with pytest.raises(services.TelephoneError) as err:
        log_call(caller_name="  ")
    assert err.value.rule == "TEL-2"
    with pytest.raises(services.TelephoneError) as err:
        log_call(caller_number="12345")
    assert err.value.field == "caller_number"
    tel = log_call(caller_number="0116 496 0123")
    assert tel.caller_number == "+441164960123"
    assert tel.caller_job_title == "School Nurse"


@pytest.mark.rule("TEL-2")
def test_logging_needs_an_organisation_from_the_directory_or_by_name(log_call):
    with pytest.raises(services.TelephoneError) as err:
        log_call(organisation=None, organisation_name="")
    assert err.value.field == "organisation"
    tel = log_call(organisation=None, organisation_name="Riverside Nursing Agency")
    assert tel.organisation is None
    assert tel.organisation_name == "Riverside Nursing Agency"


@pytest.mark.rule("TEL-4")
def test_logging_needs_the_reason_and_the_server_sets_the_time(log_call):
    with pytest.raises(services.TelephoneError) as err:
        log_call(reason="")
    assert err.value.rule == "TEL-4"
    before = dt.datetime.now(dt.UTC)
    tel = log_call()
    assert tel.received_at >= before - dt.timedelta(seconds=1)
    assert tel.events.get().rule == "TEL-1"


@pytest.mark.rule("TEL-3")
def test_the_child_is_identified_only_on_an_exact_name_and_birth_date_match(
    log_call, officer, child
):
    tel = log_call(date_of_birth=dt.date(2014, 7, 3))  # day and month swapped by the caller
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_identify(request=tel, officer=officer, service_user=child)
    assert err.value.rule == "TEL-3"
    assert "swapped" in err.value.message
    tel = log_call()
    tel = services.telephone_request_identify(request=tel, officer=officer, service_user=child)
    assert tel.state == State.IDENTIFIED
    assert tel.service_user == child


@pytest.mark.rule("TEL-3")
def test_two_exact_matches_are_ambiguous_until_the_reference_is_given(
    log_call, officer, child, school_a
):
    twin = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=child.date_of_birth,
    )  # fmt: skip
    tel = log_call()
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_identify(request=tel, officer=officer, service_user=child)
    assert "reference" in err.value.message
    tel = log_call(given_reference=twin.reference)
    tel = services.telephone_request_identify(request=tel, officer=officer, service_user=twin)
    assert tel.service_user == twin


@pytest.mark.rule("TEL-3")
def test_a_child_at_another_school_is_never_a_candidate(log_call, officer, school_b):
    other = ServiceUserFactory(
        unit=school_b, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )  # fmt: skip
    tel = log_call()
    with pytest.raises(services.TelephoneError):
        services.telephone_request_identify(request=tel, officer=officer, service_user=other)
    candidates = services.telephone_request_candidates(request=tel, user=officer)
    assert other not in [m.service_user for m in candidates]


@pytest.mark.rule("TEL-5")
def test_a_mobile_number_offered_by_the_caller_is_refused(log_call, walk, officer):
    tel = walk(log_call(), "callback")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_callback(request=tel, officer=officer, number="07911 123456")
    assert err.value.rule == "TEL-5"
    assert "mobile" in err.value.message
    tel.refresh_from_db()
    assert tel.state == State.IDENTIFIED
    assert tel.callback_number == ""


@pytest.mark.rule("TEL-5")
def test_a_direct_line_not_on_the_organisations_record_is_refused(log_call, walk, officer):
    tel = walk(log_call(), "callback")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_callback(request=tel, officer=officer, number="0116 496 0999")
    assert "not a verified switchboard" in err.value.message


@pytest.mark.rule("TEL-5")
def test_the_callback_goes_to_the_verified_switchboard(log_call, walk, officer, partner):
    tel = walk(log_call(), "callback")
    tel = services.telephone_request_callback(request=tel, officer=officer, number="0116 496 0100")
    assert tel.state == State.CALLBACK_CHECKED
    assert tel.callback_number == "+441164960100"
    assert "verified by" in tel.events.last().note


@pytest.mark.rule("TEL-5")
def test_an_unverified_switchboard_is_refused(log_call, walk, officer, partner):
    unverified = SwitchboardFactory(organisation=partner, verified_at=None)
    tel = walk(log_call(), "callback")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_callback(request=tel, officer=officer, switchboard=unverified)
    assert "not been verified" in err.value.message


@pytest.mark.rule("TEL-5")
def test_an_organisation_not_in_the_directory_must_be_added_before_any_callback(
    log_call, officer, child, dpo
):
    tel = log_call(organisation=None, organisation_name="Riverside Nursing Agency")
    tel = services.telephone_request_identify(request=tel, officer=officer, service_user=child)
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_callback(request=tel, officer=officer)
    assert "not in the directory" in err.value.message
    added = OrganisationFactory(name="Riverside Nursing Agency")
    board = SwitchboardFactory(organisation=added, verified_by=dpo)
    tel = services.telephone_request_callback(
        request=tel, officer=officer, organisation=added, switchboard=board
    )
    assert tel.organisation == added
    assert tel.state == State.CALLBACK_CHECKED


@pytest.mark.rule("TEL-7")
def test_without_consent_the_request_stops_unless_an_exemption_is_justified(
    log_call, walk, officer, child
):
    child_consent = child.consents.get()
    child_consent.withdrawn_at = child_consent.given_at + dt.timedelta(days=1)
    child_consent.save()
    tel = walk(log_call(), "consent")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_consent(request=tel, officer=officer, lawful_basis="consent")
    assert err.value.rule == "TEL-7"
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_consent(
            request=tel, officer=officer, lawful_basis="safeguarding", justification="at risk"
        )
    assert err.value.field == "justification"
    tel = services.telephone_request_consent(
        request=tel, officer=officer, lawful_basis="safeguarding",
        justification="Section 47 enquiry open; the nurse needs the attendance pattern today.",
    )  # fmt: skip
    assert tel.state == State.AWAITING_AUTHORISATION
    assert tel.consent is None


@pytest.mark.rule("TEL-7")
def test_consent_for_another_purpose_does_not_cover_the_request(log_call, walk, officer, child):
    consent = child.consents.get()
    consent.purpose = "education"
    consent.save()
    tel = walk(log_call(), "consent")
    with pytest.raises(services.TelephoneError):
        services.telephone_request_consent(request=tel, officer=officer, lawful_basis="consent")


@pytest.mark.rule("TEL-7")
def test_a_contact_restriction_on_the_caller_stops_the_request(log_call, walk, officer, child):
    ContactRestrictionFactory(service_user=child, person_name="Dr Priya Shah")
    tel = walk(log_call(), "consent")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_consent(
            request=tel, officer=officer, lawful_basis="safeguarding",
            justification="A justification that is long enough to be accepted.",
        )  # fmt: skip
    assert "must not receive information" in err.value.message


@pytest.mark.rule("TEL-7")
def test_a_confidential_address_is_never_read_out(log_call, walk, officer, child):
    current = child.addresses.get()
    current.confidential = True
    current.save()
    tel = walk(log_call(), "return_call")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Dr Priya Shah", called_switchboard=True,
            disclosed_summary="Confirmed she lives at 14 Mill Lane, LE11 1AA.",
        )  # fmt: skip
    assert "confidential" in err.value.message
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("TEL-6")
def test_nobody_authorises_their_own_request(log_call, walk, officer, school_a):
    from tests.factories import UserFactory

    manager_officer = UserFactory(role="authoriser", manager_title="team", units=[school_a])
    tel = walk(log_call(officer=manager_officer), "decide")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_decide(request=tel, authoriser=manager_officer, approve=True)
    assert "own request" in err.value.message


@pytest.mark.rule("TEL-6")
def test_only_a_manager_can_authorise(log_call, walk, school_a):
    from tests.factories import UserFactory

    colleague = UserFactory(role="officer", units=[school_a])
    tel = walk(log_call(), "decide")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_decide(request=tel, authoriser=colleague, approve=True)
    assert err.value.rule == "TEL-6"


@pytest.mark.rule("TEL-6")
def test_a_manager_at_another_school_cannot_authorise(log_call, walk, school_b):
    from tests.factories import UserFactory

    stranger = UserFactory(role="authoriser", manager_title="service", units=[school_b])
    tel = walk(log_call(), "decide")
    with pytest.raises(services.TelephoneError):
        services.telephone_request_decide(request=tel, authoriser=stranger, approve=True)


@pytest.mark.rule("TEL-6")
@pytest.mark.rule("TEL-9")
def test_a_refusal_by_the_manager_is_recorded_in_the_register(log_call, walk, authoriser):
    tel = walk(log_call(), "decide")
    with pytest.raises(services.TelephoneError):
        services.telephone_request_decide(request=tel, authoriser=authoriser, approve=False)
    tel = services.telephone_request_decide(
        request=tel, authoriser=authoriser, approve=False, note="Ask for it in writing."
    )
    assert tel.state == State.REFUSED
    entry = Disclosure.objects.get()
    assert entry.outcome == "refused"
    assert "Ask for it in writing." in entry.refusal_reason
    assert entry.authorised_by == authoriser


@pytest.mark.rule("TEL-8")
def test_the_call_is_returned_only_to_the_person_who_asked(log_call, walk, officer):
    tel = walk(log_call(), "return_call")
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Mr Tom Baker", called_switchboard=True,
            disclosed_summary="Attendance is 92%.",
        )  # fmt: skip
    assert err.value.rule == "TEL-8"
    with pytest.raises(services.TelephoneError) as err:
        services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Dr Priya Shah", called_switchboard=False,
            disclosed_summary="Attendance is 92%.",
        )  # fmt: skip
    assert err.value.rule == "TEL-5"
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("TEL-9")
def test_the_disclosure_and_its_register_entry_are_written_together(
    log_call, walk, officer, authoriser, child, partner
):
    tel = walk(log_call(), "return_call")
    tel = services.telephone_request_return_call(
        request=tel, officer=officer, spoke_to_name="dr priya shah", called_switchboard=True,
        disclosed_summary="Attendance this term is 92%; no medical absences recorded.",
    )  # fmt: skip
    assert tel.state == State.DISCLOSED
    entry = Disclosure.objects.get()
    assert tel.disclosure == entry
    assert entry.channel == "telephone"
    assert entry.outcome == "disclosed"
    assert entry.disclosed_by == officer
    assert entry.authorised_by == authoriser
    assert entry.recipient_name == "Dr Priya Shah"
    assert entry.recipient_organisation == partner
    assert entry.recipient_number == "+441164960100"
    assert entry.reason == "Health assessment for the school nursing team"
    assert entry.lawful_basis == "consent"
    assert entry.consent == child.consents.get()
    assert entry.correlation_id == tel.correlation_id
    assert [e.rule for e in tel.events.all()] == [
        "TEL-1", "TEL-3", "TEL-5", "TEL-7", "TEL-6", "TEL-9",
    ]  # fmt: skip


@pytest.mark.rule("TEL-9")
def test_a_register_failure_rolls_back_the_disclosure(log_call, walk, officer, monkeypatch):
    from safehaven.register.services import DisclosureError

    tel = walk(log_call(), "return_call")

    def broken(**kwargs):
        raise DisclosureError("The register refused the entry.")

    monkeypatch.setattr(services, "disclosure_record", broken)
    with pytest.raises(services.TelephoneError):
        services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Dr Priya Shah", called_switchboard=True,
            disclosed_summary="Attendance is 92%.",
        )  # fmt: skip
    tel.refresh_from_db()
    assert tel.state == State.AUTHORISED
    assert tel.returned_at is None


@pytest.mark.rule("TEL-9")
def test_stopping_an_identified_request_is_recorded_with_its_reason(log_call, walk, officer):
    tel = walk(log_call(), "callback")
    tel = services.telephone_request_refuse(
        request=tel, user=officer, reason="Caller would not give a switchboard.", rule="TEL-5"
    )
    assert tel.state == State.REFUSED
    assert tel.refusal_rule == "TEL-5"
    entry = Disclosure.objects.get()
    assert entry.outcome == "refused"
    assert entry.refusal_reason.startswith("Caller would not")
    with pytest.raises(services.TelephoneError):
        services.telephone_request_refuse(request=tel, user=officer, reason="again")


def test_stopping_before_identification_is_kept_on_the_request_only(log_call, officer):
    tel = services.telephone_request_refuse(
        request=log_call(), user=officer, reason="No record matches."
    )
    assert tel.state == State.REFUSED
    assert tel.refusal_reason == "No record matches."
    assert Disclosure.objects.count() == 0


def test_a_step_cannot_be_repeated_or_skipped(log_call, walk, officer, child):
    tel = walk(log_call(), "consent")
    for call in (
        lambda: services.telephone_request_identify(
            request=tel, officer=officer, service_user=child
        ),
        lambda: services.telephone_request_return_call(
            request=tel, officer=officer, spoke_to_name="Dr Priya Shah", called_switchboard=True,
            disclosed_summary="x",
        ),
    ):  # fmt: skip
        with pytest.raises(services.TelephoneError) as err:
            call()
        assert err.value.out_of_order
