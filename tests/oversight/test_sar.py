"""Subject access requests: the one-month clock as the ICO counts it (corresponding date,
short months, weekends and England & Wales bank holidays, pauses, extensions), time travel
through the services, who may act, and the bundle."""

from __future__ import annotations

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from pypdf import PdfReader

from safehaven.oversight import clock
from safehaven.oversight import sar as sars
from safehaven.oversight.clock import Pause, add_months, sar_clock, sar_due_date
from safehaven.oversight.models import SubjectAccessRequest
from safehaven.oversight.services import NotAllowed, OversightError
from safehaven.records.access import access_service_user
from tests.factories import UserFactory, disclosure

D = dt.date


def on(day: dt.date, hour: int = 10):
    """Moves the server's clock to `day` (London time; both clocks follow timezone.now)."""
    moment = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


# The date arithmetic (no database).


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 11, 3), D(2026, 12, 3)),  # Thursday to Thursday
        (D(2027, 1, 31), D(2027, 3, 1)),  # no 31 February: 28 Feb 2027 is a Sunday, so Monday
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year: 29 February, a Tuesday
        (D(2026, 8, 31), D(2026, 9, 30)),  # no 31 September: the last day of the month
        (D(2026, 10, 3), D(2026, 11, 3)),
        (D(2026, 11, 25), D(2026, 12, 29)),  # 25 Dec holiday, weekend, 28 Dec substitute day
        (D(2026, 3, 3), D(2026, 4, 7)),  # Good Friday 3 April, then Easter Monday 6 April
        (D(2027, 11, 27), D(2027, 12, 29)),  # 27, 28 Dec 2027 substitute days
        (D(2027, 12, 3), D(2028, 1, 4)),  # 3 Jan 2028 New Year substitute day
        (D(2026, 4, 25), D(2026, 5, 26)),  # Monday 25 May: spring bank holiday
        (D(2026, 1, 4), D(2026, 2, 4)),
    ],
)
def test_the_due_date_is_one_calendar_month_then_the_next_working_day(received, due):
    assert sar_due_date(received_on=received) == due
    assert clock.is_working_day(due)


def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 31), 1) == D(2026, 4, 30)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)


def test_the_bank_holiday_data_covers_2024_to_2028_and_holds_only_weekdays():
    assert clock.bank_holiday_years() == (2024, 2028)
    holidays = clock.bank_holidays()
    assert len(holidays) == 40
    assert all(day.weekday() < 5 for day in holidays)
    assert D(2027, 3, 26) in holidays  # Good Friday 2027
    assert clock.working_days_between(D(2026, 12, 24), D(2026, 12, 29)) == 1


def test_an_extension_adds_one_or_two_months_from_the_start():
    assert sar_due_date(received_on=D(2026, 11, 3), extension_months=2) == D(2027, 2, 3)
    assert sar_due_date(received_on=D(2026, 1, 31), extension_months=1) == D(2026, 3, 31)
    with pytest.raises(ValueError, match="one or two"):
        sar_due_date(received_on=D(2026, 1, 31), extension_months=3)


def test_waiting_for_identity_means_the_clock_has_not_started_then_starts_on_arrival():
    waiting = sar_clock(received_on=D(2026, 11, 2), today=D(2026, 11, 20),
                        pauses=[Pause("identity", D(2026, 11, 2), None)])  # fmt: skip
    assert (waiting.due, waiting.paused) == (None, True)
    assert waiting.text == "Not started: waiting for proof of identity"
    started = sar_clock(received_on=D(2026, 11, 2), today=D(2026, 11, 20),
                        pauses=[Pause("identity", D(2026, 11, 2), D(2026, 11, 10))])  # fmt: skip
    assert started.started_on == D(2026, 11, 10)
    assert started.due == D(2026, 12, 10)


def test_a_clarification_pause_adds_the_days_paused():
    pauses = [Pause("clarification", D(2026, 11, 5), D(2026, 11, 12))]
    result = sar_clock(received_on=D(2026, 11, 2), today=D(2026, 11, 20), pauses=pauses)
    assert result.due == D(2026, 12, 9)  # 2 Dec + 7 days
    open_pause = [Pause("clarification", D(2026, 11, 5), None)]
    paused = sar_clock(received_on=D(2026, 11, 2), today=D(2026, 11, 20), pauses=open_pause)
    assert paused.paused
    assert paused.text.startswith("Paused: waiting for clarification")


