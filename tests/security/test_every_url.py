"""Every URL the project routes, checked for who may reach it.

The URL list comes from Django's resolver, so a view added later is covered without editing this
file, and a URL missing from ROUTES below fails `test_every_url_is_classified` with what to do.

1. Signed out, and switched off (an account disabled after sign-in, its session and token
   still sent): GET, POST (and PATCH for the API) redirect to the sign-in page (pages) or answer
   401/403 (API); only the PUBLIC allow-list is exempt. Never a server error.
2. Another school: each URL that names a school's object (a child, their address, a parent, a
   telephone request, fax, incoming fax, letter, address query, post item, held email, breach;
   in the path or the query string; in each state the access helpers treat differently) is
   requested by the officer and the manager of the *other* school: 403/404 (405 for a method
   the view does not take), exactly the answer a missing id gets, never the child's name. A
   URL naming two objects is also asked with the user's own child and the other school's
   address, parent or query. The same URLs with their own school's objects are not refused
   (otherwise the check would pass for a wrong id).
   Lists, queues, home pages and searches (every API list, every page with a search box) never
   show the other school's child; objects named in a request body (a fax or call about a child,
   moving a child, allocating a worker, logging post) are refused and change nothing.
3. Roles: every role not in a URL's ROUTES entry gets 403 (404 where the object check comes
   first, 405 for a method the view does not take), for reading and for writing; the first
   listed role is let in.

The classification (which roles read and write each URL, and what kind of object each URL
parameter names) is the one table ROUTES; the objects are built in tests/security/conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.views import APIView

from tests.security.conftest import World

THIS_FILE = "tests/security/test_every_url.py"

# Roles.
OFFICER, MANAGER, DPO, ADMIN = "officer", "authoriser", "dpo", "administrator"
ALL = frozenset({OFFICER, MANAGER, DPO, ADMIN})
DPO_ADMIN = frozenset({DPO, ADMIN})
DPO_ONLY = frozenset({DPO})
ADMIN_ONLY = frozenset({ADMIN})
REVIEWERS = frozenset({MANAGER, DPO, ADMIN})  # held email: authorisers, the DPO, admin fallback
TRIAGERS = frozenset({MANAGER, DPO})  # incoming post triage (post_services.can_triage)
# Officers and managers see only their units' children; the DPO and administrators see all.
CONFINED = (OFFICER, MANAGER)

# Kinds of object a URL parameter names. A school's object belongs to one school (its child,
# or made by its staff about that child); another school's staff must never reach it.
SCHOOL_KINDS = frozenset({
    "child", "address", "related_person", "telephone_request", "fax_job", "incoming_fax",
    "letter", "address_query", "post_item", "held_mail", "breach", "subject_access_request",
})  # fmt: skip
# County-wide things every school shares; who may change them is in the role column.
SHARED_KINDS = {
    "organisation": "partner organisations: one directory for the county",
    "switchboard": "a partner's switchboard (TEL-5), in the directory",
    "fax_number": "a partner's fax number (FAX-2), in the directory",
    "speed_dial": "the fax machine's speed dials (FAX-9)",
    "contact": "professional contacts at partners, in the directory",
    "policy_version": "the county's policy versions (DPO and administrators)",
    "webhook": "webhook subscriptions (administrators)",
    "webhook_delivery": "webhook deliveries (administrators)",
    "staff_member": "staff accounts (administrators)",
}
# Parameters that name no object: the value used.
LITERALS = {"format:csv": "csv", "speed_dial_action:test": "test"}


@dataclass(frozen=True)
class Route:
    read: frozenset[str]
    write: frozenset[str]
    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


def r(read, write=None, *, query=None, **params) -> Route:
    """`read`: roles that may GET; `write`: roles that may POST/PATCH (default: `read`);
    `params`: URL parameter -> kind; `query`: query-string parameter -> kind."""
    return Route(frozenset(read), frozenset(write or read), params, query or {})


# Signed-out people may use these. Keep it small.
PUBLIC = {
    "login": "the sign-in page",
    "logout": "signing out",
    "api-schema": "the OpenAPI schema: describes the endpoints, holds no data",
}

# Every other URL: who may use it and what its parameters name. Read from the views:
# `require(can_...)` (web/permissions.py), `require_oversight` (DPO, administrators),
# `_reviewer` (email), `can_triage` (post), DRF permission classes (api/permissions.py).
ROUTES: dict[str, Route] = {
    # Web: home, service users (access_service_user: the child's units, or DPO/admin).
    "home": r(ALL),
    "service-user-search": r(ALL),
    "service-user-record": r(ALL, pk="child"),
    "address-new": r(ALL, pk="child"),
    "address-mail-returned": r(ALL, pk="child", address_pk="address"),
    "address-checked": r(ALL, pk="child", address_pk="address"),
    "service-user-amend": r(ALL, pk="child"),
    "related-person-amend": r(ALL, pk="child", person_pk="related_person"),
    "service-user-changes": r(ALL, pk="child"),
    "service-user-register": r(ALL, pk="child"),
    "service-user-subject-access": r(DPO_ONLY, pk="child"),
    "service-user-subject-access-download": r(DPO_ONLY, pk="child", fmt="format:csv"),
    "register-overview": r(DPO_ADMIN),
    "register-verify": r(DPO_ADMIN),
    # Web: the directory (everyone reads it, the DPO and administrators keep it).
    "organisation-list": r(ALL),
    "organisation-create": r(DPO_ADMIN),
    "organisation-detail": r(ALL, pk="organisation"),
    "organisation-edit": r(DPO_ADMIN, pk="organisation"),
    "switchboard-create": r(DPO_ADMIN, pk="organisation"),
    "switchboard-verify": r(DPO_ADMIN, pk="organisation", switchboard_pk="switchboard"),
    "email-domain-create": r(DPO_ADMIN, pk="organisation"),
    "fax-number-create": r(DPO_ADMIN, pk="organisation"),
    "contact-list": r(ALL),
    "contact-create": r(DPO_ADMIN),
    "contact-edit": r(DPO_ADMIN, pk="contact"),
    "contact-changes": r(DPO_ADMIN, pk="contact"),
    # Web: administration.
    "unit-list": r(ADMIN_ONLY),
    "staff-list": r(ADMIN_ONLY),
    "staff-create": r(ADMIN_ONLY),
    "staff-edit": r(ADMIN_ONLY, pk="staff_member"),
    "webhook-list": r(ADMIN_ONLY),
    "webhook-create": r(ADMIN_ONLY),
    "webhook-deliver-now": r(ADMIN_ONLY),
    "webhook-detail": r(ADMIN_ONLY, pk="webhook"),
    "webhook-new-secret": r(ADMIN_ONLY, pk="webhook"),
    "webhook-delivery-retry": r(ADMIN_ONLY, pk="webhook_delivery"),
    "api-docs": r(ALL),
    # Telephone (access_telephone_request). The decision page and call (TEL-6) open to
    # everyone who may see the request; the service refuses anyone but a manager or the DPO
    # other than the call taker, as a form error or a 400 with the rule (tests/telephone:
    # test_services.py::test_only_a_manager_can_authorise,
    # test_api.py::test_the_whole_request_through_the_api).
    "telephone-list": r(ALL),
    "telephone-new": r(ALL),
    "telephone-detail": r(ALL, pk="telephone_request"),
    "telephone-identify": r(ALL, pk="telephone_request"),
    "telephone-callback": r(ALL, pk="telephone_request"),
    "telephone-consent": r(ALL, pk="telephone_request"),
    "telephone-authorise": r(ALL, pk="telephone_request"),
    "telephone-return-call": r(ALL, pk="telephone_request"),
    "telephone-refuse": r(ALL, pk="telephone_request"),
    "api-telephone-list": r(ALL),
    "api-telephone-detail": r(ALL, pk="telephone_request"),
    "api-telephone-identify": r(ALL, pk="telephone_request"),
    "api-telephone-callback": r(ALL, pk="telephone_request"),
    "api-telephone-consent": r(ALL, pk="telephone_request"),
    "api-telephone-decide": r(ALL, pk="telephone_request"),
    "api-telephone-return-call": r(ALL, pk="telephone_request"),
    "api-telephone-stop": r(ALL, pk="telephone_request"),
    # Fax (access_fax_job, access_incoming_fax).
    "fax-home": r(ALL),
    "fax-settings": r(DPO_ADMIN),
    "fax-directory": r(ALL),
    "fax-assess": r(ALL, number_pk="fax_number"),
    "fax-speed-dials": r(ALL),
    "fax-speed-dial-action": r(ALL, pk="speed_dial", action="speed_dial_action:test"),
    "fax-new": r(ALL, service_user_pk="child"),
    "fax-detail": r(ALL, pk="fax_job"),
    "fax-number": r(ALL, pk="fax_job"),
    "fax-safe-haven": r(ALL, pk="fax_job"),
    "fax-send": r(ALL, pk="fax_job"),
    "fax-retry": r(ALL, pk="fax_job"),
    "fax-receipt": r(ALL, pk="fax_job"),
    "fax-stop": r(ALL, pk="fax_job"),
    "fax-pdf": r(ALL, pk="fax_job"),
    "fax-incoming": r(ALL, pk="incoming_fax"),
    "fax-incoming-pdf": r(ALL, pk="incoming_fax"),
    "api-fax-list": r(ALL),
    "api-fax-detail": r(ALL, pk="fax_job"),
    "api-fax-number": r(ALL, pk="fax_job"),
    "api-fax-safe-haven": r(ALL, pk="fax_job"),
    "api-fax-send": r(ALL, pk="fax_job"),
    "api-fax-retry": r(ALL, pk="fax_job"),
    "api-fax-receipt": r(ALL, pk="fax_job"),
    "api-fax-stop": r(ALL, pk="fax_job"),
    # Oversight: the DPO and administrators; anyone reports a breach and sees their own.
    "oversight-dashboard": r(DPO_ADMIN),
    "oversight-disclosures-csv": r(DPO_ADMIN),
    "oversight-near-misses": r(DPO_ADMIN),
    "oversight-near-misses-csv": r(DPO_ADMIN),
    "oversight-breaches": r(ALL),
    "oversight-breaches-csv": r(DPO_ADMIN),
    "oversight-breach-new": r(ALL),
    "oversight-breach-detail": r(ALL, pk="breach"),
    "oversight-breach-facts": r(DPO_ADMIN, pk="breach"),
    "oversight-breach-aware": r(DPO_ADMIN, pk="breach"),
    "oversight-breach-ico": r(DPO_ADMIN, pk="breach"),
    "oversight-breach-decision": r(DPO_ADMIN, pk="breach"),
    "oversight-policy": r(DPO_ADMIN),
    "oversight-policy-edit": r(DPO_ADMIN),
    "oversight-policy-history": r(DPO_ADMIN),
    "oversight-policy-version": r(DPO_ADMIN, number="policy_version"),
    "oversight-policy-rollback": r(DPO_ADMIN, number="policy_version"),
    "oversight-sars": r(DPO_ADMIN),
    "oversight-sars-csv": r(DPO_ADMIN),
    "oversight-sar-new": r(DPO_ADMIN),
    "oversight-sar-detail": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-pause": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-resume": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-extend": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-link": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-complete": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-withdraw": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-bundle": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-disclosures-csv": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-sar-access-csv": r(DPO_ADMIN, pk="subject_access_request"),
    "oversight-overrides": r(DPO_ADMIN),
    "oversight-overrides-csv": r(DPO_ADMIN),
    "oversight-register-verify": r(DPO_ADMIN),
    # Letters (access_letter: through the child).
    "letter-list": r(ALL),
    "letter-new": r(ALL, query={"service_user": "child"}),
    "letter-detail": r(ALL, pk="letter"),
    "letter-query": r(ALL, pk="letter"),
    "letter-query-answer": r(ALL, pk="letter", qid="address_query"),
    "letter-desensitise": r(ALL, pk="letter"),
    "letter-cancel": r(ALL, pk="letter"),
    "letter-returned": r(ALL, pk="letter"),
    "letter-print": r(ALL, pk="letter"),
    "letter-pdf": r(ALL, pk="letter"),
    "letter-dispatch": r(ALL, pk="letter"),
    # Incoming post (access_post); the triage queue is for managers and the DPO, and routing
    # an item is refused by the service to anyone else (post_services.may_triage_item).
    "post-home": r(ALL),
    "post-new": r(ALL),
    "post-triage": r(TRIAGERS),
    "post-detail": r(ALL, pk="post_item"),
    "post-route": r(ALL, pk="post_item"),
    "post-misdirected": r(ALL, pk="post_item"),
    "post-actioned": r(ALL, pk="post_item"),
    "post-send-back": r(ALL, pk="post_item"),
    "api-post-list": r(ALL),
    "api-post-triage": r(TRIAGERS),
    "api-post-detail": r(ALL, pk="post_item"),
    "api-post-route": r(ALL, pk="post_item"),
    "api-post-misdirected": r(ALL, pk="post_item"),
    "api-post-actioned": r(ALL, pk="post_item"),
    "api-post-send-back": r(ALL, pk="post_item"),
    # Email: anyone checks a draft; held mail is reviewed by managers and the DPO
    # (access_held_mail), administrators only as the last resort.
    "email-check": r(ALL),
    "email-override": r(ALL),
    "email-held-by-me": r(ALL),
    "email-quarantine": r(REVIEWERS),
    "email-quarantine-detail": r(REVIEWERS, qid="held_mail", query={"body": "=1"}),
    "email-quarantine-release": r(REVIEWERS, qid="held_mail"),
    "email-quarantine-reject": r(REVIEWERS, qid="held_mail"),
    # Keeping a message past the retention period (or lifting that): the DPO only.
    "email-quarantine-keep": r({DPO}, qid="held_mail"),
    "api-email-check": r(ALL),
    "api-email-overrides": r(ALL),
    # REST API (api/views.py).
    "api-me": r(ALL),
    "api-service-user-list": r(ALL),
    "api-service-user-detail": r(ALL, pk="child"),
    "api-service-user-changes": r(ALL, pk="child"),
    "api-related-person-list": r(ALL, pk="child"),
    "api-related-person-detail": r(ALL, pk="child", person_pk="related_person"),
    "api-changes-csv": r(DPO_ADMIN),
    "api-service-user-disclosures": r(ALL, pk="child"),
    "api-organisation-list": r(ALL, DPO_ADMIN),
    "api-organisation-detail": r(ALL, pk="organisation"),  # read-only: 405 to writes
    "api-contact-list": r(ALL),  # read-only: 405 to writes
    "api-contact-detail": r(ALL, DPO_ADMIN, pk="contact"),
    "api-register-verify": r(DPO_ONLY),
}


# The URL list.


@dataclass(frozen=True)
class Url:
    name: str
    route: str
    params: tuple[str, ...]
    pattern: URLPattern
    api: bool


def _walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _walk(item, prefix + str(item.pattern))
        else:
            yield prefix + str(item.pattern), item


def every_url() -> list[Url]:
    urls = []
    for route, pattern in _walk(get_resolver()):
        view = getattr(pattern.callback, "cls", None)
        urls.append(
            Url(
                name=pattern.name or route,
                route=route,
                params=tuple(pattern.pattern.converters),
                pattern=pattern,
                api=isinstance(view, type) and issubclass(view, APIView),
            )
        )
    return urls


def _kind_problem(kind: str) -> str | None:
    if kind in SCHOOL_KINDS or kind in SHARED_KINDS or kind in LITERALS:
        return None
    return f"kind {kind!r} is not one of SCHOOL_KINDS, SHARED_KINDS or LITERALS"


def test_every_url_is_classified():
    """A URL nobody classified fails here, saying where to classify it."""
    problems = []
    seen = set()
    for url in every_url():
        seen.add(url.name)
        if not isinstance(url.pattern.pattern, RoutePattern):
            problems.append(
                f"{url.route} ({url.name}) is a re_path: use path() with converters, or teach "
                f"path_for in {THIS_FILE} to fill it in."
            )
        if url.name in PUBLIC:
            continue
        spec = ROUTES.get(url.name)
        if spec is None:
            problems.append(
                f"/{url.route} ({url.name}) is not classified: add it to ROUTES in {THIS_FILE} "
                "with the roles that may read and write it and the kind of object each "
                f"parameter names ({', '.join(url.params) or 'no parameters'}), or to PUBLIC."
            )
            continue
        if set(spec.params) != set(url.params):
            problems.append(
                f"/{url.route} ({url.name}) takes {sorted(url.params)} but ROUTES names "
                f"{sorted(spec.params)}: classify each parameter in {THIS_FILE}."
            )
        for kind in [*spec.params.values(), *spec.query.values()]:
            if not kind.startswith("=") and (problem := _kind_problem(kind)):
                problems.append(f"/{url.route} ({url.name}): {problem} in {THIS_FILE}.")
    stale = sorted(set(ROUTES) - seen)
    if stale:
        problems.append(f"ROUTES names URLs that no longer exist: {stale}; remove them.")
    assert not problems, "\n".join(problems)


# Requests.


@dataclass
class Result:
    method: str
    path: str
    status: int
    body: str
    location: str = ""


class Caller:
    """Makes requests as one user (or nobody) and never raises: a view's exception is a 500."""

    def __init__(self, user=None):
        self.user = user
        self.page = Client(raise_request_exception=False)
        self.api = APIClient(raise_request_exception=False)
        if user is not None:
            self.page.force_login(user)
            token, _ = Token.objects.get_or_create(user=user)
            self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    def call(self, url: Url, method: str, path: str) -> Result:
        if url.api:
            send = getattr(self.api, method.lower())
            response = send(path) if method == "GET" else send(path, {}, format="json")
        else:
            send = getattr(self.page, method.lower())
            response = send(path) if method == "GET" else send(path, {})
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        location = response.get("Location", "")
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            location = repr(response.exc_info[1])[:300]
        return Result(
            method, path, response.status_code, content.decode("utf-8", "replace"), location
        )


