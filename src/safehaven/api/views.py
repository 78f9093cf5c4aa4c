"""REST API views: thin adapters over the same access helpers, selectors and services as the
web pages. A service user is fetched only through `access_service_user`, so a user at school A
gets 404 for a child at school B, exactly as in the UI."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.accounts.models import Unit, User
from safehaven.api import serializers as s
from safehaven.api.pagination import StrictLimitOffsetPagination
from safehaven.api.permissions import DirectoryWriteOrRead, IsActiveStaff, IsDPO
from safehaven.records import services as records_services
from safehaven.records.access import NotFound as RecordNotFound
from safehaven.records.access import access_service_user, service_users_visible_to
from safehaven.records.changes import (
    FEED_COLUMNS,
    SinceError,
    changes_csv,
    changes_since,
    parse_since,
)
from safehaven.records.models import (
    ChangeRecord,
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
    RelatedPerson,
    Switchboard,
)
from safehaven.records.selectors import (
    address_current,
    changes_for_service_user,
    consents_for_service_user,
    related_people_for,
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


# Amendments with history (LET-4) and the change feed (LET-5). The same services as the pages:
# `records.services.*_amend` validate, lock the row, write the change records and the webhook
# outbox rows in one transaction.


def _amend_or_400(call):
    try:
        return call()
    except records_services.AmendForbidden as exc:
        raise PermissionDenied(exc.message) from None
    except records_services.RecordsError as exc:
        raise ValidationError({exc.field or "non_field_errors": [exc.message]}) from None


def _json_body(request, serializer_class):
    if not isinstance(request.data, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    unknown = sorted(set(request.data) - set(serializer.fields))
    if unknown:
        raise ValidationError(
            {name: ["This detail cannot be changed through the API."] for name in unknown}
        )
    return dict(serializer.validated_data)


def _service_user_detail(service_user) -> dict:
    context = {
        "current_address": address_current(service_user=service_user),
        "restrictions": restrictions_active(service_user=service_user),
        "consents": consents_for_service_user(service_user=service_user),
    }
    return s.ServiceUserDetailSerializer(service_user, context=context).data


class ServiceUserAmend(ServiceUserDetail):
    """GET as ServiceUserDetail; PATCH corrects details with a reason (LET-4)."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=s.ServiceUserAmendSerializer,
        responses={200: s.ServiceUserDetailSerializer, **_errors(not_found=True, bad_request=True)},
        summary="Correct a service user's details, with a reason (kept in the history)",
        description=(
            "Send `reason` and only the details to change. Each changed detail becomes a change "
            "record (who, when, old, new, why) and is sent to the subscribed systems. 404 for a "
            "child you cannot see; 403 when your role may not make the change (allocated "
            "worker: managers, DPO, administrators; a school or team you do not work in)."
        ),
    )
    def patch(self, request, pk: int):
        service_user = _service_user_or_404(request.user, pk)
        data = _json_body(request, s.ServiceUserAmendSerializer)
        reason = data.pop("reason")
        if "unit_id" in data:
            unit = Unit.objects.filter(pk=data.pop("unit_id")).first()
            if unit is None:
                raise ValidationError({"unit_id": ["No such school or team."]})
            data["unit"] = unit
        if "allocated_worker_id" in data:
            worker_id = data.pop("allocated_worker_id")
            worker = None
            if worker_id is not None:
                worker = User.objects.filter(pk=worker_id).first()
                if worker is None:
                    raise ValidationError({"allocated_worker_id": ["No such member of staff."]})
            data["allocated_worker"] = worker
        _amend_or_400(
            lambda: records_services.service_user_amend(
                service_user=service_user,
                user=request.user,
                reason=reason,
                source=ChangeRecord.Source.API,
                **data,
            )
        )
        service_user.refresh_from_db()
        return Response(_service_user_detail(service_user))


def _person_or_404(user, pk, person_pk):
    service_user = _service_user_or_404(user, pk)
    person = RelatedPerson.objects.filter(pk=person_pk, service_user=service_user).first()
    if person is None:
        raise NotFound("No such parent or carer.")
    return person


