"""Incoming post (POST-1): log it date-stamped, match it to the records, route it to the right
member of staff, triage what cannot be routed safely, and record every decision.

Every service checks the user's rights on the object, locks the item, checks its state and
records who did what, when and why in one transaction. A failed check raises `PostError`
(a `StepError`: message, rule, field).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safehaven.accounts.models import Unit, User
from safehaven.core.detect import analyse
from safehaven.correspondence.matching import MatchResult, ReadDetails, match_post
from safehaven.correspondence.models import (
    IncomingPost,
    Letter,
    PostNotification,
    PostRouting,
)
from safehaven.oversight.models import NearMiss
from safehaven.oversight.services import near_miss_capture
from safehaven.records.access import can_see_service_user, service_users_visible_to
from safehaven.records.models import ServiceUser
from safehaven.register.models import Channel
from safehaven.workflow import StepError

State = IncomingPost.State
Action = PostRouting.Action
RULE = "POST-1"


class PostError(StepError):
    """An incoming-post step's check failed (see `safehaven.workflow.StepError`)."""


def can_triage(user) -> bool:
    """Triage is queue management: the roles the other queues give it (the telephone
    authorisation queue and held email): authorisers (Team, Line or Service Managers) for
    their own units, and the DPO for all."""
    return bool(user.is_authenticated and user.is_active and (user.is_authoriser or user.is_dpo))


def may_triage_item(user, item: IncomingPost) -> bool:
    if not can_triage(user):
        return False
    if user.is_dpo:
        return True
    return user.units.filter(pk=item.unit_id).exists()


def sensitivity(*, subject: str, marked_confidential: bool) -> list[str]:
    """Why this item needs a person's eyes before it is routed (empty: not sensitive).

    The sensitivity engine reads the summary; any special-category cue counts even without a
    name in it, because the item is about a child by its nature."""
    reasons: list[str] = []
    if marked_confidential:
        reasons.append("The envelope is marked private or confidential.")
    if subject.strip():
        analysis = analyse(subject)
        categories = sorted(
            {e.category for e in analysis.evidence} | set(analysis.special_categories)
        )
        if analysis.classification == "sensitive" or categories:
            names = ", ".join(c.replace("_", " ") for c in categories) or "special category data"
            reasons.append(f"The summary reads as sensitive ({names}).")
    return reasons


def _units_for(user) -> list[Unit]:
    if user.sees_all:
        return list(Unit.objects.all())
    return list(user.units.all())


def _note(item: IncomingPost, user) -> None:
    PostNotification.objects.create(user=user, item=item, created_at=timezone.now())


def _routing(item, *, by, action: str, reason: str, service_user=None, worker=None) -> None:
    PostRouting.objects.create(
        item=item, at=timezone.now(), by=by, action=action, service_user=service_user,
        worker=worker, reason=reason[:2000],
    )  # fmt: skip


def _worker_for(service_user: ServiceUser) -> tuple[User | None, str]:
    worker = service_user.allocated_worker
    if worker is None:
        return None, "The child has no allocated worker on the record."
    if not worker.is_active:
        return None, "The child's allocated worker's account is switched off."
    if not can_see_service_user(worker, service_user):
        return None, "The child's allocated worker cannot see this child's record."
    return worker, ""


def _text(value) -> str:
    return " ".join(str(value or "").split())


