"""The upload page's summary line per file: what each file is and whether it would be stored."""

from __future__ import annotations

from return_files import error_bytes, good_bytes, macro_bytes, warning_bytes

from wayahead.intake.upload_flow import (
    check_file,
    checking_words,
    left_out_note,
    ready_files,
    store_checked,
    stored_summary,
    summary_table,
)
from wayahead.store.returns import store_return


def test_summary_says_new_return_new_version_or_not_read(engine):
    first = check_file(engine, "good.xlsx", good_bytes())
    store_return(engine, first.result, good_bytes(), "ada")
    rows = summary_table(
        [check_file(engine, "again.xlsx", good_bytes()), check_file(engine, "macro.xlsx", macro_bytes())]
    ).to_dict("records")
    assert rows[0]["Already stored"] == "yes: will be a new version"
    assert (rows[1]["Authority"], rows[1]["Year"], rows[1]["Already stored"]) == (
        "(not read)",
        "(not read)",
        "(not read)",
    )
    assert summary_table([first]).loc[0, "Already stored"] == "no: new return"


def test_the_upload_tally_stores_ready_and_acknowledged_files_and_says_why_others_wait(engine):
    files = [
        check_file(engine, "good.xlsx", good_bytes()),
        check_file(engine, "warned.xlsx", warning_bytes("E09000002")),
        check_file(engine, "broken.xlsx", error_bytes("E09000003")),
    ]
    assert [f.name for f in ready_files(files, [False, False, False])] == ["good.xlsx"]
    assert left_out_note(files, [False, False, False]) == (
        "Not included: 1 with errors (fix them in the workbook, or use its marked copy, and upload it again); "
        "1 with warnings not yet acknowledged (tick the box under its warnings). Each file's details are below."
    )
    assert [f.name for f in ready_files(files, [False, True, True])] == [
        "good.xlsx",
        "warned.xlsx",
    ]  # errors still block
    assert left_out_note(files[:2], [False, True]) is None


def test_the_page_says_which_file_it_is_checking():
    assert checking_words(3, 12, "barnet.xlsx") == "Checking file 3 of 12: barnet.xlsx"


def test_the_line_above_what_storing_did_says_stored_only_when_something_was(engine):
    first = check_file(engine, "city.xlsx", good_bytes())
    assert stored_summary(store_checked(engine, [first], "ada@council.gov.uk")) == (
        "Stored 1 return. The dashboards now show the new figures."
    )
    again = check_file(engine, "city.xlsx", good_bytes())  # the same file: identical to its current version
    outcomes = store_checked(engine, [again], "ada@council.gov.uk")
    assert [o.status for o in outcomes] == ["unchanged"]
    assert stored_summary(outcomes) == "Nothing new stored: the dashboards are as they were."
