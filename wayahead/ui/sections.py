"""Sections the theme pages compose: a page header, an indicator with its trend, ranking and
map, answers to a choice question over the years, and Yes/No questions over the years."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from wayahead.access.auth import allows
from wayahead.charts import (
    answers_title,
    composition_summary,
    data_table,
    lines_title,
    ranked_bars,
    ranked_summary,
    ranked_title,
    side_by_side_title,
    stacked_bars,
    trend_chart,
    trend_summary,
    trend_title,
    with_not_answered,
    yes_no_summary,
)
from wayahead.charts.tile_map import tile_map
from wayahead.figures.answers import (
    NO_RETURN,
    NOT_ANSWERED,
    NOT_ASKED,
    NUMBERS,
    ON_A_SCALE,
    answer_counts,
    answers_by_authority,
    asked_count,
    equality_led_by_authority,
    organisation_list,
    return_notes,
    specialism_cold_spots,
)
from wayahead.figures.filters import Filters
from wayahead.figures.indicators import counts_as_yes, indicator_by_year, indicator_question, theme_indicators
from wayahead.figures.indicators import indicator as indicator_called
from wayahead.figures.metrics.against_london import area_only, indicator_ranking, indicator_trend, london_wide
from wayahead.figures.metrics.core import category_counts, codes_in_scope, returned_by_year, yes_shares
from wayahead.figures.metrics.funding import AWARD_COUNTS, AWARDS_RULE, awards_by_authority
from wayahead.figures.metrics.headline import headline, headlines_side_by_side
from wayahead.figures.metrics.social_value import SOCIAL_VALUE_MONEY, social_value_money
from wayahead.figures.numbers import missing
from wayahead.figures.per_resident import PER_RESIDENT_RULE, area_total, population_basis, residents
from wayahead.figures.real_terms import deflator
from wayahead.returns import spec
from wayahead.returns.london import financial_year_label
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user
from wayahead.ui.blocks import chart_block, data_section, empty_state, headline_tiles, side_by_side_tiles
from wayahead.ui.data import cached
from wayahead.ui.downloads import data_block
from wayahead.ui.links import open_profile
from wayahead.ui.style import two_to_a_row
from wayahead.ui.text import caption, paragraph
from wayahead.words.formatting import (
    NOT_ANSWERED_TEXT,
    area_total_text,
    format_value,
    money_basis,
    money_terms,
    not_asked_text,
    number,
    per_resident_source,
)


def page_header(title: str, why: str, filters: Filters) -> bool:
    """Title, why the theme matters, and what is in view; False (after saying why) when no
    return matches the filters."""
    st.title(title)
    paragraph(why)
    coverage = cached(returned_by_year, filters)
    returned = int(coverage["returned"].sum())
    shown = f"Showing {filters.area_label()}, {filters.years_label()}."
    if filters.like_for_like:
        kept = len(cached(codes_in_scope, filters))
        shown += f" Like-for-like: {kept} of {len(filters.codes())} authorities returned in every year of the range, and only they are counted."
    if len(filters.authorities) > 1:
        shown += (
            " Headline figures and indicator charts show each authority's own figure side by side, with London "
            "for reference; a chart that adds the chosen authorities up says 'total of the selected authorities'."
        )
    caption(shown)
    st.page_link("pages/glossary.py", label="Words used here: the abbreviations and terms on these pages explained")
    if not filters.codes():
        empty_state(
            "No authority matches these filters: the chosen authorities are not in the chosen area. Widen the area or reset the filters."
        )
        return False
    if returned == 0:
        reason = (
            " No authority returned in every year of the range; switch like-for-like off or shorten the range."
            if filters.like_for_like
            else ""
        )
        empty_state(
            f"No returns for {filters.area_label()} in {filters.years_label()}.{reason} Choose other years or "
            "authorities; the Returns tracker shows who has returned."
        )
        return False
    return True


def of_selection(what: str, filters: Filters, word: str = "total of") -> str:
    """`what`, and with several authorities chosen, that the figure adds them up: 'Funding by
    mechanism: total of the selected authorities (Camden and Hackney)'."""
    if len(filters.authorities) < 2:
        return what
    return f"{what}: {word} the selected authorities ({filters.area_label()})"


