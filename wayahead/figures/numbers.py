"""What counts as a figure: the two tests every wing uses for a value that may be blank, NaN,
infinite or not a number at all."""

from __future__ import annotations

import math
from typing import Any, cast

import pandas as pd


def finite(x: object) -> float | None:
    """`x` as a finite float, or None when it is no figure (None, NaN, infinity, not a number)."""
    try:
        value = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def missing(x: object) -> bool:
    """True for a blank: None, NaN or pandas' NA (text and other values are not blank)."""
    try:
        return bool(pd.isna(cast(Any, x)))
    except (TypeError, ValueError):
        return False
