"""Page building blocks: a chart with its summary, data and definition; headline tiles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from wayahead.charts.tile_map import selected_code
from wayahead.figures.metrics.headline import Headline
from wayahead.returns.london import financial_year_label
from wayahead.ui.commentary import commentary_block
from wayahead.ui.downloads import as_shown, data_block, shown_title
from wayahead.ui.text import caption, paragraph, spelled_out, strong
from wayahead.words.formatting import NOT_ANSWERED_TEXT, answered_text, coverage_text, not_asked_text
from wayahead.words.narrative import change_basis_text, direction, headline_change_text, headline_value_text

# How every chart is shown: without its toolbar, whose PNG would carry no provenance and which adds eight
# tab stops a chart (the downloads under it say what they are).
CHART_OPTIONS: dict[str, Any] = {"config": {"displayModeBar": False}}


def chart_block(
    fig: go.Figure,
    summary_text: str,
    data_df: pd.DataFrame,
    definition: str,
    file_stem: str,
    on_tile: Callable[[str], None] | None = None,
) -> None:
    """The chart (titled 'Provisional: …' when it is; shown with CHART_OPTIONS), a summary of it in
    words, its data (table and downloads) and its definition. A tile map's clicked tile goes to
    `on_tile` with its ONS code."""
    fig = as_shown(fig)
    title = (fig.layout.title.text or file_stem).replace("<br>", " ")
    alt, key = f"{title}. {summary_text}", f"chart_{file_stem}"
    if on_tile is None:
        st.plotly_chart(fig, width="stretch", key=key, alt=alt, **CHART_OPTIONS)
    else:
        event = st.plotly_chart(
            fig, width="stretch", key=key, alt=alt, on_select="rerun", selection_mode="points", **CHART_OPTIONS
        )
        if code := selected_code(event):
            on_tile(code)
    data_section(summary_text, data_df, definition, file_stem, title, fig)


def data_section(
    summary_text: str, data_df: pd.DataFrame, definition: str, file_stem: str, title: str, fig: go.Figure | None = None
) -> None:
    """A summary in words, the data a click away (ui.downloads.data_block), the definition."""
    paragraph(summary_text)
    data_block(data_df, file_stem, title, fig, definition)
    caption(f"Definition: {definition}")


def _delta(headline: Headline) -> str | None:
    """'down 4 points on 2023/24', or one authority's 'was No in 2023/24'
    (words.narrative.headline_change_text; the arrow follows the change's sign)."""
    return headline_change_text(headline) or None


def coverage_line(headline: Headline) -> str:
    """'32 of 33 answered in 2024/25 (33 of 33 authorities returned; 30 answered in 2023/24).':
    coverage of this indicator, with the returns when some left the question blank; or why the
    figure is withheld."""
    if headline.not_asked:
        return not_asked_text(headline.indicator.since, headline.year)
    if headline.withheld:
        return headline.withheld
    if headline.in_scope == 1 and not headline.like_for_like:
        return f"{'Answered' if headline.answered else NOT_ANSWERED_TEXT.capitalize()} for {financial_year_label(headline.year)}."
    text = f"{answered_text(headline.answered, headline.in_scope)} in {financial_year_label(headline.year)}"
    notes = []
    if headline.answered != headline.returned:
        notes.append(coverage_text(headline.returned, headline.in_scope))
    if not headline.like_for_like and headline.previous_not_asked:
        notes.append(f"not asked in {financial_year_label(headline.year - 1)}")
    elif not headline.like_for_like and headline.previous_answered != headline.answered:
        notes.append(f"{headline.previous_answered} answered in {financial_year_label(headline.year - 1)}")
    text += f" ({'; '.join(notes)})" if notes else ""
    if headline.like_for_like:
        return (
            text
            + f"; like-for-like: change counts only authorities that returned in {financial_year_label(headline.year - 1)} too."
        )
    return f"{text}. {change_basis_text(headline)}".rstrip()


def _colour(headline: Headline) -> Literal["blue", "orange", "gray"]:
    """Blue for a change for the better, orange for worse (colour-blind safe), grey otherwise."""
    arrow = direction(headline.indicator, headline.change)
    if headline.indicator.higher_is != "better" or arrow == "off":
        return "gray"
    return "blue" if arrow == "up" else "orange"


TILES_IN_A_ROW = 3  # at 1280 wide a tile of a row of three shows its indicator's name; of six, "Funding …"


def headline_tiles(headlines: Sequence[Headline]) -> None:
    """One tile per headline: the value, the change from the year before and the coverage; under
    the rows, each one's steering group commentary (the full width, under the tiles)."""
    for row in range(0, len(headlines), TILES_IN_A_ROW):
        for column, headline in zip(st.columns(TILES_IN_A_ROW), headlines[row : row + TILES_IN_A_ROW]):
            with column:
                headline_tile(headline, headline.indicator.title)
                caption(shown_title(coverage_line(headline)))
    for headline in headlines:
        commentary_block(headline.indicator.key, headline.year, titled=len(headlines) > 1)


def headline_tile(headline: Headline, label: str) -> None:
    """The figure with its change on the year before (arrow and colour-blind-safe colour)."""
    indicator = headline.indicator
    st.metric(
        spelled_out(label),
        headline_value_text(headline),
        _delta(headline),
        delta_color=_colour(headline),
        delta_arrow=direction(headline.indicator, headline.change),
        help=indicator.definition,
        border=True,
    )


def side_by_side_tiles(rows: Sequence[Sequence[Headline]]) -> None:
    """For several chosen authorities: per indicator, a row with each authority's own figure
    and London's as the reference, then the steering group's commentary; nothing is added up."""
    for headlines in rows:
        *own, london = headlines
        strong(shown_title(f"{own[0].indicator.title}, {financial_year_label(own[0].year)}"))
        for column, headline in zip(st.columns(len(headlines)), headlines):
            with column:
                headline_tile(headline, headline.area if headline is not london else "London (reference)")
                caption(shown_title(coverage_line(headline)))
        commentary_block(london.indicator.key, london.year)


def recommendation_tables(table: pd.DataFrame) -> None:
    """One table per recommendation under its title (and the report's section, where `table` has a
    "Report" column), each row named by what measures it: five columns or fewer, so that on a
    phone every column is in view with its words whole (ui.style, fit_recommendations)."""
    groups = [column for column in ("Recommendation", "Report") if column in table.columns]
    with st.container(key="fit_recommendations"):
        for (title, *section), rows in table.groupby(groups, sort=False):
            strong(str(title))
            if section:
                caption(f"The report: {section[0]}")
            st.table(rows.drop(columns=groups).set_index("Measured by"))


def empty_state(message: str) -> None:
    """An explanation in place of a chart when there is nothing to show."""
    st.info(message, icon=":material/info:")
