"""Email checks (EMAIL-1..6, SENS-2, SENS-3): pure Python, shared by the CLI, gateway and web."""

from safehaven.core.email.checks import EXIT_STATUS, EmailCheckResult, check_message
from safehaven.core.email.directory import (
    Contact,
    Directory,
    InMemoryDirectory,
    Restriction,
    SendHistory,
    ServiceUserRef,
)
from safehaven.core.email.policy import (
    DomainSecurity,
    Policy,
    PolicyError,
    TransportStatus,
    default_policy,
    import_secure_domain_csv,
    load_policy,
    policy_from_dict,
)

__all__ = [
    "EXIT_STATUS",
    "Contact",
    "Directory",
    "DomainSecurity",
    "EmailCheckResult",
    "InMemoryDirectory",
    "Policy",
    "PolicyError",
    "Restriction",
    "SendHistory",
    "ServiceUserRef",
    "TransportStatus",
    "check_message",
    "default_policy",
    "import_secure_domain_csv",
    "load_policy",
    "policy_from_dict",
]