def methods(url: Url) -> tuple[str, ...]:
    return ("GET", "POST", "PATCH") if url.api else ("GET", "POST")


PLACEHOLDERS = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000"}


def value_of(kind: str, world: World, school) -> object:
    if kind.startswith("="):
        return kind[1:]
    if kind in LITERALS:
        return LITERALS[kind]
    if kind in SHARED_KINDS:
        return world.shared[kind]
    return school.objects[kind]


def path_for(url: Url, spec: Route, world: World, schools: dict[str, object], override=None) -> str:
    """The URL with each parameter's object taken from `schools[param]` (a School), or from
    `override` (parameter -> value)."""
    kwargs = {p: value_of(k, world, schools[p]) for p, k in spec.params.items()}
    kwargs.update({p: v for p, v in (override or {}).items() if p in spec.params})
    path = "/" + url.route
    for p, v in kwargs.items():
        for conv in ("int", "str", "slug", "uuid", "path"):
            path = path.replace(f"<{conv}:{p}>", str(v))
        path = path.replace(f"<{p}>", str(v))
    # A parameter ROUTES does not know yet (an unclassified URL): a placeholder, so the URL is
    # still checked signed out while test_every_url_is_classified asks for its classification.
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: PLACEHOLDERS.get(m.group(1) or "str", "x"), path)
    if spec.query:
        query = {q: value_of(k, world, schools.get(q) or world.a) for q, k in spec.query.items()}
        query.update({q: v for q, v in (override or {}).items() if q in spec.query})
        path += "?" + urlencode(query)
    return path


