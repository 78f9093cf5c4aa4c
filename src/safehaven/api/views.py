"""REST API views: thin adapters over the same access helpers, selectors and services as the
web pages. A service user is fetched only through `access_service_user`, so a user at school A
gets 404 for a child at school B, exactly as in the UI."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.api import serializers as s
from safehaven.api.pagination import StrictLimitOffsetPagination
from safehaven.api.permissions import DirectoryWriteOrRead, IsActiveStaff, IsDPO
from safehaven.records import services as records_services
from safehaven.records.access import NotFound as RecordNotFound
from safehaven.records.access import access_service_user, service_users_visible_to
from safehaven.records.models import (
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
    Switchboard,
)
from safehaven.records.selectors import (
    address_current,
    consents_for_service_user,
    restrictions_active,
    service_user_search,
)
from safehaven.register.selectors import disclosures_for_service_user, register_verify

SEARCH_LIMIT = 50


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This already exists."


_ERROR = s.ErrorSerializer
UNAUTHENTICATED = OpenApiResponse(_ERROR, description="Not signed in: no or a wrong token.")
FORBIDDEN = OpenApiResponse(_ERROR, description="Signed in, but the role does not allow it.")
NOT_FOUND = OpenApiResponse(
    _ERROR, description="No such record, or one at a school or team you cannot see."
)
BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Bad fields: each field name maps to a list of messages."
)


def _errors(*, not_found: bool = False, bad_request: bool = False) -> dict:
    responses = {401: UNAUTHENTICATED, 403: FORBIDDEN}
    if not_found:
        responses[404] = NOT_FOUND
    if bad_request:
        responses[400] = BAD_REQUEST
    return responses


class StaffAPIView:
    """Token first, so an anonymous call gets 401 with a WWW-Authenticate header."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsActiveStaff]
    pagination_class = StrictLimitOffsetPagination


def _service_user_or_404(user, pk):
    try:
        return access_service_user(user=user, pk=pk)
    except RecordNotFound:
        raise NotFound("No such service user.") from None


class MeView(StaffAPIView, APIView):
    @extend_schema(responses={200: s.MeSerializer, **_errors()}, summary="Who you are")
    def get(self, request):
        return Response(s.MeSerializer(request.user).data)


class ServiceUserList(StaffAPIView, generics.ListAPIView):
    serializer_class = s.ServiceUserSerializer

    @extend_schema(
        parameters=[s.ServiceUserSearchParams],
        responses={200: s.ServiceUserSerializer(many=True), **_errors(bad_request=True)},
        summary="Service users you may see, optionally searched",
        description=(
            "Without `q` or `dob`: every service user you may see, by family name. With them: "
            f"the best {SEARCH_LIMIT} matches, best first (typos in names tolerated; a date of "
            "birth with day and month swapped matches too)."
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = s.ServiceUserSearchParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        text = params.validated_data.get("q", "").strip()
        dob = params.validated_data.get("dob")
        user = self.request.user
        if text or dob:
            return service_user_search(user=user, text=text, dob=dob, limit=SEARCH_LIMIT)
        return (
            service_users_visible_to(user)
            .select_related("unit")
            .order_by("family_name", "given_name", "pk")
        )


class ServiceUserDetail(StaffAPIView, APIView):
    @extend_schema(
        responses={200: s.ServiceUserDetailSerializer, **_errors(not_found=True)},
        summary="One service user: details, current address, restrictions, consents",
    )
    def get(self, request, pk: int):
        service_user = _service_user_or_404(request.user, pk)
        context = {
            "current_address": address_current(service_user=service_user),
            "restrictions": restrictions_active(service_user=service_user),
            "consents": consents_for_service_user(service_user=service_user),
        }
        return Response(s.ServiceUserDetailSerializer(service_user, context=context).data)


class ServiceUserDisclosures(StaffAPIView, generics.ListAPIView):
    serializer_class = s.DisclosureSerializer

    @extend_schema(
        responses={
            200: s.DisclosureSerializer(many=True),
            **_errors(not_found=True, bad_request=True),
        },
        summary="Register entries about one service user, newest first",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        service_user = _service_user_or_404(self.request.user, self.kwargs["pk"])
        return disclosures_for_service_user(service_user=service_user)


def _organisations():
    return Organisation.objects.prefetch_related(
        Prefetch("switchboards", Switchboard.objects.select_related("verified_by")),
        Prefetch("email_domains", EmailDomain.objects.all()),
        Prefetch("fax_numbers", FaxNumber.objects.all()),
    ).order_by("name", "pk")


class OrganisationList(StaffAPIView, generics.ListCreateAPIView):
    serializer_class = s.OrganisationSerializer
    permission_classes = [DirectoryWriteOrRead]
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Part of the organisation's name.")],
        responses={200: s.OrganisationSerializer(many=True), **_errors(bad_request=True)},
        summary="Partner organisations with switchboards, email domains and fax numbers",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        responses={
            201: s.OrganisationSerializer,
            409: OpenApiResponse(s.ErrorSerializer, description="The name is already taken."),
            **_errors(bad_request=True),
        },
        summary="Add an organisation (DPO or administrator)",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_queryset(self):
        query = self.request.query_params.get("q", "").strip()[:200]
        organisations = _organisations()
        return organisations.filter(name__icontains=query) if query else organisations

    def perform_create(self, serializer):
        try:
            serializer.instance = records_services.organisation_create(**serializer.validated_data)
        except records_services.RecordsError as exc:
            name = serializer.validated_data.get("name", "").strip()
            if exc.field == "name" and Organisation.objects.filter(name__iexact=name).exists():
                raise Conflict(exc.message) from None
            raise ValidationError({exc.field or "non_field_errors": [exc.message]}) from None


class OrganisationDetail(StaffAPIView, generics.RetrieveAPIView):
    serializer_class = s.OrganisationSerializer
    queryset = _organisations()

    @extend_schema(
        responses={200: s.OrganisationSerializer, **_errors(not_found=True)},
        summary="One organisation",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ContactList(StaffAPIView, generics.ListAPIView):
    serializer_class = s.ContactSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Part of the contact's or organisation's name.")
        ],
        responses={200: s.ContactSerializer(many=True), **_errors(bad_request=True)},
        summary="Professional contacts",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        contacts = ProfessionalContact.objects.select_related("organisation").order_by("name", "pk")
        query = self.request.query_params.get("q", "").strip()[:200]
        if query:
            contacts = contacts.filter(
                Q(name__icontains=query) | Q(organisation__name__icontains=query)
            )
        return contacts


class ContactDetail(StaffAPIView, generics.RetrieveAPIView):
    serializer_class = s.ContactSerializer
    queryset = ProfessionalContact.objects.select_related("organisation")

    @extend_schema(
        responses={200: s.ContactSerializer, **_errors(not_found=True)},
        summary="One professional contact",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RegisterVerify(StaffAPIView, APIView):
    permission_classes = [IsDPO]

    @extend_schema(
        request=None,
        responses={200: s.RegisterVerifySerializer, **_errors()},
        summary="Check the register's hash chain now (DPO only)",
        description=(
            "Recomputes every entry's keyed hash in order. `ok` is false and `bad_sequence` "
            "names the first entry that was changed, deleted or reordered."
        ),
    )
    def post(self, request):
        result = register_verify()
        data = {
            "ok": result.ok,
            "checked": result.checked,
            "head_sequence": result.head_sequence,
            "head_hash": result.head_hash,
            "bad_sequence": result.bad_sequence,
            "problem": result.problem,
        }
        return Response(s.RegisterVerifySerializer(data).data, status=status.HTTP_200_OK)
