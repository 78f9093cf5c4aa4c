"""Chain formats (TEL-9): format 2 has the database build each entry's canonical text and only
the MAC runs in Python; it must give exactly the bytes the writer hashed, on SQLite and
PostgreSQL, and the same verdicts as the reference walk over raw rows. Registers written in
format 1 before the upgrade still verify, and continue in format 2."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from safehaven.register import chain
from safehaven.register.models import Disclosure
from safehaven.register.selectors import _fast_rows, _raw_rows, register_verify
from safehaven.register.services import DisclosureError
from tests.factories import OrganisationFactory, ServiceUserFactory, UserFactory, disclosure
from tests.register.conftest import tamper, write_format_1

pytestmark = pytest.mark.rule("TEL-9")

# What the service accepts in free text: anything but NUL and U+001F (other control
# characters included).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x1f"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
# Payload text may hold control characters (JSON escapes them); never NUL.
json_string = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), json_string),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(json_string, inner, max_size=3)
    ),
    max_leaves=8,
)
payloads = st.dictionaries(json_string, json_values, max_size=4)
entries = st.lists(
    st.fixed_dictionaries(
        {
            "summary": text,
            "reason": text,
            "recipient_name": text,
            "recipient_email": st.one_of(st.just(""), text),
            "payload": payloads,
        }
    ),
    min_size=1,
    max_size=4,
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference():
    """The reference walk: every canonical byte made in Python from the raw row."""
    return chain.verify_rows(_raw_rows(1000))


def _verdict(result):
    return result.ok, result.checked, result.bad_sequence, result.problem, result.head_hash


class FormatTwoProperties(TestCase):
    @SETTINGS
    @given(entries)
    def test_the_database_builds_exactly_the_bytes_the_writer_hashed(self, drawn):
        su, staff = ServiceUserFactory(), UserFactory()
        written = [disclosure(service_user=su, disclosed_by=staff, **e) for e in drawn]
        fast = [row for chunk in _fast_rows(1000) for row in chunk]
        raw = list(_raw_rows(1000))
        for entry, row, raw_row in zip(written, fast, raw, strict=True):
            from_model = chain.canonical_v2([getattr(entry, f) for f in chain.CHAIN_FIELDS])
            assert row[1] == 2
            assert (row[2] if isinstance(row[2], bytes) else row[2].encode()) == from_model
            assert chain.canonical_v2(list(raw_row[:-1])) == from_model
        assert _verdict(register_verify()) == _verdict(_reference())
        assert register_verify().ok

    @SETTINGS
    @given(payloads)
    def test_stored_json_is_the_text_postgresql_prints(self, payload):
        entry = disclosure(payload=payload)
        column = "payload::text" if connection.vendor == "postgresql" else "payload"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column} FROM register_disclosure WHERE id = %s",  # noqa: S608
                [entry.pk],
            )
            stored = cursor.fetchone()[0]
        assert stored == chain.json_text(payload)
        entry.refresh_from_db()
        assert entry.payload == payload

    @SETTINGS
    @given(
        st.integers(1, 3),
        st.integers(0, 3),
        st.sampled_from(["summary", "recipient_name", "chain_version", "prev_hash", "delete"]),
        st.data(),
    )
    def test_fast_path_and_reference_agree_on_any_tampering(self, old, new, how, data):
        """A register begun in format 1 and continued in format 2; any one entry tampered."""
        su, staff = ServiceUserFactory(), UserFactory()
        write_format_1(old, service_user=su, disclosed_by=staff)
        for i in range(new):
            disclosure(service_user=su, disclosed_by=staff, summary=f"new {i}")
        victim = data.draw(st.integers(1, old + new))
        value = {"summary": "x", "recipient_name": "y", "chain_version": 3, "prev_hash": "0" * 64}
        if how == "delete":
            pk = Disclosure.objects.get(sequence=victim).pk
            tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [pk])
            tamper("DELETE FROM register_disclosure WHERE id = %s", [pk])
        else:
            tamper(
                f"UPDATE register_disclosure SET {how} = %s WHERE sequence = %s",  # noqa: S608
                [value[how], victim],
            )
        fast, reference = register_verify(subjects=False), _reference()
        assert _verdict(fast) == _verdict(reference)
        if how != "delete" and not (how == "prev_hash" and victim == 1):
            assert not fast.ok
            assert fast.bad_sequence == victim


@pytest.mark.django_db
def test_a_register_begun_in_format_1_still_verifies_and_continues_in_format_2(capsys):
    old = write_format_1(3)
    new = [disclosure() for _ in range(2)]
    assert new[0].prev_hash == old[-1].entry_hash
    assert list(Disclosure.objects.values_list("chain_version", flat=True)) == [1, 1, 1, 2, 2]
    result = register_verify()
    assert result.ok, result.problem
    assert (result.checked, result.head_hash) == (5, new[-1].entry_hash)
    call_command("register", "verify")
    assert "Register OK: 5 entries verified" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize("victim", [2, 4])
def test_an_edit_in_either_format_is_named(victim, capsys):
    write_format_1(3)
    disclosure()
    disclosure()
    tamper("UPDATE register_disclosure SET reason = 'changed' WHERE sequence = %s", [victim])
    result = register_verify()
    assert (result.ok, result.bad_sequence) == (False, victim)
    assert "altered" in result.problem
    with pytest.raises(SystemExit) as exit_info:
        call_command("register", "verify")
    assert exit_info.value.code == 1
    assert f"FAILED at entry {victim}" in capsys.readouterr().err


@pytest.mark.django_db
def test_relabelling_an_entry_with_another_format_is_caught():
    disclosure()
    entry = disclosure()
    tamper("UPDATE register_disclosure SET chain_version = 1 WHERE id = %s", [entry.pk])
    result = register_verify()
    assert (result.ok, result.bad_sequence) == (False, 2)
    tamper("UPDATE register_disclosure SET chain_version = 9 WHERE id = %s", [entry.pk])
    result = register_verify()
    assert (result.ok, result.bad_sequence) == (False, 2)
    assert "chain format 9" in result.problem


@pytest.mark.django_db
def test_text_moved_across_a_separator_is_caught():
    """The separator cannot be smuggled into a value to move text from one field to the
    next: a value holding it gives the entry one separator too many."""
    entry = disclosure(recipient_email="", summary="Attendance")
    tamper(
        "UPDATE register_disclosure SET recipient_email = %s, summary = %s WHERE id = %s",
        ["\x1fAttendance", "", entry.pk],
    )
    result = register_verify()
    assert (result.ok, result.bad_sequence) == (False, entry.sequence)


@pytest.mark.django_db
def test_the_writer_refuses_the_separator_and_keeps_other_control_characters():
    for name in ("summary", "reason", "recipient_name", "lawful_basis_justification"):
        with pytest.raises(DisclosureError, match="U\\+001F") as info:
            disclosure(**{name: "a\x1fb"})
        assert info.value.field == name
    kept = disclosure(summary="line one\nline two\twith a tab, a bell \x07 and a DEL \x7f")
    assert kept.summary.endswith("\x7f")
    organisation = OrganisationFactory(name="Health\x1fTrust")
    with pytest.raises(DisclosureError, match="U\\+001F") as info:
        disclosure(recipient_name="", recipient_organisation=organisation)
    assert info.value.field == "recipient_organisation"
    assert Disclosure.objects.count() == 1
    assert register_verify().ok


def test_json_text_refuses_what_has_no_stable_text():
    with pytest.raises(TypeError):
        chain.json_text({"pages": 1.5})
    with pytest.raises(TypeError):
        chain.json_text({1: "key is not text"})
    assert chain.json_text({"bb": [1, True, None], "a": "é\n", "ä": {}}) == (
        '{"a": "é\\n", "bb": [1, true, null], "ä": {}}'
    )
