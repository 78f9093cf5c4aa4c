"""`POST /api/email/check`: the pre-send check on a raw message or on draft fields."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from safehaven.api.serializers import ErrorSerializer
from safehaven.api.views import FORBIDDEN, UNAUTHENTICATED, StaffAPIView
from safehaven.core.email.draft import address_problem
from safehaven.core.email.policy import PolicyError
from safehaven.email.services import (
    JUSTIFICATION_MAX,
    MAX_MESSAGE_BYTES,
    EmailCheckError,
    draft_facts,
    draft_outline,
    email_check_draft,
    email_check_raw,
    email_check_stopped_record,
    email_override_record,
    override_token,
    raw_facts,
)


class RawMessageParser(BaseParser):
    """The body as bytes: a whole RFC 822 message."""

    media_type = "message/rfc822"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        if stream is None:
            return b""
        data = stream.read(MAX_MESSAGE_BYTES + 1)
        if len(data) > MAX_MESSAGE_BYTES:
            raise ParseError("The message is over 25 MB: check a smaller one.")
        return data


class PlainMessageParser(RawMessageParser):
    media_type = "text/plain"


def _valid_address(value: str) -> None:
    """An address the draft can hold: the core's own check, so the API refuses exactly what
    `draft_message` would (a raw message is never refused for its headers: it gets a verdict)."""
    if value.strip():
        problem = address_problem(value)
        if problem:
            raise serializers.ValidationError(f"{problem}.")


_ADDRESS_HELP = (
    'One address, bare or with a name: `sj@nhs.net`, `Sarah Jones <sj@nhs.net>`, `"Jones, '
    'Sarah" <sj@nhs.net>`. Anything else (`a@`, `a@b@c`, `@`) is a 400 naming the field.'
)


class CheckRequestSerializer(serializers.Serializer):
    sender = serializers.CharField(
        max_length=320, required=False, default="", allow_blank=True,
        validators=[_valid_address],
        help_text="From address; defaults to your account's email address.",
    )  # fmt: skip
    to = serializers.ListField(
        child=serializers.CharField(
            max_length=320, validators=[_valid_address], help_text=_ADDRESS_HELP
        ),
        min_length=1, max_length=200,
    )  # fmt: skip
    cc = serializers.ListField(
        child=serializers.CharField(
            max_length=320, allow_blank=True, validators=[_valid_address],
            help_text=_ADDRESS_HELP + " Blank entries are ignored.",
        ),
        required=False, default=list, max_length=200,
    )  # fmt: skip
    subject = serializers.CharField(max_length=998, required=False, default="", allow_blank=True)
    body = serializers.CharField(
        max_length=2_000_000, required=False, default="", allow_blank=True, trim_whitespace=False
    )
    in_reply_to = serializers.CharField(
        max_length=998, required=False, allow_null=True, allow_blank=True, default=None
    )


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="The guidance rule, e.g. EMAIL-4.")
    severity = serializers.ChoiceField(choices=["info", "warn", "hold", "block"])
    message = serializers.CharField()
    evidence = serializers.DictField(required=False, help_text="Offsets, domains and counts.")


class ServiceUserRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    display = serializers.CharField(help_text="Initials only.")


class OverrideOfferSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Signed, valid for an hour, for you only.")
    url = serializers.CharField()


class CheckResultSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["allow", "warn", "hold", "block"])
    findings = FindingSerializer(many=True)
    policy_version = serializers.CharField()
    classification = serializers.CharField()
    special_categories = serializers.ListField(child=serializers.CharField())
    service_users = ServiceUserRefSerializer(many=True)
    desensitised_body = serializers.CharField(allow_null=True)
    stripped_trail_body = serializers.CharField(allow_null=True)
    summary = serializers.DictField(help_text="Counts only: no names, addresses or text.")
    override = OverrideOfferSerializer(
        allow_null=True,
        help_text="Only for a `warn` verdict: POST the token with your justification to "
        "`/api/email/overrides` to record that you send it anyway. Null otherwise.",
    )


class OverrideRequestSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=4000, help_text="`override.token` from the check.")
    justification = serializers.CharField(
        max_length=JUSTIFICATION_MAX, help_text="Why you send it despite the warnings."
    )


class OverrideSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    rules = serializers.ListField(child=serializers.CharField())
    justification = serializers.CharField()
    message_digest = serializers.CharField(help_text="SHA-256 of what was checked.")
    subject = serializers.CharField()
    recipient_domains = serializers.ListField(child=serializers.CharField())
    policy_version = serializers.CharField()
    source = serializers.CharField()


def _plain(errors) -> str:
    """DRF field errors as one line: 'to: This field is required.'"""
    parts = []
    for field, messages in errors.items():
        if isinstance(messages, dict):
            messages = [m for ms in messages.values() for m in ms]
        flat = [str(m) for m in messages if not isinstance(m, dict | list)] or ["is not valid."]
        parts.append(f"{field}: {flat[0]}")
    return " ".join(parts) or "The request could not be read."


class EmailCheckView(StaffAPIView, APIView):
    parser_classes = [JSONParser, RawMessageParser, PlainMessageParser]

    @extend_schema(
        operation_id="email_check",
        summary="Check an email before it is sent (EMAIL-1..6, SENS-2, SENS-3)",
        description=(
            "Send either the whole message (`message/rfc822`, or `text/plain` holding the "
            "message source) or JSON draft fields. Nothing is stored or sent."
        ),
        request={
            "application/json": CheckRequestSerializer,
            "message/rfc822": OpenApiTypes.BINARY,
            "text/plain": OpenApiTypes.STR,
        },
        responses={
            200: CheckResultSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The input cannot be checked."),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            415: OpenApiResponse(ErrorSerializer, description="Unsupported content type."),
            503: OpenApiResponse(ErrorSerializer, description="The email policy is unusable."),
        },
    )
    def post(self, request):
        try:
            media = (request.content_type or "").split(";", 1)[0].strip().lower()
            if media in {"message/rfc822", "text/plain"} or isinstance(
                request.data, bytes | bytearray
            ):
                raw = request.data if isinstance(request.data, bytes | bytearray) else b""
                result = email_check_raw(user=request.user, raw=bytes(raw))
                facts = raw_facts(bytes(raw))
                # As the page: a stopped message is a near miss (its addresses read only then).
                email_check_stopped_record(
                    user=request.user, result=result, facts=facts, raw=bytes(raw), source="api"
                )
            else:
                if not isinstance(request.data, dict):
                    return _bad("Send a JSON object with sender, to, cc, subject and body.")
                data = CheckRequestSerializer(data=request.data)
                if not data.is_valid():
                    return _bad(_plain(data.errors))
                result = email_check_draft(user=request.user, **data.validated_data)
                facts = draft_facts(**data.validated_data)
                email_check_stopped_record(
                    user=request.user,
                    result=result,
                    facts=facts,
                    outline=draft_outline(user=request.user, **data.validated_data),
                    source="api",
                    text=(
                        data.validated_data.get("subject", "") or "",
                        data.validated_data.get("body", "") or "",
                    ),
                )
        except EmailCheckError as exc:
            return _bad(exc.message)
        except PolicyError as exc:
            return Response(
                {"detail": f"The email policy cannot be used: {exc}"},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        out = result.as_dict()
        token = override_token(user=request.user, result=result, facts=facts, source="api")
        out["override"] = {"token": token, "url": "/api/email/overrides"} if token else None
        return Response(out)


class EmailOverrideView(StaffAPIView, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="email_override_create",
        summary="Send anyway after a warning, with your justification (recorded for the DPO)",
        description=(
            "Only a `warn` verdict can be overridden by the sender; the token comes from "
            "`POST /api/email/check` and is valid for an hour. What is recorded: you, when, "
            "the rules you overrode, your justification, the message's SHA-256 digest and "
            "subject, and the recipients' domains. No message text."
        ),
        request=OverrideRequestSerializer,
        responses={
            201: OverrideSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Bad or old token, no reason."),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            415: OpenApiResponse(ErrorSerializer, description="Unsupported content type."),
        },
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            return _bad("Send a JSON object with token and justification.")
        data = OverrideRequestSerializer(data=request.data)
        if not data.is_valid():
            return _bad(_plain(data.errors))
        try:
            o = email_override_record(user=request.user, **data.validated_data)
        except EmailCheckError as exc:
            return _bad(exc.message)
        return Response(
            {
                "id": o.pk,
                "at": o.at,
                "rules": o.rules,
                "justification": o.justification,
                "message_digest": o.message_digest,
                "subject": o.subject,
                "recipient_domains": o.recipient_domains,
                "policy_version": o.policy_version,
                "source": o.source,
            },
            status=status.HTTP_201_CREATED,
        )


def _bad(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
