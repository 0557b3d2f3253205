"""Overview: the six headline indicators for the latest year chosen, returns received, the map.

In meeting mode (?meeting=1) it shows one indicator per screen, large, for a projector.
"""

import pandas as pd
import streamlit as st

from wayahead.charts import side_by_side_title
from wayahead.charts.tile_map import LABEL_SIZE, selected_code, tile_map
from wayahead.charts.trends import area_trend, returns_status, sparkline
from wayahead.figures.indicators import headline_indicators, indicator_by_authority, indicator_by_year
from wayahead.figures.indicators import indicator as indicator_called
from wayahead.figures.metrics.against_london import indicator_trend
from wayahead.figures.metrics.core import returned_by_year, years_with_returns
from wayahead.figures.metrics.headline import Headline, headline, headlines_side_by_side
from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.ui import meeting
from wayahead.ui.blocks import CHART_OPTIONS, TILES_IN_A_ROW, coverage_line, headline_tile
from wayahead.ui.commentary import commentary_block
from wayahead.ui.data import cached
from wayahead.ui.downloads import as_shown, data_block, meeting_pack_block, shown_title
from wayahead.ui.entry import through_dashboard
from wayahead.ui.links import link_notes, link_params, open_profile
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption, paragraph
from wayahead.words.formatting import coverage_text
from wayahead.words.glossary import abbreviations_explained
from wayahead.words.narrative import (
    authority_value_text,
    headline_title,
    map_finding,
    overview_summary,
    side_by_side_summary,
    trend_finding,
    value_text,
)

through_dashboard()


def series(h: Headline, filters) -> pd.DataFrame:
    return cached(indicator_by_year, h.indicator.key, filters)


def figures_table(h: Headline, filters) -> pd.DataFrame:
    """The indicator year by year: for several chosen authorities, each one's own column and London's."""
    if len(filters.authorities) > 1:
        trend = cached(indicator_trend, h.indicator.key, filters)
        wide = trend.pivot(index="year", columns="series", values="value").reindex(
            columns=list(dict.fromkeys(trend["series"]))
        )
        return pd.DataFrame(
            {
                "Financial year": [financial_year_label(int(y)) for y in wide.index],
                **{name: [authority_value_text(h.indicator, v) for v in wide[name]] for name in wide.columns},
            }
        )
    by_year = series(h, filters)
    return pd.DataFrame(
        {
            "Financial year": [financial_year_label(int(y)) for y in by_year["year"]],
            h.indicator.title: [value_text(h.indicator, v) for v in by_year["value"]],
            "Authorities returned": by_year["returned"],
            "Authorities answered": by_year["answered"],
        }
    )


def side_by_side_card(items: list[Headline]) -> None:
    """One indicator for several chosen authorities: each one's own figure, then London's."""
    *own, london = items
    with st.container(border=True):
        st.markdown(f"**{shown_title(f'{own[0].indicator.title}, {financial_year_label(own[0].year)}')}**")
        for h in own:
            headline_tile(h, h.area)
            caption(shown_title(coverage_line(h)))
        caption(f"London (reference): {value_text(london.indicator, london.value)}. {coverage_line(london)}")
        commentary_block(london.indicator.key, london.year)


def headline_card(h: Headline, filters) -> None:
    with st.container(border=True):
        headline_tile(h, h.indicator.title)
        by_year = series(h, filters)
        st.plotly_chart(
            sparkline(by_year, lambda v: value_text(h.indicator, v)),
            key=f"spark_{h.indicator.key}",
            **CHART_OPTIONS,
        )
        caption(shown_title(f"{trend_finding(h.indicator, by_year, h.in_scope == 1)}. {coverage_line(h)}"))
        commentary_block(h.indicator.key, h.year)


def map_section(key: str, filters, chosen: str | None = None, projector: float = 0) -> None:
    """The tile map of one indicator; `projector` is the meeting screen's scale (0: the ordinary page)."""
    indicator = (
        indicator_called(chosen)
        if chosen
        else indicator_called(
            st.selectbox(
                "Indicator on the map",
                [i.key for i in headline_indicators()],
                format_func=lambda k: indicator_called(k).title,
                key=f"{key}_indicator",
                help=abbreviations_explained(i.title for i in headline_indicators()),
            )
        )
    )
    year = filters.last_year
    by_authority = cached(indicator_by_authority, indicator.key, filters, year)
    fig = as_shown(
        tile_map(
            by_authority,
            f"{indicator.title}, {financial_year_label(year)}",
            lambda v: authority_value_text(indicator, v),
            subtitle=map_finding(indicator, by_authority),
            label_size=round(16 * projector) if projector else LABEL_SIZE,
            colour_key=not indicator.yes_no,
            chosen=filters.codes(),
        )
    )
    if projector:
        meeting.for_projector(fig, 480, projector)
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key=f"{key}_map", **CHART_OPTIONS)
    clicked = selected_code(event)
    if clicked:
        open_profile(clicked, filters.to_query())
    if projector:
        return
    caption(
        f"{coverage_text(int(by_authority['value'].notna().sum()), len(filters.codes()))} for "
        f"{financial_year_label(year)}. Each tile shows the authority's short name and its figure; grey "
        'hatched tiles (legend "Not answered") have no return or left this part blank. Click a tile to open that authority\'s profile.'
    )
    picked = st.selectbox(
        "Open a borough profile",
        [None, *(a.code for a in AUTHORITIES)],
        format_func=lambda c: "Choose an authority…" if c is None else BY_CODE[c].name,
        key=f"{key}_open",
    )
    if picked:
        open_profile(picked, filters.to_query())
    table = by_authority.assign(value=[authority_value_text(indicator, v) for v in by_authority["value"]])
    data_block(
        table.rename(columns={"code": "ONS code", "name": "Authority", "value": indicator.title}),
        f"{indicator.key}_{year}_{key}_map",
        fig.layout.title.text or indicator.title,
        fig,
        indicator.definition,
    )


