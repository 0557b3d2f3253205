"""Theme figures (funding, infrastructure, commissioning, answers to questions), checked by hand
against tests/pages_fixtures.SMALL."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_content, store_small

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.commissioning import contracts_by_year
from wayahead.figures.metrics.core import (
    answers,
    category_counts,
    codes_in_scope,
    median_by_year,
    returned_by_year,
    yes_shares,
)
from wayahead.figures.metrics.funding import awards_by_authority, funding_by, funding_by_authority, reach_shares
from wayahead.figures.metrics.infrastructure import income_by_authority, income_mix, leases_by_year, organisations
from wayahead.figures.metrics.leadership import portfolios
from wayahead.figures.metrics.social_value import social_value_money, weightings
from wayahead.returns.london import BY_CODE

ALL = Filters(2023, 2024)


@pytest.fixture
def small(engine):
    return store_small(engine)


def pairs(frame, key: str, value: str) -> dict:
    return dict(zip(frame[key], frame[value]))


def test_returned_and_like_for_like_scope(small):
    assert returned_by_year(small, ALL).values.tolist() == [[2023, 2], [2024, 3]]
    assert codes_in_scope(small, Filters(2023, 2024, like_for_like=True)) == [BARNET, HACKNEY]
    assert codes_in_scope(small, Filters(2024, 2024, like_for_like=True)) == [BARNET, CAMDEN, HACKNEY]


def test_funding_by_group_fills_every_year_and_group(small):
    frame = funding_by(small, ALL, "group")
    assert frame[["year", "category", "amount"]].values.tolist() == [
        [2023, "Grants", 150.0],
        [2023, "Contracts", 300.0],
        [2023, "Other", 1000.0],
        [2024, "Grants", 200.0],
        [2024, "Contracts", 500.0],
        [2024, "Other", 0.0],
    ]


def test_funding_by_commissioner(small):
    frame = funding_by(small, Filters(2024, 2024), "commissioner")
    assert pairs(frame, "category", "amount") == {
        "Local authority": 300.0,
        "NHS (ICB)": 100.0,
        "Housing association": 300.0,
        "Other public body": 0.0,
        "Public health": 0.0,
    }


def test_funding_per_resident_divides_by_the_population_of_those_that_answered(small):
    frame = funding_by(small, Filters(2024, 2024, per_resident=True), "group")
    population = sum(BY_CODE[c].population for c in (HACKNEY, BARNET))  # Camden returned a blank Funding sheet
    shares = pairs(frame, "category", "amount")
    assert shares["Contracts"] == pytest.approx(500 / population)
    assert shares["Grants"] == pytest.approx(200 / population)  # Barnet had no grant: £0 of it, in the pool


def test_funding_by_authority(small):
    frame = funding_by_authority(small, ALL, 2024).set_index("code")
    assert frame.loc[HACKNEY, ["Grants", "Contracts", "Other", "Total"]].tolist() == [200.0, 200.0, 0.0, 400.0]
    assert frame.loc[BARNET, "Total"] == 300.0
    assert (
        pd.isna(frame.loc[CAMDEN, "Total"]) and not frame.loc[CAMDEN, "answered"]
    )  # no Funding rows: not answered, not £0
    assert frame.loc[HACKNEY, "per_resident"] == pytest.approx(400 / BY_CODE[HACKNEY].population)
    assert pd.isna(frame.loc[CAMDEN, "per_resident"])  # not answered: no figure, not £0 per resident
    per = funding_by_authority(small, Filters(2024, 2024, per_resident=True), 2024).set_index("code")
    assert per.loc[HACKNEY, "Total"] == 400.0  # money stays money; the page chooses per_resident


def test_awards_and_organisations_funded_add_up_the_rows_that_gave_them(engine):
    rows = [
        {"commissioner": "Local authority", "mechanism": "Grant – core", "amount": 100, "awards": 3},
        {"commissioner": "NHS (ICB)", "mechanism": "Grant – project", "amount": 50, "awards": 2},
        {"commissioner": "Public health", "mechanism": "Other", "amount": 10},
    ]
    store_content(engine, HACKNEY, 2024, {"funding": rows})
    store_content(engine, BARNET, 2024, {"leadership": [{"cabinet_lead": True}]})
    frame = awards_by_authority(engine, Filters(2024, 2024), 2024).set_index("code")
    assert frame.loc[HACKNEY, ["rows", "awards", "awards_rows", "organisations_funded_rows"]].tolist() == [3, 5, 2, 0]
    assert pd.isna(frame.loc[HACKNEY, "organisations_funded"])  # no row gave it: not answered, not 0
    assert frame.loc[BARNET].drop("name").isna().all()  # returned, Funding sheet blank
    assert CAMDEN not in frame.index  # no return


def test_social_value_money_per_resident_and_the_kinds_of_no_answer(engine):
    store_content(engine, HACKNEY, 2024, {"social_value": [{"committed": 500_000.0}]})
    store_content(engine, BARNET, 2024, {"social_value": [{"policy": "None"}]})
    frame = social_value_money(engine, Filters(2024, 2024), 2024).set_index("code")
    assert frame.loc[HACKNEY, "committed"] == 500_000.0
    assert frame.loc[HACKNEY, "committed_per_resident"] == pytest.approx(500_000 / BY_CODE[HACKNEY].population)
    assert frame.loc[BARNET, "committed_answer"] == "Not answered"
    assert pd.isna(frame.loc[BARNET, "committed_per_resident"])
    assert frame.loc[CAMDEN, "committed_answer"] == "No return"
    assert frame.loc[HACKNEY, "delivered_answer"] == "Not asked"  # a version 1 return: delivered came in version 2
    assert len(frame) == 33


def test_reach_shares_count_only_rows_where_the_part_was_answered(small):
    frame = reach_shares(small, Filters(2024, 2024)).set_index("category")
    # small and medium: Hackney core grant 50 of 200, Barnet 300 of 300; the rows without an answer are left out
    assert frame.loc["To small and medium organisations", "share"] == pytest.approx((50 + 300) / (200 + 300))
    assert frame.loc["To organisations based in the borough", "share"] == pytest.approx(
        (100 + 100 + 0) / (200 + 100 + 300)
    )


def test_income_mix_and_by_authority(small):
    mix = income_mix(small, Filters(2024, 2024)).set_index("source")
    assert mix.loc["Local authority grants", "amount"] == 110.0
    assert mix.loc["Earned and trading", "share"] == pytest.approx(100 / 300)
    assert mix["share"].sum() == pytest.approx(1.0)
    barnet = income_by_authority(small, ALL, 2024).query("code == @BARNET").set_index("source")
    assert barnet.loc["NHS", "share"] == pytest.approx(0.5)


def test_organisations_and_cold_spots(small):
    frame = organisations(small, ALL, 2024).set_index("code")
    assert frame.loc[HACKNEY, ["organisations", "whole_borough", "discounted_leases"]].tolist() == [2, 1, 1]
    # Camden's return lists no infrastructure organisation: not answered, so not a cold spot nor 0
    assert frame["cold_spot"].to_dict() == {BARNET: True, CAMDEN: False, HACKNEY: False}
    assert frame["answered"].to_dict() == {BARNET: True, CAMDEN: False, HACKNEY: True}
    assert frame.loc[CAMDEN, ["organisations", "whole_borough"]].isna().all()


def test_leases_by_year(small):
    frame = leases_by_year(small, ALL).set_index("year")
    assert frame.loc[2023, ["organisations", "discounted_leases"]].tolist() == [2, 1]
    assert frame.loc[2024, "share"] == pytest.approx(1 / 3)


def test_contracts_by_year(small):
    frame = contracts_by_year(small, ALL).set_index("year")
    assert frame.loc[2024, ["contracts_open", "contracts_in_lots"]].tolist() == [15, 5]
    assert frame.loc[2023, "lots_share"] == pytest.approx(2 / 10)


def test_category_counts_follow_the_spec_order_and_fill_zeros(small):
    frame = category_counts(small, ALL, "social_value", "policy")
    latest = frame[frame["year"] == 2024]
    assert latest["category"].tolist() == ["None", "In development", "Adopted", "Embedded across commissioning"]
    assert latest["count"].tolist() == [0, 1, 1, 1]
    assert latest["share"].tolist() == pytest.approx([0, 1 / 3, 1 / 3, 1 / 3])


def test_category_counts_show_unanswered(small):
    frame = category_counts(small, Filters(2024, 2024), "training", "provider")
    assert pairs(frame, "category", "count") == {
        "None": 0,
        "In-house": 1,
        "Local infrastructure organisation": 0,
        "London-wide programme": 1,
        "Other": 0,
        "Not answered": 1,
    }


def test_yes_shares_count_only_answers(small):
    frame = yes_shares(small, Filters(2024, 2024), "commissioning", ("pipeline_published",))
    assert frame[["yes", "answered"]].values.tolist() == [[1, 2]]
    assert frame["share"].tolist() == [0.5]
    assert frame["label"].tolist() == ["Commissioning intentions and tender pipeline published"]


def test_median_by_year(small):
    frame = median_by_year(small, Filters(2022, 2024), "commissioning", "lead_time_months").set_index("year")
    assert frame.loc[2024, "median"] == 4.0 and frame.loc[2024, "answered"] == 2
    assert math.isnan(frame.loc[2022, "median"]) and frame.loc[2022, "answered"] == 0


def test_answers_and_portfolios_keep_text_as_data(small):
    frame = answers(small, Filters(2024, 2024, authorities=(HACKNEY,)), "leadership", ["portfolio_title"])
    assert frame.values.tolist() == [[2024, HACKNEY, "Hackney", '=HYPERLINK("x") *Communities*']]
    table = portfolios(small, ALL)
    assert table["VCS cabinet lead"].tolist() == ["Yes", "No", "Yes"]


def test_weightings_are_shares_for_the_last_year(small):
    frame = weightings(small, Filters(2023, 2024, authorities=(BARNET,)))
    assert pairs(frame, "code", "value") == {BARNET: 0.05, HACKNEY: 0.2}
    assert pairs(frame, "code", "chosen") == {BARNET: True, HACKNEY: False}


def test_nothing_in_scope_gives_empty_frames(small):
    nobody = Filters(2024, 2024, authorities=(HACKNEY,), inner_outer="Outer")
    assert nobody.codes() == []
    assert funding_by(small, nobody, "group")["amount"].sum() == 0
    assert organisations(small, nobody, 2024).empty
    assert returned_by_year(small, nobody)["returned"].tolist() == [0]


def test_a_blank_answer_about_an_organisation_is_neither_no_lease_nor_no_coverage(engine):
    orgs = [{"organisation": "A", "coverage": None, "discounted_lease": True}, {"organisation": "B"}]
    store_content(engine, HACKNEY, 2024, {"infrastructure": orgs})
    leases = leases_by_year(engine, Filters(2024, 2024)).iloc[0]
    assert (leases["organisations"], leases["answered"], leases["share"]) == (2, 1, 1.0)
    frame = organisations(engine, Filters(2024, 2024), 2024).set_index("code")
    assert not frame.loc[HACKNEY, "cold_spot"]  # coverage not answered: not a cold spot