def _classified(world: World) -> list[tuple[Url, Route]]:
    return [(u, ROUTES[u.name]) for u in every_url() if u.name in ROUTES]


def _all_a(spec: Route, world: World) -> dict[str, object]:
    return {p: world.a for p in [*spec.params, *spec.query]}


def _show(who: str, r: Result, why: str) -> str:
    return f"{who}: {r.method} {r.path} -> {r.status} {r.location}: {why}"


def _leaks(r: Result, names: tuple[str, str]) -> bool:
    return any(n in r.body for n in names)


# 1. Signed out.


@pytest.mark.parametrize("who", ["signed out", "switched off"])
def test_signed_out_every_url_asks_to_sign_in(world, who):
    """Pages redirect to the sign-in page, the API answers 401/403; only PUBLIC is open. The
    same for a member of staff whose account was switched off after they signed in (their
    session and API token still sent)."""
    anonymous = Caller()
    if who == "switched off":
        anonymous = Caller(world.a.officer)
        world.a.officer.is_active = False
        world.a.officer.save(update_fields=["is_active"])
    failures = []
    checked = 0
    for url in every_url():
        spec = ROUTES.get(url.name) or r(ALL)
        path = path_for(url, spec, world, _all_a(spec, world))
        for method in methods(url):
            result = anonymous.call(url, method, path)
            checked += 1
            if result.status >= 500:
                failures.append(_show(who, result, "server error"))
            elif url.name in PUBLIC:
                continue
            elif url.api and result.status not in (401, 403):
                failures.append(_show(who, result, "expected 401 or 403"))
            elif not url.api and not (
                result.status == 302 and result.location.startswith("/login/")
            ):
                failures.append(_show(who, result, "expected a redirect to /login/"))
            elif _leaks(result, world.a.names):
                failures.append(_show(who, result, "the child's name is in the body"))
    assert checked > 300
    assert not failures, f"{len(failures)} of {checked} requests:\n" + "\n".join(failures)


