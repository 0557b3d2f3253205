"""Borough profile: one authority against its sub-region, Inner or Outer London, London and a group
the reader picks (kept in the link as ?group=) on every headline indicator, with trends, a
generated narrative, and the profile as a one-page PDF."""

from dataclasses import replace

import streamlit as st

from wayahead.charts.report_pdf import profile_pdf
from wayahead.charts.trends import area_trend
from wayahead.figures.metrics.core import years_with_returns
from wayahead.figures.neighbours import nearest_neighbours
from wayahead.figures.profile import GROUP_MOST, GROUP_PARAM, BoroughProfile, borough_profile, group_from_link
from wayahead.figures.scorecard import authority_scorecard
from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.ui.blocks import CHART_OPTIONS, recommendation_tables
from wayahead.ui.data import cached
from wayahead.ui.downloads import as_shown, current_provenance, data_block, shown_title
from wayahead.ui.entry import through_dashboard
from wayahead.ui.links import link_notes, link_params, start_at_top
from wayahead.ui.sections import notes_section
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.style import two_to_a_row
from wayahead.ui.text import caption, paragraph, plain_table
from wayahead.words.narrative import (
    NO_NEAREST_NEIGHBOURS,
    area_text,
    authority_value_text,
    borough_narrative,
    borough_value_text,
    comparison_note,
    comparison_sentence,
    comparison_table,
    neighbours_method,
    value_text,
)
from wayahead.words.scorecard import authority_scorecard_table

through_dashboard()
start_at_top()


def _follow_choice() -> None:
    st.query_params["la"] = st.session_state["profile_authority"]


def _follow_group() -> None:
    chosen = st.session_state["profile_group"]
    if chosen:
        st.query_params[GROUP_PARAM] = ",".join(chosen)
    elif GROUP_PARAM in st.query_params:
        del st.query_params[GROUP_PARAM]


def _use_group(codes: tuple[str, ...]) -> None:
    st.query_params[GROUP_PARAM] = ",".join(codes)


def chosen_authority(filters) -> tuple[str, tuple[str, ...]]:
    """The authority from the link or the filters (?la=), else the one picked here; and the
    group to compare it with, from the link (?group=) or picked here, never the authority itself."""
    codes = [a.code for a in AUTHORITIES]
    if filters.authorities:
        st.session_state["profile_authority"] = filters.authorities[0]
    left, right = st.columns([1, 2])
    code = left.selectbox(
        "Authority",
        codes,
        format_func=lambda c: BY_CODE[c].name,
        key="profile_authority",
        on_change=_follow_choice,
        help="The authority whose profile is shown.",
    )
    link = group_from_link(link_params(), code)
    link_notes(link.notes)
    st.session_state["profile_group"] = list(link.value)
    group = right.multiselect(
        "Compare with your own group",
        [c for c in codes if c != code],
        format_func=lambda c: BY_CODE[c].name,
        key="profile_group",
        on_change=_follow_group,
        max_selections=GROUP_MOST,
        placeholder=f"Choose up to {GROUP_MOST} other authorities",
        help="Their figures are pooled, as London's are, and shown as one more column and line: never added into "
        "the authority's own.",
    )
    neighbours = cached(nearest_neighbours, code, filters.last_year)
    with right:
        if neighbours is None:
            caption(NO_NEAREST_NEIGHBOURS)
        else:
            st.button(
                f"Compare with its {len(neighbours.codes)} nearest neighbours",
                on_click=_use_group,
                args=(neighbours.codes,),
                help="Authorities most alike in population, deprivation and density (published statistics).",
            )
            caption(neighbours_method(neighbours))
    return code, tuple(group)