def post_log(
    *,
    user,
    unit: Unit | None = None,
    kind: str = IncomingPost.Kind.LETTER,
    sender_name: str = "",
    sender_organisation: str = "",
    sender_address: str = "",
    addressed_to: str = "",
    subject: str = "",
    marked_confidential: bool = False,
    opened: bool = True,
    upn: str = "",
    nhs_number: str = "",
    reference: str = "",
    child_name: str = "",
    date_of_birth: dt.date | None = None,
    postcode: str = "",
    our_letter_reference: str = "",
) -> IncomingPost:
    """Logs an item as it arrived, stamped with the server time, then matches and routes it.

    A confident single match that is not sensitive goes to the child's allocated worker with a
    notice; everything else (no match, several, sensitive, no allocated worker) goes to
    triage. One of our letters returned undelivered flags the address it went to (LET-2) and
    goes back to whoever sent it.
    """
    units = _units_for(user)
    if unit is None:
        if len(units) != 1:
            raise PostError("Choose where the post arrived.", rule=RULE, field="unit")
        unit = units[0]
    elif unit not in units:
        raise PostError("Choose one of your own schools or teams.", rule=RULE, field="unit")
    if kind not in IncomingPost.Kind.values:
        raise PostError("Choose what kind of item it is.", rule=RULE, field="kind")
    sender_name, sender_organisation = _text(sender_name), _text(sender_organisation)
    if not (sender_name or sender_organisation):
        raise PostError(
            "Enter who sent it, as on the item; write \u201cNot shown\u201d if nothing says.",
            rule=RULE,
            field="sender_name",
        )
    subject = (subject or "").strip()
    if opened and not subject:
        raise PostError("Say briefly what the item is about.", rule=RULE, field="subject")
    if date_of_birth is not None and not (
        dt.date(1900, 1, 1) <= date_of_birth <= timezone.localdate()
    ):
        raise PostError(
            "The date of birth read off the item is not a past date: check it again.",
            rule=RULE,
            field="date_of_birth",
        )
    letter = None
    if kind == IncomingPost.Kind.RETURNED:
        letter = _our_letter(user, our_letter_reference)
    now = timezone.now()
    with transaction.atomic():
        item = IncomingPost.objects.create(
            unit=unit,
            received_at=now,
            logged_by=user,
            opened_by=user if opened else None,
            kind=kind,
            sender_name=sender_name[:200],
            sender_organisation=sender_organisation[:200],
            sender_address=(sender_address or "").strip(),
            addressed_to=_text(addressed_to)[:200],
            subject=subject,
            marked_confidential=bool(marked_confidential),
            read_upn=_text(upn)[:20],
            read_nhs_number=_text(nhs_number)[:20],
            read_reference=_text(reference)[:40],
            read_child_name=_text(child_name)[:200],
            read_date_of_birth=date_of_birth,
            read_postcode=_text(postcode)[:12],
            our_letter=letter,
        )
        if letter is not None:
            _route_returned_letter(item, letter, user)
        else:
            _match_and_route(item, user)
    return item


def _our_letter(user, text: str) -> Letter:
    from safehaven.correspondence.selectors import letters_visible_to

    raw = "".join((text or "").split()).upper()
    digits = raw.removeprefix("LTR-").removeprefix("LTR")
    if not digits.isdigit() or len(digits) > 12:
        raise PostError(
            "Enter our letter's reference as printed on it, e.g. LTR000123.",
            rule="LET-2",
            field="our_letter_reference",
        )
    letter = letters_visible_to(user=user).filter(pk=int(digits)).first()
    if letter is None or letter.state != Letter.State.DISPATCHED:
        raise PostError(
            "No letter you sent has that reference: check the reference, or log it as a "
            "letter for triage.",
            rule="LET-2",
            field="our_letter_reference",
        )
    return letter


def _route_returned_letter(item: IncomingPost, letter: Letter, user) -> None:
    from safehaven.correspondence.services import letter_mark_returned

    if not letter.returned_at:
        letter_mark_returned(letter=letter, user=user)
    worker = letter.dispatched_by or letter.created_by
    item.service_user = letter.service_user
    item.match_outcome = IncomingPost.Match.DETERMINISTIC
    item.candidates = [
        {"service_user": letter.service_user_id, "score": 100.0, "deterministic": True,
         "evidence": [{"field": "reference", "outcome": "match", "points": 0.0,
                       "text": f"Our letter {letter.job_id} came back."}]}
    ]  # fmt: skip
    if worker.is_active and can_see_service_user(worker, letter.service_user):
        item.state = State.ROUTED
        item.routed_to = worker
        item.routed_at = timezone.now()
        item.save()
        _routing(item, by=None, action=Action.AUTO_ROUTED, service_user=letter.service_user,
                 worker=worker, reason=f"Our letter {letter.job_id} returned undelivered; "
                 "the address it went to is flagged on the record.")  # fmt: skip
        _note(item, worker)
    else:
        item.state = State.TRIAGE
        item.triage_reasons = ["The person who sent the letter can no longer take it."]
        item.save()
        _routing(item, by=None, action=Action.TO_TRIAGE, service_user=letter.service_user,
                 reason=item.triage_reasons[0])  # fmt: skip