def meeting_screen(items: list[Headline], filters) -> None:
    """One indicator on one screen (laid out for 1280×720): the figure, its trend and the map. A chosen
    borough or area is drawn beside the London line; several boroughs each have their own line."""
    link = meeting.step_from(link_params(), len(items))
    link_notes(link.notes)
    step = link.value
    meeting.stepper(step, len(items))
    h = items[step - 1]
    several = len(filters.authorities) > 1
    if filters.area_chosen:
        trend = (
            cached(indicator_trend, h.indicator.key, filters)
            .rename(columns={"series": "area"})
            .assign(indicator=h.indicator.key)
        )
        areas = list(dict.fromkeys(trend["area"]))
        finding = (
            "Each authority's own figure, with London for reference"
            if several
            else f"{filters.area_label()} beside London"
        )
    else:
        areas = [filters.area_label()]
        trend = series(h, filters).assign(indicator=h.indicator.key, area=areas[0])
        finding = trend_finding(h.indicator, trend, h.in_scope == 1)
    if several:  # each chosen authority's own figure, London for reference: nothing added up
        st.title(
            shown_title(
                side_by_side_title(
                    trend.rename(columns={"area": "series"}),
                    h.indicator.title,
                    h.indicator.unit,
                    yes_no=h.indicator.yes_no,
                )
            )
        )
    else:
        st.title(shown_title(headline_title(h)))
    left, right = st.columns([1, 1])
    with left:
        if several:
            sets = cached(headlines_side_by_side, h.indicator.key, filters)
            tiles = st.columns(min(len(sets), 3))
            for at, each in enumerate(sets):
                with tiles[at % len(tiles)]:
                    headline_tile(each, each.area)  # the year is in the title
            paragraph(" ".join(f"{each.area}: {coverage_line(each)}" for each in sets))
        else:
            headline_tile(h, f"{filters.area_label()}, {financial_year_label(h.year)}")
            paragraph(shown_title(coverage_line(h)))
        for suffix, scale in meeting.SCREENS.items():
            fig = area_trend(
                trend,
                h.indicator.key,
                areas,
                finding,
                ", ".join(areas),
                lambda v: value_text(h.indicator, v),
                own={BY_CODE[code].name for code in filters.authorities},
                own_format=lambda v: authority_value_text(h.indicator, v),
            )
            st.plotly_chart(meeting.for_projector(fig, 270, scale), key=f"meeting_trend{suffix}", **CHART_OPTIONS)
    with right:
        for suffix, scale in meeting.SCREENS.items():
            map_section(f"meeting{suffix}", filters, chosen=h.indicator.key, projector=scale)


def full_page(items: list[Headline], filters) -> None:
    st.title(shown_title(f"{filters.area_label()} at a glance, {financial_year_label(filters.last_year)}"))
    several = len(filters.authorities) > 1
    if several:
        sets = [cached(headlines_side_by_side, h.indicator.key, filters) for h in items]
        paragraph(side_by_side_summary(sets, filters.area_label()))
    else:
        paragraph(overview_summary(items, filters.area_label()))
    for row in range(0, len(items), TILES_IN_A_ROW):
        for column, at in zip(st.columns(TILES_IN_A_ROW), range(row, min(row + TILES_IN_A_ROW, len(items)))):
            with column:
                if several:
                    side_by_side_card(sets[at])
                else:
                    headline_card(items[at], filters)
    left, right = st.columns([3, 2])
    with left:
        st.header("By authority")
        map_section("overview", filters)
    with right:
        st.header("Returns received")
        returned = cached(returned_by_year, filters)
        fig = as_shown(returns_status(returned, len(filters.codes())))
        st.plotly_chart(fig, key="returns_status", **CHART_OPTIONS)
        caption("How many authorities in scope sent a return for each financial year.")
        data_block(
            returned.assign(year=[financial_year_label(int(y)) for y in returned["year"]]).rename(
                columns={"year": "Financial year", "returned": "Authorities returned"}
            ),
            "returns_received",
            fig.layout.title.text or "Returns received",
            fig,
        )

    st.header("The meeting pack")
    caption(
        "London's six headline indicators (figure, change, coverage, trend and the steering group's commentary) and the recommendations scorecard, "
        f"for {financial_year_label(filters.last_year)}; made when you click, which takes a few seconds."
    )
    meeting_pack_block(filters)  # made only when its button is clicked: the page itself stays fast

    for h in items:
        with st.expander(f"Definition: {h.indicator.title}"):
            paragraph(h.indicator.definition)
            paragraph(h.indicator.why)
            st.dataframe(figures_table(h, filters), hide_index=True)


in_meeting = meeting.is_on()
filters = filters_sidebar()
if not cached(years_with_returns, filters.include_unpublished):
    st.title("Overview")
    st.info(
        "No returns have been published yet. Once returns are uploaded (Manage → Upload returns), "
        "the headline figures, the map and the returns status appear here."
    )
else:
    items = [cached(headline, i.key, filters) for i in headline_indicators()]
    if in_meeting:
        meeting_screen(items, filters)
    else:
        full_page(items, filters)
