"""Adding an indicator is one `Indicator` record plus its query: with a new record in the
registry and no other edit, its theme page headlines it, the data dictionary defines it, the
Downloads page exports it and the words describe it (sample data, real pages under AppTest)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func
from test_pages_themes import open_page, sample_url  # noqa: F401 (fixture)

from wayahead.figures import indicators
from wayahead.figures.filters import Filters
from wayahead.figures.indicators import Indicator, Recipe, indicator
from wayahead.figures.metrics.core import total, when
from wayahead.figures.metrics.headline import headline
from wayahead.output.dictionary import indicator_definitions
from wayahead.output.downloads import indicator_table
from wayahead.output.exports import dataframe_to_csv_bytes
from wayahead.store.engine import make_engine
from wayahead.store.schema import SHEET_TABLES
from wayahead.words.narrative import headline_title

TITLE = "Money to organisations based in the borough"


def local_share() -> Recipe:
    """The new indicator's query: money to local organisations ÷ all money, where answered."""
    funding = SHEET_TABLES["funding"]
    local = funding.c.amount_local
    return funding, total(local), total(when(local.is_not(None), funding.c.amount)), func.count(local)


LOCAL = Indicator(
    "local_share",
    TITLE,
    "Funding",
    "share",
    "Money to organisations based in the borough ÷ all money, over the rows where that part was answered.",
    "Local organisations hold local knowledge and keep the money in the borough.",
    "better",
    local_share,
)


@pytest.fixture
def with_local(monkeypatch) -> Indicator:
    monkeypatch.setattr(indicators, "REGISTRY", (*indicators.REGISTRY, LOCAL))
    return LOCAL


def test_the_theme_page_headlines_a_new_indicator(sample_url, monkeypatch, with_local):  # noqa: F811
    at = open_page(sample_url, monkeypatch, "funding")
    assert not at.exception
    tile = next(m for m in at.metric if m.label == TITLE)
    assert tile.value.endswith("%") and tile.help == LOCAL.definition
    monkeypatch.setattr(indicators, "REGISTRY", indicators.REGISTRY[:-1])  # the record taken out again
    assert TITLE not in [m.label for m in open_page(sample_url, monkeypatch, "funding").metric]


def test_the_dictionary_and_the_downloads_page_define_it(sample_url, monkeypatch, with_local):  # noqa: F811
    row = indicator_definitions().set_index("Figure").loc[TITLE]
    assert row["Theme"] == "Funding" and row["Definition"] == LOCAL.definition and row["Why it matters"] == LOCAL.why
    at = open_page(sample_url, monkeypatch, "data")
    assert not at.exception
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert any(m.startswith(f"**{TITLE}**") and LOCAL.definition in m for m in shown)


def test_the_indicator_export_carries_it_for_every_authority_and_london(sample_url, with_local):  # noqa: F811
    engine = make_engine(sample_url)
    table = indicator_table(engine, Filters(2023, 2024))
    rows = list(csv.DictReader(io.StringIO(dataframe_to_csv_bytes(table).decode("utf-8-sig"))))
    local = [r for r in rows if r["Indicator"] == TITLE]
    assert {r["Financial year"] for r in local} == {"2023/24", "2024/25"}
    assert len([r for r in local if r["ONS code"]]) >= 60  # each authority's own figure, both years
    london = [r for r in local if r["Authority"] == "London (all in scope)"]
    assert len(london) == 2 and all(r["As shown"].endswith("%") for r in london)
    engine.dispose()


def test_the_words_describe_it(sample_url, with_local):  # noqa: F811
    engine = make_engine(sample_url)
    h = headline(engine, "local_share", Filters(2023, 2024))
    assert indicator("local_share") is LOCAL and h.indicator is LOCAL
    assert headline_title(h).startswith(f"{TITLE}: ") and "% in 2024/25" in headline_title(h)
    engine.dispose()


def test_an_unknown_indicator_is_a_key_error():
    with pytest.raises(KeyError):
        indicator("no_such_indicator")
