"""Social value: how far policy has got, and how it is applied and measured."""

import streamlit as st

from wayahead.charts import data_table, ranked_bars, ranked_summary, ranked_title
from wayahead.figures.metrics.social_value import weightings
from wayahead.ui.blocks import chart_block, empty_state
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    choice_section,
    headlines,
    indicator_section,
    page_header,
    page_sections,
    social_value_money_section,
    version_2_questions,
    yes_no_section,
)
from wayahead.ui.sidebar import filters_sidebar

through_dashboard()

WHY = (
    "The Social Value Act only requires authorities to 'consider' social value, and many commissioning "
    "bodies still do not use the full potential it brings; the Way Ahead group asks that authorities "
    "'account for' it, in goods and works as well as services."
)

filters = filters_sidebar(money=False)


def adoption_ladder() -> None:
    choice_section(
        filters,
        "social_value",
        "policy",
        "Social value policy",
        "Each authority's social value policy: None → In development → Adopted → Embedded across "
        "commissioning, as a share of the authorities that returned.",
        ordered=True,
    )
    indicator_section("social_value", filters)


def considers_or_accounts() -> None:
    st.subheader("Considers or accounts for social value")
    choice_section(
        filters,
        "social_value",
        "approach",
        "Approach to social value",
        "Whether the authority only considers social value (what the Act requires) or accounts for it in "
        "every decision, as a share of the authorities that returned.",
    )
    yes_no_section(
        filters,
        "social_value",
        ("applies_services", "applies_goods", "applies_works"),
        "Policy applies to",
        "Authorities whose social value policy applies to services, goods and works "
        "contracts ÷ authorities that answered.",
        names=("Services", "Goods", "Works"),
    )


def weighting_and_measurement() -> None:
    weights = cached(weightings, filters)
    if weights.empty:
        empty_state("No authority in the filters gave a standard social value weighting for the last year.")
    else:
        what = "Social value weighting in tender evaluation"
        chart_block(
            ranked_bars(
                weights,
                ranked_title(weights, what, "share", filters.last_year),
                "share",
                "Median",
                weights.loc[weights["chosen"], "code"],
            ),
            ranked_summary(weights, what, "share", filters.last_year),
            data_table(weights, {"code": "ONS code", "name": "Authority", "value": what}, "share"),
            "The standard weight social value carries when tenders are scored, as each authority reported it.",
            f"social_value_weighting_{filters.last_year}",
        )
    social_value_money_section(filters)
    choice_section(
        filters,
        "social_value",
        "framework",
        "Measurement framework",
        "How the authority measures social value (for example the National TOMs), as a share of the "
        "authorities that returned.",
    )


if page_header("Social value", WHY, filters):
    headlines("Social value", filters)
    page_sections(
        {
            "Adoption ladder": adoption_ladder,
            "Considers or accounts": considers_or_accounts,
            "Weighting and measurement": weighting_and_measurement,
            "Added in return version 2": lambda: version_2_questions("Social value", filters),
        }
    )
