"""Fill a migrated PostgreSQL database with generated service users in set-based SQL.

The same shape as `benchmarks.web_pages._generate` (units "Bench School NNN", the organisation
"Bench Health Trust", two addresses per child, consent for one in five) but about a minute for
a million rows instead of 45 minutes through the ORM. The page benchmarks then reuse the data:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/safehaven migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python -m benchmarks.pg_fill --service-users 1000000
    DATABASE_URL=... .venv/bin/python -m benchmarks.web_pages --requests 200
    DATABASE_URL=... .venv/bin/python -m benchmarks.telephone_pages --requests 200
"""

from __future__ import annotations

import argparse
import os
import time

import psycopg

from benchmarks.web_pages import FAMILY, GIVEN

STATEMENTS = [
    """INSERT INTO accounts_unit (line_1, line_2, line_3, town, postcode, kind, name, dfe_number,
           phone, email)
       SELECT '', '', '', 'Leicester', 'LE1 1AA', 'school', format('Bench School %%s',
              lpad(n::text, 3, '0')), '', '', ''
       FROM generate_series(0, %(units)s - 1) AS n""",
    """INSERT INTO records_organisation (line_1, line_2, line_3, town, postcode, name, kind, email,
           notes, created_at)
       VALUES ('', '', '', 'Leicester', 'LE1 1AA', 'Bench Health Trust', 'health', '', '',
               now())""",
    """INSERT INTO records_serviceuser (given_name, family_name, preferred_name, date_of_birth, upn,
           uln, nhs_number, reference, created_at, updated_at, unit_id)
       SELECT (%(given)s::text[])[1 + floor(random() * cardinality(%(given)s::text[]))::int],
              (%(family)s::text[])[1 + floor(random() * cardinality(%(family)s::text[]))::int],
              '', date '2008-09-01' + floor(random() * 13 * 365)::int, '', '', '',
              format('B%%s', lpad(n::text, 8, '0')), now(), now(),
              (SELECT min(id) FROM accounts_unit) + n %% %(units)s
       FROM generate_series(0, %(count)s - 1) AS n""",
    """INSERT INTO records_address (line_1, line_2, line_3, town, postcode, valid_from, valid_to,
           source, source_detail, confidential, mail_returned, recorded_at, service_user_id)
       SELECT format('%%s Old Road', 1 + floor(random() * 199)::int), '', '', 'Leicester',
              'LE1 1AA', date '2015-01-01', date '2020-01-01', 'primary_import', '', false, false,
              now(), id FROM records_serviceuser""",
    """INSERT INTO records_address (line_1, line_2, line_3, town, postcode, valid_from, valid_to,
           source, source_detail, confidential, mail_returned, recorded_at, service_user_id)
       SELECT format('%%s New Street', 1 + floor(random() * 199)::int), '', '', 'Loughborough',
              'LE11 3TU', date '2020-01-02', NULL, 'primary_import', '', false, false, now(), id
       FROM records_serviceuser""",
    """INSERT INTO records_consent (reference, given_by_name, given_by_relationship,
           recipient_name, purpose, purpose_detail, method, given_at, withdrawn_reason,
           recorded_at, recipient_organisation_id, service_user_id)
       SELECT gen_random_uuid(), 'A Parent', 'mother', '', 'any', '', 'written',
              timestamptz '2025-01-01 00:00+00', '', now(),
              (SELECT id FROM records_organisation WHERE name = 'Bench Health Trust'), id
       FROM records_serviceuser WHERE random() < 0.2""",
    "ANALYZE",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service-users", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a migrated PostgreSQL database.")
    params = {"units": args.units, "count": args.service_users, "given": GIVEN, "family": FAMILY}
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT count(*) FROM records_serviceuser").fetchone()[0]:
            raise SystemExit("The database already holds service users; use an empty one.")
        for sql in STATEMENTS:
            started = time.perf_counter()
            conn.execute(sql, params if "%(" in sql else None)
            print(f"{time.perf_counter() - started:6.1f} s  {' '.join(sql.split()[:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
