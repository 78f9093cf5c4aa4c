"""Incoming post (POST-1): date-stamped log, matching against the records, routing to the
allocated worker or to triage, triage decisions with who/when/why, actioned, object
permissions, and the near misses that flow to the DPO's log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from safehaven.correspondence import post_services as services
from safehaven.correspondence.matching import ReadDetails, match_post
from safehaven.correspondence.models import IncomingPost, Letter, PostNotification, PostRouting
from safehaven.correspondence.selectors import access_post, post_triage_queue, post_visible_to
from safehaven.oversight.models import NearMiss
from safehaven.records.models import ServiceUser
from tests.factories import AddressFactory, ServiceUserFactory, UserFactory, make_upn

pytestmark = pytest.mark.django_db
State = IncomingPost.State


@pytest.fixture
def worker(school_a):
    return UserFactory(role="officer", units=[school_a], first_name="Wendy", last_name="Worker")


@pytest.fixture
def pupil(school_a, worker):
    su = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7), upn=make_upn(90001), nhs_number="9434765919",
        allocated_worker=worker,
    )  # fmt: skip
    AddressFactory(service_user=su, line_1="14 Mill Lane", postcode="LE11 1AA")
    return su


def log(user, **kw):
    params = {"sender_name": "Dr Ann Lee", "sender_organisation": "Leicester Royal Infirmary",
              "subject": "Appointment letter for the school", **kw}  # fmt: skip
    return services.post_log(user=user, **params)


@pytest.mark.rule("POST-1")
def test_an_item_is_stamped_with_server_time_and_routed_by_upn(officer, pupil, worker):
    before = timezone.now()
    item = log(officer, upn=pupil.upn, child_name="Amelia Whitworth")
    after = timezone.now()
    assert before <= item.received_at <= after
    assert item.logged_by == officer
    assert item.opened_by == officer
    assert item.match_outcome == IncomingPost.Match.DETERMINISTIC
    assert item.state == State.ROUTED
    assert item.service_user == pupil
    assert item.routed_to == worker
    routing = PostRouting.objects.get(item=item)
    assert routing.action == PostRouting.Action.AUTO_ROUTED
    assert routing.by is None
    assert PostNotification.objects.filter(user=worker, item=item, read_at__isnull=True).exists()
    assert item.candidates[0]["deterministic"] is True


@pytest.mark.rule("POST-1")
def test_an_nhs_number_matches_exactly_one_child(officer, pupil):
    item = log(officer, nhs_number="943 476 5919")
    assert item.match_outcome == IncomingPost.Match.DETERMINISTIC
    assert item.service_user == pupil


@pytest.mark.rule("POST-1")
def test_an_identifier_with_a_contradicting_name_goes_to_triage(officer, pupil):
    item = log(officer, upn=pupil.upn, child_name="Kieran O'Donnell")
    assert item.match_outcome == IncomingPost.Match.AMBIGUOUS
    assert item.state == State.TRIAGE
    assert item.service_user is None
    assert any("do not" in r for r in item.triage_reasons)


@pytest.mark.rule("POST-1")
def test_an_invalid_upn_is_kept_as_read_but_not_used(officer, pupil):
    bad = "X" + pupil.upn[1:]
    item = log(officer, upn=bad, child_name="Amelia Whitworth", date_of_birth=pupil.date_of_birth)
    assert item.read_upn == bad
    assert any("not a valid UPN" in r for r in item.triage_reasons)
    assert item.service_user == pupil  # name + date of birth were enough


@pytest.mark.rule("POST-1")
def test_a_misspelt_name_and_swapped_date_of_birth_is_a_confident_match(officer, pupil, worker):
    ServiceUserFactory(unit=pupil.unit, given_name="Amelia", family_name="Whitehead",
                       date_of_birth=dt.date(2013, 1, 2))  # fmt: skip
    item = log(officer, child_name="Amelia Whitwerth", date_of_birth=dt.date(2014, 7, 3))
    assert item.match_outcome == IncomingPost.Match.CONFIDENT
    assert item.routed_to == worker
    evidence = {e["field"]: e["outcome"] for e in item.candidates[0]["evidence"]}
    assert evidence == {"name": "close", "date_of_birth": "swapped"}
    assert 80 <= item.candidates[0]["score"] < 100


@pytest.mark.rule("POST-1")
def test_two_children_alike_make_it_ambiguous(officer, pupil):
    twin = ServiceUserFactory(unit=pupil.unit, given_name="Amelie", family_name="Whitworth",
                              date_of_birth=pupil.date_of_birth)  # fmt: skip
    AddressFactory(service_user=twin, postcode="LE11 1AA")
    item = log(officer, child_name="Amelia Whitworth", postcode="le11 1aa")
    assert item.match_outcome == IncomingPost.Match.AMBIGUOUS
    assert item.state == State.TRIAGE
    assert {c["service_user"] for c in item.candidates} >= {pupil.pk, twin.pk}


@pytest.mark.rule("POST-1")
def test_a_postcode_alone_is_never_routed_without_a_person(officer, pupil):
    item = log(officer, postcode="LE11 1AA")
    assert item.state == State.TRIAGE
    assert item.candidates
    assert item.candidates[0]["service_user"] == pupil.pk
    assert item.candidates[0]["evidence"][0]["outcome"] == "match"


@pytest.mark.rule("POST-1")
def test_nothing_matching_goes_to_triage(officer, pupil):
    item = log(officer, child_name="Zebedee Quartermaine", date_of_birth=dt.date(2010, 1, 1))
    assert item.match_outcome == IncomingPost.Match.NONE
    assert item.state == State.TRIAGE


@pytest.mark.rule("POST-1")
@pytest.mark.rule("SENS-2")
def test_sensitive_items_go_to_triage_even_when_matched(officer, pupil):
    item = log(officer, upn=pupil.upn, subject="Child protection conference minutes")
    assert item.sensitive
    assert item.state == State.TRIAGE
    assert any("sensitive" in r for r in item.sensitivity_reasons)
    sealed = log(officer, upn=pupil.upn, subject="", opened=False, marked_confidential=True)
    assert sealed.sensitive
    assert sealed.state == State.TRIAGE
    assert sealed.opened_by is None


@pytest.mark.rule("POST-1")
def test_no_allocated_worker_goes_to_triage(officer, pupil):
    ServiceUser.objects.filter(pk=pupil.pk).update(allocated_worker=None)
    item = log(officer, upn=pupil.upn)
    assert item.state == State.TRIAGE
    assert "no allocated worker" in " ".join(item.triage_reasons)


def test_bad_input_is_named(officer, pupil):
    with pytest.raises(services.PostError) as exc:
        services.post_log(user=officer, subject="x")
    assert exc.value.field == "sender_name"
    with pytest.raises(services.PostError) as exc:
        log(officer, subject="")
    assert exc.value.field == "subject"
    with pytest.raises(services.PostError) as exc:
        log(officer, date_of_birth=timezone.localdate() + dt.timedelta(days=3))
    assert exc.value.field == "date_of_birth"


@pytest.mark.rule("POST-1")
def test_triage_confirms_or_changes_the_routing_and_records_who_when_why(
    officer, authoriser, pupil, worker, school_a
):
    other = ServiceUserFactory(unit=school_a, allocated_worker=worker)
    item = log(officer, upn=pupil.upn, subject="Child protection conference minutes")
    with pytest.raises(services.PostError, match="manager"):
        services.post_route(item=item, user=officer, service_user=pupil, reason="mine")
    with pytest.raises(services.PostError) as exc:
        services.post_route(item=item, user=authoriser, service_user=pupil, reason=" ")
    assert exc.value.field == "reason"
    item = services.post_route(
        item=item, user=authoriser, service_user=pupil, reason="Minutes for her worker"
    )
    assert item.state == State.ROUTED
    assert item.routed_to == worker
    last = item.routings.last()
    assert (last.action, last.by, last.reason) == (
        PostRouting.Action.CONFIRMED, authoriser, "Minutes for her worker",
    )  # fmt: skip
    assert last.at is not None
    changed = log(officer, child_name="Amelia Whitworth")  # name only: triage
    changed = services.post_route(
        item=changed, user=authoriser, service_user=other, worker=authoriser,
        reason="The sender confirmed by phone it is about the other child",
    )  # fmt: skip
    assert changed.routings.last().action == PostRouting.Action.CHANGED
    assert changed.routed_to == authoriser
    with pytest.raises(services.PostError) as exc:
        services.post_route(item=changed, user=authoriser, service_user=other, reason="again")
    assert exc.value.out_of_order


@pytest.mark.rule("POST-1")
def test_a_worker_who_cannot_see_the_child_cannot_be_chosen(officer, authoriser, pupil, school_b):
    outsider = UserFactory(role="officer", units=[school_b])
    item = log(officer, child_name="Amelia Whitworth")
    with pytest.raises(services.PostError) as exc:
        services.post_route(
            item=item, user=authoriser, service_user=pupil, worker=outsider, reason="x"
        )
    assert exc.value.field == "worker"


@pytest.mark.rule("POST-1")
def test_the_worker_marks_it_actioned_and_others_cannot(officer, pupil, worker, school_a):
    item = log(officer, upn=pupil.upn)
    colleague = UserFactory(role="officer", units=[school_a])
    with pytest.raises(services.PostError):
        services.post_actioned(item=item, user=colleague)
    item = services.post_actioned(item=item, user=worker, note="Appointment put in the diary")
    assert item.state == State.ACTIONED
    assert item.actioned_by == worker
    assert not PostNotification.objects.filter(item=item, read_at__isnull=True).exists()


@pytest.mark.rule("POST-1")
def test_object_permissions(officer, authoriser, pupil, worker, school_b, dpo):
    item = log(officer, upn=pupil.upn)
    unrouted = log(officer, child_name="Nobody Known")
    other_officer = UserFactory(role="officer", units=[school_b])
    other_manager = UserFactory(role="authoriser", manager_title="team", units=[school_b])
    for user in (other_officer, other_manager):
        assert not post_visible_to(user=user).filter(pk__in=[item.pk, unrouted.pk]).exists()
        with pytest.raises(Http404):
            access_post(user=user, pk=item.pk)
    assert not post_triage_queue(user=other_manager).exists()
    assert not post_triage_queue(user=officer).exists()
    assert list(post_triage_queue(user=authoriser)) == [unrouted]
    assert list(post_triage_queue(user=dpo)) == [unrouted]
    assert access_post(user=worker, pk=item.pk) == item
    # The colleague who logged the unrouted item still sees it; a colleague who did not, doesn't.
    colleague = UserFactory(role="officer", units=[pupil.unit])
    assert post_visible_to(user=officer).filter(pk=unrouted.pk).exists()
    assert not post_visible_to(user=colleague).filter(pk=unrouted.pk).exists()
    with pytest.raises(services.PostError):
        services.post_misdirected(item=unrouted, user=other_manager, reason="not ours")


@pytest.mark.rule("POST-1")
def test_misdirected_post_is_a_near_miss_for_the_dpo(officer, authoriser, pupil):
    item = log(officer, child_name="Someone Elsewhere", addressed_to="Parent of Someone Elsewhere")
    item = services.post_misdirected(
        item=item, user=authoriser, reason="Returned to sender unopened"
    )
    assert item.state == State.MISDIRECTED
    near = NearMiss.objects.get(source_reference=f"post:{item.reference}")
    assert near.kind == NearMiss.Kind.OTHER
    assert near.rule == "POST-1"
    assert near.unit == item.unit
    assert "Someone" not in near.summary
    assert "Elsewhere" not in near.summary


@pytest.mark.rule("LET-2")
@pytest.mark.rule("POST-1")
def test_one_of_our_letters_returned_flags_the_address_and_is_a_near_miss(
    officer, child, mother, prepare
):
    from safehaven.correspondence import services as letters

    letter = prepare()
    letter = letters.letter_print(letter=letter, user=officer)
    letter = letters.letter_dispatch(
        letter=letter, user=officer, method=Letter.Method.FIRST_CLASS, override_reason="routine",
        lawful_basis_justification="Keeping the parent informed",
    )  # fmt: skip
    with pytest.raises(services.PostError) as exc:
        log(officer, kind=IncomingPost.Kind.RETURNED, our_letter_reference="LTR999999")
    assert exc.value.field == "our_letter_reference"
    item = log(officer, kind=IncomingPost.Kind.RETURNED, sender_name="Royal Mail",
               our_letter_reference=letter.job_id)  # fmt: skip
    letter.refresh_from_db()
    assert letter.returned_at is not None
    assert item.state == State.ROUTED
    assert item.routed_to == officer
    assert item.service_user == child
    near = NearMiss.objects.get(kind=NearMiss.Kind.POST_RETURNED)
    assert near.service_user == child
    assert near.rule == "LET-2"
    assert "Whitworth" not in near.summary


@pytest.mark.rule("LET-2")
def test_a_letter_held_for_an_address_query_is_a_near_miss(prepare, child, officer):
    from safehaven.records.models import Address
    from safehaven.records.services import address_mark_mail_returned

    address_mark_mail_returned(
        address=Address.objects.get(service_user=child, valid_to__isnull=True), user=officer
    )
    letter = prepare()
    assert letter.state == Letter.State.HELD
    near = NearMiss.objects.get(kind=NearMiss.Kind.LETTER_ADDRESS_QUERY)
    assert near.service_user == child
    assert near.rule == "LET-2"
    assert "Whitworth" not in near.summary
    assert "mail returned" in near.summary


# The matcher on its own.


@pytest.mark.rule("POST-1")
def test_matcher_ranks_with_evidence_and_scores(pupil, school_a):
    other = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth",
                               date_of_birth=dt.date(2012, 5, 20))  # fmt: skip
    AddressFactory(service_user=other, postcode="LE2 7AA")
    everyone = ServiceUser.objects.all()
    result = match_post(
        read=ReadDetails(child_name="Amelia Whitworth", postcode="LE11 1AA"), within=everyone
    )
    assert result.outcome == "confident"
    assert result.candidates[0].service_user_id == pupil.pk
    assert result.candidates[0].score == 100.0
    # A postcode where nobody of that name lives: the name search lists both namesakes, and
    # with nothing to tell them apart a person must choose.
    result = match_post(
        read=ReadDetails(child_name="Amelia Whitworth", postcode="LE3 9QQ"), within=everyone
    )
    assert {c.service_user_id for c in result.candidates} == {pupil.pk, other.pk}
    assert result.outcome == "ambiguous"
    assert all(
        {e.field: e.outcome for e in c.evidence}["postcode"] == "differs" for c in result.candidates
    )
    # The date of birth tells them apart.
    result = match_post(
        read=ReadDetails(child_name="Amelia Whitworth", date_of_birth=dt.date(2012, 5, 20)),
        within=everyone,
    )
    assert result.outcome == "confident"
    assert result.candidates[0].service_user_id == other.pk
    name_only = match_post(read=ReadDetails(child_name="Amelia Whitworth"), within=everyone)
    assert name_only.outcome == "ambiguous"
    nothing = match_post(read=ReadDetails(), within=everyone)
    assert nothing.outcome == "not_tried"


@pytest.mark.rule("POST-1")
def test_matcher_sees_only_the_children_it_is_given(pupil, school_b):
    result = match_post(
        read=ReadDetails(upn=pupil.upn), within=ServiceUser.objects.filter(unit=school_b)
    )
    assert result.outcome == "none"
    assert result.candidates == ()


@pytest.mark.rule("POST-1")
def test_an_earlier_address_postcode_counts_less(pupil, officer):
    from safehaven.records.services import address_amend

    address_amend(service_user=pupil, recorded_by=officer, line_1="3 Forest Road",
                  town="Loughborough", postcode="LE11 3NP")  # fmt: skip
    result = match_post(
        read=ReadDetails(child_name="Amelia Whitworth", postcode="LE11 1AA"),
        within=ServiceUser.objects.all(),
    )
    evidence = {e.field: e.outcome for e in result.candidates[0].evidence}
    assert evidence["postcode"] == "earlier"
