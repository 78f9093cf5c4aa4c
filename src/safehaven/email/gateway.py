"""The gateway on the web app's database (`safehaven gateway --records django`, the default).

The checks read the same policy (`email_policy()`: the DPO's version, the records' secure and
partner domains) and the same records (`DjangoDirectory`) as the pre-send page; relayed mail that
names service users is written to the register, blocked and held mail to the near-miss logs
(`EmailNearMiss` and the DPO's cross-channel log), and who wrote to whom to
`EmailRecipientHistory`. Held mail goes to the folder the web quarantine reviews
(`quarantine_dir()`).

Database work never runs on the gateway's event loop: the checks run in worker processes (each
sets Django up itself, from a forkserver) and the writes in the gateway's thread pool.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from safehaven.core.email.directory import Directory
from safehaven.core.email.policy import Policy
from safehaven.email.records_cache import RecordsCache
from safehaven.gateway.backends import Sinks

DEFAULT_SETTINGS = "safehaven.settings.local"
# How long a check worker keeps the policy before reading it again (records, DPO's version).
POLICY_TTL_SECONDS = 30.0
# How long after overriding a warning at the pre-send check the sent message is matched to it.
OVERRIDE_MATCH_HOURS = 24
# `DeciderNotice` rows older than this (or the notice interval, if longer) are deleted, at most
# once every NOTICE_PRUNE_EVERY seconds per gateway process, when a notice is claimed.
NOTICE_ROWS_KEPT = 24 * 3600.0
NOTICE_PRUNE_EVERY = 3600.0


def setup_django() -> None:
    """Sets Django up in a process that has not (the gateway command, a check worker)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _policy_file_mtime() -> float:
    """The DPO's policy file (`SAFEHAVEN_EMAIL_POLICY`), if any: its mtime, 0 without one."""
    from django.conf import settings

    path = getattr(settings, "SAFEHAVEN_EMAIL_POLICY", None)
    if not path:
        return 0.0
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def quarantine_dir() -> Path:
    """The held-mail folder the web UI reviews: `SAFEHAVEN_QUARANTINE_DIR` (setting or
    environment), else `DATA_DIR/spool`."""
    from django.conf import settings

    configured = getattr(settings, "SAFEHAVEN_QUARANTINE_DIR", None) or os.environ.get(
        "SAFEHAVEN_QUARANTINE_DIR"
    )
    return Path(configured) if configured else Path(settings.DATA_DIR) / "spool"


class DjangoHistory:
    def record_sent(self, *, sender: str, addresses: Iterable[str]) -> None:
        """One row per (sender, address): inserted, or its `last_at` moved. The statement
        `bulk_create(update_conflicts=True, unique_fields=["sender", "address"],
        update_fields=["last_at"])` builds, written once (0.48 -> 0.20 ms of CPU for one
        address); values prepared by the fields themselves. Addresses are
        de-duplicated after lower-casing (PostgreSQL refuses an upsert that meets its own row
        twice)."""
        from django.db import connection
        from django.utils import timezone

        from safehaven.email.models import EmailRecipientHistory

        sender = (sender or "").strip().lower()
        if not sender:
            return
        now = timezone.now()
        wanted: dict[str, str] = {}  # address as stored -> its domain
        for a in addresses:
            if "@" in a:
                full = a.strip().lower()
                wanted.setdefault(full[:254], full.rsplit("@", 1)[-1][:254])
        if not wanted:
            return
        meta = EmailRecipientHistory._meta
        fields = [meta.get_field(n) for n in ("sender", "address", "domain", "first_at", "last_at")]
        params: list = []
        for address, domain in wanted.items():
            values = (sender[:254], address, domain, now, now)
            params += [
                f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)
            ]
        qn = connection.ops.quote_name
        table, columns = qn(meta.db_table), ", ".join(qn(f.column) for f in fields)
        rows = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(wanted))
        on = f"ON CONFLICT ({qn('sender')}, {qn('address')}) DO UPDATE SET "
        on += f"{qn('last_at')} = EXCLUDED.{qn('last_at')}"
        # Names from the model, values as parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES {rows} {on}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