def trend_chart(profile: BoroughProfile, index: int) -> None:
    c = profile.comparisons[index]
    i = c.indicator
    areas = list(dict.fromkeys(profile.trends["area"]))
    subtitle = f"{profile.authority.name} {borough_value_text(c)}, London {area_text(i, c.london)} in {financial_year_label(c.year)}"
    fig = as_shown(
        area_trend(
            profile.trends,
            i.key,
            areas,
            i.title,
            subtitle,
            lambda v: value_text(i, v),
            own=(profile.authority.name,),
            own_format=lambda v: authority_value_text(i, v),
        )
    )
    sentence = comparison_sentence(profile.authority.name, c)
    alt = f"{fig.layout.title.text or i.title}: lines for {', '.join(areas)}. {subtitle}. {sentence}"
    st.plotly_chart(fig, key=f"trend_{i.key}", alt=alt, **CHART_OPTIONS)
    caption(sentence)
    rows = profile.trends[profile.trends["indicator"] == i.key]
    table = rows.pivot(index="year", columns="area", values="value")[areas].reset_index()
    table["year"] = [financial_year_label(int(y)) for y in table["year"]]
    for area in areas:
        table[area] = [value_text(i, v) for v in table[area]]
    if profile.group_label:  # the group's coverage, year by year
        returned = rows[rows["area"] == profile.group_label]["returned"]
        table[f"{profile.group_label}: returned"] = [f"{n} of {len(profile.group)}" for n in returned]
    stem = f"{profile.authority.slug}_{i.key}"
    data_block(
        table.rename(columns={"year": "Financial year"}), stem, fig.layout.title.text or i.title, fig, i.definition
    )


filters = filters_sidebar()
if not cached(years_with_returns, filters.include_unpublished):
    st.title("Borough profile")
    st.info(
        "No returns have been published yet, so there is no profile to show. Upload returns first "
        "(Manage → Upload returns); the steering group then publishes them."
    )
    st.stop()
code, group = chosen_authority(filters)
profile = cached(borough_profile, code, replace(filters, authorities=(code,)), group)
a = profile.authority
year = financial_year_label(profile.year) if profile.year else filters.years_label()
st.title(shown_title(f"{a.name} against {profile.sub_region_label}, {profile.inner_outer_label} and London, {year}"))
sentences = borough_narrative(profile)
paragraph(sentences[0])
if profile.year is None:
    st.info(
        f"{a.name} has no return for {filters.years_label()}. Widen the years in the filters, "
        "or check the Returns tracker."
    )
    st.stop()
comparison = comparison_table(profile)
with st.container(key="fit_comparison"):  # wraps to the page's width, every column in view (ui.style)
    plain_table(comparison)
caption(comparison_note(profile))
data_block(
    comparison, f"{a.slug}_comparison_{profile.year}", shown_title(f"{a.name} against the areas compared, {year}")
)
note = current_provenance(replace(filters, authorities=(), sub_regions=(), inner_outer=None))  # London's coverage
st.download_button(
    "Download this profile (PDF, one page)",
    data=lambda: profile_pdf(profile, note),
    file_name=f"{a.slug}-profile-{financial_year_label(profile.year).replace('/', '-')}.pdf",
    mime="application/pdf",
    on_click="ignore",
    icon=":material/picture_as_pdf:",
    type="primary",
)
st.header("In words")
for sentence in sentences[1:]:
    paragraph(sentence)
st.header("Trends")
if len(filters.years) == 1:
    st.info("Only one year is chosen, so the trends show a single point. Widen the years in the filters to see change.")
for index, place in enumerate(two_to_a_row(len(profile.comparisons), "profile_trends")):
    with place:
        trend_chart(profile, index)

st.header("Against the report's recommendations")
caption(
    f"{a.name}'s own figure for {financial_year_label(filters.last_year)} on each indicator of the Recommendations "
    "scorecard, whether it meets the rule stated, and London's figure."
)
# Worked out only when opened (London's headline on 20 measures is half the page's time); open, it
# stays open as the reader changes the filters, and travels in the link (?scorecard=).
scorecard_section = st.expander(
    f"{a.name} against the recommendations", key="scorecard", on_change="rerun", bind="query-params"
)
if scorecard_section.open:
    london = replace(filters, authorities=(), sub_regions=(), inner_outer=None)
    own = authority_scorecard_table(cached(authority_scorecard, london, code), a.name)
    with scorecard_section:
        recommendation_tables(own)  # as the Recommendations scorecard page lays them out
        data_block(own, f"{a.slug}_scorecard_{filters.last_year}", f"{a.name} against the recommendations")
notes_section(filters, code, profile.year)