# 2. Another school.


DENIED = (403, 404, 405)
# An id of each kind that names nothing.
MISSING = {kind: 999_999_999 for kind in SCHOOL_KINDS} | {"held_mail": "20990101T000000Z-0000dead"}


def _denied(who, result: Result, names, failures: list[str]) -> bool:
    """Records a failure unless `result` refuses; True if it refused at the permission check."""
    if _leaks(result, names):
        failures.append(_show(who, result, "the other school's child's name is in the body"))
    if result.status not in DENIED:
        failures.append(_show(who, result, "expected 403 or 404"))
    return result.status in (403, 404)


def _savepoint(call):
    """Runs a request whose writes are undone (a positive check must not change the data)."""
    with transaction.atomic():
        result = call()
        transaction.set_rollback(True)
    return result


def _school_urls(world):
    return [(u, s) for u, s in _classified(world) if set(_kinds(s).values()) & SCHOOL_KINDS]


def _kinds(spec: Route) -> dict[str, str]:
    """Every parameter, in the path or the query string, and the kind it names."""
    return {**spec.params, **spec.query}


def test_other_schools_objects_are_not_found(world):
    """Officers and managers of school B get 403/404 for every URL naming school A's objects,
    alone or under their own child; they reach school B's through the same URLs."""
    callers = {
        (school.key, role): Caller(getattr(school, "officer" if role == OFFICER else "authoriser"))
        for school in (world.a, world.b)
        for role in CONFINED
    }
    failures: list[str] = []
    counts = {"urls": 0, "requests": 0, "own school reached": 0}
    unbuilt = SCHOOL_KINDS - set(world.a.objects)
    assert not unbuilt, (
        f"No object of kind {sorted(unbuilt)}: build one for each school in _school() in "
        "tests/security/conftest.py."
    )
    for url, spec in _school_urls(world):
        roles = [role for role in CONFINED if role in spec.read | spec.write]
        if not roles:
            continue  # only the DPO and administrators, who see every school: see test 3
        counts["urls"] += 1
        school_params = [p for p, k in _kinds(spec).items() if k in SCHOOL_KINDS]
        for role in roles:
            caller = callers[("b", role)]
            who = f"school B {role}"
            for foreign in school_params:
                # School A's object in `foreign` (each of its states: see `School.variants`),
                # school B's own everywhere else.
                schools = {p: world.b for p in [*spec.params, *spec.query]}
                kind = _kinds(spec)[foreign]
                # Nobody may tell another school's object from one that does not exist: the
                # answers must be the same as for a missing id.
                missing = path_for(url, spec, world, schools, {foreign: MISSING[kind]})
                missing_status = {m: caller.call(url, m, missing).status for m in methods(url)}
                for value in [world.a.objects[kind], *world.a.variants.get(kind, ())]:
                    path = path_for(url, spec, world, schools, {foreign: value})
                    reached = False
                    for method in methods(url):
                        result = caller.call(url, method, path)
                        counts["requests"] += 1
                        reached |= _denied(who, result, world.a.names, failures)
                        if result.status != missing_status[method]:
                            failures.append(
                                _show(who, result, f"a missing one gets {missing_status[method]}")
                            )
                    if not reached:
                        failures.append(f"{who}: {path}: no method reached the permission check")
        # The same URL with school B's own objects is not refused to their maker (school B's
        # officer, or its manager where officers may not use the URL).
        owner = roles[0]
        own = path_for(url, spec, world, {p: world.b for p in [*spec.params, *spec.query]})
        result = callers[("b", owner)].call(url, "GET", own)
        if result.status == 405:
            result = _savepoint(lambda c=callers[("b", owner)], u=url, p=own: c.call(u, "POST", p))
        if result.status in (401, 403, 404) or result.status >= 500:
            failures.append(_show(f"school B {owner}", result, "own school's object refused"))
        else:
            counts["own school reached"] += 1
    assert counts["urls"] > 60, counts
    assert not failures, f"{len(failures)} failures ({counts}):\n" + "\n".join(failures)


