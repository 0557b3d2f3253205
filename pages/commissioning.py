"""Commissioning and impact: lots, consortia, pipelines, co-design and outcomes."""

from wayahead.charts import data_table, trend_chart, trend_summary, trend_title
from wayahead.figures.metrics.commissioning import contracts_by_year
from wayahead.figures.metrics.core import median_by_year
from wayahead.ui.blocks import chart_block
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    choice_section,
    headlines,
    indicator_lines,
    indicator_section,
    lines_section,
    of_selection,
    page_header,
    page_sections,
    version_2_questions,
    yes_no_section,
)
from wayahead.ui.sidebar import filters_sidebar

through_dashboard()

WHY = (
    "Contracts designed at scale lock out small and local organisations; dividing contracts into lots, "
    "supporting consortia, publishing a tender pipeline early, co-designing services and clear outcomes "
    "frameworks open commissioning to civil society (Way Ahead task and finish group)."
)
LABELS = {
    "contracts_open": "Tenders open to civil society",
    "contracts_in_lots": "Divided into lots",
    "contracts_consortia": "Awarded to consortia",
    "contracts_light_touch": "Under the light touch regime",
}

filters = filters_sidebar(money=False)


def contracts_packaged() -> None:
    counts = cached(contracts_by_year, filters)
    lines = counts.melt(id_vars="year", value_vars=list(LABELS), var_name="field", value_name="value")
    lines["series"] = lines["field"].map(LABELS)
    chart_block(
        trend_chart(
            lines,
            trend_title(
                lines, of_selection("Tenders divided into lots", filters), "count", LABELS["contracts_in_lots"]
            ),
            "count",
        ),
        trend_summary(lines, "", "count"),
        data_table(counts, {"year": "Financial year", **LABELS}, "count", tuple(LABELS)),
        "Counts summed over the authorities that returned: tenders open to civil society organisations, "
        "of which divided into lots, and awards to consortia or under the light touch regime.",
        "commissioning_contracts",
    )
    indicator_section("lots_share", filters)


def pipeline_and_lead_time() -> None:
    indicator_lines(filters, "pipeline_published", "commissioning", "pipeline_published")
    lead = cached(median_by_year, filters, "commissioning", "lead_time_months").rename(columns={"median": "value"})
    lead["series"] = filters.area_label()
    lines_section(
        lead,
        of_selection("Median lead time before tenders (months)", filters, "across"),
        "count",
        {"year": "Financial year", "value": "Median lead time (months)", "answered": "Authorities answering"},
        "The middle value of the typical notice, in months, authorities give before a tender opens.",
        "commissioning_lead_time",
    )


def co_design_and_impact() -> None:
    choice_section(
        filters,
        "commissioning",
        "co_design",
        "Services co-designed with civil society",
        "How many newly commissioned services were co-designed with civil society, as a share of the "
        "authorities that returned.",
        ordered=True,
    )
    choice_section(
        filters,
        "commissioning",
        "friendly_standard",
        "Civil-society-friendly commissioning standard",
        "Whether the authority has adopted a best-practice standard for civil-society-friendly "
        "commissioning, as a share of the authorities that returned.",
        ordered=True,
    )
    yes_no_section(
        filters,
        "commissioning",
        ("outcomes_framework", "funding_plus", "jsna_co_produced"),
        "Impact practices",
        "Authorities answering Yes ÷ authorities that answered, for each practice.",
        names=("Outcomes framework published", "Funding plus offered", "Needs assessment co-produced"),
    )


if page_header("Commissioning and impact", WHY, filters):
    headlines("Commissioning", filters)
    page_sections(
        {
            "How contracts are packaged": contracts_packaged,
            "Pipeline and lead time": pipeline_and_lead_time,
            "Co-design and impact": co_design_and_impact,
            "Added in return version 2": lambda: version_2_questions("Commissioning", filters),
        }
    )