SECTION = "section"  # the query parameter that names a theme page's open section


def page_sections(sections: Mapping[str, Callable[[], object]]) -> None:
    """A theme page below its headlines, as tabs: only the open section is worked out and sent
    (a page drew a score of charts, every one redrawn on each filter change), and its name
    travels in the link (?section=Payment+by+results). The first is open by default."""
    tabs = st.tabs(list(sections), key=SECTION, bind="query-params")
    for (name, draw), tab in zip(sections.items(), tabs):
        if tab.open:
            with tab:
                # the section's heading for screen readers (visually hidden: its tab says it), so that
                # headings go page (h1), section (h2), chart (h3)
                with st.container(key="section_heading"):
                    st.header(name, anchor=False)
                draw()


def headlines(theme: str, filters: Filters) -> None:
    """Headline tiles for the theme's indicators (figures.indicators.REGISTRY), for the last
    year in the filters; with several authorities chosen, each one's own figure beside London's."""
    keys = [i.key for i in theme_indicators(theme)]
    if len(filters.authorities) > 1:
        side_by_side_tiles([cached(headlines_side_by_side, key, filters) for key in keys])
        return
    headline_tiles([cached(headline, key, filters) for key in keys])


def indicator_section(key: str, filters: Filters) -> None:
    """An indicator's trend (London against the chosen area or authorities), its ranking across
    authorities with the median marked, and the London tile map: beside a Yes-or-No ranking (a
    table), or a click away under ranked bars (london_map_section)."""
    indicator = indicator_called(key)
    unit, what = indicator.unit, indicator.title
    st.subheader(what)
    trend = cached(indicator_trend, key, filters)
    each_answer = indicator.yes_no and bool(filters.authorities)  # each chosen authority's own Yes or No
    title = (
        side_by_side_title(trend, what, unit, yes_no=each_answer)
        if filters.authorities
        else trend_title(trend, what, unit)
    )
    chart_block(
        trend_chart(trend, title, unit),
        trend_summary(trend, what, unit, yes_no=each_answer) + _single_year_note(filters),
        with_not_answered(
            data_table(
                trend,
                {
                    "year": "Financial year",
                    "series": "Area",
                    "value": what,
                    "returned": "Authorities returned",
                    "answered": "Authorities answered",
                },
                unit,
            ),
            trend["answered"] > 0,
        ),
        indicator.definition,
        f"{key}_trend",
    )
    ranking = cached(indicator_ranking, key, filters)
    year = filters.last_year
    if ranking["value"].dropna().empty:
        empty_state(f"No authority in {filters.area_label()} has a figure for {financial_year_label(year)}.")
        return
    if indicator.yes_no:  # a table of Yes and No, with the map beside it where each is wide enough to read
        table, tiles = two_to_a_row(2, f"{key}_by_authority")
        with table:
            data_section(
                yes_no_summary(ranking, what, year),
                data_table(
                    ranking.assign(value=ranking["value"].map({1.0: "Yes", 0.0: "No"})),
                    {"code": "ONS code", "name": "Authority", "value": what},
                ),
                indicator.definition,
                f"{key}_by_authority_{year}",
                what,
            )
        with tiles:
            tile_map_block(key, filters)
    else:
        median_label = "London median" if not (filters.sub_regions or filters.inner_outer) else "Median"
        chart_block(
            ranked_bars(
                ranking,
                ranked_title(ranking, what, unit, year),
                unit,
                median_label,
                ranking.loc[ranking["chosen"], "code"],
            ),
            ranked_summary(ranking, what, unit, year),
            data_table(ranking, {"code": "ONS code", "name": "Authority", "value": what}, unit),
            indicator.definition,
            f"{key}_by_authority_{year}",
        )
        london_map_section(key, filters)
    if (question := indicator_question(indicator)) is not None:
        st.page_link(
            "pages/who_does_what.py",
            label=f"Who answered what: {what}",
            icon=":material/checklist:",
            query_params={"q": f"{question[0]}.{question[1]}"},
        )