def post_match(*, item: IncomingPost, user) -> MatchResult:
    """Matches the item's details against the children `user` may see."""
    read = ReadDetails(
        upn=item.read_upn,
        nhs_number=item.read_nhs_number,
        reference=item.read_reference,
        child_name=item.read_child_name,
        date_of_birth=item.read_date_of_birth,
        postcode=item.read_postcode,
    )
    return match_post(read=read, within=service_users_visible_to(user))


def _match_and_route(item: IncomingPost, user) -> None:
    result = post_match(item=item, user=user)
    item.match_outcome = result.outcome
    item.candidates = [c.as_json() for c in result.candidates]
    item.sensitivity_reasons = sensitivity(
        subject=item.subject, marked_confidential=item.marked_confidential
    )
    item.sensitive = bool(item.sensitivity_reasons)
    reasons: list[str] = []
    child = worker = None
    if result.outcome in {IncomingPost.Match.DETERMINISTIC, IncomingPost.Match.CONFIDENT}:
        child = ServiceUser.objects.select_related("allocated_worker").get(
            pk=result.best.service_user_id
        )
        worker, why = _worker_for(child)
        if why:
            reasons.append(why)
    else:
        reasons.append(result.reason)
    reasons += list(result.notes)
    if item.sensitive:
        reasons += ["Sensitive: a person confirms the routing first."] + item.sensitivity_reasons
    if child is not None and worker is not None and not item.sensitive:
        item.state = State.ROUTED
        item.service_user = child
        item.routed_to = worker
        item.routed_at = timezone.now()
        item.triage_reasons = list(result.notes)
        item.save()
        _routing(item, by=None, action=Action.AUTO_ROUTED, service_user=child, worker=worker,
                 reason=f"{result.reason} Score {result.best.score:.0f}.")  # fmt: skip
        _note(item, worker)
        return
    item.state = State.TRIAGE
    item.triage_reasons = reasons
    item.save()
    _routing(item, by=None, action=Action.TO_TRIAGE, service_user=child, worker=worker,
             reason=" ".join(reasons))  # fmt: skip


def _locked(item: IncomingPost) -> IncomingPost:
    return IncomingPost.objects.select_for_update().get(pk=item.pk)


def _expect(item: IncomingPost, *states: str) -> None:
    if item.state not in states:
        raise PostError(
            f"This cannot be done now: the item is \u201c{item.get_state_display()}\u201d.",
            rule=RULE,
            out_of_order=True,
        )


def post_route(
    *, item: IncomingPost, user, service_user: ServiceUser, reason: str, worker: User | None = None
) -> IncomingPost:
    """Triage: a person confirms the suggested child or chooses another, and the worker (the
    child's allocated worker unless another member of staff who can see the child is chosen).
    Who, when and why are recorded; the worker gets a notice."""
    if not may_triage_item(user, item):
        raise PostError("Only a manager of this unit or the DPO can route post.", rule=RULE)
    reason = (reason or "").strip()
    if not reason:
        raise PostError(
            "Say why the item goes to this child and worker.", rule=RULE, field="reason"
        )
    if not can_see_service_user(user, service_user):
        raise PostError("Choose a child whose record you can see.", rule=RULE, field="service_user")
    if worker is None:
        worker, why = _worker_for(service_user)
        if worker is None:
            raise PostError(
                f"{why} Choose the member of staff it goes to.", rule=RULE, field="worker"
            )
    elif not (worker.is_active and can_see_service_user(worker, service_user)):
        raise PostError(
            "That member of staff cannot see this child's record: choose someone who can.",
            rule=RULE,
            field="worker",
        )
    with transaction.atomic():
        item = _locked(item)
        _expect(item, State.TRIAGE)
        suggested = item.candidates[0]["service_user"] if item.candidates else None
        action = Action.CONFIRMED if suggested == service_user.pk else Action.CHANGED
        item.state = State.ROUTED
        item.service_user = service_user
        item.routed_to = worker
        item.routed_at = timezone.now()
        item.save()
        _routing(item, by=user, action=action, service_user=service_user, worker=worker,
                 reason=reason)  # fmt: skip
        _note(item, worker)
    return item


