"""Near-miss capture and the breach workflow: who may do what, the facts, the decision rules,
the 72-hour clock with the server's clock moved."""

from __future__ import annotations

import datetime as dt
import uuid
from unittest import mock

import pytest
from django.utils import timezone

from safehaven.oversight import services
from safehaven.oversight.models import Breach, BreachEvent, NearMiss
from safehaven.register.correlation import correlation
from safehaven.telephone import services as telephone
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def at(moment: dt.datetime):
    """Moves the server's clock (every `timezone.now()` the services read)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _facts(breach, user):
    return services.breach_facts_record(
        breach=breach, user=user, nature="A report card went to the wrong parent.",
        people_affected=1, records_affected=1,
        likely_consequences="Another family learns a child's attainment.",
        measures_taken="Recipient asked to delete; confirmed by phone.",
    )  # fmt: skip


@pytest.fixture
def breach(officer):
    with at(T0):
        return services.breach_report(
            user=officer, category="email_wrong_recipient",
            description="I emailed the report to the wrong parent.",
        )  # fmt: skip


# Near misses.


def test_a_near_miss_takes_the_childs_unit_and_the_current_correlation_id(service_user):
    with correlation() as cid:
        miss = services.near_miss_record(
            channel="email", kind="email_blocked", rule="EMAIL-1",
            summary="Sensitive email to a non-secure domain blocked",
            service_user=service_user, source_reference="email:1",
        )  # fmt: skip
    assert miss.unit == service_user.unit
    assert miss.correlation_id == cid


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("channel", "pigeon", "Unknown channel"), ("kind", "oops", "Unknown near-miss kind"),
     ("summary", "  ", "Say briefly"), ("summary", "x" * 301, "300 characters"),
     ("rule", "TEL-5-EXTRA", "at most 10")],
)  # fmt: skip
def test_a_near_miss_with_bad_input_is_refused_with_a_plain_message(db, field, value, message):
    params = {"channel": "email", "kind": "email_held", "summary": "Held"} | {field: value}
    with pytest.raises(services.OversightError) as err:
        services.near_miss_record(**params)
    assert err.value.field == field
    assert message in err.value.message
    assert NearMiss.objects.count() == 0


def test_the_channel_adapter_takes_plain_ids_and_ignores_a_retried_capture(service_user):
    params = {
        "channel": "letter", "kind": "letter_address_query", "rule": "LET-2",
        "summary": "Letter held: address query", "source_reference": "letter:42",
        "service_user_id": service_user.pk, "correlation_id": str(uuid.uuid4()),
    }  # fmt: skip
    first = services.near_miss_capture(**params)
    again = services.near_miss_capture(**params)
    assert first.pk == again.pk
    assert NearMiss.objects.count() == 1
    assert first.service_user == service_user
    assert first.unit == service_user.unit


@pytest.mark.rule("TEL-1")
def test_a_refused_phone_request_lands_in_the_near_miss_log(log_call, walk, officer, child):
    tel = walk(log_call(), "callback")
    tel = telephone.telephone_request_refuse(
        request=tel, user=officer, reason="Caller would only give a mobile", rule="TEL-5"
    )
    miss = NearMiss.objects.get()
    assert miss.channel == "telephone"
    assert miss.kind == NearMiss.Kind.REFUSED_REQUEST
    assert miss.rule == "TEL-5"
    assert miss.service_user == child
    assert miss.unit == child.unit
    assert miss.correlation_id == tel.correlation_id
    assert miss.source_reference == f"telephone:{tel.reference}"
    # No personal data in the summary: not the caller's words, not the child's name.
    assert "mobile" not in miss.summary
    assert child.family_name not in miss.summary


def test_a_request_stopped_before_the_child_is_identified_takes_the_officers_unit(
    log_call, officer, school_a
):
    tel = log_call()
    telephone.telephone_request_refuse(request=tel, user=officer, reason="Caller hung up")
    miss = NearMiss.objects.get()
    assert miss.service_user is None
    assert miss.unit == school_a


# Breaches: reporting.


def test_any_officer_can_report_and_the_clock_starts_at_the_server_time(breach, officer):
    assert breach.reported_by == officer
    assert breach.aware_at == breach.reported_at == T0
    assert breach.state == Breach.State.REPORTED
    assert breach.unit in officer.units.all()
    event = breach.events.get()
    assert (event.action, event.by, event.to_state) == ("reported", officer, "reported")


def test_a_report_needs_a_category_and_a_description(officer):
    with pytest.raises(services.OversightError) as err:
        services.breach_report(user=officer, category="nonsense", description="x")
    assert err.value.field == "category"
    with pytest.raises(services.OversightError) as err:
        services.breach_report(user=officer, category="other", description="  ")
    assert err.value.field == "description"


# Breaches: who decides.


@pytest.mark.parametrize("role", ["officer", "authoriser"])
def test_only_the_dpo_or_an_administrator_records_facts_or_decides(breach, role, school_a):
    user = UserFactory(role=role, manager_title="team" if role == "authoriser" else "",
                       units=[school_a])  # fmt: skip
    with pytest.raises(services.NotAllowed):
        _facts(breach, user)
    with pytest.raises(services.NotAllowed):
        services.breach_decide(
            breach=breach, user=user, report_to_ico=False, report_to_ico_reason="Low risk",
            tell_people=False, tell_people_reason="Low risk",
        )  # fmt: skip
    with pytest.raises(services.NotAllowed):
        services.breach_aware_change(breach=breach, user=user, aware_at=T0, reason="x")
    breach.refresh_from_db()
    assert breach.state == "reported"
    assert breach.nature == ""


def test_an_administrator_may_decide(breach, administrator):
    _facts(breach, administrator)
    with at(T0 + dt.timedelta(hours=2)):
        services.breach_decide(
            breach=breach, user=administrator, report_to_ico=False,
            report_to_ico_reason="Unlikely to result in a risk", tell_people=False,
            tell_people_reason="No risk to them",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.state == "decided"
    assert breach.decided_by == administrator


# Breaches: the decision rules.


def test_the_decision_needs_the_facts_first(breach, dpo):
    with pytest.raises(services.OversightError) as err:
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=False, report_to_ico_reason="Low",
            tell_people=False, tell_people_reason="Low",
        )  # fmt: skip
    assert err.value.rule == "Art. 33(3)"


def test_facts_need_nature_consequences_and_measures(breach, dpo):
    with pytest.raises(services.OversightError) as err:
        services.breach_facts_record(
            breach=breach, user=dpo, nature="x", people_affected=None, records_affected=None,
            likely_consequences="", measures_taken="y",
        )  # fmt: skip
    assert err.value.field == "likely_consequences"


@pytest.mark.parametrize("missing", ["report_to_ico_reason", "tell_people_reason"])
def test_each_decision_needs_its_reasons(breach, dpo, missing):
    _facts(breach, dpo)
    params = {"report_to_ico_reason": "Risk to the child", "tell_people_reason": "Low risk"}
    params[missing] = " "
    with pytest.raises(services.OversightError) as err:
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=True, tell_people=False, **params
        )
    assert err.value.field == missing


def test_telling_the_people_without_reporting_to_the_ico_is_refused(breach, dpo):
    _facts(breach, dpo)
    with pytest.raises(services.OversightError) as err:
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=False, report_to_ico_reason="Low",
            tell_people=True, tell_people_reason="They should know",
        )  # fmt: skip
    assert err.value.rule == "Art. 34(1)"


def test_a_report_within_72_hours_needs_no_reason_for_delay(breach, dpo):
    _facts(breach, dpo)
    with at(T0 + dt.timedelta(hours=71, minutes=59)):
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk",
            tell_people=True, tell_people_reason="High risk to the child",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.decided_at == T0 + dt.timedelta(hours=71, minutes=59)
    assert breach.report_to_ico is True
    assert breach.tell_people is True


def test_a_report_after_72_hours_needs_the_reasons_for_the_delay(breach, dpo):
    _facts(breach, dpo)
    with at(T0 + dt.timedelta(hours=73)):
        with pytest.raises(services.OversightError) as err:
            services.breach_decide(
                breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk",
                tell_people=False, tell_people_reason="Low",
            )  # fmt: skip
        assert err.value.rule == "Art. 33(1)"
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk",
            tell_people=False, tell_people_reason="Low", late_reason="Reported on a Friday night",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.late_reason == "Reported on a Friday night"


def test_not_reporting_after_72_hours_is_still_documented(breach, dpo):
    _facts(breach, dpo)
    with at(T0 + dt.timedelta(days=5)):
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=False, report_to_ico_reason="No risk",
            tell_people=False, tell_people_reason="No risk",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.state == "decided"
    assert breach.report_to_ico is False


def test_a_decision_is_recorded_once(breach, dpo):
    _facts(breach, dpo)
    kwargs = {"report_to_ico": False, "report_to_ico_reason": "Low", "tell_people": False,
              "tell_people_reason": "Low"}  # fmt: skip
    services.breach_decide(breach=breach, user=dpo, **kwargs)
    with pytest.raises(services.OversightError):
        services.breach_decide(breach=breach, user=dpo, **kwargs)


def test_every_change_is_an_event_with_who_and_when(breach, dpo):
    with at(T0 + dt.timedelta(hours=1)):
        _facts(breach, dpo)
    with at(T0 + dt.timedelta(hours=2)):
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=False, report_to_ico_reason="Low",
            tell_people=False, tell_people_reason="Low",
        )  # fmt: skip
    events = list(breach.events.values_list("action", "from_state", "to_state", "at"))
    assert events == [
        ("reported", "", "reported", T0),
        ("facts", "reported", "reported", T0 + dt.timedelta(hours=1)),
        ("decided", "reported", "decided", T0 + dt.timedelta(hours=2)),
    ]
    assert set(BreachEvent.objects.filter(action__in=["facts", "decided"]).values_list(
        "by", flat=True)) == {dpo.pk}  # fmt: skip


# Breaches: when the organisation became aware.


def test_the_dpo_moves_awareness_earlier_with_a_reason_and_the_clock_follows(breach, dpo):
    earlier = T0 - dt.timedelta(hours=70)
    with at(T0 + dt.timedelta(minutes=5)):
        services.breach_aware_change(
            breach=breach, user=dpo, aware_at=earlier, reason="Officer noticed on Monday"
        )
    breach.refresh_from_db()
    assert breach.aware_at == earlier
    event = breach.events.get(action="aware_changed")
    assert "Officer noticed on Monday" in event.note
    assert T0.isoformat() in event.note
    _facts(breach, dpo)
    # 72 hours from Monday have passed by now: a report needs the reasons for the delay.
    with at(T0 + dt.timedelta(hours=3)), pytest.raises(services.OversightError) as err:
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk",
            tell_people=False, tell_people_reason="Low",
        )  # fmt: skip
    assert err.value.field == "late_reason"


@pytest.mark.parametrize("offset", [dt.timedelta(minutes=1), dt.timedelta(days=1)])
def test_awareness_cannot_be_after_the_report_or_in_the_future(breach, dpo, offset):
    with at(T0 + dt.timedelta(minutes=30)), pytest.raises(services.OversightError) as err:
        services.breach_aware_change(breach=breach, user=dpo, aware_at=T0 + offset, reason="x")
    assert err.value.field == "aware_at"


def test_changing_awareness_needs_a_reason(breach, dpo):
    with pytest.raises(services.OversightError) as err:
        services.breach_aware_change(breach=breach, user=dpo, aware_at=T0, reason="")
    assert err.value.field == "reason"
    assert timezone.is_aware(Breach.objects.get().aware_at)


# Breaches: the report to the ICO.


def _decide_to_report(breach, dpo, when):
    _facts(breach, dpo)
    with at(when):
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk to the child",
            tell_people=False, tell_people_reason="Not high risk",
        )  # fmt: skip
    breach.refresh_from_db()


def test_a_decision_to_report_keeps_the_clock_running_until_the_report(breach, dpo):
    from safehaven.oversight.selectors import breach_clock_for, breaches_open

    _decide_to_report(breach, dpo, T0 + dt.timedelta(hours=2))
    clock = breach_clock_for(breach, now=T0 + dt.timedelta(hours=3))
    assert clock.text == "69 hours 0 minutes left"
    assert breach in breaches_open()
    with at(T0 + dt.timedelta(hours=4)):
        services.breach_ico_report_record(
            breach=breach, user=dpo, reported_at=T0 + dt.timedelta(hours=3, minutes=30),
            ico_reference="IC-123456",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.state == Breach.State.ICO_REPORTED
    assert breach_clock_for(breach, now=T0 + dt.timedelta(days=9)).text == (
        "Reported to the ICO within 72 hours"
    )
    assert breach not in breaches_open()
    assert breach.events.get(action="ico_reported").by == dpo


def test_a_decision_not_to_report_stops_the_clock(breach, dpo):
    from safehaven.oversight.selectors import breach_clock_for

    _facts(breach, dpo)
    with at(T0 + dt.timedelta(hours=1)):
        services.breach_decide(
            breach=breach, user=dpo, report_to_ico=False, report_to_ico_reason="No risk",
            tell_people=False, tell_people_reason="No risk",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach_clock_for(breach, now=T0 + dt.timedelta(days=9)).text == (
        "Decided within 72 hours"
    )
    with pytest.raises(services.OversightError):
        services.breach_ico_report_record(
            breach=breach, user=dpo, reported_at=T0, ico_reference="IC-1"
        )


def test_a_late_report_to_the_ico_needs_the_reasons_for_the_delay(breach, dpo):
    _decide_to_report(breach, dpo, T0 + dt.timedelta(hours=2))
    late = T0 + dt.timedelta(hours=80)
    with at(late + dt.timedelta(minutes=5)):
        with pytest.raises(services.OversightError) as err:
            services.breach_ico_report_record(
                breach=breach, user=dpo, reported_at=late, ico_reference="IC-9"
            )
        assert err.value.field == "late_reason"
        services.breach_ico_report_record(
            breach=breach, user=dpo, reported_at=late, ico_reference="IC-9",
            late_reason="The DPO was on leave; the deputy was not told.",
        )  # fmt: skip
    breach.refresh_from_db()
    assert breach.ico_reference == "IC-9"


@pytest.mark.parametrize("offset", [dt.timedelta(hours=-1), dt.timedelta(hours=10)])
def test_the_ico_report_time_is_not_before_awareness_or_in_the_future(breach, dpo, offset):
    _decide_to_report(breach, dpo, T0 + dt.timedelta(hours=2))
    with at(T0 + dt.timedelta(hours=5)), pytest.raises(services.OversightError) as err:
        services.breach_ico_report_record(
            breach=breach, user=dpo, reported_at=T0 + offset, ico_reference="IC-1"
        )
    assert err.value.field == "reported_at"


def test_only_the_dpo_records_the_ico_report(breach, dpo, officer):
    _decide_to_report(breach, dpo, T0 + dt.timedelta(hours=2))
    with pytest.raises(services.NotAllowed):
        services.breach_ico_report_record(
            breach=breach, user=officer, reported_at=T0, ico_reference="IC-1"
        )


@pytest.mark.rule("TEL-6")
def test_a_managers_refusal_is_a_near_miss_recorded_by_the_manager(log_call, walk, authoriser):
    tel = walk(log_call(), "decide")
    telephone.telephone_request_decide(
        request=tel, authoriser=authoriser, approve=False, note="Ask for it in writing."
    )
    miss = NearMiss.objects.get()
    assert (miss.rule, miss.recorded_by) == ("TEL-6", authoriser)
    assert "writing" not in miss.summary


def test_the_near_miss_counts_take_a_fixed_number_of_queries(
    client, dpo, school_a, django_assert_num_queries
):
    from safehaven.oversight.selectors import near_miss_counts, near_misses_filtered

    for n in range(5):
        services.near_miss_record(
            channel="email", kind="email_held", summary="Held", unit=school_a,
            source_reference=f"email:{n}",
        )  # fmt: skip
    with django_assert_num_queries(3):
        counts = near_miss_counts(near_misses_filtered())
        rows = list(near_misses_filtered()[:200])
        assert [r.unit.name for r in rows] == [school_a.name] * 5
    assert counts["by_kind"] == [("Email held for review", 5)]