def london_map_section(key: str, filters: Filters) -> None:
    """The London map of a figure the ranked bars above already show, a click away: worked out
    and drawn only when opened (drawing it was a third of a theme page's filter change); open,
    it stays open as the reader changes the filters, and travels in the link (?map_grant_share=)."""
    section = st.expander(
        f"London map: {indicator_called(key).title}", key=f"map_{key}", on_change="rerun", bind="query-params"
    )
    if section.open:
        with section:
            tile_map_block(key, filters)


def tile_map_block(key: str, filters: Filters) -> None:
    """The London tile map of an indicator for the last year (all 33 authorities)."""
    indicator = indicator_called(key)
    year = filters.last_year
    frame = cached(indicator_ranking, key, london_wide(filters))
    yes_no = indicator.yes_no
    fig = tile_map(
        frame[["code", "value"]],
        f"{indicator.title}, {financial_year_label(year)}: London map",
        (lambda v: "Yes" if counts_as_yes(v) else "No") if yes_no else (lambda v: format_value(indicator.unit, v)),
        colour_key=not yes_no,  # each square says Yes or No; a colour scale adds nothing
    )
    place = (
        " Each square is one authority, placed roughly where it is in London; hatched grey squares (legend 'Not "
        "answered') have no figure: no return, or that part left blank. Click a square to open that authority's profile."
    )
    chart_block(
        fig,
        (
            "Dark squares answered Yes, light squares No."
            if yes_no
            else ranked_summary(frame, indicator.title, indicator.unit, year)
        )
        + place,
        data_table(frame, {"code": "ONS code", "name": "Authority", "value": indicator.title}, indicator.unit),
        indicator.definition,
        f"{key}_map_{year}",
        on_tile=lambda code: open_profile(code, filters.to_query()),
    )


def _single_year_note(filters: Filters) -> str:
    return " Choose more than one year to see a trend." if filters.first_year == filters.last_year else ""


def choice_section(
    filters: Filters, sheet_key: str, field_key: str, what: str, definition: str, ordered: bool = False
) -> None:
    """How returns answered a choice question each year, as stacked shares."""
    counts = cached(category_counts, filters, sheet_key, field_key)
    label = spec.sheet(sheet_key).field(field_key).label
    frame = counts.assign(x=[financial_year_label(int(y)) for y in counts["year"]], value=counts["share"])
    categories = list(dict.fromkeys(counts["category"]))
    chart_block(
        stacked_bars(frame, answers_title(frame, of_selection(what, filters)), "share", categories, ordered=ordered),
        composition_summary(frame, "share") + " Shares are of the authorities that returned each year.",
        data_table(
            counts,
            {"year": "Financial year", "category": label, "count": "Authorities", "share": "Share"},
            "share",
            ("share",),
        ),
        definition,
        f"{sheet_key}_{field_key}",
    )


def yes_no_section(
    filters: Filters,
    sheet_key: str,
    field_keys: Sequence[str],
    what: str,
    definition: str,
    names: Sequence[str] | None = None,
) -> None:
    """The share answering Yes to each question, year by year, one line per question (for an
    indicator's own question, `indicator_lines`)."""
    shares = cached(yes_shares, filters, sheet_key, tuple(field_keys))
    if names:
        shares["label"] = shares["field"].map(dict(zip(field_keys, names)))
    frame = shares.rename(columns={"label": "series", "share": "value"})
    if len(field_keys) == 1:
        frame["series"] = filters.area_label()
    lines_section(
        frame,
        of_selection(what, filters),
        "share",
        {
            "year": "Financial year",
            "series": "Area" if len(field_keys) == 1 else "Question",
            "yes": "Yes",
            "answered": "Answered",
            "value": "Share Yes",
        },
        definition,
        f"{sheet_key}_{'_'.join(field_keys)}",
    )


