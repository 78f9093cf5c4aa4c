"""Worker side of a parallel `register verify`, kept free of Django imports at module level.

Workers start from a fresh interpreter (the "forkserver" method), never by forking the caller:
a forked child inherits locks held by the caller's other threads (a web server's, a test
browser's) and can hang for ever. So each worker sets Django up itself, on the caller's
settings and database.
"""

from __future__ import annotations

import os


def worker_setup(settings_module: str, database: dict, chain_key: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"].update(database)
    settings.REGISTER_CHAIN_KEY = chain_key


def verify_range(lo: int, hi: int, chunk_size: int):
    from safehaven.register.selectors import _verify_range

    return _verify_range(lo, hi, chunk_size)
