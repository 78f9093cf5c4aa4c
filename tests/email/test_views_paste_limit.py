"""More than 2.5 MB pasted into the pre-send page's Message box: the check page says to upload
the message as an .eml, instead of the site's generic 400 page. The limit itself, and CSRF, stay
as they are everywhere."""

from __future__ import annotations

import re
from email.message import EmailMessage
from html import unescape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/email/check/"
LIMIT = 2_621_440  # Django's default DATA_UPLOAD_MAX_MEMORY_SIZE
BIG = "Amelia has asthma. " * (3 * 1024 * 1024 // 19)  # 3 MB of typed text
SAYS = "The message is too large to paste: save it as an .eml and upload it (up to 25 MB)"


@pytest.fixture
def signed_in(client, sender):
    client.force_login(sender)
    return client


def _summary(html: str) -> list[str]:
    summary = html.split('govuk-error-summary__list"', 1)
    if len(summary) < 2:
        return []
    items = re.findall(r"<li><a href=\"#([^\"]+)\">(.*?)</a></li>", summary[1].split("</ul>")[0])
    return [f"{target}|{unescape(text)}" for target, text in items]


def test_the_limit_is_not_raised_for_the_site():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == LIMIT
    assert len(BIG.encode()) > LIMIT


def test_a_paste_over_the_limit_is_explained_on_the_check_page(signed_in):
    response = signed_in.post(
        URL, {"sender": "", "to": "sarah.jones@charnwood-health.nhs.uk", "body": BIG}
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Check an email before you send it" in html
    assert _summary(html) == [f"id_body|{SAYS}"]
    assert "<title>Error: " in html
    assert 'enctype="multipart/form-data"' in html  # the form to upload the .eml from


def test_an_urlencoded_paste_over_the_limit_is_explained_too(signed_in):
    from urllib.parse import urlencode

    body = urlencode({"to": "sarah.jones@charnwood-health.nhs.uk", "body": BIG})
    response = signed_in.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert _summary(response.content.decode()) == [f"id_body|{SAYS}"]


def test_an_eml_over_the_form_limit_is_still_checked(signed_in):
    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = "sarah.jones@charnwood-health.nhs.uk"
    msg["Subject"] = "Photos from the trip"
    msg.set_content("The photos from the trip.")
    msg.add_attachment(bytes(3 * 1024 * 1024), maintype="image", subtype="png", filename="a.png")
    raw = msg.as_bytes()
    assert len(raw) > LIMIT
    upload = SimpleUploadedFile("photos.eml", raw, content_type="message/rfc822")
    response = signed_in.post(URL, {"eml": upload})
    assert response.status_code == 200
    assert 'id="verdict"' in response.content.decode()


def test_anonymous_is_sent_to_sign_in_not_shown_the_page(client):
    response = client.post(URL, {"to": "a@b.org", "body": BIG})
    assert response.status_code == 302
    assert "/login" in response["Location"] or "sign-in" in response["Location"]


def test_other_forms_keep_the_generic_answer(signed_in):
    response = signed_in.post("/email/check/override/", {"token": "x", "justification": BIG})
    assert response.status_code == 400
    assert SAYS not in response.content.decode()


def test_csrf_is_still_checked_on_the_check_page(sender):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sender)
    small = {"to": "sarah.jones@charnwood-health.nhs.uk", "body": "See you at 3."}
    assert client.post(URL, small).status_code == 403
    client.get(URL)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(URL, {**small, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert 'id="verdict"' in response.content.decode()