def indicator_lines(filters: Filters, key: str, sheet_key: str, field_key: str) -> None:
    """A Yes-or-No indicator's share year by year, titled and defined by its record."""
    about = indicator_called(key)
    yes_no_section(filters, sheet_key, (field_key,), about.title, about.definition)


def lines_section(
    frame: pd.DataFrame, what: str, unit: str, columns: dict[str, str], definition: str, file_stem: str
) -> None:
    """Lines from frame[year, series, value] titled by the finding, with summary, data and definition."""
    chart_block(
        trend_chart(frame, lines_title(frame, what, unit), unit),
        trend_summary(frame, what, unit),
        data_table(frame, columns, unit),
        definition,
        file_stem,
    )


def money_note(filters: Filters, real_terms: bool = False) -> None:
    """Say how money is measured: cash or (where the page applies `filters.real_terms`, so
    `real_terms`) real terms and, shown per resident, the population it is divided by."""
    terms = money_terms(cached(deflator), real_terms and filters.real_terms)
    caption(money_basis(terms, per_resident_words(filters.years)) if filters.per_resident else terms)


def per_resident_words(years: list[int]) -> str:
    """Which population money per resident in `years` is divided by, citing its source."""
    return per_resident_source(cached(population_basis), years)


THEME_SHEETS = {
    "Funding": ("funding",),
    "Commissioning": ("commissioning",),
    "Leadership": ("leadership",),
    "Social value": ("social_value",),
    "Training": ("training",),
    "Infrastructure": ("infrastructure", "assets"),
}


def version_2_questions(theme: str, filters: Filters) -> None:
    """The theme's questions added in return version 2: for each Field | Value question, who
    answered what in the last year (a tile map for an answer on a scale, and a table); on a
    year whose returns did not ask them, that they were not asked. Linked to the good-practice
    library, where authorities describe what they did."""
    fields = [
        (sheet_key, f)
        for sheet_key in THEME_SHEETS.get(theme, ())
        for f in spec.sheet(sheet_key).fields
        if f.since > 1 and spec.sheet(sheet_key).layout == "fields" and f.kind in (spec.Kind.YES_NO, spec.Kind.CHOICE)
    ]
    added = [i for i in theme_indicators(theme) if i.since > 1]
    if not fields and not added and theme != "Infrastructure":  # nothing new to show: the library link only
        st.page_link(
            "pages/good_practice.py", label=f"Good practice examples on {theme.lower()}", icon=":material/lightbulb:"
        )
        return
    st.subheader("Questions added in return version 2")
    year = filters.last_year
    if cached(asked_count, filters, year, 2) == 0:
        caption(not_asked_text(2, year) + " Choose 2025/26 or later to see the answers.")
    else:
        if theme == "Funding":
            _against_grant_share(filters)
        for each in theme_indicators(theme):
            if each.since > 1 and not each.yes_no:
                indicator_section(each.key, filters)
        for sheet_key, f in fields:
            answers_section(filters, sheet_key, f.key)
        if theme == "Infrastructure":
            specialisms_section(filters)
    st.page_link(
        "pages/good_practice.py", label=f"Good practice examples on {theme.lower()}", icon=":material/lightbulb:"
    )


