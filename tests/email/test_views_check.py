"""The pre-send check page as a member of staff uses it: what they paste or upload, what they
read back (verdict, what to do, findings worst first, the safer versions) and bad input
answered with one plain line in the GOV.UK error summary, never a server error."""

from __future__ import annotations

import io
import re
from email.message import EmailMessage
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.email.conftest import HEALTH_BODY

pytestmark = pytest.mark.django_db

URL = "/email/check/"
IDENTIFIABLE = (
    "Dear Sarah,\n\nAmelia Whitworth (born 07/03/2014) of 14 Mill Lane, LE11 1AA has asthma "
    "and needs her inhaler at school camp.\n\nThanks\n"
)


def _errors(html: str) -> list[str]:
    """The lines of the GOV.UK error summary."""
    summary = html.split('govuk-error-summary__list"', 1)
    if len(summary) < 2:
        return []
    items = re.findall(r"<li><a href=\"#([^\"]+)\">(.*?)</a></li>", summary[1].split("</ul>")[0])
    return [f"{target}|{unescape(text)}" for target, text in items]


def _finding_severities(html: str) -> list[str]:
    table = html.split("What the check found", 1)[1].split("</table>", 1)[0]
    return re.findall(r'govuk-tag[^"]*">(block|hold|warn|info)</strong>', table)


def _eml(*, to="sarah.jones@charnwood-health.nhs.uk", body="Please see the attached reports."):
    from reportlab.pdfgen import canvas

    pdf = io.BytesIO()
    page = canvas.Canvas(pdf)
    page.drawString(72, 720, "Amelia Whitworth, born 07/03/2014, 14 Mill Lane, LE11 1AA")
    page.save()
    import docx

    document = docx.Document()
    document.add_paragraph("Amelia Whitworth lives at 14 Mill Lane, LE11 1AA.")
    word = io.BytesIO()
    document.save(word)
    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = to
    msg["Subject"] = "Reports"
    msg.set_content(body)
    msg.add_attachment(pdf.getvalue(), maintype="application", subtype="pdf", filename="report.pdf")
    msg.add_attachment(
        word.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="notes.docx",
    )
    return bytes(msg)


@pytest.fixture
def signed_in(client, sender, child, nurse):
    client.force_login(sender)
    return client


# Bad input: one plain line, in the error summary, linked to the field; never a 500.


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("a@", "'a@' is not an email address"),
        ("not an address", "'not an address' is not an email address"),
        ("ok@example.org, @x.org, b@", "'@x.org', 'b@' are not email addresses"),
    ],
)
def test_a_recipient_that_is_no_address_is_a_form_error_not_a_verdict(signed_in, to, expected):
    """'a@' used to raise IndexError in the address parser (a 500); 'not an address' was split
    into words that were silently dropped, and the check answered 'allow'."""
    response = signed_in.post(URL, {"to": to, "body": "hello"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verdict" not in html
    assert _errors(html) == [f"id_to|To: {expected}. Enter addresses like name@school.sch.uk, "
                             "separated by commas"]  # fmt: skip


def test_a_cc_that_is_no_address_is_named(signed_in):
    html = signed_in.post(URL, {"to": "a@b.org", "cc": "office", "body": "x"}).content.decode()
    assert _errors(html)[0].startswith("id_cc|Cc: 'office' is not an email address")


def test_a_sender_that_is_no_address_is_a_form_error(signed_in):
    html = signed_in.post(URL, {"sender": "me", "to": "a@b.org", "body": "x"}).content.decode()
    assert _errors(html)[0].startswith("id_sender|From: 'me' is not an email address")


def test_the_api_answers_a_broken_address_with_400_not_500(api_as, sender):
    response = api_as(sender).post("/api/email/check", {"to": ["a@"]}, format="json")
    assert response.status_code == 400
    assert "address" in response.json()["detail"]


def test_an_empty_form_asks_for_a_recipient_once(signed_in):
    html = signed_in.post(URL, {}).content.decode()
    assert _errors(html) == ["id_to|Enter at least one recipient, or upload the saved message"]
    assert "<title>Error: " in html


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.png is not a saved"),
        ("notes.txt", b"Notes about Amelia for the nurse.\n", "notes.txt is not a saved email"),
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "report.pdf is not a saved email"),
        ("draft.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Outlook .msg file"),
        ("draft.eml", b"", "The file you chose is empty"),
    ],
)  # fmt: skip
def test_an_upload_that_is_not_an_email_says_what_to_do(signed_in, name, data, expected):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    html = signed_in.post(URL, {"to": "", "eml": upload}).content.decode()
    errors = _errors(html)
    assert len(errors) == 1, errors
    assert errors[0].startswith("id_eml|")
    assert expected in errors[0]
    assert "Verdict" not in html


