"""Fax fixtures (fax switched on, a partner, safe and unsafe numbers, jobs) for following fax
checks into the near-miss log. In their own folder: the telephone fixtures one level up use
some of the same names."""

from tests.fax.conftest import (  # noqa: F401
    child,
    fax_dirs,
    fax_on,
    new_job,
    partner,
    ready_job,
    safe_number,
    unsafe_number,
)