def test_the_clock_in_words():
    def text(today, **kw):
        return sar_clock(received_on=D(2026, 11, 3), today=today, **kw).text

    assert text(D(2026, 11, 30)) == "3 days left (3 working days), due 03/12/2026"
    assert text(D(2026, 12, 3)) == "Due today, 03/12/2026"
    assert text(D(2026, 12, 7)) == "Overdue by 4 days (was due 03/12/2026)"
    assert text(D(2026, 12, 7), completed_on=D(2026, 12, 3)) == "Answered on time"
    assert text(D(2026, 12, 9), completed_on=D(2026, 12, 8)) == "Answered 5 days late"


# The services, with the server's clock moved.


@pytest.fixture
def request_logged(dpo):
    with on(D(2026, 11, 3)):
        return sars.sar_create(user=dpo, received_on=D(2026, 11, 3),
                               requester_name="Sam Parent", requester_kind="parent")  # fmt: skip


@pytest.mark.django_db
def test_only_the_dpo_or_an_administrator_handles_requests(officer, authoriser, administrator):
    for user in (officer, authoriser):
        with pytest.raises(NotAllowed):
            sars.sar_create(user=user, received_on=None, requester_name="Sam")
    assert sars.sar_create(user=administrator, received_on=None, requester_name="Sam").is_open


@pytest.mark.django_db
def test_time_travel_through_a_request_that_runs_late(request_logged, dpo):
    for day, expected in [
        (D(2026, 11, 3), "30 days left (22 working days), due 03/12/2026"),
        (D(2026, 12, 2), "1 day left (1 working day), due 03/12/2026"),
        (D(2026, 12, 3), "Due today, 03/12/2026"),
        (D(2026, 12, 10), "Overdue by 7 days (was due 03/12/2026)"),
    ]:
        with on(day):
            assert sars.sar_clock_for(request_logged).text == expected
    with on(D(2026, 12, 10)):
        done = sars.sar_complete(sar=request_logged, user=dpo, on=D(2026, 12, 10))
    assert done.state == SubjectAccessRequest.State.COMPLETED
    assert sars.sar_clock_for(done).text == "Answered 7 days late"
    assert [e.action for e in done.events.all()] == ["received", "completed"]


@pytest.mark.django_db
def test_identity_then_clarification_then_extension(dpo):
    with on(D(2026, 11, 2)):
        sar = sars.sar_create(user=dpo, received_on=D(2026, 11, 2), requester_name="Sam",
                              identity_needed=True)  # fmt: skip
        assert sars.sar_clock_for(sar).due is None
    with on(D(2026, 11, 9)), pytest.raises(OversightError, match="what proof"):
        sars.sar_resume(sar=sar, user=dpo, on=D(2026, 11, 9))
    with on(D(2026, 11, 9)):
        sar = sars.sar_resume(sar=sar, user=dpo, on=D(2026, 11, 9),
                              evidence="Passport seen at reception")  # fmt: skip
        assert sars.sar_clock_for(sar).due == D(2026, 12, 9)
    with on(D(2026, 11, 16)):
        sar = sars.sar_pause(sar=sar, user=dpo, kind="clarification",
                             note="Asked which years of records they want")  # fmt: skip
    with on(D(2026, 11, 20)):
        assert sars.sar_clock_for(sar).paused
        sar = sars.sar_resume(sar=sar, user=dpo, on=D(2026, 11, 20))
        assert sars.sar_clock_for(sar).due == D(2026, 12, 14)  # 9 Dec + 4 days, a Sunday
        sar = sars.sar_extend(sar=sar, user=dpo, months=2, reason="Complex: 12 years of files")
        assert sars.sar_clock_for(sar).due == D(2027, 2, 15)  # 9 Feb + 4 = 13 Feb, a Saturday
    assert sar.identity_verified_on == D(2026, 11, 9)


@pytest.mark.django_db
def test_an_extension_must_be_decided_within_the_first_month_and_have_a_reason(request_logged, dpo):
    with on(D(2026, 11, 20)), pytest.raises(OversightError, match="reason") as err:
        sars.sar_extend(sar=request_logged, user=dpo, months=1, reason="")
    assert err.value.rule == "Art. 12(3)"
    with on(D(2026, 12, 4)), pytest.raises(OversightError, match="within the first month"):
        sars.sar_extend(sar=request_logged, user=dpo, months=1, reason="Complex")
    with on(D(2026, 12, 3)):
        assert sars.sar_extend(sar=request_logged, user=dpo, months=1,
                               reason="Complex").extension_months == 1  # fmt: skip