def answers_section(filters: Filters, sheet_key: str, field_key: str) -> None:
    """Who answered what to one question in the last year: a tile map (for Yes/No and an
    answer on a scale), how many gave each answer, and each authority's answer to download."""
    f = spec.sheet(sheet_key).field(field_key)
    year = filters.last_year
    answers = cached(answers_by_authority, london_wide(filters), sheet_key, field_key, year)
    if f.kind not in ON_A_SCALE:
        _other_answers(filters, f, answers, f"{sheet_key}_{field_key}_{year}")
        return
    counts = answer_counts(answers, f)
    scale = ["No", "Yes"] if f.kind is spec.Kind.YES_NO else list(f.choices)
    values = answers.assign(value=answers["answer"].map({a: float(i) for i, a in enumerate(scale)}))
    given = counts[counts["answer"].isin(scale)]
    summary = f"{f.label}, {financial_year_label(year)}: " + "; ".join(
        f"{answer} {n}" for answer, n in zip(counts["answer"], counts["authorities"])
    )
    summary += f" (of {len(answers)} authorities)."
    fig = tile_map(
        values[["code", "value"]].dropna(),
        f"{f.label}, {financial_year_label(year)}: London map",
        lambda v: (f.short_choices or scale)[int(v)],
        colour_key=False,
        chosen=filters.codes() if filters.authorities or filters.sub_regions or filters.inner_outer else None,
        missing_labels={c: a.lower() for c, a in zip(answers["code"], answers["answer"]) if a not in scale},
    )
    if given.empty:
        empty_state(f"No authority answered '{f.label}' in {financial_year_label(year)}.")
        return
    chart_block(
        fig,
        summary
        + " Each square names its answer"
        + (
            " (" + "; ".join(f"{a} = {b}" for a, b in zip(f.short_choices, scale) if a != b) + ")"
            if f.short_choices
            else ""
        )
        + "; hatched squares gave none (no return, not answered or not asked).",
        data_table(answers, {"code": "ONS code", "name": "Authority", "answer": f.label}),
        f.help + (f" Asked from return version {f.since} ({f.section})." if f.since > 1 else ""),
        f"{sheet_key}_{field_key}_{year}",
    )


NUMBER_UNITS = {spec.Kind.MONEY: "money", spec.Kind.PERCENT: "percent"}


def _other_answers(filters: Filters, f: spec.Field, answers: pd.DataFrame, stem: str) -> None:
    """A number (a tile map of each authority's figure) or a text or date (a table) to one question."""
    year = filters.last_year
    answered = answers[~answers["answer"].isin([NOT_ANSWERED, NOT_ASKED, NO_RETURN])]
    summary = (
        f"{f.label}, {financial_year_label(year)}: {len(answered)} of {len(answers)} authorities answered"
        + "".join(
            f", {n} {kind.lower()}"
            for kind, n in answers["answer"].value_counts().items()
            if kind in (NOT_ANSWERED, NOT_ASKED, NO_RETURN)
        )
        + "."
    )
    table = data_table(answers, {"code": "ONS code", "name": "Authority", "answer": f.label})
    definition = f.help + (f" Asked from return version {f.since} ({f.section})." if f.since > 1 else "")
    if f.kind not in NUMBERS or answered.empty:
        data_section(summary, table, definition, stem, f"{f.label}, {financial_year_label(year)}")
        return
    unit = NUMBER_UNITS.get(f.kind)
    fig = tile_map(
        answered.assign(value=pd.to_numeric(answered["value"]))[["code", "value"]],
        f"{f.label}, {financial_year_label(year)}: London map",
        (lambda v: format_value("money", v)) if unit == "money" else (lambda v: f"{v:,.0f}" + ("%" if unit else "")),
        chosen=filters.codes() if filters.authorities or filters.sub_regions or filters.inner_outer else None,
        missing_labels={
            c: a.lower() for c, a in zip(answers["code"], answers["answer"]) if c not in set(answered["code"])
        },
    )
    chart_block(fig, summary + " Each square gives the authority's figure.", table, definition, stem)


def _against_grant_share(filters: Filters) -> None:
    """The version 2 funding shares (without competition, ahead of delivery, three years or
    more) year by year beside the grant share, for the area in view."""
    keys = ["grant_share", *(i.key for i in theme_indicators("Funding") if i.since > 1)]
    frames = []
    for key in keys:
        frame = cached(indicator_by_year, key, filters)
        frames.append(frame.assign(series=indicator_called(key).title))
    lines = pd.concat(frames, ignore_index=True)
    lines_section(
        lines,
        of_selection("Funding shares beside the grant share", filters, "across"),
        "share",
        {"year": "Financial year", "series": "Figure", "value": "Share", "answered": "Authorities answered"},
        "Each share is of all money over the Funding rows where that part was answered; the three added in "
        "return version 2 start in 2025/26 (earlier returns did not ask them).",
        "funding_v2_shares",
    )


