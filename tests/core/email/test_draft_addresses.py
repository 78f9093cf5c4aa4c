"""Draft addresses: anything that is not an address is a DraftError naming the field and the
text given, never another exception (the standard library's parser raises IndexError for
"a@")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehaven.core.email.draft import DraftError, address_problem, draft_message

FIELDS = ("sender", "to", "cc", "bcc")
GOOD = {"sender": "officer@ashby.sch.uk", "to": ["sarah.jones@charnwood-health.nhs.uk"]}

MALFORMED = [
    "a@",
    "@",
    "a@b@c",
    "@b.org",
    "no-at-sign",
    "a@b",
    "a@b..org",
    "a..b@x.org",
    "a@x.org.",
    "a b@x.org",
    "a@-b.org",
    "a@b_c.org",
    "a@[192.0.2.1]",
    "a@b.org>",
    "a@b.org;c@d.org",
    "Smith, Jane <j@x.org>",
    "Undisclosed recipients:;",
    "\x00@b.org",
    "a@b.org, c@",
]


def _draft(field: str, value):
    fields = dict(GOOD)
    fields[field] = value if field == "sender" else [value]
    return draft_message(**fields)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_address_is_a_draft_error_naming_field_and_value(field, value):
    with pytest.raises(DraftError) as caught:
        _draft(field, value)
    err = caught.value
    text = str(err)
    assert text.startswith(f"{field}: ")
    assert err.field == field
    assert err.value == value
    shown = " ".join(value.split()).replace("\x00", "\ufffd")
    assert f"'{shown}'" in text
    assert "enter it like name@school.sch.uk" in text
    assert "\n" not in text


def test_the_reported_index_error_is_a_draft_error():
    """`draft_message(sender='a@b.org', to=['a@'])` raised IndexError from the stdlib."""
    with pytest.raises(DraftError, match=r"^to: 'a@' is not an email address \(nothing comes"):
        draft_message(sender="a@b.org", to=["a@"])


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("a@b@c", "more than one @"),
        ("a@b.org;c@d.org", "commas"),
        ("Smith, Jane <j@x.org>", "double quotes"),
        ("a@[192.0.2.1]", "network address"),
        ("a@b", "b is not a domain name"),
        ("x", "no @"),
    ],
)
def test_the_message_says_what_is_wrong(value, says):
    assert says in address_problem(value)


def test_two_senders_are_refused():
    with pytest.raises(DraftError, match="sender: give one address, not 2"):
        draft_message(sender="a@b.org, c@d.org", to=["x@y.org"])


@pytest.mark.parametrize(
    ("value", "addr_specs"),
    [
        ("sarah@nhs.net", ["sarah@nhs.net"]),
        ("Sarah Jones <sj@nhs.net>", ["sj@nhs.net"]),
        ('"Jones, Sarah" <sj@nhs.net>', ["sj@nhs.net"]),
        ("<sj@nhs.net>", ["sj@nhs.net"]),
        ("a@b.org, c@d.org", ["a@b.org", "c@d.org"]),
        ("é@ü.de", ["é@ü.de"]),
        ("x@xn--bcher-kva.example", ["x@xn--bcher-kva.example"]),
        ("  padded@school.sch.uk  ", ["padded@school.sch.uk"]),
    ],
)
def test_real_addresses_still_go_into_the_message(value, addr_specs):
    msg = draft_message(sender="officer@ashby.sch.uk", to=[value], cc=value)
    assert [a.addr_spec for a in msg["To"].addresses] == addr_specs
    assert [a.addr_spec for a in msg["Cc"].addresses] == addr_specs
    assert address_problem(value) == ""


def test_blank_entries_are_skipped_but_a_line_break_is_not():
    msg = draft_message(sender="officer@ashby.sch.uk", to=["", "  ", "a@b.org"])
    assert [a.addr_spec for a in msg["To"].addresses] == ["a@b.org"]
    with pytest.raises(DraftError, match="cc: an address cannot contain a line break"):
        draft_message(sender="officer@ashby.sch.uk", to=["a@b.org"], cc=["\n"])


def test_a_value_that_is_not_text_is_a_draft_error():
    with pytest.raises(DraftError, match="to: give each address as text"):
        draft_message(sender="officer@ashby.sch.uk", to=[None])  # type: ignore[list-item]


# Arbitrary text, weighted towards the characters that make addresses and break parsers.
_PIECES = st.one_of(
    st.text(max_size=6),
    st.sampled_from(
        ["@", ".", "<", ">", '"', ",", " ", "(", ")", ":", ";", "\\", "[", "]", "-", "_",
         "=?utf-8?q?", "?=", "org", "a", "é", "xn--", "\t", "\x00"]
    ),
)  # fmt: skip
ADDRESSY = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=st.one_of(ADDRESSY, st.text()))
def test_any_text_gives_a_message_or_a_draft_error_naming_the_field(field, value):
    error: DraftError | None = None
    try:
        msg = _draft(field, value)
    except DraftError as exc:  # anything else fails the test
        error = exc
    if error is not None:
        assert str(error).startswith(f"{field}: ")
        assert error.field == field
        assert address_problem(value) != "" or not value.strip() or field == "sender"
        return
    assert address_problem(value) == "" or not value.strip()
    header = {"sender": "From", "to": "To", "cc": "Cc", "bcc": "Bcc"}[field]
    if not value.strip():
        assert msg[header] is None  # a blank field adds no header
        return
    assert msg[header].addresses
    for a in msg[header].addresses:
        assert a.username
        assert "." in a.domain
    # The message the checks and the gateway read can be written out.
    assert msg.as_bytes()


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(ADDRESSY, st.text()))
def test_address_problem_never_raises_and_names_the_text(value):
    problem = address_problem(value)
    assert isinstance(problem, str)
    if problem and "\n" not in value and "\r" not in value:
        assert "enter it like name@school.sch.uk" in problem
