"""Administrators' pages for pushing amendments to other systems (LET-5): webhook
subscriptions, the deliveries that failed (with "Send again"), "Send due deliveries now", and
the CSV change feed for the MIS."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from safehaven.records import webhooks
from safehaven.records.models import ChangeRecord, WebhookDelivery, WebhookSubscription
from safehaven.web.forms import GovukFormMixin
from safehaven.web.permissions import require

FAILED_SHOWN = 100
SEND_NOW_LIMIT = 20


def can_manage_webhooks(user) -> bool:
    return user.is_authenticated and user.is_administrator


class SubscriptionForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the receiving system",
        max_length=100,
        help_text="For example \u201cSchool MIS\u201d or \u201cHealth visiting system\u201d.",
        error_messages={"required": "Enter a name for the receiving system"},
    )
    url = forms.CharField(
        label="Address that receives the changes",
        max_length=500,
        help_text="It must start https://. SafeHaven POSTs each change there as signed JSON.",
        error_messages={"required": "Enter the address that receives the changes"},
    )
    record_types = forms.MultipleChoiceField(
        label="Which changes to send",
        choices=ChangeRecord.RecordType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of record to send"},
    )
    active = forms.BooleanField(
        label="Send changes now",
        required=False,
        initial=True,
        help_text="Untick to pause: changes are kept and sent when you tick it again.",
    )


class SubscriptionEditForm(SubscriptionForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["name"]


def _run(form: forms.Form, call):
    try:
        return call()
    except webhooks.WebhookError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return None


@require(can_manage_webhooks)
def webhook_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/amendments/webhooks.html",
        {
            "subscriptions": WebhookSubscription.objects.all(),
            "counts": webhooks.delivery_counts(),
            "failed": webhooks.deliveries_failed()[:FAILED_SHOWN],
            "latest_change": ChangeRecord.objects.order_by("-id")
            .values_list("id", flat=True)
            .first(),
        },
    )


@require(can_manage_webhooks)
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sub = _run(
            form, lambda: webhooks.subscription_create(user=request.user, **form.cleaned_data)
        )
        if sub is not None:
            messages.success(request, f"{sub.name} will be sent changes. Give them the secret.")
            return redirect("webhook-detail", pk=sub.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Send changes to another system",
            "back_url": reverse("webhook-list"),
            "submit_text": "Save",
        },
    )


@require(can_manage_webhooks)
@never_cache
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_object_or_404(WebhookSubscription, pk=pk)
    form = SubscriptionEditForm(
        request.POST or None,
        initial={"url": sub.url, "record_types": sub.record_types, "active": sub.active},
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form, lambda: webhooks.subscription_update(subscription=sub, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, "Changes saved")
            return redirect("webhook-detail", pk=pk)
    deliveries = sub.deliveries.select_related("change").order_by("-id")[:20]
    return render(
        request,
        "web/amendments/webhook_detail.html",
        {"subscription": sub, "form": form, "deliveries": deliveries},
    )


@require(can_manage_webhooks)
@require_POST
def webhook_new_secret(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_object_or_404(WebhookSubscription, pk=pk)
    webhooks.subscription_new_secret(subscription=sub)
    messages.success(request, "New secret made. The receiving system needs it from now on.")
    return redirect("webhook-detail", pk=pk)


@require(can_manage_webhooks)
@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    try:
        webhooks.delivery_retry(delivery=delivery)
    except webhooks.WebhookError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The delivery will be sent again.")
    return redirect("webhook-list")


@require(can_manage_webhooks)
@require_POST
def deliver_now(request: HttpRequest) -> HttpResponse:
    """Sends up to SEND_NOW_LIMIT due deliveries from the web process (short timeouts)."""
    run = webhooks.deliver_due(limit=SEND_NOW_LIMIT, timeout=3.0)
    messages.success(
        request,
        f"Sent {run.attempted}: {run.delivered} delivered, {run.retrying} to retry later, "
        f"{run.failed} failed.",
    )
    return redirect("webhook-list")
