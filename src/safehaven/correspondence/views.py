"""Letter pages: compose, the letter with its holds and queries, print, download, dispatch.

Views only parse forms and call the services; the rules are checked in the services. Every
page reaches the child through `access_service_user`, so another school's letter is not found.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehaven.correspondence import services
from safehaven.correspondence.forms import (
    AnswerForm,
    ComposeForm,
    DesensitiseForm,
    DispatchForm,
    QueryForm,
)
from safehaven.correspondence.models import AddressQuery, Letter
from safehaven.correspondence.selectors import access_letter, letters_visible_to
from safehaven.records.access import access_service_user
from safehaven.records.models import ProfessionalContact
from safehaven.records.selectors import related_people_for
from safehaven.workflow import run_step

State = Letter.State


def _detail(request: HttpRequest, letter: Letter, status: int = 200, **forms_) -> HttpResponse:
    context: dict[str, Any] = {
        "letter": letter,
        "child": letter.service_user,
        "queries": list(letter.queries.select_related("raised_by", "answered_by")),
        "query_form": forms_.get("query_form") or QueryForm(),
        "answer_form": forms_.get("answer_form") or AnswerForm(),
        "answer_query_id": forms_.get("answer_query_id"),
        "print_form": forms_.get("print_form") or forms.Form(),
        "desensitise_form": forms_.get("desensitise_form") or DesensitiseForm(),
        "offer": _offer(request, letter),
        "dispatch_form": forms_.get("dispatch_form")
        or DispatchForm(initial={"method": letter.recommended_method or None}),
    }
    return render(request, "correspondence/detail.html", context, status=status)


def _offer(request: HttpRequest, letter: Letter):
    """The POST-5 offer while the wording can still change and nobody has decided."""
    if letter.desensitise_decision or letter.state not in {State.HELD, State.READY}:
        return None
    try:
        offer = services.letter_desensitise_offer(letter=letter, user=request.user)
    except services.LetterError:
        return None
    return offer if offer.offered else None


@login_required
@require_GET
def letter_list(request: HttpRequest) -> HttpResponse:
    letters = letters_visible_to(user=request.user)[:50]
    return render(request, "correspondence/list.html", {"letters": letters})


@login_required
@require_http_methods(["GET", "POST"])
def letter_new(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("service_user", "")
    if not raw.isdigit():
        raise Http404("Choose the child from their record page.")
    child = access_service_user(user=request.user, pk=int(raw))
    people = related_people_for(service_user=child)
    contacts = ProfessionalContact.objects.filter(active=True).select_related("organisation")
    form = ComposeForm(request.POST or None, people=people, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        letter = run_step(
            form,
            lambda: services.letter_prepare(
                user=request.user,
                service_user=child,
                recipient=data["recipient"],
                contact=data["contact"],
                template_text=data["template_text"],
                subject=data["subject"],
                profile=data["profile"],
            ),
        )
        if letter is not None:
            return redirect("letter-detail", pk=letter.pk)
    return render(request, "correspondence/new.html", {"form": form, "child": child})


@login_required
@require_GET
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_letter(user=request.user, pk=pk))


@login_required
@require_POST
def query_raise(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = QueryForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        done = run_step(
            form,
            lambda: services.address_query_raise(
                letter=letter,
                user=request.user,
                professional_name=d["professional_name"],
                professional_email=d["professional_email"],
                question=d["question"],
            ),
        )
        if done is not None:
            return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, query_form=form)


@login_required
@require_POST
def query_answer(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    query = AddressQuery.objects.filter(pk=qid, letter=letter).first()
    if query is None:
        raise Http404("No such query.")
    form = AnswerForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        done = run_step(
            form,
            lambda: services.address_query_answer(
                query=query, user=request.user, answer=d["answer"], outcome=d["outcome"]
            ),
        )
        if done is not None:
            return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, answer_form=form, answer_query_id=query.pk)


@login_required
@require_POST
def letter_print(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = forms.Form(request.POST)
    form.is_valid()
    done = run_step(form, lambda: services.letter_print(letter=letter, user=request.user))
    if done is not None:
        return redirect("letter-detail", pk=letter.pk)
    letter.refresh_from_db()
    return _detail(request, letter, status=400, print_form=form)


@login_required
@require_GET
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    if not letter.pdf or letter.state not in {State.PRINTED, State.DISPATCHED}:
        raise Http404("This letter has not been printed.")
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.job_id}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def letter_dispatch(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = DispatchForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        done = run_step(
            form,
            lambda: services.letter_dispatch(
                letter=letter,
                user=request.user,
                method=d["method"],
                tracking_number=d["tracking_number"],
                override_reason=d["override_reason"],
                lawful_basis=d["lawful_basis"],
                lawful_basis_justification=d["lawful_basis_justification"],
            ),
        )
        if done is not None:
            return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, dispatch_form=form)


@login_required
@require_POST
def letter_desensitise(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = DesensitiseForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        done = run_step(
            form,
            lambda: services.letter_desensitise_decide(
                letter=letter, user=request.user, use=d["use"] == "yes", note=d["note"]
            ),
        )
        if done is not None:
            return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, desensitise_form=form)


@login_required
@require_POST
def letter_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = forms.Form(request.POST)
    form.is_valid()
    done = run_step(form, lambda: services.letter_cancel(letter=letter, user=request.user))
    if done is not None:
        return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, print_form=form)


@login_required
@require_POST
def letter_returned(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(user=request.user, pk=pk)
    form = forms.Form(request.POST)
    form.is_valid()
    done = run_step(form, lambda: services.letter_mark_returned(letter=letter, user=request.user))
    if done is not None:
        return redirect("letter-detail", pk=letter.pk)
    return _detail(request, letter, status=400, print_form=form)
