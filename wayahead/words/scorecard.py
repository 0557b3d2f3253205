"""The recommendations scorecard in words: London's figure, its change and whether that is
the way the report asks for, and how many authorities meet each recommendation."""

from __future__ import annotations

import pandas as pd

from wayahead.figures.numbers import finite
from wayahead.figures.scorecard import ScoreLine
from wayahead.returns.london import financial_year_label
from wayahead.words.formatting import NOT_ASKED_TEXT
from wayahead.words.narrative import authority_value_text, change_text, headline_value_text


def direction_words(line: ScoreLine) -> str:
    """'up 2 points: the way the report asks', '…: away from it' or 'no change'; with nothing to
    compare, why, in words read aloud as they are ('no figure for 2024/25', never a dash)."""
    change = finite(line.headline.change)
    words = change_text(line.indicator, change)
    if line.headline.not_asked:
        return NOT_ASKED_TEXT
    if line.headline.previous_not_asked:
        return f"not asked in {financial_year_label(line.headline.year - 1)}, so nothing to compare"
    if line.headline.previous is None:
        return f"no figure for {financial_year_label(line.headline.year - 1)} to compare"
    if change is None or not words:
        return "nothing to compare"
    if words == "no change":
        return words
    toward = change > 0 if line.measure.meets(1.0) else change < 0  # the rule says which way: met by 100% asks for more
    return f"{words}: {'the way the report asks' if toward else 'away from it'}"


def meeting_words(line: ScoreLine) -> str:
    if line.headline.not_asked:
        return NOT_ASKED_TEXT
    if not line.answered:
        return "no authority answered"
    return f"{line.meeting} of {line.answered} authorities that answered"


def scorecard_table(lines: list[ScoreLine]) -> pd.DataFrame:
    """One row per indicator of each recommendation, as the page and its downloads show it."""
    return pd.DataFrame(
        [
            {
                "Recommendation": line.recommendation.title,
                "Report": line.recommendation.section,
                "Measured by": line.indicator.title,
                "An authority meets it with": line.measure.rule,
                "London": headline_value_text(line.headline),
                "Change on the year before": direction_words(line),
                "Authorities meeting it": meeting_words(line),
            }
            for line in lines
        ]
    )


def authority_scorecard_table(lines: list[tuple[ScoreLine, float | None]], name: str) -> pd.DataFrame:
    """The scorecard for one authority: its own figure, whether it meets each rule, and London's."""
    return pd.DataFrame(
        [
            {
                "Recommendation": line.recommendation.title,
                "Measured by": line.indicator.title,
                "An authority meets it with": line.measure.rule,
                name: authority_value_text(line.indicator, own) if own is not None else "not answered",
                "Meets it": "not known" if own is None else "Yes" if line.measure.meets(own) else "No",
                "London": headline_value_text(line.headline),
            }
            for line, own in lines
        ]
    )
