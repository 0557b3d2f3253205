"""What the browser tests share: where the app and Chromium are, the test account's password, and checks
that a table fits a phone."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "uploader password 1"

# Words split across two lines in the table cells a selector finds.
BROKEN_WORDS = """(cells) => [...document.querySelectorAll(cells)].flatMap((cell) => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.textContent.matchAll(/[^\\s-]+/g)) {  // a hyphen may end a line
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""
OFF_SCREEN = """() => [...document.querySelectorAll('.stTable table')]
  .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map((t) => t.innerText.slice(0, 40))"""
