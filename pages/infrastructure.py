"""Infrastructure: the organisations that support civil society, their income and cold spots."""

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
from wayahead.figures.metrics.infrastructure import income_by_authority, income_mix, leases_by_year, organisations
from wayahead.figures.per_resident import PER_RESIDENT_RULE
from wayahead.figures.real_terms import deflator
from wayahead.returns.london import financial_year_label
from wayahead.returns.spec import INCOME_SOURCES
from wayahead.ui.blocks import chart_block, data_section
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    headlines,
    indicator_section,
    lines_section,
    money_note,
    of_selection,
    organisations_section,
    page_header,
    page_sections,
    per_resident_words,
    version_2_questions,
)
from wayahead.ui.sidebar import filters_sidebar
from wayahead.words.formatting import answered_text, money_basis

through_dashboard()

WHY = (
    "Civil society infrastructure supports organisations to meet their communities' needs; it needs "
    "consistent coverage across London, with no cold spots, and sustainable revenue so it is not wholly "
    "reliant on council funding and contracts (Way Ahead task and finish group)."
)
SOURCES = [name for _, name in INCOME_SOURCES]
INCOME_DEFINITION = "Income of the civil society infrastructure organisations the authorities listed, by source, as a share of their total income."

filters = filters_sidebar(money=False)
year = filters.last_year


def income_mix_section() -> None:
    money_note(filters, real_terms=True)
    mix = cached(income_mix, filters)
    prices = cached(deflator)
    income = "Income (£)" + (
        f", {financial_year_label(prices.base_year)} prices" if filters.real_terms and prices is not None else ""
    )
    bars = mix.assign(x=[financial_year_label(int(y)) for y in mix["year"]], category=mix["source"], value=mix["share"])
    chart_block(
        stacked_bars(
            bars,
            composition_title(bars, of_selection("Infrastructure income by source", filters), "share"),
            "share",
            SOURCES,
        ),
        composition_summary(bars, "share"),
        data_table(
            mix,
            {"year": "Financial year", "source": "Source", "amount": income, "share": "Share"},
            "share",
            ("share",),
        ),
        INCOME_DEFINITION,
        "infrastructure_income_mix",
    )
    by_authority = cached(income_by_authority, area_only(filters), year)
    bars = by_authority.assign(x=by_authority["name"], category=by_authority["source"], value=by_authority["share"])
    chart_block(
        stacked_bars(
            bars,
            f"Infrastructure income by source and authority, {financial_year_label(year)}",
            "share",
            SOURCES,
            horizontal=True,
        ).update_layout(height=max(420, 140 + 26 * by_authority["code"].nunique())),
        f"Each bar is one authority's infrastructure income in {financial_year_label(year)}, split by source.",
        data_table(
            by_authority,
            {
                "code": "ONS code",
                "name": "Authority",
                "source": "Source",
                "amount": "Income (£)",
                "per_resident": "Income per resident (£)",
                "share": "Share",
            },
            "share",
            ("share",),
        ).assign(**{"Income per resident (£)": by_authority["per_resident"].round(2)}),
        f"{INCOME_DEFINITION} {PER_RESIDENT_RULE} {money_basis(population=per_resident_words([year]))}",
        f"infrastructure_income_by_authority_{year}",
    )


def organisations_and_cold_spots() -> None:
    orgs = cached(organisations, area_only(filters), year)
    orgs["value"] = orgs["organisations"].astype(float)
    what = "Infrastructure organisations"
    blank = sorted(orgs.loc[~orgs["answered"], "name"])
    blank_note = f" Not answered (Infrastructure sheet left blank): {', '.join(blank)}." if blank else ""
    chart_block(
        ranked_bars(
            orgs,
            ranked_title(orgs, what, "count", year),
            "count",
            "Median",
            orgs.loc[orgs["cold_spot"], "code"],
        ),
        ranked_summary(orgs, what, "count", year)
        + " Cold spots (no organisation covering the whole borough) are orange, hatched and marked ▶."
        + blank_note,
        with_not_answered(
            data_table(
                orgs,
                {
                    "code": "ONS code",
                    "name": "Authority",
                    "value": what,
                    "whole_borough": "Covering the whole borough",
                    "discounted_leases": "On discounted leases",
                    "cold_spot": "Cold spot",
                },
            ),
            orgs["answered"],
        ),
        "Infrastructure organisations listed in each authority's return; a cold spot is an authority that listed "
        "no organisation covering the whole borough. A return that listed none is 'not answered', not 0.",
        f"infrastructure_organisations_{year}",
    )
    cold = sorted(orgs.loc[orgs["cold_spot"], "name"])
    answered = int(orgs["answered"].sum())
    data_section(
        f"Cold spots in {financial_year_label(year)}: {', '.join(cold) if cold else 'none'} "
        f"({len(cold)} of the {answered} authorities that answered; {answered_text(answered, len(orgs))} of those that returned).",
        orgs.loc[orgs["cold_spot"], ["code", "name"]].rename(columns={"code": "ONS code", "name": "Authority"}),
        "Authorities that answered with no infrastructure organisation covering the whole borough.",
        f"infrastructure_cold_spots_{year}",
        "Cold spots",
    )


def community_assets() -> None:
    leases = cached(leases_by_year, filters).assign(series=filters.area_label())
    leases["value"] = leases["share"]
    lines_section(
        leases,
        of_selection("Organisations with a community asset on a discounted lease", filters),
        "share",
        {
            "year": "Financial year",
            "discounted_leases": "With a discounted lease",
            "answered": "Organisations answering",
            "organisations": "Organisations listed",
            "value": "Share",
        },
        "Infrastructure organisations holding a community asset on a discounted or peppercorn lease ÷ all "
        "infrastructure organisations whose lease question was answered (a blank is not a No).",
        "infrastructure_leases",
    )
    organisations_section(filters)


if page_header("Infrastructure", WHY, filters):
    headlines("Infrastructure", filters)
    page_sections(
        {
            "Reliance on council money": lambda: indicator_section("infra_la_reliance", filters),
            "Income mix": income_mix_section,
            "Organisations and cold spots": organisations_and_cold_spots,
            "Community assets": community_assets,
            "Added in return version 2": lambda: version_2_questions("Infrastructure", filters),
        }
    )