def test_lists_and_searches_never_show_another_schools_child(world):
    """Every page and API call that names no school object (lists, queues, searches, home),
    read by school B's officer and manager, plainly and searched for school A's child by
    name: never school A's child's name, never a server error."""
    from urllib.parse import quote

    child = world.a.child
    secrets = {child.given_name, child.family_name, child.upn, child.reference}
    # Each search asks for one detail of school A's child; the page echoes the search box, so
    # what must not appear is the child's *other* details.
    searches = {"": secrets}
    for asked in (child.family_name, child.given_name, child.upn):
        searches[f"?q={quote(asked)}"] = secrets - {asked}
    failures: list[str] = []
    checked = 0
    callers = {OFFICER: Caller(world.b.officer), MANAGER: Caller(world.b.authoriser)}
    for url, spec in _classified(world):
        if set(_kinds(spec).values()) & SCHOOL_KINDS:
            continue
        path = path_for(url, spec, world, _all_a(spec, world))
        for role in CONFINED:
            if role not in spec.read:
                continue
            caller = callers[role]
            searchable = True
            for query, hidden in searches.items():
                if query and not searchable:
                    break
                result = caller.call(url, "GET", path + query)
                checked += 1
                # Searched: every API list, and each page that has a search box.
                searchable = url.api or 'name="q"' in result.body
                if result.status >= 500:
                    failures.append(_show(f"school B {role}", result, "server error"))
                elif shown := sorted(x for x in hidden if x in result.body):
                    failures.append(_show(f"school B {role}", result, f"shows {shown}"))
    # The same searches find school A's child for school A's officer (the check can fail).
    own = Caller(world.a.officer)
    for route in ("service-users/", "api/service-users/"):
        url = next(u for u in every_url() if u.route == route)
        found = own.call(url, "GET", f"/{route}?q={quote(child.family_name)}")
        assert child.given_name in found.body, route
    assert checked > 100
    assert not failures, f"{len(failures)} of {checked} requests:\n" + "\n".join(failures)