@pytest.mark.django_db
def test_bad_dates_are_refused_in_plain_words(request_logged, dpo):
    with on(D(2026, 11, 10)):
        with pytest.raises(OversightError, match="future") as err:
            sars.sar_create(user=dpo, received_on=D(2026, 11, 11), requester_name="Sam")
        assert err.value.field == "received_on"
        with pytest.raises(OversightError, match="before 03/11/2026"):
            sars.sar_complete(sar=request_logged, user=dpo, on=D(2026, 11, 1))
        with pytest.raises(OversightError, match="Enter the name"):
            sars.sar_create(user=dpo, received_on=None, requester_name=" ")


@pytest.mark.django_db
def test_the_bundle_holds_the_access_log_and_the_register_disclosures(
    request_logged, dpo, officer, service_user
):
    with pytest.raises(OversightError, match="Link the request"):
        sars.sar_bundle_pdf(sar=request_logged, user=dpo)
    sar = sars.sar_link_service_user(sar=request_logged, user=dpo,
                                     reference=service_user.reference)  # fmt: skip
    access_service_user(user=officer, pk=service_user.pk)  # an officer views the record
    disclosure(service_user=service_user, disclosed_by=officer, recipient_name="Dr Shah")
    rows = list(csv.reader(io.StringIO(
        sars.sar_access_log_csv(sar=sar, user=dpo).decode("utf-8-sig"))))  # fmt: skip
    assert rows[0] == ["Date and time (UTC)", "Who", "What", "Detail"]
    assert any(officer.username in r[1] or officer.last_name in r[1] for r in rows[1:])
    disclosures = sars.sar_disclosures_csv(sar=sar, user=dpo).decode("utf-8-sig")
    assert "Dr Shah" in disclosures
    pdf = PdfReader(io.BytesIO(sars.sar_bundle_pdf(sar=sar, user=dpo)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Who viewed or exported the record" in text
    assert "Dr Shah" in text
    with pytest.raises(NotAllowed):
        sars.sar_bundle_pdf(sar=sar, user=officer)


@pytest.mark.django_db
def test_a_record_reference_that_matches_nothing_is_refused(request_logged, dpo):
    with pytest.raises(OversightError, match="No record has that reference"):
        sars.sar_link_service_user(sar=request_logged, user=dpo, reference="NOPE")


# The pages.


@pytest.mark.django_db
def test_sar_pages_are_for_the_dpo_and_administrators_only(client, officer, authoriser,
                                                           request_logged):  # fmt: skip
    urls = ["/oversight/sars/", "/oversight/sars/new/", f"/oversight/sars/{request_logged.pk}/",
            f"/oversight/sars/{request_logged.pk}/bundle.pdf", "/oversight/sars.csv"]  # fmt: skip
    for user in (officer, authoriser):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
    client.force_login(UserFactory(role="administrator"))
    assert client.get("/oversight/sars/999999/").status_code == 404


@pytest.mark.django_db
def test_the_dpo_logs_a_request_through_the_form_and_sees_its_clock(client, dpo, service_user):
    client.force_login(dpo)
    with on(D(2026, 11, 3)):
        bad = client.post("/oversight/sars/new/", {"received_on": "31/02/2026"})
        assert bad.status_code == 200
        assert "There is a problem" in bad.content.decode()
        assert "as a real date, DD/MM/YYYY" in bad.content.decode()
        response = client.post("/oversight/sars/new/", {
            "received_on": "03/11/2026", "requester_name": "Sam Parent",
            "requester_kind": "parent", "reference": service_user.reference,
            "identity_needed": "no",
        })  # fmt: skip
        assert response.status_code == 302
        sar = SubjectAccessRequest.objects.get()
        assert sar.service_user == service_user
        page = client.get(response["Location"]).content.decode()
        assert "30 days left (22 working days), due 03/12/2026" in page
    with on(D(2026, 12, 8)):
        client.force_login(dpo)  # sessions end after 30 idle minutes
        dashboard = client.get("/oversight/").content.decode()
        assert "Overdue by 5 days (was due 03/12/2026)" in dashboard
        response = client.get(f"/oversight/sars/{sar.pk}/bundle.pdf")
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        rows = list(csv.reader(io.StringIO(
            client.get("/oversight/sars.csv").content.decode("utf-8-sig"))))  # fmt: skip
        assert rows[1][7:9] == ["2026-12-03", "Overdue by 5 days (was due 03/12/2026)"]


@pytest.mark.django_db
def test_a_bundle_without_a_linked_record_explains_what_to_do(client, dpo, request_logged):
    client.force_login(dpo)
    response = client.get(f"/oversight/sars/{request_logged.pk}/bundle.pdf")
    assert response.status_code == 400
    assert "Link the request to the person" in response.content.decode()
