"""The oversight pages: who sees what, the report form, the DPO's forms, filters and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from unittest import mock

import pytest

from safehaven.oversight import services
from safehaven.oversight.models import Breach
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def breach(officer):
    with mock.patch("django.utils.timezone.now", return_value=T0):
        return services.breach_report(
            user=officer, category="email_wrong_recipient", description="Wrong parent emailed."
        )


def _facts(breach, dpo):
    services.breach_facts_record(
        breach=breach, user=dpo, nature="Report card to wrong parent", people_affected=1,
        records_affected=1, likely_consequences="Distress", measures_taken="Recalled",
    )  # fmt: skip


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_pages_need_a_signed_in_user(client):
    for url in ("/oversight/", "/oversight/breaches/", "/oversight/near-misses/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "url",
    ["/oversight/", "/oversight/near-misses/", "/oversight/near-misses.csv",
     "/oversight/breaches.csv", "/oversight/disclosures.csv"],
)  # fmt: skip
def test_dpo_pages_are_forbidden_to_officers_and_managers(client, officer, authoriser, url):
    for user in (officer, authoriser):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_an_officer_reports_a_breach_through_the_form(client, officer):
    client.force_login(officer)
    page = client.get("/oversight/breaches/new/")
    assert "Data emailed to incorrect recipient" in page.content.decode()
    response = client.post(
        "/oversight/breaches/new/",
        {"category": "email_wrong_recipient", "description": "Sent to the wrong parent",
         "people_affected": "1", "records_affected": "", "measures_taken": ""},
    )  # fmt: skip
    breach = Breach.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/oversight/breaches/{breach.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "hours" in detail
    assert "left" in detail
    assert "Record the decision" not in detail


def test_a_report_without_a_category_shows_the_error_summary(client, officer):
    client.force_login(officer)
    response = client.post("/oversight/breaches/new/", {"description": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Choose what kind of breach it is." in body
    assert Breach.objects.count() == 0


def test_officers_see_only_their_own_reports(client, breach, school_a):
    colleague = UserFactory(role="officer", units=[school_a])
    client.force_login(colleague)
    assert client.get(f"/oversight/breaches/{breach.pk}/").status_code == 404
    assert client.get(f"/oversight/breaches/{breach.pk + 999}/").status_code == 404
    assert breach.short_reference not in client.get("/oversight/breaches/").content.decode()
    client.force_login(breach.reported_by)
    assert client.get(f"/oversight/breaches/{breach.pk}/").status_code == 200


def test_the_reporter_cannot_open_the_dpo_forms(client, breach):
    client.force_login(breach.reported_by)
    for step in ("facts", "aware", "decision"):
        assert client.get(f"/oversight/breaches/{breach.pk}/{step}/").status_code == 403


def test_the_clock_shows_overdue_in_words_after_72_hours(client, breach, dpo):
    client.force_login(dpo)
    later = T0 + dt.timedelta(hours=80)
    with mock.patch("django.utils.timezone.now", return_value=later):
        body = client.get(f"/oversight/breaches/{breach.pk}/").content.decode()
        dashboard = client.get("/oversight/").content.decode()
    assert "Overdue by 8 hours 0 minutes" in body
    assert "Overdue by 8 hours 0 minutes" in dashboard


def test_the_dpo_records_facts_then_the_decision(client, breach, dpo):
    client.force_login(dpo)
    facts = {"nature": "Report card to wrong parent", "people_affected": "1",
             "records_affected": "1", "likely_consequences": "Distress",
             "measures_taken": "Recalled", "measures_proposed": "Check addresses"}  # fmt: skip
    with mock.patch("django.utils.timezone.now", return_value=T0 + dt.timedelta(hours=3)):
        assert client.post(f"/oversight/breaches/{breach.pk}/facts/", facts).status_code == 302
        response = client.post(
            f"/oversight/breaches/{breach.pk}/decision/",
            {"report_to_ico": "no", "report_to_ico_reason": "Unlikely to result in a risk",
             "tell_people": "no", "tell_people_reason": "No risk", "late_reason": ""},
        )  # fmt: skip
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.state == "decided"
    assert breach.report_to_ico is False
    client.force_login(dpo)  # the idle timeout saw the moved clock; sign in again
    body = client.get(f"/oversight/breaches/{breach.pk}/").content.decode()
    assert "Decided within 72 hours" in body


def test_a_decision_rule_is_shown_on_the_form_with_its_article(client, breach, dpo):
    _facts(breach, dpo)
    client.force_login(dpo)
    response = client.post(
        f"/oversight/breaches/{breach.pk}/decision/",
        {"report_to_ico": "no", "report_to_ico_reason": "Low", "tell_people": "yes",
         "tell_people_reason": "They should know"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "Art. 34(1)" in body
    assert "There is a problem" in body


def test_the_dpo_changes_when_we_became_aware(client, breach, dpo):
    client.force_login(dpo)
    with mock.patch("django.utils.timezone.now", return_value=T0 + dt.timedelta(hours=1)):
        response = client.post(
            f"/oversight/breaches/{breach.pk}/aware/",
            {"aware_date": "19/11/2026", "aware_time": "08:15", "reason": "Noticed the day before"},
        )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.aware_at == dt.datetime(2026, 11, 19, 8, 15, tzinfo=dt.UTC)


def test_near_misses_are_filtered_counted_and_exported(client, dpo, school_a, school_b):
    child_a = ServiceUserFactory(unit=school_a)
    child_b = ServiceUserFactory(unit=school_b)
    for child, kind, rule in [(child_a, "refused_request", "TEL-5"),
                              (child_a, "email_blocked", "EMAIL-1"),
                              (child_b, "email_blocked", "=1+1")]:  # fmt: skip
        services.near_miss_record(
            channel="telephone" if kind == "refused_request" else "email", kind=kind, rule=rule,
            summary="Stopped by a check", service_user=child,
        )  # fmt: skip
    client.force_login(dpo)
    body = client.get("/oversight/near-misses/").content.decode()
    assert "3 near misses" in body
    assert school_a.name in body
    assert school_b.name in body
    body = client.get(f"/oversight/near-misses/?kind=email_blocked&unit={school_b.pk}").content
    assert "1 near miss" in body.decode()
    rows = _csv(client.get("/oversight/near-misses.csv?kind=email_blocked"))
    assert rows[0][:3] == ["occurred_at", "channel", "type"]
    assert len(rows) == 3
    # A value that a spreadsheet would run as a formula is neutralised.
    assert "'=1+1" in [row[3] for row in rows]


def test_the_breach_csv_lists_every_breach_with_its_clock(client, breach, dpo):
    client.force_login(dpo)
    with mock.patch("django.utils.timezone.now", return_value=T0 + dt.timedelta(hours=1)):
        rows = _csv(client.get("/oversight/breaches.csv"))
    assert rows[1][0] == breach.short_reference
    assert rows[1][1] == "Data emailed to incorrect recipient"
    assert rows[1][5] == "71 hours 0 minutes left"


def test_the_dashboard_shows_disclosures_by_month_as_text_and_an_svg_chart(
    client, dpo, officer, service_user
):
    from safehaven.register.services import disclosure_record

    disclosure_record(
        channel="telephone", outcome="refused", disclosed_by=officer, reason="Asked by GP",
        service_user=service_user, refusal_reason="No consent", recipient_name="Dr A Shah",
    )  # fmt: skip
    client.force_login(dpo)
    body = client.get("/oversight/").content.decode()
    main = body.split("<main")[1].split("</main>")[0]
    assert "<svg" in main
    assert "<script" not in main
    assert "Telephone: 1" in body
    rows = _csv(client.get("/oversight/disclosures.csv"))
    assert rows[1][1:] == ["Telephone", "1"]


def test_the_dpo_records_the_report_to_the_ico(client, breach, dpo):
    _facts(breach, dpo)
    services.breach_decide(
        breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk",
        tell_people=False, tell_people_reason="Low", late_reason="Found late",
    )  # fmt: skip
    client.force_login(dpo)
    detail = client.get(f"/oversight/breaches/{breach.pk}/").content.decode()
    assert "Record the report to the ICO" in detail
    response = client.post(
        f"/oversight/breaches/{breach.pk}/ico-report/",
        {"reported_date": "21/11/2026", "reported_time": "10:00", "ico_reference": "IC-42",
         "late_reason": ""},
    )  # fmt: skip
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.state == "ico_reported"
    assert breach.ico_reported_at == dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)
    rows = _csv(client.get("/oversight/breaches.csv"))
    assert rows[1][-1] == "IC-42"


def test_a_bad_filter_date_is_named_in_the_error_summary(client, dpo):
    client.force_login(dpo)
    response = client.get("/oversight/near-misses/?date_from=31/02/2026")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the from date as a real date, DD/MM/YYYY." in body
