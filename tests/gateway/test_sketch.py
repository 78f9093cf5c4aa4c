"""The one-way sketch of a draft's text (`safehaven.gateway.sketch`): the same draft changed a
little is recognised, another draft (another child, another matter) never; no text is kept."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from safehaven.gateway.sketch import (
    Sketch,
    own_text,
    own_text_of_raw,
    same_draft,
    sketch,
    strip_signature,
)

KEY = b"k" * 32
BODY = (
    "Dear Mrs Whitworth,\n\n"
    "Amelia was upset on Monday after contact and told her teacher she was frightened.\n\n"
    "Can we meet on Thursday to talk about her attendance and the next review meeting?\n\n"
    "The school nurse will join us if she can.\n"
)


def sk(body: str = BODY, subject: str = "Amelia", ids=(), key: bytes = KEY) -> Sketch:
    return sketch(subject=subject, body=body, key=key, service_user_ids=ids)


@pytest.mark.parametrize(
    "changed",
    [
        BODY + "\nKind regards\n\nJo Bloggs\nDesignated Safeguarding Lead\n",
        BODY + "\n-- \nJo Bloggs | Ashby School | 01234 567890\n",
        BODY.replace("frightened", "frightend"),
        BODY.replace("The school nurse will join us if she can.\n", ""),
        BODY.replace("Can we meet", "Could we meet"),
        BODY + "\nOn Mon, 3 Nov 2026, Sarah wrote:\n> the earlier message\n",
    ],
    ids=["sign-off", "separator", "typo", "paragraph", "words", "trail"],
)
def test_the_same_draft_changed_a_little_is_recognised(changed):
    assert same_draft(sk(), sk(own_text(changed)))
    assert same_draft(sk(own_text(changed)), sk())


@pytest.mark.parametrize(
    ("other", "ids"),
    [
        (BODY.replace("Amelia", "Oliver").replace("Whitworth", "Brennan"), ()),
        (BODY.replace("Amelia", "Zara"), ()),
        (BODY, ("42",)),  # the same words, but the check named another child
        ("Dear Mrs Whitworth,\n\nAmelia's trip form needs your signature before Friday.\n", ()),
    ],
    ids=["another-child", "another-first-name", "another-service-user", "another-matter"],
)
def test_another_draft_is_never_the_same(other, ids):
    stopped, sent = sk(ids=("7",)), sk(other, ids=ids or ("7",))
    assert not same_draft(stopped, sent)
    assert not same_draft(sent, stopped)


def test_a_name_added_is_the_same_draft_a_name_swapped_is_not():
    assert same_draft(sk(), sk(BODY.replace("Amelia was", "Amelia and Zara were")))
    assert not same_draft(
        sk(BODY.replace("Amelia", "Amelia and Zara")),
        sk(BODY.replace("Amelia", "Amelia and Poppy")),
    )


def test_a_child_renamed_in_the_body_only_is_not_the_same_draft():
    # The subject still says Amelia; the body is about Zara now.
    assert not same_draft(sk(), sk(BODY.replace("Amelia", "Zara")))
    assert not same_draft(sk(), sk(subject="Zara"))


def test_very_short_texts_link_only_when_equal():
    assert same_draft(sk("Call me", subject=""), sk("Call me", subject=""))
    assert not same_draft(sk("Call me", subject=""), sk("Call him", subject=""))
    assert not same_draft(sk("", subject=""), sk("", subject=""))


def test_the_sketch_keeps_no_text_and_depends_on_the_key():
    text = sk().dumps()
    assert text.startswith("s1:")
    for word in ("Amelia", "amelia", "Whitworth", "frightened"):
        assert word not in text
    assert sk(key=b"other" * 8).dumps() != text
    assert Sketch.loads(text) == sk()
    assert Sketch.loads("") is None
    assert Sketch.loads("s0:abcd::") is None
    assert Sketch.loads("s1:zzzz::") is None
    assert Sketch.loads("s1:abcd:") is None


def test_a_signature_is_cut_only_near_the_end():
    assert strip_signature("Hello\n\nThanks\nJo\n") == "Hello\n"
    body = "Thanks for the notes.\n" + "".join(f"line {i}\n" for i in range(20))
    assert strip_signature(body) == body  # "Thanks" at the top is not a sign-off
    assert strip_signature("Thanks\n") == "Thanks\n"  # nothing before it: kept


def test_own_text_of_a_raw_message_leaves_out_the_trail():
    m = EmailMessage()
    m["Subject"] = "Amelia"
    m["To"] = "a@b.org"
    m.set_content(BODY + "\nOn Mon, 3 Nov 2026, Sarah wrote:\n> the earlier message\n")
    subject, body = own_text_of_raw(bytes(m))
    assert subject == "Amelia"
    assert "earlier message" not in body
    assert "frightened" in body
    subject, body = own_text_of_raw(b"\xff\x00 not a message")  # never raises
    assert isinstance(subject, str)
    assert isinstance(body, str)