def post_misdirected(*, item: IncomingPost, user, reason: str) -> IncomingPost:
    """Triage: the item is not for anyone here (misdirected to this organisation). It is sent
    back or on, and the near miss goes to the DPO's log."""
    if not may_triage_item(user, item):
        raise PostError("Only a manager of this unit or the DPO can decide this.", rule=RULE)
    reason = (reason or "").strip()
    if not reason:
        raise PostError(
            "Say what was done with it (returned to sender, forwarded to...).",
            rule=RULE,
            field="reason",
        )
    with transaction.atomic():
        item = _locked(item)
        _expect(item, State.TRIAGE)
        item.state = State.MISDIRECTED
        item.service_user = None
        item.routed_to = None
        item.actioned_by = user
        item.actioned_at = timezone.now()
        item.action_note = reason
        item.save()
        _routing(item, by=user, action=Action.MISDIRECTED, reason=reason)
        near_miss_capture(
            channel=Channel.LETTER,
            kind=NearMiss.Kind.OTHER,
            rule=RULE,
            summary=(
                f"Incoming {item.get_kind_display().lower()} received "
                f"{timezone.localtime(item.received_at):%d/%m/%Y} was not for anyone here "
                "(misdirected to this organisation); sent back or on."
            ),
            source_reference=f"post:{item.reference}",
            unit_id=item.unit_id,
        )
    return item


def may_action(user, item: IncomingPost) -> bool:
    if item.routed_to_id == user.pk:
        return True
    return may_triage_item(user, item) and (
        item.service_user is None or can_see_service_user(user, item.service_user)
    )


def post_actioned(*, item: IncomingPost, user, note: str = "") -> IncomingPost:
    """The worker (or a manager of the unit) marks the item dealt with."""
    if not may_action(user, item):
        raise PostError(
            "Only the person it was routed to, or their manager, can do this.", rule=RULE
        )
    with transaction.atomic():
        item = _locked(item)
        _expect(item, State.ROUTED)
        now = timezone.now()
        item.state = State.ACTIONED
        item.actioned_by = user
        item.actioned_at = now
        item.action_note = (note or "").strip()
        item.save()
        _routing(item, by=user, action=Action.ACTIONED, service_user=item.service_user,
                 worker=item.routed_to, reason=item.action_note or "Actioned.")  # fmt: skip
        PostNotification.objects.filter(item=item, read_at__isnull=True).update(read_at=now)
    return item


def post_send_back(*, item: IncomingPost, user, reason: str) -> IncomingPost:
    """The worker (or a manager of the unit) says the item was routed wrongly: it goes back to
    triage, no longer linked to the child, with the reason recorded."""
    if not may_action(user, item):
        raise PostError(
            "Only the person it was routed to, or their manager, can send it back.", rule=RULE
        )
    reason = (reason or "").strip()
    if not reason:
        raise PostError(
            "Say why it is not for this child or this person.", rule=RULE, field="reason"
        )
    with transaction.atomic():
        item = _locked(item)
        _expect(item, State.ROUTED)
        previous = item.service_user
        item.state = State.TRIAGE
        item.service_user = None
        item.routed_to = None
        item.routed_at = None
        item.triage_reasons = [f"Sent back by the person it was routed to: {reason}"]
        item.save()
        _routing(item, by=user, action=Action.SENT_BACK, service_user=previous, reason=reason)
        PostNotification.objects.filter(item=item, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return item


def post_notifications_read(*, item: IncomingPost, user) -> int:
    """The person opened the item: their notices about it are read."""
    return PostNotification.objects.filter(item=item, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
