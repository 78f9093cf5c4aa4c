"""Subject-access export (UK GDPR Art. 15(1)(c)): every register entry about one person."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone

from safehaven.records.access import access_log_record
from safehaven.records.models import AccessLog, ServiceUser
from safehaven.register.models import Disclosure
from safehaven.register.selectors import disclosures_for_service_user

SAR_COLUMNS = (
    ("Register entry", lambda d: str(d.sequence)),
    (
        "Date and time (UTC)",
        lambda d: d.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"),
    ),
    ("Channel", lambda d: d.get_channel_display()),
    ("Outcome", lambda d: d.get_outcome_display()),
    ("Recipient", lambda d: d.recipient_name),
    ("Recipient role", lambda d: d.recipient_role),
    ("Recipient organisation", lambda d: d.recipient_organisation_name),
    ("What was disclosed", lambda d: d.summary),
    ("Purpose", lambda d: d.reason),
    ("Lawful basis", lambda d: d.get_lawful_basis_display()),
    ("Justification", lambda d: d.lawful_basis_justification),
    ("Reason not shared", lambda d: d.refusal_reason),
)


class SarFormatError(ValueError):
    pass


def _csv(entries: list[Disclosure]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in SAR_COLUMNS])
    for d in entries:
        # Neutralise spreadsheet formulas in free text.
        writer.writerow(
            ["'" + v if v[:1] in "=+-@" else v for v in (fn(d) for _, fn in SAR_COLUMNS)]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _pdf(service_user: ServiceUser, entries: list[Disclosure]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="Subject access: disclosures",
    )
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    story = [
        Paragraph("Disclosures of personal information: subject access", styles["Title"]),
        Paragraph(
            f"About: {service_user.given_name} {service_user.family_name}, born "
            f"{service_user.date_of_birth:%d/%m/%Y}. Produced "
            f"{timezone.now().astimezone(dt.UTC):%d/%m/%Y %H:%M} UTC. "
            f"Entries: {len(entries)}. (UK GDPR Article 15(1)(c): the recipients to whom "
            f"personal data have been disclosed.)",
            styles["BodyText"],
        ),
        Spacer(1, 4 * mm),
    ]
    cols = [0, 1, 2, 3, 4, 6, 7, 8, 9, 11]
    header = [Paragraph(f"<b>{SAR_COLUMNS[i][0]}</b>", small) for i in cols]
    rows = [header]
    from xml.sax.saxutils import escape

    for d in entries:
        rows.append([Paragraph(escape(SAR_COLUMNS[i][1](d)), small) for i in cols])
    if not entries:
        rows.append([Paragraph("No disclosures are recorded.", small)] + [""] * (len(cols) - 1))
    widths = [14, 24, 18, 18, 32, 32, 45, 35, 25, 30]
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buf.getvalue()


def sar_export(*, service_user: ServiceUser, fmt: str, user=None) -> bytes:
    """Every register entry about this service user, oldest first, as CSV or PDF bytes.

    Other children named in a multi-child entry are not listed. Logged as a subject access
    export when `user` is given.
    """
    fmt = fmt.lower()
    if fmt not in {"csv", "pdf"}:
        raise SarFormatError("Choose csv or pdf.")
    entries = list(disclosures_for_service_user(service_user=service_user).order_by("sequence"))
    data = _csv(entries) if fmt == "csv" else _pdf(service_user, entries)
    if user is not None:
        access_log_record(
            user=user,
            service_user=service_user,
            action=AccessLog.Action.SAR_EXPORT,
            detail=f"{fmt} entries={len(entries)}",
        )
    return data