class DjangoOverrides:
    def override_matched(
        self,
        *,
        override_id: int,
        correlation_id: str,
        message_id: str,
        verdict: str,
        rules: list[str],
        covered: bool,
    ) -> None:
        from safehaven.email.models import EmailOverrideMatch

        EmailOverrideMatch.objects.create(
            override_id=override_id,
            correlation_id=correlation_id[:64],
            message_id=message_id[:250],
            verdict=verdict[:10],
            rules=list(rules),
            covered=covered,
        )


def site_url() -> str:
    """SafeHaven's address as staff open it (`SAFEHAVEN_SITE_URL`, setting or environment, e.g.
    https://safehaven.county.gov.uk), without a trailing slash; "" when not configured."""
    from django.conf import settings

    value = getattr(settings, "SAFEHAVEN_SITE_URL", None) or os.environ.get(
        "SAFEHAVEN_SITE_URL", ""
    )
    return str(value or "").strip().rstrip("/")


class DjangoHeldNotice:
    def held_notice(self, *, qid: str, meta: dict) -> Any:
        """Who may decide the message just held (`held_mail_deciders`: the DPOs and the
        authorisers who may review it, else the administrators as the last resort; never its
        sender; active accounts with an email address) and the link to it on the quarantine
        page, as an absolute address when SAFEHAVEN_SITE_URL is set."""
        from safehaven.email.selectors import held_mail_deciders
        from safehaven.gateway.backends import HeldNotice
        from safehaven.gateway.spool import Held

        _how, people = held_mail_deciders(held=Held(qid, dict(meta)))
        addresses = tuple(
            dict.fromkeys(
                p.email.strip() for p in people if p.is_active and (p.email or "").strip()
            )
        )
        link = _page("email-quarantine-detail", "Held email", qid=qid)
        return HeldNotice(addresses=addresses, link=link)

    def claim_notices(self, *, addresses: Iterable[str], interval: float) -> list[str]:
        """Of `addresses`, those not sent a decider notice in the last `interval` seconds, each
        marked as notified now (`DeciderNotice`), in the web app's database: every gateway
        process, and one restarted, shares the limit. Per address one conditional UPDATE (the
        last notice old enough), else one INSERT (never notified): of two processes claiming
        the same address at once, exactly one gets it. Rows that can no longer matter are
        deleted here too, at most once an hour per process (`prune_notices`)."""
        from django.db import IntegrityError, transaction
        from django.utils import timezone

        from safehaven.email.models import DeciderNotice

        now = timezone.now()
        self.prune_notices(interval=interval, now=now)
        due = []
        for address in dict.fromkeys(a.strip() for a in addresses):
            key = address.lower()[:254]
            if not key:
                continue
            if DeciderNotice.objects.filter(
                address=key, notified_at__lte=now - dt.timedelta(seconds=max(0.0, interval))
            ).update(notified_at=now):
                due.append(address)
                continue
            if DeciderNotice.objects.filter(address=key).exists():
                continue
            try:
                with transaction.atomic():
                    DeciderNotice.objects.create(address=key, notified_at=now)
            except IntegrityError:
                continue  # another process claimed it first
            due.append(address)
        return due

    def deciders_without_address(self) -> dict[str, Any]:
        """How many active accounts may decide held mail and have no email address (no notice
        can reach them), by role: counts only, for the gateway's start-up log line."""
        from safehaven.email.selectors import deciders_without_email

        found = deciders_without_email()
        return {"count": found.count, "roles": found.roles_text() if found.count else ""}

    def notice_sent(self, *, addresses: Iterable[str]) -> None:
        """A notice claimed earlier, kept while the relay was down, went now: the interval
        counts from now (one UPDATE; a row is never moved back)."""
        from django.utils import timezone

        from safehaven.email.models import DeciderNotice

        now = timezone.now()
        keys = {a.strip().lower()[:254] for a in addresses} - {""}
        if keys:
            DeciderNotice.objects.filter(address__in=keys, notified_at__lt=now).update(
                notified_at=now
            )

    # When this process last deleted old `DeciderNotice` rows (monotonic; None: not yet).
    _pruned_at: float | None = None

    def prune_notices(self, *, interval: float, now: Any = None) -> int:
        """Deletes the `DeciderNotice` rows older than NOTICE_ROWS_KEPT (a day) or the interval
        in use if longer: no claim can be refused by them. At most once every
        NOTICE_PRUNE_EVERY seconds per process (one indexed DELETE); how many rows went."""
        from django.utils import timezone

        from safehaven.email.models import DeciderNotice

        tick = time.monotonic()
        if self._pruned_at is not None and tick - self._pruned_at < NOTICE_PRUNE_EVERY:
            return 0
        self._pruned_at = tick
        keep = max(NOTICE_ROWS_KEPT, float(interval))
        before = (now or timezone.now()) - dt.timedelta(seconds=keep)
        deleted, _ = DeciderNotice.objects.filter(notified_at__lt=before).delete()
        return deleted


