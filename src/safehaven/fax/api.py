"""REST API for fax jobs: the same services, so the same steps and rules, as the pages. A step
called out of order answers 409 with the rule; a failed check (fax switched off included)
answers 400 with `detail`, `rule` and `field`."""

from __future__ import annotations

import base64
import binascii

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.api.serializers import ErrorSerializer
from safehaven.api.views import FORBIDDEN, UNAUTHENTICATED, StaffAPIView
from safehaven.fax import services
from safehaven.fax.models import FaxJob, SpeedDial
from safehaven.fax.selectors import access_fax_job, fax_jobs_for
from safehaven.records.access import NotFound, access_service_user
from safehaven.records.models import FaxNumber, Organisation
from safehaven.register.models import LawfulBasis
from safehaven.workflow import StepErrorSerializer, step_error_response

MAX_ID = 2**62


class FaxJobSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    reference = serializers.CharField(source="short_reference", read_only=True)

    class Meta:
        model = FaxJob
        fields = [
            "id", "reference", "kind", "state", "state_label", "created_at", "created_by",
            "service_user", "recipient_name", "recipient_organisation",
            "recipient_organisation_name", "reason", "summary", "lawful_basis",
            "document_pages", "number_source", "fax_number", "number", "assessment",
            "warning_call_at", "warning_call_spoke_to", "receipt_requested_from",
            "receipt_due_at", "receipt_confirmed_at", "receipt_confirmed_by_name",
            "total_pages", "sent_at", "transmitted_at", "pages_transmitted", "disclosure",
            "stopped_reason",
        ]  # fmt: skip
        read_only_fields = fields


class CreateSerializer(serializers.Serializer):
    service_user = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    recipient_name = serializers.CharField(max_length=200)
    recipient_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    recipient_organisation_name = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    reason = serializers.CharField()
    summary = serializers.CharField()
    lawful_basis = serializers.ChoiceField(
        choices=[b.value for b in LawfulBasis if b != LawfulBasis.NONE]
    )
    lawful_basis_justification = serializers.CharField(required=False, default="", allow_blank=True)
    document_pdf_base64 = serializers.CharField(help_text="The document to fax, a PDF, base64.")

    def validate_document_pdf_base64(self, value: str) -> bytes:
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError("Send the PDF as base64.") from exc


class NumberSerializer(serializers.Serializer):
    fax_number = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID
    )
    speed_dial = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID
    )
    number = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    number_again = serializers.CharField(
        max_length=30, required=False, default="", allow_blank=True
    )


class SafeHavenSerializer(serializers.Serializer):
    receipt_requested_from = serializers.CharField(max_length=200)
    warning_call_made = serializers.BooleanField(required=False, default=False)
    warning_call_spoke_to = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    warning_call_note = serializers.CharField(required=False, default="", allow_blank=True)


class SendSerializer(serializers.Serializer):
    number_checked = serializers.CharField(
        max_length=30, help_text="The number shown back, typed again (FAX-8)."
    )


class ReceiptSerializer(serializers.Serializer):
    confirmed_by_name = serializers.CharField(max_length=200)


class StopSerializer(serializers.Serializer):
    reason = serializers.CharField()


class EmptySerializer(serializers.Serializer):
    pass


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="A check failed (`detail`, `rule`, `field`; fax switched off included), "
        "or bad fields (each field name maps to a list of messages).",
    ),
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: OpenApiResponse(ErrorSerializer, description="No such fax, or not yours to see."),
    409: OpenApiResponse(StepErrorSerializer, description="This step is not open."),
}


def _get(request, pk) -> FaxJob:
    try:
        return access_fax_job(user=request.user, pk=pk)
    except NotFound as exc:
        raise ApiNotFound("No such fax.") from exc


class FaxJobListView(StaffAPIView, generics.ListAPIView):
    """Fax jobs this member of staff created (the DPO and administrators: all)."""

    serializer_class = FaxJobSerializer

    def get_queryset(self):
        return fax_jobs_for(user=self.request.user).defer("document", "fax_pdf")

    @extend_schema(responses={200: FaxJobSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=CreateSerializer,
        responses={201: FaxJobSerializer, **{k: ERRORS[k] for k in (400, 401, 403)}},
    )
    def post(self, request):
        data = CreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            service_user = access_service_user(
                user=request.user, pk=values.pop("service_user"), log=False
            )
        except NotFound:
            return Response(
                {"detail": "No such service user.", "rule": "TEL-9", "field": "service_user"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        values["document"] = values.pop("document_pdf_base64")
        try:
            job = services.fax_job_create(officer=request.user, service_user=service_user, **values)
        except services.FaxError as exc:
            return step_error_response(exc)
        return Response(FaxJobSerializer(job).data, status=status.HTTP_201_CREATED)


class FaxJobDetailView(StaffAPIView, APIView):
    @extend_schema(responses={200: FaxJobSerializer, **{k: ERRORS[k] for k in (401, 403, 404)}})
    def get(self, request, pk: int):
        return Response(FaxJobSerializer(_get(request, pk)).data)


class _StepView(StaffAPIView, APIView):
    serializer_class: type[serializers.Serializer]

    def post(self, request, pk: int):
        job = _get(request, pk)
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            job = self.act(request, job, data.validated_data)
        except services.FaxError as exc:
            return step_error_response(exc)
        return Response(FaxJobSerializer(job).data)


def _step(serializer):
    return extend_schema(request=serializer, responses={200: FaxJobSerializer, **ERRORS})


class NumberView(_StepView):
    serializer_class = NumberSerializer

    @_step(NumberSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        fax_number = speed_dial = None
        if data["speed_dial"] is not None:
            speed_dial = SpeedDial.objects.filter(pk=data["speed_dial"]).first()
            if speed_dial is None:
                raise services.FaxError("No such speed dial.", rule="FAX-9", field="speed_dial")
        elif data["fax_number"] is not None:
            fax_number = FaxNumber.objects.filter(pk=data["fax_number"]).first()
            if fax_number is None:
                raise services.FaxError(
                    "No such number in the fax directory.", rule="FAX-5", field="fax_number"
                )
        return services.fax_job_number(
            job=job, officer=request.user, fax_number=fax_number, speed_dial=speed_dial,
            number=data["number"], number_again=data["number_again"],
        )  # fmt: skip


class SafeHavenView(_StepView):
    serializer_class = SafeHavenSerializer

    @_step(SafeHavenSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        return services.fax_job_safe_haven(job=job, officer=request.user, **data)


class SendView(_StepView):
    serializer_class = SendSerializer

    @_step(SendSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        return services.fax_job_send(job=job, officer=request.user, **data)


class RetryView(_StepView):
    serializer_class = EmptySerializer

    @_step(None)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        return services.fax_job_retry(job=job, officer=request.user)


class ReceiptView(_StepView):
    serializer_class = ReceiptSerializer

    @_step(ReceiptSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        return services.fax_job_receipt(job=job, officer=request.user, **data)


class StopView(_StepView):
    serializer_class = StopSerializer

    @_step(StopSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, job, data):
        return services.fax_job_stop(job=job, user=request.user, **data)