# Objects named in a request's body rather than its path: the request as school B's staff
# naming school A's object is refused and changes nothing; the same request naming school B's
# own object is accepted (in a savepoint, undone), so a refusal for another reason would show.


def _fax_create(world: World, ref) -> tuple:
    import base64

    from tests.security.conftest import blank_pdf

    body = {
        "service_user": ref.child.pk, "recipient_name": "Dr Priya Shah",
        "recipient_organisation": world.shared["organisation"], "reason": "Health assessment",
        "summary": "Medical needs", "lawful_basis": "consent",
        "document_pdf_base64": base64.b64encode(blank_pdf(1)).decode(),
    }  # fmt: skip
    return world.b.officer, "POST", "/api/fax-jobs/", body


def _telephone_identify(world: World, ref) -> tuple:
    from safehaven.records.models import Organisation
    from safehaven.telephone import services as telephone

    child = ref.child
    tel = telephone.telephone_request_log(
        officer=world.b.officer, caller_name="Dr Priya Shah", caller_number="07911 123456",
        organisation=Organisation.objects.get(pk=world.shared["organisation"]),
        reason="Health assessment", purpose="health", given_name=child.given_name,
        family_name=child.family_name, date_of_birth=child.date_of_birth,
    )  # fmt: skip
    path = f"/api/telephone-requests/{tel.pk}/identify/"
    return world.b.officer, "POST", path, {"service_user": child.pk}