def specialisms_section(filters: Filters) -> None:
    """Specialism cold spots: for each specialism, the authorities where no infrastructure
    organisation listed offers it; and equality-led provision, authority by authority."""
    year = filters.last_year
    cold = cached(specialism_cold_spots, filters, year)
    st.subheader(f"Specialism cold spots, {financial_year_label(year)}")
    answered = int(cold["answered"].max()) if not cold.empty else 0
    if answered == 0:
        empty_state(
            f"No authority listed its infrastructure organisations' specialisms for {financial_year_label(year)}."
        )
        return
    worst = cold.sort_values("cold_spots", ascending=False).iloc[0]
    data_section(
        f"Of the {answered} authorities that listed specialisms, {spec.lower_first(worst['specialism'])} is missing in the most: "
        f"{worst['cold_spots']}.",
        cold.rename(
            columns={
                "specialism": "Specialism",
                "offered_in": "Authorities where it is offered",
                "answered": "Authorities that listed specialisms",
                "cold_spots": "Cold spots",
                "cold_spot_names": "Cold spots (no organisation offers it)",
            }
        ),
        "A cold spot is an authority whose return (version 2) lists infrastructure organisations with their "
        "specialisms, none of which offers this one. Authorities that did not list specialisms are not counted.",
        f"specialism_cold_spots_{year}",
        f"Specialism cold spots, {financial_year_label(year)}",
    )
    equality = cached(equality_led_by_authority, london_wide(filters), year)
    yes = int((equality["answer"] == "Yes").sum())
    data_section(
        f"Equality-led provision, {financial_year_label(year)}: {yes} {'authority has' if yes == 1 else 'authorities have'} "
        "an infrastructure organisation led by and for an equality group.",
        data_table(equality, {"code": "ONS code", "name": "Authority", "answer": "Equality-led organisation"}),
        "Yes when any infrastructure organisation the return lists is led by and for an equality group.",
        f"equality_led_{year}",
        f"Equality-led infrastructure, {financial_year_label(year)}",
    )


def organisations_section(filters: Filters) -> None:
    """Every infrastructure organisation the returns list for the last year: its type, coverage,
    organisations supported and specialisms, with a link to its public register entry."""
    year = filters.last_year
    listed = cached(organisation_list, filters, year)
    st.subheader(f"The organisations listed, {financial_year_label(year)}")
    if listed.empty:
        empty_state(
            f"No return for {filters.area_label()} lists an infrastructure organisation for {financial_year_label(year)}."
        )
        return
    caption(
        f"{len(listed)} organisations listed by {listed['code'].nunique()} authorities. The register link opens the "
        "Charity Commission (a charity number) or Companies House (a company number) entry for the number given."
    )
    table = listed.drop(columns=["code"]).rename(
        columns={
            "name": "Authority",
            "organisation": "Organisation",
            "type": "Type",
            "coverage": "Coverage",
            "supported": "Organisations supported",
            "registration": "Charity or company number",
            "register": "Register",
            "specialisms": "Specialisms offered",
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"Register": st.column_config.LinkColumn("Register", display_text="Open the register entry")},
    )
    data_block(
        table,
        f"infrastructure_organisations_list_{year}",
        f"Infrastructure organisations, {financial_year_label(year)}",
    )