class RelatedPersonList(StaffAPIView, generics.ListAPIView):
    serializer_class = s.RelatedPersonSerializer

    @extend_schema(
        responses={
            200: s.RelatedPersonSerializer(many=True),
            **_errors(not_found=True, bad_request=True),
        },
        summary="Parents, carers and other people around one service user",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        service_user = _service_user_or_404(self.request.user, self.kwargs["pk"])
        return related_people_for(service_user=service_user)


class RelatedPersonDetail(StaffAPIView, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        responses={200: s.RelatedPersonSerializer, **_errors(not_found=True)},
        summary="One parent or carer",
    )
    def get(self, request, pk: int, person_pk: int):
        return Response(s.RelatedPersonSerializer(_person_or_404(request.user, pk, person_pk)).data)

    @extend_schema(
        request=s.RelatedPersonAmendSerializer,
        responses={200: s.RelatedPersonSerializer, **_errors(not_found=True, bad_request=True)},
        summary="Correct a parent's or carer's name, address, phone or email, with a reason",
    )
    def patch(self, request, pk: int, person_pk: int):
        person = _person_or_404(request.user, pk, person_pk)
        data = _json_body(request, s.RelatedPersonAmendSerializer)
        reason = data.pop("reason")
        _amend_or_400(
            lambda: records_services.related_person_amend(
                person=person,
                user=request.user,
                reason=reason,
                source=ChangeRecord.Source.API,
                **data,
            )
        )
        person.refresh_from_db()
        return Response(s.RelatedPersonSerializer(person).data)


class ServiceUserChanges(StaffAPIView, generics.ListAPIView):
    serializer_class = s.ChangeSerializer

    @extend_schema(
        responses={200: s.ChangeSerializer(many=True), **_errors(not_found=True, bad_request=True)},
        summary="Every change to one service user's details, newest first",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        service_user = _service_user_or_404(self.request.user, self.kwargs["pk"])
        return changes_for_service_user(service_user=service_user).order_by("-id")


class ContactAmend(ContactDetail):
    """GET as ContactDetail; PATCH corrects the contact with a reason (DPO, administrators)."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=s.ContactAmendSerializer,
        responses={200: s.ContactSerializer, **_errors(not_found=True, bad_request=True)},
        summary="Correct a professional contact's details, with a reason (DPO, administrator)",
    )
    def patch(self, request, pk: int):
        contact = self.get_object()
        if not (request.user.is_dpo or request.user.is_administrator):
            raise PermissionDenied(
                "Only the data protection officer or an administrator can change contacts."
            )
        data = _json_body(request, s.ContactAmendSerializer)
        reason = data.pop("reason")
        _amend_or_400(
            lambda: records_services.professional_contact_amend(
                contact=contact,
                user=request.user,
                reason=reason,
                source=ChangeRecord.Source.API,
                **data,
            )
        )
        contact.refresh_from_db()
        return Response(s.ContactSerializer(contact).data)


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        # An error asked for as CSV: one "problem" column.
        lines = ["problem"]
        for key, value in (data or {}).items():
            messages = value if isinstance(value, list) else [value]
            lines.extend(f"{key}: {m}".replace("\r", " ").replace("\n", " ") for m in messages)
        return "\r\n".join(lines) + "\r\n"


class IsDPOOrAdministrator(IsActiveStaff):
    message = "Only the data protection officer or an administrator may read the change feed."

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and (
            request.user.is_dpo or request.user.is_administrator
        )


CHANGE_FEED_LIMIT = 10000


class ChangeFeedCSV(StaffAPIView, APIView):
    """The MIS's change feed (LET-5): oldest first, fixed columns, resumable by change id."""

    permission_classes = [IsDPOOrAdministrator]
    renderer_classes = [JSONRenderer, CSVRenderer]

    def perform_content_negotiation(self, request, force=False):
        """CSV only when asked for it alone; otherwise JSON (errors). Ignores ?format=."""
        accept = request.META.get("HTTP_ACCEPT", "")
        renderer = (
            CSVRenderer() if "text/csv" in accept and "json" not in accept else JSONRenderer()
        )
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[s.ChangeFeedParams, OpenApiParameter("format", exclude=True)],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description=(
                    "CSV, UTF-8, columns: " + ", ".join(FEED_COLUMNS) + ". Header "
                    "X-SafeHaven-Last-Change-Id is the last id in the file (use it as `since` "
                    "next time); X-SafeHaven-More is `true` when `limit` cut the file short."
                ),
            ),
            **_errors(bad_request=True),
        },
        summary="Change feed as CSV for the MIS (DPO, administrator)",
    )
    def get(self, request):
        params = s.ChangeFeedParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            since = parse_since(params.validated_data.get("since"))
        except SinceError as exc:
            raise ValidationError({"since": [str(exc)]}) from None
        limit = params.validated_data.get("limit", CHANGE_FEED_LIMIT)
        changes = list(changes_since(since, limit=limit + 1))
        more = len(changes) > limit
        changes = changes[:limit]
        response = HttpResponse(changes_csv(changes), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="safehaven-changes.csv"'
        response["X-SafeHaven-Last-Change-Id"] = str(changes[-1].pk if changes else "")
        response["X-SafeHaven-More"] = "true" if more else "false"
        return response
