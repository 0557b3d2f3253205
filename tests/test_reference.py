"""Published statistics the operator loads (wayahead/store/reference.py): a reload is a new
current series and the old one stays; every load is audited; a refusal stores nothing. The
figures below are made up for the tests, not published statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from wayahead.cli.main import main
from wayahead.store.audit import audit_entries
from wayahead.store.reference import ReferenceValue, current_series, load_series, series_history
from wayahead.store.schema import reference_series, reference_values

RELEASED = dt.date(2026, 3, 31)
TEST_DEFLATOR = [ReferenceValue(None, 2023, 90.0), ReferenceValue(None, 2024, 95.0), ReferenceValue(None, 2025, 100.0)]


def _count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_a_series_is_stored_with_its_source_and_release_and_audited(engine):
    loaded = load_series(engine, "deflator", TEST_DEFLATOR, "  Test   index  ", RELEASED, "ada", "ab" * 32)
    assert (loaded.kind, loaded.source, loaded.released, loaded.values, loaded.current) == (
        "deflator",
        "Test index",
        RELEASED,
        3,
        True,
    )
    current = current_series(engine, "deflator")
    assert current is not None and current.values == {(None, 2023): 90.0, (None, 2024): 95.0, (None, 2025): 100.0}
    assert current_series(engine, "population") is None
    entry = audit_entries(engine).iloc[0]
    assert (
        entry["Action"] == "reference load"
        and "deflator: 3 values from Test index, released 2026-03-31" in entry["Detail"]
    )


def test_a_reload_replaces_the_current_series_and_keeps_the_old_one(engine):
    load_series(engine, "deflator", TEST_DEFLATOR, "First", RELEASED, "ada", "a" * 64)
    load_series(engine, "deflator", [ReferenceValue(None, 2025, 100.0)], "Second", RELEASED, "bo", "b" * 64)
    assert current_series(engine, "deflator").values == {(None, 2025): 100.0}
    history = series_history(engine)
    assert [(s.source, s.current, s.values) for s in history] == [("Second", True, 1), ("First", False, 3)]
    assert _count(engine, reference_values) == 4


@pytest.mark.parametrize(
    ("kind", "values", "source"),
    [
        ("prices", TEST_DEFLATOR, "Test"),
        ("deflator", TEST_DEFLATOR, "   "),
        ("deflator", [], "Test"),
        ("deflator", [ReferenceValue(None, 2025, float("nan"))], "Test"),
    ],
)
def test_a_refused_load_stores_nothing(engine, kind, values, source):
    with pytest.raises(ValueError):
        load_series(engine, kind, values, source, RELEASED, "ada", "a" * 64)
    assert _count(engine, reference_series) == 0 and _count(engine, reference_values) == 0


HACKNEY, CAMDEN = "E09000012", "E09000007"


@pytest.fixture
def cli(engine, database_url, tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """`cli("reference", "list")` in this process against the test's database: (exit code, stdout, stderr)."""
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _load(cli, tmp_path, kind: str, text: str | bytes) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return cli(
        "reference", "load", kind, str(path), "--source", "Test series", "--released", "2026-06-26", "--by", "Ada"
    )


def test_the_command_loads_a_population_series_and_lists_it(cli, tmp_path, engine):
    assert cli("reference", "list")[1].startswith("No published statistics loaded")
    code, out, _ = _load(
        cli, tmp_path, "population", f"code,year,value\n{HACKNEY},2024/25,260000\n{CAMDEN},2024,210000\n"
    )
    assert code == 0 and "2 values stored as the current population series" in out
    assert current_series(engine, "population").values == {(HACKNEY, 2024): 260000.0, (CAMDEN, 2024): 210000.0}
    code, out, _ = cli("reference", "list")
    assert code == 0 and "population" in out and "current" in out and "Test series, released 2026-06-26" in out
    assert "Ada (command line" in out


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (f"code,year,value\n{HACKNEY},20x4,1\n", "Row 3, column 'year': found '20x4', expected a financial year"),
        ("code,year,value\nE09000999,2024,1\n", "Row 3, column 'code': found 'E09000999', expected a London authority"),
        (
            f"code,year,value\n{HACKNEY},2024,about 5\n",
            "Row 3, column 'value': found 'about 5', expected a number above 0",
        ),
        (f"code,year,value\n{HACKNEY},2024,nan\n", "Row 3, column 'value': found 'nan'"),
        (f"code,year,value\n{HACKNEY},2024,0\n", "expected a number above 0"),
        (f"code,year,value\n{HACKNEY},2024,1\n{HACKNEY},2024/25,2\n", "Row 4: the same authority and year as row 3"),
        ("code,year,population\n", "exactly the columns code, year, value"),
        ("code,year,value\n" + f"{HACKNEY},2024,1\n" * 70_000, "larger than 1,024 KB"),
        ("code,year,value\n" + "".join(f"{HACKNEY},{1000 + i},1\n" for i in range(10_001)), "at most 10,000 are read"),
        (b"code,year,value\n\xff\n", "not UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_its_place_and_nothing_is_stored(cli, tmp_path, engine, text, said):
    good_then_bad = (
        text if isinstance(text, bytes) else text.replace("code,year,value\n", f"code,year,value\n{CAMDEN},2024,5\n", 1)
    )
    code, out, err = _load(cli, tmp_path, "population", good_then_bad)
    assert code == 1 and "REJECTED, nothing stored" in err and said in err, err
    assert _count(engine, reference_series) == 0 and _count(engine, reference_values) == 0


def test_deprivation_may_be_zero_or_below_and_a_deflator_is_national(cli, tmp_path, engine):
    assert _load(cli, tmp_path, "deprivation", f"code,year,value\n{HACKNEY},2019,-0.5\n")[0] == 0
    assert _load(cli, tmp_path, "deflator", "year,index\n2024/25,95.2\n2025-26,100\n")[0] == 0
    assert current_series(engine, "deflator").values == {(None, 2024): 95.2, (None, 2025): 100.0}


def test_a_source_is_kept_printable_on_one_line(engine):
    loaded = load_series(
        engine, "deflator", TEST_DEFLATOR, "Test\x1b[31m\nindex " + "x" * 600, RELEASED, "ada", "a" * 64
    )
    assert "\x1b" not in loaded.source and "\n" not in loaded.source and len(loaded.source) == 500
    assert loaded.source.startswith("Test [31m index x")