def _move_child(world: World, ref) -> tuple:
    path = f"/api/service-users/{world.b.child.pk}/"
    return world.b.officer, "PATCH", path, {"unit_id": ref.unit.pk, "reason": "Moved school"}


def _allocate_worker(world: World, ref) -> tuple:
    path = f"/api/service-users/{world.b.child.pk}/"
    body = {"allocated_worker_id": ref.officer.pk, "reason": "New worker"}
    return world.b.authoriser, "PATCH", path, body


def _log_post(world: World, ref) -> tuple:
    body = {"unit": ref.unit.pk, "sender_name": "County Hall", "subject": "Attendance report"}
    return world.b.officer, "POST", "/api/post/", body


def _amend_unit_on_the_page(world: World, ref) -> tuple:
    child = world.b.child
    body = {
        "given_name": child.given_name, "family_name": child.family_name,
        "date_of_birth": child.date_of_birth.strftime("%d/%m/%Y"), "upn": child.upn,
        "reference": child.reference, "unit": ref.unit.pk, "reason": "Moved school",
    }  # fmt: skip
    return world.b.officer, "POST", f"/service-users/{child.pk}/amend/", body


def _log_post_on_the_page(world: World, ref) -> tuple:
    body = {"unit": ref.unit.pk, "kind": "letter", "sender_name": "County Hall",
            "subject": "Attendance report", "opened": "yes"}  # fmt: skip
    return world.b.officer, "POST", "/post/new/", body


# (what, request builder, refused statuses, accepted statuses)
BODY_REFERENCES = [
    ("fax about a child", _fax_create, (400, 403, 404), (201,)),
    ("telephone request identified as a child", _telephone_identify, (400, 403, 404), (200,)),
    ("child moved to a school", _move_child, (400, 403), (200,)),
    ("allocated worker from a school", _allocate_worker, (400, 403), (200,)),
    ("post logged at a school", _log_post, (400, 403), (201,)),
    ("child moved to a school, on the page", _amend_unit_on_the_page, (200, 400), (200, 302)),
    ("post logged at a school, on the page", _log_post_on_the_page, (200, 400), (302,)),
]


