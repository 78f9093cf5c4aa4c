"""The register's hash chain: any sequence of entries verifies; editing, deleting or reordering
any one entry is caught at that entry; truncation is caught with a checkpoint (TEL-9)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from safehaven.register import chain
from safehaven.register.chain import CheckpointInvalid
from safehaven.register.models import Disclosure
from safehaven.register.selectors import register_checkpoint, register_verify
from tests.factories import ServiceUserFactory, UserFactory, disclosure
from tests.register.conftest import tamper

# The service refuses NUL (PostgreSQL text cannot hold it) and U+001F, chain format 2's
# separator; see test_formats for that refusal.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x1f"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
payloads = st.dictionaries(
    st.text(max_size=8).filter(lambda s: "\x00" not in s),
    st.one_of(st.integers(-(2**31), 2**31), st.booleans(), st.none(), text),
    max_size=3,
)
entry = st.fixed_dictionaries(
    {
        "summary": text,
        "reason": text,
        "recipient_name": text,
        "channel": st.sampled_from(["telephone", "letter", "email", "fax", "in_person"]),
        "payload": payloads,
    }
)


def _write(entries):
    su = ServiceUserFactory()
    staff = UserFactory()
    return [disclosure(service_user=su, disclosed_by=staff, **e) for e in entries]


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.rule("TEL-9")
class ChainProperties(TestCase):
    @SETTINGS
    @given(st.lists(entry, min_size=1, max_size=6))
    def test_any_sequence_of_entries_verifies(self, entries):
        written = _write(entries)
        result = register_verify()
        assert result.ok, result.problem
        assert result.checked == len(written)
        assert result.head_hash == written[-1].entry_hash

    @SETTINGS
    @given(st.lists(entry, min_size=1, max_size=6), st.data())
    def test_an_edit_to_any_entry_is_caught_at_that_entry(self, entries, data):
        written = _write(entries)
        victim = data.draw(st.sampled_from(written))
        field = data.draw(st.sampled_from(["summary", "recipient_name", "reason", "channel"]))
        new = "tampered" if field != "channel" else "other"
        if getattr(victim, field) == new:
            new += "!"
        tamper(
            f"UPDATE register_disclosure SET {field} = %s WHERE sequence = %s",
            [new, victim.sequence],
        )
        result = register_verify()
        assert not result.ok
        assert result.bad_sequence == victim.sequence
        assert "altered" in result.problem

    @SETTINGS
    @given(st.lists(entry, min_size=2, max_size=6), st.data())
    def test_deleting_an_entry_is_caught_at_that_entry(self, entries, data):
        written = _write(entries)
        victim = data.draw(st.sampled_from(written[:-1]))
        tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [victim.pk])
        tamper("DELETE FROM register_disclosure WHERE id = %s", [victim.pk])
        result = register_verify()
        assert not result.ok
        assert result.bad_sequence == victim.sequence
        assert "missing" in result.problem

    @SETTINGS
    @given(st.lists(entry, min_size=2, max_size=6), st.data())
    def test_swapping_two_entries_is_caught_at_the_first(self, entries, data):
        written = _write(entries)
        i = data.draw(st.integers(0, len(written) - 2))
        j = data.draw(st.integers(i + 1, len(written) - 1))
        a, b = written[i], written[j]
        tamper("UPDATE register_disclosure SET sequence = 999999 WHERE id = %s", [a.pk])
        tamper("UPDATE register_disclosure SET sequence = %s WHERE id = %s", [a.sequence, b.pk])
        tamper("UPDATE register_disclosure SET sequence = %s WHERE id = %s", [b.sequence, a.pk])
        result = register_verify()
        assert not result.ok
        assert result.bad_sequence == a.sequence

    @SETTINGS
    @given(st.lists(entry, min_size=1, max_size=5), st.integers(1, 3))
    def test_truncation_is_caught_with_a_checkpoint(self, entries, cut):
        written = _write(entries)
        checkpoint = register_checkpoint()
        cut = min(cut, len(written))
        for victim in written[-cut:]:
            tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [victim.pk])
            tamper("DELETE FROM register_disclosure WHERE id = %s", [victim.pk])
        assert register_verify().ok  # without a checkpoint, a shorter chain looks whole
        result = register_verify(checkpoint=checkpoint)
        assert not result.ok
        assert "truncated" in result.problem


@pytest.mark.django_db
def test_checkpoint_signature_is_checked():
    disclosure()
    cp = register_checkpoint()
    assert register_verify(checkpoint=cp).ok
    forged = {**cp, "sequence": cp["sequence"] - 1}
    with pytest.raises(CheckpointInvalid, match="signature"):
        register_verify(checkpoint=forged)
    with pytest.raises(CheckpointInvalid, match="not a SafeHaven"):
        register_verify(checkpoint={"hello": 1})


@pytest.mark.django_db
def test_rewritten_chain_after_checkpoint_is_caught(settings):
    """An attacker with the database but not the key cannot rebuild a consistent chain; one
    who rebuilds from the checkpointed entry on with another key is caught by verify."""
    disclosure()
    disclosure()
    cp = register_checkpoint()
    victim = Disclosure.objects.get(sequence=2)
    tamper("UPDATE register_disclosure SET entry_hash = %s WHERE id = %s", ["f" * 64, victim.pk])
    result = register_verify(checkpoint=cp)
    assert not result.ok
    assert result.bad_sequence == 2


@pytest.mark.django_db
def test_a_different_key_fails_every_entry(settings):
    disclosure()
    settings.REGISTER_CHAIN_KEY = "another key"
    result = register_verify()
    assert not result.ok
    assert result.bad_sequence == 1


@pytest.mark.django_db
def test_missing_key_is_a_plain_error(settings):
    settings.REGISTER_CHAIN_KEY = ""
    with pytest.raises(chain.ChainKeyMissing, match="SAFEHAVEN_REGISTER_KEY"):
        register_verify()


@pytest.mark.django_db
def test_deleted_lookup_row_is_caught_so_a_subject_access_export_is_not_silently_short():
    a, b = ServiceUserFactory(), ServiceUserFactory()
    disclosure(service_user=a)
    entry = disclosure(service_users=[a, b])
    assert register_verify().ok
    tamper(
        "DELETE FROM register_disclosuresubject WHERE disclosure_id = %s AND service_user_id = %s",
        [entry.pk, b.pk],
    )
    result = register_verify()
    assert not result.ok
    assert result.bad_sequence == entry.sequence
    assert "lookup rows" in result.problem


@pytest.mark.django_db
def test_added_lookup_row_is_caught():
    a, b = ServiceUserFactory(), ServiceUserFactory()
    entry = disclosure(service_user=a)
    tamper(
        "INSERT INTO register_disclosuresubject (disclosure_id, service_user_id) VALUES (%s, %s)",
        [entry.pk, b.pk],
    )
    result = register_verify()
    assert not result.ok
    assert result.bad_sequence == entry.sequence


@pytest.mark.django_db
def test_multi_child_entries_verify_whatever_order_their_children_are_listed_in():
    a, b, c = ServiceUserFactory(), ServiceUserFactory(), ServiceUserFactory()
    entries = [disclosure(service_users=[c, a, b]), disclosure(service_users=[b, a])]
    assert entries[0].service_user_ids == [c.pk, a.pk, b.pk]
    result = register_verify()
    assert result.ok, result.problem
    tamper(
        "UPDATE register_disclosuresubject SET service_user_id = %s "
        "WHERE disclosure_id = %s AND service_user_id = %s",
        [c.pk, entries[1].pk, a.pk],
    )
    result = register_verify()
    assert (result.ok, result.bad_sequence) == (False, entries[1].sequence)


@pytest.mark.django_db
def test_a_lookup_row_naming_no_entry_is_caught():
    entry = disclosure()
    tamper(
        "INSERT INTO register_disclosuresubject (disclosure_id, service_user_id) VALUES (%s, %s)",
        [entry.pk + 1000, entry.service_user_id],
    )
    result = register_verify()
    assert not result.ok
    assert "does not exist" in result.problem
    # Django checks foreign keys when a SQLite test ends: take the dangling row away again.
    tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [entry.pk + 1000])
