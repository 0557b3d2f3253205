"""Finding good-practice examples by theme and words."""

from __future__ import annotations

import pandas as pd

from wayahead.returns.london import financial_year_label

SEARCHED = ("title", "what_changed", "evidence", "name")


def matching_examples(examples: pd.DataFrame, theme: str | None, words: str) -> pd.DataFrame:
    """The examples of `theme` (all when None) whose title, description, evidence or authority
    holds every word of `words` (any case); years written 2025/26."""
    kept = examples if theme is None else examples[examples["theme"] == theme]
    text = pd.Series("", index=kept.index)
    for column in SEARCHED:
        text = text + " " + kept[column].fillna("").astype(str).str.lower()
    for word in words.lower().split():
        kept, text = kept[text.str.contains(word, regex=False)], text[text.str.contains(word, regex=False)]
    kept = kept.copy()
    kept["year"] = [financial_year_label(int(y)) for y in kept["year"]]
    return kept.reset_index(drop=True)
