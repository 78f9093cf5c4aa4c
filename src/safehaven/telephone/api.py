"""REST API for telephone requests: the same services, so the same steps and rules, as the
pages. A step called out of order answers 409 with the rule; a failed check answers 400."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.api.serializers import ErrorSerializer
from safehaven.api.views import FORBIDDEN, UNAUTHENTICATED, StaffAPIView
from safehaven.records.access import NotFound, access_service_user
from safehaven.records.models import Consent, Organisation
from safehaven.telephone import services
from safehaven.telephone.forms import BASIS_CHOICES
from safehaven.telephone.models import TelephoneRequest
from safehaven.telephone.selectors import (
    access_telephone_request,
    telephone_authorisation_queue,
)
from safehaven.workflow import StepErrorSerializer, step_error_response


class TelephoneRequestSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    organisation_name = serializers.CharField(source="recipient_organisation_name")

    class Meta:
        model = TelephoneRequest
        fields = [
            "id", "reference", "state", "state_label", "received_at", "received_by",
            "caller_name", "caller_number", "caller_job_title", "caller_department",
            "organisation", "organisation_name", "reason", "purpose", "information_requested",
            "given_name", "family_name", "date_of_birth", "given_reference", "service_user",
            "callback_number", "lawful_basis", "consent", "authoriser", "decided_at",
            "decision_note", "returned_at", "spoke_to_name", "disclosed_summary", "disclosure",
            "refusal_reason", "refusal_rule",
        ]  # fmt: skip
        read_only_fields = fields


class TelephoneLogCallSerializer(serializers.Serializer):
    caller_name = serializers.CharField(max_length=200)
    caller_number = serializers.CharField(max_length=30)
    caller_job_title = serializers.CharField(max_length=200, required=False, default="")
    caller_department = serializers.CharField(max_length=200, required=False, default="")
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    organisation_name = serializers.CharField(max_length=200, required=False, default="")
    reason = serializers.CharField()
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)
    information_requested = serializers.CharField(required=False, default="")
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    given_reference = serializers.CharField(max_length=40, required=False, default="")


class TelephoneIdentifySerializer(serializers.Serializer):
    service_user = serializers.IntegerField(min_value=1, max_value=2**62)


class TelephoneCallbackSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    switchboard = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2**62
    )
    number = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)


class TelephoneConsentSerializer(serializers.Serializer):
    lawful_basis = serializers.ChoiceField(choices=BASIS_CHOICES)
    justification = serializers.CharField(required=False, default="", allow_blank=True)


class TelephoneDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


class TelephoneReturnCallSerializer(serializers.Serializer):
    spoke_to_name = serializers.CharField(max_length=200)
    called_switchboard = serializers.BooleanField()
    disclosed_summary = serializers.CharField()


class TelephoneStopSerializer(serializers.Serializer):
    reason = serializers.CharField()
    rule = serializers.ChoiceField(
        choices=[f"TEL-{n}" for n in range(1, 10)], required=False, default="TEL-1"
    )


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="A check failed (`detail`, `rule`, `field`), or bad fields (each field "
        "name maps to a list of messages).",
    ),
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: OpenApiResponse(ErrorSerializer, description="No such request, or not yours to see."),
    409: OpenApiResponse(StepErrorSerializer, description="This step is not open yet."),
}


def _get(request, pk) -> TelephoneRequest:
    try:
        return access_telephone_request(user=request.user, pk=pk)
    except NotFound as exc:
        raise ApiNotFound("No such telephone request.") from exc


class TelephoneRequestListView(StaffAPIView, generics.ListAPIView):
    """Requests this member of staff took, and those waiting for their decision."""

    serializer_class = TelephoneRequestSerializer

    def get_queryset(self):
        user = self.request.user
        mine = TelephoneRequest.objects.filter(received_by=user)
        waiting = telephone_authorisation_queue(user=user)
        return (mine | waiting).distinct().order_by("-received_at", "-pk")

    @extend_schema(
        responses={200: TelephoneRequestSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]}
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=TelephoneLogCallSerializer,
        responses={201: TelephoneRequestSerializer, **{k: ERRORS[k] for k in (400, 401, 403)}},
    )
    def post(self, request):
        data = TelephoneLogCallSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            tel = services.telephone_request_log(officer=request.user, **data.validated_data)
        except services.TelephoneError as exc:
            return step_error_response(exc)
        return Response(TelephoneRequestSerializer(tel).data, status=status.HTTP_201_CREATED)


class TelephoneRequestDetailView(StaffAPIView, APIView):
    @extend_schema(
        responses={200: TelephoneRequestSerializer, **{k: ERRORS[k] for k in (401, 403, 404)}}
    )
    def get(self, request, pk: int):
        return Response(TelephoneRequestSerializer(_get(request, pk)).data)


class _StepView(StaffAPIView, APIView):
    serializer_class: type[serializers.Serializer]

    # Each step view defines `act(request, tel, data) -> TelephoneRequest`: its service call.

    def post(self, request, pk: int):
        tel = _get(request, pk)
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            tel = self.act(request, tel, data.validated_data)
        except services.TelephoneError as exc:
            return step_error_response(exc)
        return Response(TelephoneRequestSerializer(tel).data)


def _step_schema(serializer):
    return extend_schema(
        request=serializer,
        responses={200: TelephoneRequestSerializer, **ERRORS},
    )


class IdentifyView(_StepView):
    serializer_class = TelephoneIdentifySerializer

    @_step_schema(TelephoneIdentifySerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        try:
            service_user = access_service_user(
                user=request.user, pk=data["service_user"], log=False
            )
        except NotFound:
            raise services.TelephoneError(
                "That record does not match the caller's details.",
                rule="TEL-3",
                field="service_user",
            ) from None
        return services.telephone_request_identify(
            request=tel, officer=request.user, service_user=service_user
        )


class CallbackView(_StepView):
    serializer_class = TelephoneCallbackSerializer

    @_step_schema(TelephoneCallbackSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        organisation = data["organisation"] or tel.organisation
        switchboard = None
        if data["switchboard"] is not None:
            switchboard = (
                organisation.switchboards.filter(pk=data["switchboard"]).first()
                if organisation
                else None
            )
            if switchboard is None:
                raise services.TelephoneError(
                    "That switchboard is not held for this organisation.",
                    rule="TEL-5",
                    field="switchboard",
                )
        return services.telephone_request_callback(
            request=tel,
            officer=request.user,
            organisation=organisation,
            switchboard=switchboard,
            number=data["number"],
        )


class ConsentView(_StepView):
    serializer_class = TelephoneConsentSerializer

    @_step_schema(TelephoneConsentSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        return services.telephone_request_consent(request=tel, officer=request.user, **data)


class DecideView(_StepView):
    serializer_class = TelephoneDecideSerializer

    @_step_schema(TelephoneDecideSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        return services.telephone_request_decide(request=tel, authoriser=request.user, **data)


class ReturnCallView(_StepView):
    serializer_class = TelephoneReturnCallSerializer

    @_step_schema(TelephoneReturnCallSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        return services.telephone_request_return_call(request=tel, officer=request.user, **data)


class StopView(_StepView):
    serializer_class = TelephoneStopSerializer

    @_step_schema(TelephoneStopSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, tel, data):
        return services.telephone_request_refuse(request=tel, user=request.user, **data)
