"""The meeting pack (PowerPoint and PDF): a page per headline indicator with its figure,
coverage and trend, then the scorecard; each says where its figures come from."""

from __future__ import annotations

import io

import pytest
from pages_fixtures import sample_database
from pptx import Presentation
from pypdf import PdfReader

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import headline_indicators
from wayahead.output.meeting_pack import SCORECARD_ROWS_PER_SLIDE, meeting_pack, pack_pdf, pack_pptx
from wayahead.store.commentary import write_commentary
from wayahead.words.commentary import commentary_words
from wayahead.words.narrative import headline_title

COMMENT = "Grants <b>held</b> up & contracts grew: see the 2026 review."


@pytest.fixture(scope="module")
def pack(tmp_path_factory):  # type: ignore[no-untyped-def]
    engine = sample_database(f"sqlite:///{tmp_path_factory.mktemp('pack') / 's.db'}", as_the_app_loads_it=True)
    write_commentary(engine, "grant_share", 2025, "An earlier view.", "chair@wayahead.org")
    write_commentary(engine, "grant_share", 2025, COMMENT, "chair@wayahead.org")
    made = meeting_pack(engine, Filters(first_year=2016, last_year=2025, authorities=("E09000012",)))
    engine.dispose()
    return made


def test_the_deck_has_a_slide_per_headline_and_the_scorecard(pack):
    deck = Presentation(io.BytesIO(pack_pptx(pack)))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    scorecard_slides = -(-len(pack.scorecard) // SCORECARD_ROWS_PER_SLIDE)
    assert len(deck.slides) == 1 + len(headline_indicators()) + scorecard_slides
    assert texts[0][0] == "London at a glance, 2025/26: the meeting pack"  # London-wide, whoever is chosen
    assert "illustrative, not real" in texts[0][1]
    for slide, words in zip(pack.slides, texts[1:]):
        assert words[0] == headline_title(slide.headline) and " of 33 answered in 2025/26" in words[1]
        h = slide.headline
        counts = f"The change counts only the {h.returned_both} authorities that returned in both years."
        assert (counts in words[1]) == (h.change is not None and h.returned_both < max(h.returned, h.previous_returned))
    assert any("The change counts only" in words[1] for words in texts[1:])  # the samples' 2025/26 has such years
    pictures = [s for s in deck.slides[1].shapes if s.shape_type == 13]
    assert len(pictures) == 1  # the trend chart


def test_the_pdf_has_a_page_per_headline_and_the_scorecard_and_its_title(pack):
    pdf = PdfReader(io.BytesIO(pack_pdf(pack)))
    assert len(pdf.pages) == len(headline_indicators()) + 1
    assert pdf.metadata.title == "London at a glance, 2025/26: the meeting pack"
    first = pdf.pages[0].extract_text()
    assert "Grant share of funding" in first and "illustrative" in first.lower()
    assert "recommendations" in pdf.pages[-1].extract_text()


def test_an_indicator_slide_and_page_carry_its_newest_commentary_with_date_and_author(pack):
    [commented] = [slide for slide in pack.slides if slide.commentary is not None]
    assert commented.headline.indicator.key == "grant_share" and commented.commentary.text == COMMENT
    words = commentary_words(commented.commentary)
    assert words.startswith("Steering group commentary, ") and ", by the steering group: " in words
    assert "chair@wayahead.org" not in words  # the pack is shared: no e-mail addresses
    deck = Presentation(io.BytesIO(pack_pptx(pack)))
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    at = pack.slides.index(commented) + 1
    assert words in texts[at] and "An earlier view" not in texts[at]
    assert not any("Steering group commentary" in text for text in texts[:at] + texts[at + 1 :])
    pdf = PdfReader(io.BytesIO(pack_pdf(pack)))
    page = " ".join(pdf.pages[at - 1].extract_text().split())
    assert "Steering group commentary, " in page and "Grants <b>held</b> up & contracts grew" in page  # as typed
    assert not any("Steering group commentary" in p.extract_text() for i, p in enumerate(pdf.pages) if i != at - 1)