def test_a_30_mb_upload_is_refused_in_one_line(signed_in):
    big = b"From: a@b.org\r\nTo: x@gmail.com\r\nSubject: big\r\n\r\n" + b"x" * (30 * 1024 * 1024)
    upload = SimpleUploadedFile("big.eml", big, content_type="message/rfc822")
    response = signed_in.post(URL, {"to": "", "eml": upload})
    assert response.status_code == 200
    errors = _errors(response.content.decode())
    assert errors == [
        "id_eml|big.eml is over 25 MB: check a smaller message, or paste the text into the "
        "fields above"
    ]


@pytest.mark.rule("EMAIL-1")
def test_malformed_mime_upload_still_gets_a_verdict(signed_in):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: x@gmail.com\r\n"
        b'Content-Type: multipart/mixed; boundary="zz"\r\n\r\n--zz\r\n'
        b"Content-Type: text/plain; charset=klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"!!!notbase64\r\n--zz\r\nContent-Type: application/pdf\r\n\r\n%PDF-garbage"
    )
    upload = SimpleUploadedFile("bad.eml", raw, content_type="message/rfc822")
    response = signed_in.post(URL, {"to": "", "eml": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verdict: <strong" in html
    assert ">hold</strong>" in html
    assert "could not be checked" in html


def test_get_on_the_override_address_goes_back_to_the_check(signed_in):
    response = signed_in.get("/email/check/override/")
    assert response.status_code == 302
    assert response["Location"] == URL


# What the sender reads back.


@pytest.mark.rule("EMAIL-1")
def test_verdict_card_says_what_stops_it_and_what_to_do(signed_in):
    html = signed_in.post(
        URL, {"to": "sarah@yahoo.co.uk", "subject": "Amelia", "body": HEALTH_BODY}
    ).content.decode()
    assert "<title>Verdict hold: Check an email" in html
    card = html.split('id="result"', 1)[1].split("What the check found", 1)[0]
    assert "mail gateway holds it until an authoriser or the DPO" in card
    stops = card.split('id="stopping"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>EMAIL-1</strong> (hold)" in stops
    assert "(warn)" not in stops
    assert "sarah@yahoo.co.uk" in card  # who it was checked for


def test_findings_are_listed_worst_first(signed_in):
    html = signed_in.post(
        URL, {"to": "sarah@yahoo.co.uk", "subject": "Amelia", "body": IDENTIFIABLE}
    ).content.decode()
    order = {"block": 0, "hold": 1, "warn": 2, "info": 3}
    severities = _finding_severities(html)
    assert len(severities) >= 3
    assert severities == sorted(severities, key=order.__getitem__)
    assert severities[0] == "hold"


def test_addresses_copied_with_names_are_read_as_addresses(signed_in, nurse):
    to = f'"Jones, Sarah" <{nurse.email}>; Sarah Jones <{nurse.email}>'
    html = signed_in.post(URL, {"to": to, "body": HEALTH_BODY}).content.decode()
    assert _errors(html) == []
    card = html.split('id="result"', 1)[1].split("What the check found", 1)[0]
    assert f"{nurse.email}, {nurse.email}" in card
    assert "Jones," not in card


@pytest.mark.rule("EMAIL-2")
def test_desensitised_version_can_be_copied_and_checked_again(signed_in, nurse):
    first = signed_in.post(
        URL, {"to": nurse.email, "subject": "Camp", "body": IDENTIFIABLE}
    ).content.decode()
    assert "easily identifiable details" in first
    box = re.search(r'<textarea[^>]*id="desensitised-text"[^>]*readonly[^>]*>(.*?)</textarea>',
                    first, re.S)  # fmt: skip
    assert box is not None
    assert "07/03/2014" not in box.group(1)
    assert 'for="desensitised-text"' in first  # the box has a label
    # "Check this version": the same recipients and subject with the safer text.
    form = first.split('id="desensitised-recheck"', 1)[0].rsplit("<form", 1)[1]
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    assert fields["to"] == nurse.email
    assert fields["subject"] == "Camp"
    again = signed_in.post(URL, {k: unescape(v) for k, v in fields.items()})
    again_html = again.content.decode()
    assert "Verdict:" in again_html
    assert "easily identifiable details" not in again_html


@pytest.mark.rule("EMAIL-6")
def test_reply_trail_version_offered_without_the_trail(signed_in, nurse):
    body = (
        "Thanks, see below.\n\nOn 20 Nov 2026, at 10:02, Sarah Jones <"
        + nurse.email
        + "> wrote:\n> Can you confirm Amelia Whitworth's date of birth 07/03/2014 and her "
        "address 14 Mill Lane LE11 1AA?\n> Her mother says she has asthma.\n"
    )
    html = signed_in.post(URL, {"to": nurse.email, "subject": "RE: Amelia", "body": body})
    html = html.content.decode()
    assert "<strong>EMAIL-6</strong>" in html
    box = re.search(r'id="stripped-text"[^>]*>(.*?)</textarea>', html, re.S)
    assert box is not None
    assert box.group(1).strip() == "Thanks, see below."


@pytest.mark.rule("EMAIL-2")
def test_uploaded_eml_with_pdf_and_docx_lists_what_was_checked(signed_in):
    upload = SimpleUploadedFile("reports.eml", _eml(), content_type="message/rfc822")
    response = signed_in.post(URL, {"to": "", "eml": upload})
    html = response.content.decode()
    assert response.status_code == 200
    card = html.split('id="result"', 1)[1].split("What the check found", 1)[0]
    assert "reports.eml" in card
    attachments = card.split('id="attachments"', 1)[1].split("</ul>", 1)[0]
    assert "report.pdf (PDF," in attachments
    assert "notes.docx (Word document," in attachments
    assert "The attachment report.pdf gives easily identifiable details" in html
    assert "The attachment notes.docx gives easily identifiable details" in html
    assert 'id="fields-ignored"' not in html


def test_upload_and_typed_fields_says_which_was_checked(signed_in):
    upload = SimpleUploadedFile("reports.eml", _eml(), content_type="message/rfc822")
    html = signed_in.post(
        URL, {"to": "someone@gmail.com", "body": "typed", "eml": upload}
    ).content.decode()
    assert 'id="fields-ignored"' in html
    card = html.split('id="result"', 1)[1].split("What the check found", 1)[0]
    assert "someone@gmail.com" not in card


@pytest.mark.rule("EMAIL-1")
def test_html_only_message_is_checked_and_its_markup_never_reaches_the_page(signed_in):
    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = "mum@gmail.com"
    msg["Subject"] = "Amelia"
    msg.set_content(
        "<p onclick=\"alert('p')\">Dear Mrs Whitworth,</p><p>Amelia Whitworth (born "
        "07/03/2014) has asthma.</p><script>alert('x')</script>"
        "<img src='http://tracker.example/t.png'>",
        subtype="html",
    )
    upload = SimpleUploadedFile("html.eml", bytes(msg), content_type="message/rfc822")
    response = signed_in.post(URL, {"to": "", "eml": upload})
    html = response.content.decode()
    assert ">hold</strong>" in html
    assert "<script>alert" not in html
    assert "onclick=" not in html
    assert "tracker.example" not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1]


def test_pasted_html_is_shown_as_text(signed_in):
    body = "<p>Amelia Whitworth has asthma</p><script>alert(1)</script>"
    html = signed_in.post(URL, {"to": "mum@gmail.com", "body": body}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.rule("EMAIL-4")
def test_a_reposted_override_is_recorded_once(signed_in, nurse):
    """A refreshed confirmation page posts the form again: one override, the same reference."""
    from safehaven.email.models import EmailOverride

    html = signed_in.post(
        URL, {"to": nurse.email, "subject": "Camp", "body": HEALTH_BODY}
    ).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    reason = "Sarah is the school nurse; I phoned her this morning."
    first = signed_in.post("/email/check/override/", {"token": token, "justification": reason})
    again = signed_in.post("/email/check/override/", {"token": token, "justification": reason})
    assert first.status_code == again.status_code == 200
    override = EmailOverride.objects.get()
    assert f"EO-{override.pk}" in again.content.decode()
    other = signed_in.post(
        "/email/check/override/", {"token": token, "justification": reason + " Again."}
    )
    assert other.status_code == 200
    assert EmailOverride.objects.count() == 2


@pytest.mark.rule("EMAIL-1")
def test_a_draft_with_only_cc_recipients_is_checked(signed_in):
    html = signed_in.post(
        URL, {"to": "", "cc": "sarah@yahoo.co.uk", "subject": "Amelia", "body": HEALTH_BODY}
    ).content.decode()
    assert _errors(html) == []
    assert "<strong>EMAIL-1</strong>" in html


# Internationalised addresses: the page takes what the core's draft and the API take.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("to", "é@ü.de"),
        ("to", "josé.garcía@ayuntamiento.es, sarah.jones@charnwood-health.nhs.uk"),
        ("cc", "用户@例子.广告"),
        ("to", "Renée Dupont <renée@école.fr>"),
    ],
)
def test_an_internationalised_address_is_checked_not_refused(signed_in, field, value):
    """Django's validate_email refused a non-ASCII local part ('é@ü.de'); the core's draft,
    the API and mail servers with SMTPUTF8 take it."""
    data = {"to": "sarah.jones@charnwood-health.nhs.uk", "body": "Hello"} | {field: value}
    html = signed_in.post(URL, data).content.decode()
    assert _errors(html) == []
    assert "<title>Verdict " in html
    shown = html.split('id="result"', 1)[1].split("What the check found", 1)[0]
    assert unescape(value.split(",")[0].split("<")[-1].strip(" >")) in unescape(shown)


def test_an_internationalised_sender_is_taken(signed_in):
    html = signed_in.post(
        URL, {"sender": "renée@école.fr", "to": "sarah.jones@charnwood-health.nhs.uk", "body": "x"}
    ).content.decode()
    assert _errors(html) == []
    assert "<title>Verdict " in html


@pytest.mark.parametrize(
    ("field", "label", "value"),
    [
        ("to", "To", "é@ü"),  # no dot in the domain
        ("to", "To", "é@"),
        ("cc", "Cc", "é@ü@de.org"),
        ("to", "To", "ü.de"),
    ],
)
def test_a_malformed_internationalised_address_is_still_refused(signed_in, field, label, value):
    data = {"to": "sarah.jones@charnwood-health.nhs.uk", "body": "x"} | {field: value}
    html = signed_in.post(URL, data).content.decode()
    assert "<title>Error: " in html
    assert _errors(html)[0].startswith(f"id_{field}|{label}: '{value}' is not an email address")


# A draft the check stops is a near miss for the DPO (EmailNearMiss `checked`).


def _stopped_rows():
    from safehaven.email.models import EmailNearMiss
    from safehaven.oversight.models import NearMiss

    return (
        list(EmailNearMiss.objects.filter(event="checked")),
        list(NearMiss.objects.filter(channel="email")),
    )


@pytest.mark.rule("EMAIL-1")
def test_a_held_draft_is_recorded_as_a_near_miss_without_its_text(signed_in, sender, school_a):
    html = signed_in.post(
        URL, {"to": "Sarah <sarah@yahoo.co.uk>", "subject": "Amelia camp", "body": HEALTH_BODY}
    ).content.decode()
    assert "<title>Verdict hold" in html
    (miss,), (logged,) = _stopped_rows()
    assert miss.verdict == "hold"
    assert miss.sender == sender.email
    assert miss.recipients == ["sarah@yahoo.co.uk"]
    assert "EMAIL-1" in miss.rules
    assert miss.decided_by == sender
    assert miss.quarantine_id == ""
    # Nothing of the message itself: not its text, subject or the child's name.
    stored = repr(
        [miss.sender, miss.recipients, miss.rules, miss.messages, miss.reason, miss.correlation_id]
    )
    for text in ("Whitworth", "Amelia", "asthma", "inhaler", "camp"):
        assert text not in stored
    # The DPO's cross-channel near-miss log: a summary without names or addresses.
    assert logged.kind == "email_held"
    assert logged.rule == miss.rules[0]
    assert logged.summary.startswith("Stopped at the pre-send check, not sent")
    assert "yahoo" not in logged.summary
    assert "Amelia" not in logged.summary
    assert logged.recorded_by == sender
    assert logged.unit == school_a
    assert logged.service_user is None


@pytest.mark.rule("EMAIL-4")
def test_a_blocked_draft_is_a_blocked_near_miss_and_shown_to_the_dpo(
    client, sender, child, restricted_father, dpo
):
    client.force_login(sender)
    html = client.post(
        URL, {"to": "mark.w@gmail.com", "body": "Dear Mark,\n\nAmelia Whitworth did well.\n"}
    ).content.decode()
    assert "<title>Verdict block" in html
    (miss,), (logged,) = _stopped_rows()
    assert miss.verdict == "block"
    assert logged.kind == "email_blocked"
    assert "would be blocked" in logged.summary
    client.force_login(dpo)
    page = client.get("/oversight/near-misses/").content.decode()
    assert "Stopped at the pre-send check, not sent: the draft would be blocked" in page
    assert "Email blocked" in page


def test_the_same_stopped_draft_checked_again_is_one_near_miss(signed_in):
    data = {"to": "sarah@yahoo.co.uk", "subject": "Amelia", "body": HEALTH_BODY}
    signed_in.post(URL, data)
    signed_in.post(URL, data)
    misses, logged = _stopped_rows()
    assert len(misses) == 1
    assert len(logged) == 1
    # A changed draft that is still stopped is another near miss.
    signed_in.post(URL, data | {"body": HEALTH_BODY + "\nRegards\n"})
    assert [len(rows) for rows in _stopped_rows()] == [2, 2]


def test_a_draft_that_can_go_or_only_warns_is_no_near_miss(signed_in, nurse):
    for body in ("Hello Sarah, see you at the meeting.\n", HEALTH_BODY):
        html = signed_in.post(URL, {"to": nurse.email, "body": body}).content.decode()
        assert "<title>Verdict hold" not in html
        assert "<title>Verdict block" not in html
    assert _stopped_rows() == ([], [])


def test_an_uploaded_message_that_is_held_is_a_near_miss(signed_in, sender):
    upload = SimpleUploadedFile(
        "draft.eml", _eml(to="Sarah <sarah@yahoo.co.uk>", body=HEALTH_BODY), "message/rfc822"
    )
    html = signed_in.post(URL, {"eml": upload}).content.decode()
    assert "<title>Verdict hold" in html
    (miss,), _ = _stopped_rows()
    assert miss.recipients == ["sarah@yahoo.co.uk"]
    assert miss.sender == "officer@ashby.sch.uk"
