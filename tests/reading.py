"""Downloads read back as a reader's software would: a PDF's words, by pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_words(pdf: bytes) -> str:
    """Every page's text, its words joined by single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())
