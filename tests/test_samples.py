"""The illustrative sample data: reproducible, valid, labelled, and telling its story."""

from __future__ import annotations

import pytest

from loaders import load_return
from wayahead.returns.london import AUTHORITIES
from wayahead.returns.samples import (
    MISSING,
    NOTICE,
    SAMPLE_DIR,
    sample_content,
    sample_file_name,
    sample_files,
    sample_version,
    sample_years,
)
from wayahead.returns.spec import mechanism_group
from wayahead.returns.template import template_bytes


def test_every_expected_file_is_in_sample_data_and_no_other() -> None:
    expected = {sample_file_name(a.code, y) for y in sample_years() for a in AUTHORITIES if (a.code, y) not in MISSING}
    assert {p.name for p in sample_files()} == expected
    assert len(expected) == 33 * 10 - len(MISSING)


@pytest.mark.parametrize(
    ("code", "year"), [("E09000012", 2024), ("E09000001", 2017), ("E09000033", 2020), ("E09000012", 2025)]
)
def test_generator_reproduces_the_committed_files_byte_for_byte(code: str, year: int) -> None:
    committed = (SAMPLE_DIR / sample_file_name(code, year)).read_bytes()
    assert template_bytes(sample_content(code, year), sample_version(year)) == committed


def test_the_sample_has_version_1_years_and_a_version_2_year() -> None:
    versions = {
        y: load_return((SAMPLE_DIR / sample_file_name("E09000012", y)).read_bytes(), "x").data for y in (2024, 2025)
    }
    assert {y: data.version for y, data in versions.items() if data} == {2024: 1, 2025: 2}


def test_sample_returns_are_valid_and_labelled_illustrative() -> None:
    for path in sample_files()[::25]:
        result = load_return(path.read_bytes(), path.name)
        assert result.valid, [p.message for p in result.errors]
        assert result.data is not None
        assert result.data.sheets["about"][0]["notes"] == NOTICE
        assert all("(illustrative)" in org["organisation"] for org in result.data.sheets["infrastructure"])


def _grant_share(year: int) -> float:
    grants = contracts = 0.0
    for authority in AUTHORITIES:
        for row in sample_content(authority.code, year)["funding"]:
            group = mechanism_group(row["mechanism"])
            grants += row["amount"] if group == "grant" else 0
            contracts += row["amount"] if group == "contract" else 0
    return grants / (grants + contracts)


def test_story_grants_fall_as_a_share_and_cabinet_leads_spread() -> None:
    assert _grant_share(2024) < _grant_share(2016) - 0.1
    leads = {
        y: sum(sample_content(a.code, y)["leadership"][0]["cabinet_lead"] for a in AUTHORITIES) for y in (2016, 2024)
    }
    assert leads[2024] > leads[2016]


def test_illustrative_count_counts_only_current_sample_returns(engine) -> None:
    from wayahead.returns.samples import SUBMITTED_BY
    from wayahead.store.returns import illustrative_count, store_return

    paths = sample_files()[:3]
    for path in paths:
        store_return(engine, load_return(path.read_bytes(), path.name), path.read_bytes(), SUBMITTED_BY)
    assert illustrative_count(engine) == 3

    first = load_return(paths[0].read_bytes(), paths[0].name)
    assert first.data is not None
    content = sample_content(first.borough, first.year)
    content["about"][0]["notes"] = "Real figures, re-submitted by the borough."
    real = template_bytes(content)
    store_return(engine, load_return(real, "real.xlsx"), real, "officer@council.gov.uk")
    assert illustrative_count(engine) == 2
