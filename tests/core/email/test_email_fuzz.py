"""Property-based tests: whatever bytes arrive, the check reaches a verdict without raising."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehaven.core.email import InMemoryDirectory, check_message, default_policy
from safehaven.core.email.checks import VERDICTS

POLICY = default_policy()
DIRECTORY = InMemoryDirectory()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

header_names = st.sampled_from(
    [
        "From",
        "To",
        "Cc",
        "Subject",
        "Content-Type",
        "Content-Transfer-Encoding",
        "In-Reply-To",
        "MIME-Version",
        "Content-Disposition",
        "X-Other",
    ]
)
header_values = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
)


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_reach_a_verdict(raw):
    result = check_message(raw, policy=POLICY, directory=DIRECTORY)
    assert result.verdict in VERDICTS.values()
    # The catch-all in check_message must not be what saved us: no internal error.
    assert "error" not in result.summary, result.summary


@SETTINGS
@given(
    st.lists(st.tuples(header_names, header_values), max_size=8),
    st.binary(max_size=2000),
    st.sampled_from([b"\r\n", b"\n", b"\r"]),
)
def test_header_block_and_body_of_any_shape_reach_a_verdict(headers, body, eol):
    head = eol.join(n.encode() + b": " + v.encode("utf-8", "surrogatepass") for n, v in headers)
    raw = head + eol + eol + body
    result = check_message(raw, policy=POLICY, directory=DIRECTORY)
    assert result.verdict in VERDICTS.values()
    # The catch-all in check_message must not be what saved us: no internal error.
    assert "error" not in result.summary, result.summary
    result.as_dict()


@SETTINGS
@given(st.text(max_size=3000), st.text(max_size=60), st.booleans())
def test_any_text_body_reaches_a_verdict(body, subject, as_html):
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = "someone@example.org"
    try:
        m["Subject"] = subject
    except (ValueError, TypeError):
        m["Subject"] = "fallback"
    m.set_content(body, subtype="html" if as_html else "plain")
    result = check_message(m, policy=POLICY, directory=DIRECTORY)
    assert result.verdict in VERDICTS.values()
    assert "error" not in result.summary, result.summary
