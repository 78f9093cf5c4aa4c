"""Amounts given on the command line (hours, days): a number, 0 or more, not infinite; anything
else gets one plain-English line naming the value and what to give instead."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def amount(text: str, unit: str, *, example: str, zero: str = "") -> float:
    """`text` as a number of `unit`, 0 or more; a ValueError says what is wrong. `zero`: what 0
    means, said in the message (", or 0 for no reminders")."""
    try:
        value = float(str(text).strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a number of {unit}: give a number such as {example}{zero}"
        ) from None
    if not value >= 0 or value == float("inf"):  # (not >= 0 also refuses nan)
        raise ValueError(f"{text} is not 0 or more {unit}: give a number such as {example}{zero}")
    return value


def amount_type(unit: str, *, example: str, zero: str = "") -> Callable[[str], float]:
    """`amount` as an argparse `type=`: argparse prints the message and exits with 2."""

    def parse(text: str) -> float:
        try:
            return amount(text, unit, example=example, zero=zero)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = unit
    return parse