def _snapshot(world: World) -> dict:
    from safehaven.correspondence.models import IncomingPost
    from safehaven.fax.models import FaxJob
    from safehaven.telephone.models import TelephoneRequest

    child_b = type(world.b.child).objects.get(pk=world.b.child.pk)
    return {
        "school B child's unit": child_b.unit_id,
        "school B child's worker": child_b.allocated_worker_id,
        "faxes about school A's child": FaxJob.objects.filter(service_user=world.a.child).count(),
        "calls about school A's child": TelephoneRequest.objects.filter(
            service_user=world.a.child
        ).count(),
        "post at school A": IncomingPost.objects.filter(unit=world.a.unit).count(),
    }


def test_another_schools_objects_named_in_a_request_body_are_refused(world):
    """School B's staff naming school A's child, unit or officer in a body: refused, nothing
    changes, school A's child is not named back; naming their own is accepted."""
    failures = []
    for what, build, refused, accepted in BODY_REFERENCES:
        before = _snapshot(world)
        user, method, path, body = build(world, world.a)
        caller = Caller(user)
        api = path.startswith("/api/")
        client = caller.api if api else caller.page
        send = getattr(client, method.lower())
        response = send(path, body, format="json") if api else send(path, body)
        text = response.content.decode("utf-8", "replace")
        if response.status_code not in refused:
            failures.append(f"{what} A: {method} {path} -> {response.status_code}: {text[:200]}")
        if any(n in text for n in world.a.names):
            failures.append(f"{what} A: {method} {path}: school A's child named in the answer")
        if (after := _snapshot(world)) != before:
            failures.append(f"{what} A: {method} {path} changed {before} to {after}")

        def own(build=build):
            user, method, path, body = build(world, world.b)
            caller = Caller(user)
            client = caller.api if path.startswith("/api/") else caller.page
            send = getattr(client, method.lower())
            if path.startswith("/api/"):
                return path, send(path, body, format="json")
            return path, send(path, body)

        path, response = _savepoint(own)
        if response.status_code not in accepted:
            text = response.content.decode("utf-8", "replace")[:300]
            failures.append(f"{what} B (own): {path} -> {response.status_code}: {text}")
    assert not failures, "\n".join(failures)


# 3. Roles.


def _role_user(world: World, role: str):
    return {
        OFFICER: world.a.officer,
        MANAGER: world.a.authoriser,
        DPO: world.dpo,
        ADMIN: world.administrator,
    }[role]


def test_each_role_gets_only_its_pages(world):
    """A role not listed for a URL gets 403 (404 where the object check comes first, 405 for a
    method the view does not take); a listed role is not refused."""
    callers = {role: Caller(_role_user(world, role)) for role in ALL}
    failures: list[str] = []
    counts = {"urls with a role check": 0, "refused requests": 0}
    for url, spec in _classified(world):
        if spec.read == ALL and spec.write == ALL:
            continue
        counts["urls with a role check"] += 1
        path = path_for(url, spec, world, _all_a(spec, world))
        has_object = bool(spec.params)
        refused_codes = (403, 404) if has_object else (403,)
        for role in sorted(ALL):
            denied_methods = [
                m for m in methods(url) if role not in (spec.read if m == "GET" else spec.write)
            ]
            if not denied_methods:
                continue
            reached = False
            for method in denied_methods:
                result = callers[role].call(url, method, path)
                counts["refused requests"] += 1
                if result.status not in (*refused_codes, 405):
                    failures.append(_show(role, result, f"expected {refused_codes}"))
                reached |= result.status in refused_codes
            if not reached:
                failures.append(f"{role}: {path}: no method reached the role check")
        # The first listed role is let in (GET, or an empty POST whose writes are undone).
        allowed = next(role for role in (OFFICER, MANAGER, DPO, ADMIN) if role in spec.read)
        if has_object:
            result = callers[allowed].call(url, "GET", path)
            if result.status == 405:
                result = _savepoint(lambda a=allowed, u=url, p=path: callers[a].call(u, "POST", p))
            if result.status in (401, 403, 404) or result.status >= 500:
                failures.append(_show(allowed, result, "a permitted role was refused"))
    assert counts["urls with a role check"] > 50, counts
    assert not failures, f"{len(failures)} failures ({counts}):\n" + "\n".join(failures)