def _page(name: str, title: str, **kwargs: str) -> str:
    """A page's address for a notice: absolute with SAFEHAVEN_SITE_URL, else its title and path."""
    from django.urls import reverse

    path = reverse(name, kwargs=kwargs or None)
    base = site_url()
    return base + path if base else f"SafeHaven's {title} page ({path})"


class DjangoBackend:
    """Picklable: carries the settings module and the database settings of the gateway process,
    so a worker reaches the same database (also a test database renamed at run time)."""

    kind = "django"

    def __init__(self, *, settings_module: str | None = None, databases: dict | None = None):
        setup_django()
        from django.db import connections

        self.settings_module = settings_module or os.environ["DJANGO_SETTINGS_MODULE"]
        self.databases = databases or {
            alias: copy.deepcopy(connections[alias].settings_dict) for alias in connections
        }
        self._policy: Policy | None = None
        self._policy_at = 0.0
        self._policy_file_mtime = 0.0
        self._domains: frozenset[str] | None = None
        self._domains_at = 0.0
        self.cache = RecordsCache()

    def __getstate__(self) -> dict:
        return {"settings_module": self.settings_module, "databases": self.databases}

    def __setstate__(self, state: dict) -> None:
        os.environ["DJANGO_SETTINGS_MODULE"] = state["settings_module"]
        self.settings_module = state["settings_module"]
        self.databases = state["databases"]
        self._policy = None
        self._policy_at = 0.0
        self._policy_file_mtime = 0.0
        self._domains = None
        self._domains_at = 0.0
        self.cache = RecordsCache()

    def init_worker(self) -> None:
        """In a fresh worker process: Django set up on the gateway's database."""
        setup_django()
        from django.conf import settings
        from django.db import connections

        for alias, conf in self.databases.items():
            if alias in settings.DATABASES:
                settings.DATABASES[alias].update(conf)
                connections[alias].settings_dict.update(conf)

    def policy(self) -> Policy:
        """`email_policy()` (a few queries and the DPO's policy file). With the records cache
        (SQLite) it is kept until the records stamp moves (a domain, an organisation, a unit or
        the DPO's policy version changed) or the policy file's mtime changes; without it
        (PostgreSQL) it is read again for every message (see `before_check`), and kept at most
        POLICY_TTL_SECONDS within one."""
        now = time.monotonic()
        file_mtime = _policy_file_mtime()
        if self.cache.enabled:
            fresh = self.cache.policy is not None and file_mtime == self._policy_file_mtime
            if not fresh:
                from safehaven.email.policy import email_policy

                self.cache.policy = email_policy()
                self._policy_file_mtime = file_mtime
            return self.cache.policy
        if (
            self._policy is None
            or now - self._policy_at > POLICY_TTL_SECONDS
            or file_mtime != self._policy_file_mtime
        ):
            from safehaven.email.policy import email_policy

            self._policy = email_policy()
            self._policy_at = now
            self._policy_file_mtime = file_mtime
        return self._policy

    def known_domains(self) -> frozenset[str]:
        """For lookalike detection: kept for POLICY_TTL_SECONDS (its register part is a scan of
        the register's recipients, which grows with it), and read again when the records stamp
        moves (a new organisation domain or contact)."""
        now = time.monotonic()
        stale = now - self._domains_at > POLICY_TTL_SECONDS
        if self.cache.enabled and self.cache.known_domains is None:
            stale = True
        if self._domains is None or stale:
            from safehaven.email.directory import known_domains_query

            self._domains = known_domains_query()
            self._domains_at = now
            if self.cache.enabled:
                self.cache.known_domains = self._domains
        return self._domains

    def directory(self) -> Directory:
        from safehaven.email.directory import DjangoDirectory

        return DjangoDirectory(
            user=None,
            webmail_domains=self.policy().webmail_domains,
            known_domains=self.known_domains,
            cache=self.cache,
        )

    def before_check(self) -> None:
        """Persistent connections (CONN_MAX_AGE > 0, e.g. PostgreSQL) are recycled as Django's
        request cycle would; SQLite's (CONN_MAX_AGE 0) stay open in the worker rather than being
        reopened for every message. A connection that failed is replaced by `recover`. Then the
        records stamp is read (one query): what changed since the last message is forgotten."""
        from django.db import DatabaseError, close_old_connections, connection

        if connection.settings_dict.get("CONN_MAX_AGE", 0) != 0:
            close_old_connections()
        try:
            self.cache.refresh()
        except DatabaseError:
            # The check's own queries will meet the same error and `recover` will run.
            self.cache.reset()
        if not self.cache.enabled:
            # No records stamp (PostgreSQL): the policy (secure domains, the DPO's version) is
            # read once per message, so a domain marked not secure holds the very next one.
            self._policy = None

    def recover(self, error: str) -> bool:
        """After a check failed with `error` (an exception's name): True if it is worth one more
        try, with fresh database connections."""
        if error not in {"OperationalError", "InterfaceError", "DatabaseError"}:
            return False
        from django.db import connections

        connections.close_all()
        self._policy = None
        self._domains = None
        self.cache.reset()
        try:
            self.cache.refresh()
        except Exception:  # noqa: BLE001 - the retry's own queries report the error
            self.cache.reset()
        return True

    def override_for(
        self, *, sender: str, recipients: list[str], fingerprint: str
    ) -> dict[str, Any] | None:
        """The newest override (within OVERRIDE_MATCH_HOURS) by the staff account whose email is
        the sender, of a check with this content fingerprint, whose recipients' domains include
        every domain this message goes to. One indexed query, for `warn` messages only."""
        from django.utils import timezone

        from safehaven.email.models import EmailOverride

        if not sender or not fingerprint:
            return None
        # Most warned messages were never overridden: ask that first without the ORM building
        # a join (~1.5 ms), on the indexed fingerprint of a table this app owns.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM mail_emailoverride WHERE content_fingerprint = %s LIMIT 1",
                [fingerprint],
            )
            if cursor.fetchone() is None:
                return None
        since = timezone.now() - dt.timedelta(hours=OVERRIDE_MATCH_HOURS)
        domains = {r.rsplit("@", 1)[-1].strip().lower() for r in recipients if "@" in r}
        for o in EmailOverride.objects.filter(
            content_fingerprint=fingerprint, at__gte=since, user__email__iexact=sender.strip()
        ).order_by("-at", "-pk")[:5]:
            if domains <= set(o.recipient_domains):
                return {"id": o.pk, "reference": o.reference, "rules": list(o.rules)}
        return None

    def presend_sketch(self, *, sender: str, raw: bytes, service_user_ids: list[str]) -> str:
        """The sketch of a held or blocked message (`safehaven.gateway.sketch`), made only when
        its sender has a draft stopped at the pre-send check within PRESEND_MATCH_HOURS that no
        message has followed yet (one small SQL statement on the indexed time: the usual answer
        is no, and then nothing is parsed again), else ""."""
        from django.db import connection
        from django.utils import timezone

        from safehaven.email.sinks import PRESEND_MATCH_HOURS, draft_sketch_of_raw

        address = (sender or "").strip().lower()
        if not address:
            return ""
        since = timezone.now() - dt.timedelta(hours=PRESEND_MATCH_HOURS)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM mail_emailnearmiss s WHERE s.at >= %s AND s.event = 'checked' "
                "AND LOWER(s.sender) = %s AND s.content_sketch <> '' AND NOT EXISTS "
                "(SELECT 1 FROM mail_emailnearmiss f WHERE f.presend_id = s.id) LIMIT 1",
                [connection.ops.adapt_datetimefield_value(since), address],
            )
            if cursor.fetchone() is None:
                return ""
        return draft_sketch_of_raw(raw, service_user_ids=service_user_ids)

    def open_sinks(self, spool: Path) -> Sinks:
        from django.db import DatabaseError

        from safehaven.email.models import EmailRecipientHistory
        from safehaven.email.sinks import DjangoNearMissSink, DjangoRegisterSink

        try:
            EmailRecipientHistory.objects.exists()
            self.policy()
        except DatabaseError as exc:
            raise ValueError(
                f"cannot use the web app's database ({type(exc).__name__}): check DATABASE_URL "
                "or SAFEHAVEN_DATA_DIR and run `safehaven migrate`"
            ) from None

        register, near_miss, history = DjangoRegisterSink(), DjangoNearMissSink(), DjangoHistory()
        return Sinks(
            register=_InThread(register, "disclosure_record"),
            near_miss=_InThread(near_miss, "near_miss_record"),
            history=_InThread(history, "record_sent"),
            settings={"records": "django", "settings_module": self.settings_module},
            overrides=_InThread(DjangoOverrides(), "override_matched"),
            held_notice=_InThread(
                DjangoHeldNotice(),
                "held_notice",
                "claim_notices",
                "notice_sent",
                "deciders_without_address",
            ),
            sender_page=_page("email-held-by-me", "Your held email"),
        )


def keep_usable_connections() -> None:
    """Before database work in a long-lived thread of the gateway: persistent connections
    (CONN_MAX_AGE > 0) are recycled as Django's request cycle would; a connection opened with
    CONN_MAX_AGE 0 (SQLite) is kept between messages rather than closed and reopened each time
    (closing SQLite's last connection also checkpoints the WAL: ~15 ms each), and dropped only
    once an error has made it unusable."""
    from django.db import close_old_connections, connections

    if any(c.settings_dict.get("CONN_MAX_AGE", 0) != 0 for c in connections.all()):
        close_old_connections()
        return
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or not conn.errors_occurred:
            continue
        if conn.get_autocommit() != conn.settings_dict["AUTOCOMMIT"] or not conn.is_usable():
            conn.close()
        else:
            conn.errors_occurred = False


class _InThread:
    """A sink method wrapped so that an unusable database connection of this thread is
    replaced first (the gateway is a long-running process outside Django's request cycle)."""

    def __init__(self, target: Any, *methods: str) -> None:
        self.target = target
        for method in methods:
            setattr(self, method, functools.partial(self._call, method))

    def _call(self, method: str, /, **kwargs: Any) -> Any:
        keep_usable_connections()
        return getattr(self.target, method)(**kwargs)