def awards_section(filters: Filters) -> None:
    """The Funding sheet's counts for the last year, authority by authority: the number of awards
    and of organisations funded, each defined by the return's help, with the area's totals and
    how many answered; a count no Funding row gave is 'not answered', never 0."""
    year = filters.last_year
    area = area_only(filters)
    awards = cached(awards_by_authority, area, year)
    fields = [spec.sheet("funding").field(key) for key in AWARD_COUNTS]
    nouns = {f.key: f.label.removeprefix("Number of ").lower() for f in fields}  # 'awards', 'organisations funded'
    st.subheader(f"Awards and organisations funded, {financial_year_label(year)}")
    totals = [
        area_total_text(
            nouns[f.key],
            area_total(
                dict(zip(awards["code"], awards[f.key])), len(awards), len(area.codes()), year, area.area_label()
            ),
            "count",
        )
        for f in fields
    ]
    table = awards[["code", "name", "rows"]].rename(
        columns={"code": "ONS code", "name": "Authority", "rows": "Funding rows"}
    )
    for f in fields:
        table[f.label] = [NOT_ANSWERED_TEXT if missing(v) else number(v) for v in awards[f.key]]
        table[f"Rows giving {nouns[f.key]}"] = [number(v) for v in awards[f"{f.key}_rows"]]
    data_section(
        " ".join(totals),
        with_not_answered(table, awards["rows"].notna()),
        " ".join(f"{f.label}: {f.help}" for f in fields) + f" {AWARDS_RULE}",
        f"funding_awards_{year}",
        f"Awards and organisations funded, {financial_year_label(year)}",
    )


def social_value_money_section(filters: Filters) -> None:
    """Social value committed by suppliers and, from return version 2, delivered and verified, in
    the last year: each authority's amount and amount per resident, and the area's totals with
    how many answered (a blank is 'not answered', never £0 per resident)."""
    year = filters.last_year
    area = area_only(filters)
    money = cached(social_value_money, area, year)
    fields = [spec.sheet("social_value").field(key) for key in SOCIAL_VALUE_MONEY]
    st.subheader(f"Social value committed and delivered, {financial_year_label(year)}")
    basis = money_basis(population=per_resident_words([year]))
    caption(basis)
    returned = int((money[f"{fields[0].key}_answer"] != NO_RETURN).sum())
    sentences = []
    for f in fields:
        if returned and (money[f"{f.key}_answer"].isin([NOT_ASKED, NO_RETURN])).all():
            sentences.append(f"{f.label}: {not_asked_text(f.since, year)}")
            continue
        amounts = dict(zip(money["code"], money[f.key]))
        figure = area_total(amounts, returned, len(area.codes()), year, area.area_label(), cached(residents, year))
        sentences.append(f"{f.label}: {area_total_text('in all', figure)}")
    table = money[["code", "name"]].rename(columns={"code": "ONS code", "name": "Authority"})
    for f in fields:
        said = money[f"{f.key}_answer"].str.lower()  # 'not answered', 'not asked', 'no return'
        table[f.label] = [word if missing(v) else round(v) for word, v in zip(said, money[f.key])]
        table[f"{f.label.removesuffix(' (£)')} per resident (£)"] = [
            word if missing(v) else round(v, 2) for word, v in zip(said, money[f"{f.key}_per_resident"])
        ]
    data_section(
        " ".join(sentences),
        table.astype({c: str for c in table.columns[2:]}),
        " ".join(
            f"{f.label}: {f.help}" + (f" Asked from return version {f.since} ({f.section})." if f.since > 1 else "")
            for f in fields
        )
        + f" {PER_RESIDENT_RULE} {basis}",
        f"social_value_money_{year}",
        f"Social value committed and delivered, {financial_year_label(year)}",
    )


NOTES_WHO = "Personal data: shown only to signed-in uploaders and admins, as the return wrote it."


def notes_section(filters: Filters, code: str, year: int) -> None:
    """About › Notes of an authority's return, for a signed-in uploader (of that authority, when
    limited to one) or admin only, as plain text; nothing at all for anyone else."""
    user = current_user(get_engine())
    if user is None or not allows(user.role, "uploader") or not user.may_handle(code):
        return
    st.header(f"Notes from the return, {financial_year_label(year)}")
    caption(f"About › Notes. {NOTES_WHO}")
    notes = cached(return_notes, filters, code, year)
    st.text(notes if notes is not None else "No notes: the return left About › Notes blank.")
