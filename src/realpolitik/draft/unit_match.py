"""When two quantities are the same for the evaluator: value and unit compared by normalised identity.

- Units are compared after lower-casing, decoding HTML entities, folding spaces and underscores, and dropping
  plural endings ("Tanks" = "tank", "batteries" = "battery").
- Percentages: "%", "per cent", "percent" and "pct" are one unit.
- Money: "CUR", "CUR k", "CUR m", "CUR bn", "CUR tn" (CUR one of US$/USD/$, EUR/€, GBP/£, JPY, CNY, RUB, INR) are
  one currency at different scales: values are compared after scaling (0.2 "US$ m" = 200000 "US$" = 0.0002
  "US$ bn"); the currency must match.
- Designators: a unit that is a model designator alone ("MiG-29") matches a unit naming the same designator
  ("MiG-29 fighters", "MiG-29s"). Nothing else is partial: "aircraft" is not "aircraft carriers", "troops" is not
  "tanks".
- Values match within a relative tolerance of 1e-6.
"""

from __future__ import annotations

import html
import re

_CURRENCY = {"us$": "US$", "usd": "US$", "$": "US$", "eur": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP",
             "jpy": "JPY", "cny": "CNY", "rub": "RUB", "inr": "INR"}
_SCALE = {"": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
          "tn": 1e12, "trillion": 1e12}
_MONEY = re.compile(r"(?P<cur>us\$|usd|\$|eur|€|gbp|£|jpy|cny|rub|inr)\s*(?P<scale>k|thousand|mn|m|million|bn|"
                    r"billion|tn|trillion)?")
_DESIGNATOR = re.compile(r"[a-z]{1,4}-\d+[a-z0-9]*")


def unit_key(unit: str) -> str:
    """The unit normalised for comparison: "%" for percentages, "money:CUR" for money, else the words lower case
    and singular ("Kilo-class submarines" → "kilo-class submarine", "MiG-29s" → "mig-29")."""
    low = " ".join(re.split(r"[\s_]+", html.unescape(unit).strip().lower()))
    if low in ("%", "per cent", "percent", "pct", "percentage", "percentage points"):
        return "%"
    money = _MONEY.fullmatch(low)
    if money:
        return f"money:{_CURRENCY[money.group('cur')]}"
    return " ".join(_singular(w) for w in low.split())


def _singular(word: str) -> str:
    if _DESIGNATOR.fullmatch(word[:-1]) and word.endswith("s"):
        return word[:-1]  # "mig-29s"
    if len(word) <= 3:
        return word
    return word[:-3] + "y" if word.endswith("ies") else re.sub(r"(?<=[a-z0-9])s$", "", word)


def base_value(value: float, unit: str) -> float:
    """The value in the unit's base (money in units of its currency, anything else unchanged)."""
    money = _MONEY.fullmatch(" ".join(unit.strip().lower().split()))
    return value * _SCALE[money.group("scale") or ""] if money else value


def same_unit(a: str, b: str) -> bool:
    """Whether two units name the same thing (the rules in this module's docstring; money scale is ignored here)."""
    ka, kb = unit_key(a), unit_key(b)
    if ka == kb:
        return True
    for alone, other in ((ka, kb), (kb, ka)):
        if _DESIGNATOR.fullmatch(alone) and alone in other.split():
            return True
    return False


def same_quantity(value_a: float, unit_a: str, value_b: float, unit_b: str) -> bool:
    """Whether two (value, unit) pairs are the same quantity: same unit, and equal values after scaling money."""
    if not same_unit(unit_a, unit_b):
        return False
    a, b = base_value(value_a, unit_a), base_value(value_b, unit_b)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
