"""REST API for incoming post (POST-1): the same services and object permissions as the pages.
A step out of order answers 409 with the rule; a failed check answers 400."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.accounts.models import Unit, User
from safehaven.api.serializers import ErrorSerializer
from safehaven.api.views import FORBIDDEN, UNAUTHENTICATED, StaffAPIView
from safehaven.correspondence import post_services as services
from safehaven.correspondence.models import IncomingPost
from safehaven.correspondence.selectors import (
    access_post,
    candidates_visible,
    post_triage_queue,
    post_visible_to,
)
from safehaven.records.access import service_users_visible_to
from safehaven.workflow import StepErrorSerializer, step_error_response

MAX_ID = 2**62


class CandidateSerializer(serializers.Serializer):
    service_user = serializers.IntegerField()
    score = serializers.FloatField()
    deterministic = serializers.BooleanField()
    evidence = serializers.ListField(child=serializers.DictField())


class IncomingPostSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    # "item_kind", not "kind": other APIs have a "kind" with other choices, and the schema
    # names enums by field name.
    item_kind = serializers.ChoiceField(
        source="kind", choices=IncomingPost.Kind.choices, read_only=True
    )
    candidates = serializers.SerializerMethodField()

    class Meta:
        model = IncomingPost
        fields = [
            "id", "reference", "unit", "received_at", "logged_by", "opened_by", "item_kind",
            "sender_name", "sender_organisation", "sender_address", "addressed_to", "subject",
            "marked_confidential", "read_upn", "read_nhs_number", "read_reference",
            "read_child_name", "read_date_of_birth", "read_postcode", "our_letter", "sensitive",
            "sensitivity_reasons", "match_outcome", "candidates", "triage_reasons", "state",
            "state_label", "service_user", "routed_to", "routed_at", "actioned_by",
            "actioned_at", "action_note",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(CandidateSerializer(many=True))
    def get_candidates(self, item) -> list[dict]:
        user = self.context["request"].user
        return [
            {k: v for k, v in c.items() if k != "person"}
            for c in candidates_visible(user=user, item=item)
        ]


class PostLogSerializer(serializers.Serializer):
    unit = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                    max_value=MAX_ID)  # fmt: skip
    item_kind = serializers.ChoiceField(choices=IncomingPost.Kind.choices, default="letter")
    sender_name = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    sender_organisation = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    sender_address = serializers.CharField(required=False, default="", allow_blank=True)
    addressed_to = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    subject = serializers.CharField(required=False, default="", allow_blank=True)
    marked_confidential = serializers.BooleanField(required=False, default=False)
    opened = serializers.BooleanField(required=False, default=True)
    upn = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    nhs_number = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    reference = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    child_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    postcode = serializers.CharField(max_length=12, required=False, default="", allow_blank=True)
    our_letter_reference = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True
    )


class PostRouteSerializer(serializers.Serializer):
    service_user = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    worker = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                      max_value=MAX_ID)  # fmt: skip
    reason = serializers.CharField()


class PostMisdirectedSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PostSendBackSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PostSentBackSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField(help_text="The item's state now: triage.")


class PostActionedSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True)


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="A check failed (`detail`, `rule`, `field`), or bad fields (each field "
        "name maps to a list of messages).",
    ),
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: OpenApiResponse(ErrorSerializer, description="No such item, or not yours to see."),
    409: OpenApiResponse(StepErrorSerializer, description="This step is not open now."),
}


def _get(request, pk) -> IncomingPost:
    from django.http import Http404

    try:
        return access_post(user=request.user, pk=pk)
    except Http404 as exc:
        raise ApiNotFound("No such item.") from exc


def _out(request, item, code=status.HTTP_200_OK) -> Response:
    item.refresh_from_db()
    return Response(IncomingPostSerializer(item, context={"request": request}).data, status=code)


class PostListView(StaffAPIView, generics.ListAPIView):
    """Incoming post the user may see, newest first."""

    serializer_class = IncomingPostSerializer

    def get_queryset(self):
        return post_visible_to(user=self.request.user).order_by("-received_at", "-pk")

    @extend_schema(
        responses={200: IncomingPostSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]}
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=PostLogSerializer,
        responses={201: IncomingPostSerializer, **{k: ERRORS[k] for k in (400, 401, 403)}},
    )
    def post(self, request):
        data = PostLogSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        d["kind"] = d.pop("item_kind")
        unit = None
        if d.pop("unit") is not None:
            unit = Unit.objects.filter(pk=data.validated_data["unit"]).first()
            if unit is None:
                return Response({"unit": ["No such unit."]}, status=status.HTTP_400_BAD_REQUEST)
        try:
            item = services.post_log(user=request.user, unit=unit, **d)
        except services.PostError as exc:
            return step_error_response(exc)
        return _out(request, item, status.HTTP_201_CREATED)


class PostTriageView(StaffAPIView, generics.ListAPIView):
    """Items waiting for triage in the units this person triages (authorisers, the DPO)."""

    serializer_class = IncomingPostSerializer

    def get_queryset(self):
        if not services.can_triage(self.request.user):
            raise PermissionDenied("Only managers and the DPO triage post.")
        return post_triage_queue(user=self.request.user)

    @extend_schema(
        responses={
            200: IncomingPostSerializer(many=True),
            **{k: ERRORS[k] for k in (400, 401, 403)},
        }
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PostDetailView(StaffAPIView, APIView):
    @extend_schema(
        responses={200: IncomingPostSerializer, **{k: ERRORS[k] for k in (401, 403, 404)}}
    )
    def get(self, request, pk: int):
        item = _get(request, pk)
        services.post_notifications_read(item=item, user=request.user)
        return _out(request, item)


class PostRouteView(StaffAPIView, APIView):
    @extend_schema(request=PostRouteSerializer, responses={200: IncomingPostSerializer, **ERRORS})
    def post(self, request, pk: int):
        item = _get(request, pk)
        data = PostRouteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        child = service_users_visible_to(request.user).filter(pk=d["service_user"]).first()
        if child is None:
            return Response(
                {"detail": "Choose a child whose record you can see.", "rule": "POST-1",
                 "field": "service_user"}, status=status.HTTP_400_BAD_REQUEST,
            )  # fmt: skip
        worker = None
        if d["worker"] is not None:
            worker = User.objects.filter(pk=d["worker"]).first()
            if worker is None:
                return Response(
                    {"detail": "No such member of staff.", "rule": "POST-1", "field": "worker"},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        try:
            item = services.post_route(
                item=item, user=request.user, service_user=child, worker=worker, reason=d["reason"]
            )
        except services.PostError as exc:
            return step_error_response(exc)
        return _out(request, item)


class PostMisdirectedView(StaffAPIView, APIView):
    @extend_schema(
        request=PostMisdirectedSerializer, responses={200: IncomingPostSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        item = _get(request, pk)
        data = PostMisdirectedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.post_misdirected(
                item=item, user=request.user, reason=data.validated_data["reason"]
            )
        except services.PostError as exc:
            return step_error_response(exc)
        return _out(request, item)


class PostActionedView(StaffAPIView, APIView):
    @extend_schema(
        request=PostActionedSerializer, responses={200: IncomingPostSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        item = _get(request, pk)
        data = PostActionedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.post_actioned(
                item=item, user=request.user, note=data.validated_data["note"]
            )
        except services.PostError as exc:
            return step_error_response(exc)
        return _out(request, item)


class PostSendBackView(StaffAPIView, APIView):
    @extend_schema(
        request=PostSendBackSerializer, responses={200: PostSentBackSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        item = _get(request, pk)
        data = PostSendBackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.post_send_back(
                item=item, user=request.user, reason=data.validated_data["reason"]
            )
        except services.PostError as exc:
            return step_error_response(exc)
        # The sender may no longer see the item once it is off the child: answer with its state.
        return Response(PostSentBackSerializer({"id": item.pk, "state": item.state}).data)
