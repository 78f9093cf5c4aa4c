"""Letters and post: window-envelope layouts, print jobs and the read-back window check.

Pure Python (ReportLab to draw, pdfplumber to read back); no Django. See docs/letters.md.

    from safehaven.core.letters import (
        Recipient, Sender, LetterContent, LetterRecord, envelope_profile, label_sheet,
        print_job, check_job, check_window, recommend_for_letter, desensitise_letter,
    )
    pdf = print_job(records, envelope_profile("DL"), sender=school, sheet=label_sheet("L7160"))
    results = check_job(pdf, envelope_profile("DL"), [r.recipient for r in records])
"""

from safehaven.core.letters.address import (
    AddressError,
    AddressProblem,
    address_for_print,
    format_address,
    label_fit_problems,
    window_fit_problems,
)
from safehaven.core.letters.check import WindowCheck, check_job, check_window
from safehaven.core.letters.delivery import (
    DeliveryPolicy,
    DeliveryRecommendation,
    DesensitisedLetter,
    delivery_choice_findings,
    desensitise_letter,
    load_delivery_policy,
    recommend_delivery,
    recommend_for_letter,
)
from safehaven.core.letters.merge import MergeTemplate, merge
from safehaven.core.letters.model import (
    AddressBlock,
    EnvelopeProfile,
    LabelSheet,
    LetterContent,
    LetterRecord,
    LettersError,
    ProfileError,
    Recipient,
    Rect,
    Sender,
    envelope_profile,
    label_sheet,
    load_label_sheets,
    load_profiles,
)
from safehaven.core.letters.render import (
    JobWriter,
    LetterLayout,
    PrintBundle,
    letter_layout,
    print_bundle,
    print_job,
)

__all__ = [
    "AddressBlock",
    "AddressError",
    "AddressProblem",
    "DeliveryPolicy",
    "DeliveryRecommendation",
    "DesensitisedLetter",
    "EnvelopeProfile",
    "JobWriter",
    "LabelSheet",
    "LetterContent",
    "LetterLayout",
    "LetterRecord",
    "LettersError",
    "MergeTemplate",
    "PrintBundle",
    "ProfileError",
    "Recipient",
    "Rect",
    "Sender",
    "WindowCheck",
    "address_for_print",
    "check_job",
    "check_window",
    "delivery_choice_findings",
    "desensitise_letter",
    "envelope_profile",
    "format_address",
    "label_fit_problems",
    "label_sheet",
    "letter_layout",
    "load_delivery_policy",
    "load_label_sheets",
    "load_profiles",
    "merge",
    "print_bundle",
    "print_job",
    "recommend_delivery",
    "recommend_for_letter",
    "window_fit_problems",
]
