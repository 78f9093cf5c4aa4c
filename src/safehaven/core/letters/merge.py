"""Mail-merge templates: the wording of a letter with ``$field`` placeholders.

A template never holds the addressee's name and address: those come from the record at print
time (LET-1), through ``Recipient``. A placeholder with no value is an error naming the field,
never a blank gap in a letter that goes out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from string import Template

from safehaven.core.letters.model import LetterContent, LettersError

# Names the template may not use: the address belongs to the record, not to the wording.
_ADDRESS_FIELDS = frozenset(
    {"address", "address_lines", "post_town", "postcode", "recipient_address"}
)


@dataclass(frozen=True, slots=True)
class MergeTemplate:
    """Letter wording with ``$name`` or ``${name}`` placeholders (``$$`` for a dollar sign)."""

    name: str
    salutation: str
    body: tuple[str, ...]
    sign_off: tuple[str, ...] = ("Yours sincerely",)
    subject: str | None = None
    private_and_confidential: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "sign_off", tuple(self.sign_off))
        used = self.fields()
        bad = sorted(used & _ADDRESS_FIELDS)
        if bad:
            raise LettersError(
                f"template {self.name!r} uses {', '.join(bad)}: the address comes from the record "
                "when the letter is printed, so take it out of the wording"
            )

    def _parts(self) -> list[str]:
        return [self.salutation, *self.body, *self.sign_off, self.subject or ""]

    def fields(self) -> frozenset[str]:
        """Every placeholder name the template uses."""
        names: set[str] = set()
        for part in self._parts():
            for m in Template.pattern.finditer(part):
                name = m.group("named") or m.group("braced")
                if name:
                    names.add(name)
                elif m.group("invalid") is not None:
                    raise LettersError(
                        f"template {self.name!r} has a '$' that is not a placeholder: "
                        "write $$ for a dollar sign"
                    )
        return frozenset(names)


_WS = re.compile(r"\s+")


def merge(
    template: MergeTemplate, fields: Mapping[str, str], *, reference: str, date: dt.date | str
) -> LetterContent:
    """The template filled in; LettersError names the first placeholder that has no value."""
    missing = sorted(f for f in template.fields() if not str(fields.get(f, "")).strip())
    if missing:
        raise LettersError(
            f"template {template.name!r} needs a value for {missing[0]}"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    values = {k: _WS.sub(" ", str(v)).strip() for k, v in fields.items()}

    def fill(text: str) -> str:
        return Template(text).substitute(values)

    return LetterContent(
        reference=reference,
        date=date,
        salutation=fill(template.salutation),
        body=tuple(fill(p) for p in template.body),
        sign_off=tuple(fill(s) for s in template.sign_off),
        subject=fill(template.subject) if template.subject else None,
        private_and_confidential=template.private_and_confidential,
    )
