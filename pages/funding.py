"""Funding: grants against contracts, mechanisms, commissioners and who the money reaches."""

import streamlit as st

from wayahead.charts import (
    composition_summary,
    composition_title,
    data_table,
    ranked_bars,
    ranked_summary,
    ranked_title,
    stacked_bars,
    with_not_answered,
)
from wayahead.figures.metrics.against_london import area_only
from wayahead.figures.metrics.funding import CATEGORIES, funding_by, funding_by_authority, reach_shares
from wayahead.figures.per_resident import PER_RESIDENT_RULE, area_total, residents
from wayahead.figures.real_terms import deflator
from wayahead.returns.london import financial_year_label
from wayahead.returns.spec import MECHANISM_RULE
from wayahead.ui.blocks import chart_block
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    awards_section,
    headlines,
    indicator_section,
    lines_section,
    money_note,
    of_selection,
    page_header,
    page_sections,
    per_resident_words,
    version_2_questions,
)
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption
from wayahead.words.formatting import area_total_text, money_basis, money_terms

through_dashboard()

WHY = (
    "Grant funding can be a much more flexible and sustainable source of funding than contracts, "
    "and payment-by-results contracts carry financial risk that civil society organisations "
    "find hard to manage (Way Ahead task and finish group)."
)

filters = filters_sidebar()
unit = "money"


def money_by_mechanism() -> None:
    st.subheader("Money by mechanism and commissioner")
    money_note(filters, real_terms=True)
    prices = cached(deflator)
    terms = money_terms(prices, filters.real_terms)
    real = f" in {financial_year_label(prices.base_year)} prices" if filters.real_terms and prices is not None else ""
    what = ("Funding per resident" if filters.per_resident else "Funding") + real
    for dimension, heading in (
        ("group", "grants and contracts"),
        ("mechanism", "mechanism"),
        ("commissioner", "commissioner"),
    ):
        frame = cached(funding_by, filters, dimension)
        bars = frame.assign(x=[financial_year_label(int(y)) for y in frame["year"]], value=frame["amount"])
        chart_block(
            stacked_bars(
                bars,
                composition_title(bars, of_selection(f"{what} by {heading}", filters), unit),
                unit,
                CATEGORIES[dimension],
            ),
            composition_summary(bars, unit),
            data_table(
                frame,
                {"year": "Financial year", "category": heading.capitalize(), "amount": what},
                unit,
                ("amount",),
                pence=("amount",) if filters.per_resident else (),
            ),
            f"Money paid to civil society organisations by public bodies in the authorities that answered, by {heading}. "
            f"{MECHANISM_RULE} "
            + (
                f"{PER_RESIDENT_RULE} {money_basis(terms, per_resident_words(filters.years))}"
                if filters.per_resident
                else terms
            ),
            f"funding_by_{dimension}",
        )


def who_the_money_reaches() -> None:
    reach = cached(reach_shares, filters).rename(columns={"category": "series", "share": "value"})
    lines_section(
        reach,
        of_selection("Share of funding", filters),
        "share",
        {
            "year": "Financial year",
            "series": "Measure",
            "value": "Share",
            "answered_amount": "Money where answered (£)",
        },
        "Money to small and medium organisations (income under £1m a year), and to organisations based in "
        "the borough, ÷ all money, counting only rows where that part was answered.",
        "funding_reach",
    )


def by_authority() -> None:
    st.subheader("Funding by authority")
    year = filters.last_year
    by_authority = cached(funding_by_authority, area_only(filters), year)
    what = "Funding per resident" if filters.per_resident else "Funding"  # one year: in cash
    by_authority["value"] = by_authority["per_resident" if filters.per_resident else "Total"]
    by_authority["chosen"] = by_authority["code"].isin(filters.authorities)
    blank = sorted(by_authority.loc[~by_authority["answered"], "name"])
    pooled = area_total(
        dict(zip(by_authority["code"], by_authority["Total"])),
        len(by_authority),
        len(area_only(filters).codes()),
        year,
        area_only(filters).area_label(),
        cached(residents, year),
    )
    basis = money_basis(population=per_resident_words([year]))
    caption(basis)
    chart_block(
        ranked_bars(
            by_authority,
            ranked_title(by_authority, what, unit, year),
            unit,
            "Median",
            by_authority.loc[by_authority["chosen"], "code"],
        ),
        ranked_summary(by_authority, what.lower(), unit, year)
        + f" {area_total_text('in all', pooled)}"
        + (f" Not answered (Funding sheet left blank): {', '.join(blank)}." if blank else ""),
        with_not_answered(
            data_table(
                by_authority,
                {
                    "code": "ONS code",
                    "name": "Authority",
                    "Grants": "Grants",
                    "Contracts": "Contracts",
                    "Other": "Other",
                    "Total": "Total",
                    "per_resident": "Per resident",
                },
                unit,
                ("Grants", "Contracts", "Other", "Total", "per_resident"),
                pence=("per_resident",),
            ),
            by_authority["answered"],
        ),
        "All money from public bodies in the authority to civil society organisations in the year. "
        f"{PER_RESIDENT_RULE} {basis}",
        f"funding_by_authority_{year}",
    )
    awards_section(filters)


if page_header("Funding", WHY, filters):
    headlines("Funding", filters)
    page_sections(
        {
            "Grant share": lambda: indicator_section("grant_share", filters),
            "Mechanism and commissioner": money_by_mechanism,
            "Payment by results": lambda: indicator_section("pbr_share", filters),
            "Who the money reaches": who_the_money_reaches,
            "By authority": by_authority,
            "Added in return version 2": lambda: version_2_questions("Funding", filters),
        }
    )
