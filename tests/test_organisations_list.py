"""The infrastructure organisations each return lists, with links to their public register entry."""

from __future__ import annotations

import pytest
from pages_fixtures import HACKNEY, sample_database

from wayahead.figures.answers import CHARITY_REGISTER, COMPANIES_REGISTER, organisation_list, register_link
from wayahead.figures.filters import Filters


@pytest.mark.parametrize(
    ("number", "link"),
    [
        ("1123456", CHARITY_REGISTER.format("1123456")),
        ("212345", CHARITY_REGISTER.format("212345")),
        ("SC012345", COMPANIES_REGISTER.format("SC012345")),
        ("01234567", COMPANIES_REGISTER.format("01234567")),
        ("sc 012345", COMPANIES_REGISTER.format("SC012345")),
        ("12345", None),
        ("javascript:", None),
        (None, None),
    ],
)
def test_a_number_links_to_its_register_only_when_it_has_the_form_of_one(number, link):
    assert register_link(number) == link


def test_every_listed_organisation_is_a_row_with_its_authority_and_register(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = sample_database(url)
    listed = organisation_list(engine, Filters(first_year=2016, last_year=2025), 2025)
    hackney = listed[listed["code"] == HACKNEY]
    assert not hackney.empty and hackney["organisation"].str.endswith("(illustrative)").all()
    assert hackney["register"].str.startswith("https://register-of-charities.charitycommission.gov.uk/").all()
    assert listed["code"].nunique() == 31  # every authority that returned for 2025/26 lists at least one
    engine.dispose()
