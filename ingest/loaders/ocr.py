"""OCR of PDF pages without a text layer (scans), with the `tesseract` command and its Dutch model.

A page is rendered at 300 dpi with poppler's `pdftoppm` when it is installed, else its embedded
images are read directly (a scan is one image per page). tesseract's blank lines separate
paragraphs; a paragraph's lines are joined like a PDF's (hyphenated words rejoined).
Needs the Debian packages `tesseract-ocr tesseract-ocr-nld` (and `poppler-utils` for
`pdftoppm`); without tesseract, `available()` is False and a scan is refused as before.
Deliberately not done: deskewing, layout analysis beyond tesseract's own, languages but Dutch.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from assistant import messages as msg
from assistant.errors import UnreadableFileError

from . import limits
from .lines import FIELD_LINE, clean_lines, join_lines, repair_glyphs

if TYPE_CHECKING:
    from pypdf import PageObject

LANGUAGE = "nld"
DPI = 300


@functools.cache
def available() -> bool:
    """tesseract is on the PATH and has its Dutch model (checked once per process)."""
    if shutil.which("tesseract") is None:
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in (listed.stdout + listed.stderr).split()


def paragraphs_from_ocr(text: str) -> list[str]:
    """tesseract's text as paragraphs: blank lines separate them, wrapped lines are joined.

    Example: paragraphs_from_ocr("Doel\\n\\nDe cliënt krijgt zorg-\\nverlening thuis.\\n\\x0c")
             == ["Doel", "De cliënt krijgt zorgverlening thuis."]
    Example: paragraphs_from_ocr("Datum: 3 mei\\nKenmerk: AB-12") == ["Datum: 3 mei", "Kenmerk: AB-12"]
    """
    out: list[str] = []
    for block in text.replace("\x0c", "\n").split("\n\n"):
        lines = clean_lines([repair_glyphs(line) for line in block.splitlines()])
        group: list[str] = []
        for line in lines:  # a field on a line of its own ("Datum: 3 december 2026") is a paragraph of its own
            if group and (FIELD_LINE.match(line) or FIELD_LINE.match(group[0])):
                out.append(join_lines(group))
                group = []
            group.append(line)
        if group:
            out.append(join_lines(group))
    return out


class OcrReader:
    """Reads pages of one PDF with tesseract, within the OCR budget. Use as a context manager:
    a PDF with a scanned page is written once to a temporary folder for `pdftoppm`."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.pages_read = 0
        self.seconds = 0.0
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._folder is not None:
            self._folder.cleanup()

    def read(self, number: int, page: PageObject) -> list[str]:
        """The paragraphs on page `number` (1-based); [] beyond MAX_OCR_PAGES or when tesseract
        fails on the page. Raises UnreadableFileError when the document's OCR budget is spent."""
        if self.pages_read >= limits.MAX_OCR_PAGES:
            return []
        started = time.monotonic()
        try:
            texts = [tesseract(image) for image in self._images(number, page)]
        finally:
            self.pages_read += 1
            self.seconds += time.monotonic() - started
        if self.seconds > limits.MAX_OCR_SECONDS:
            raise UnreadableFileError(msg.FILE_TOO_SLOW.format(name=self.name, seconds=round(limits.MAX_OCR_SECONDS)))
        return [p for text in texts for p in paragraphs_from_ocr(text)]

    def _images(self, number: int, page: PageObject) -> list[bytes]:
        if shutil.which("pdftoppm"):
            if self._folder is None:  # written once, on the first scanned page
                self._folder = tempfile.TemporaryDirectory(prefix="zorg-ocr-")
                (Path(self._folder.name) / "in.pdf").write_bytes(self.data)
            folder = Path(self._folder.name)
            out = folder / f"page-{number}"
            try:
                subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), "-png",
                                "-singlefile", str(folder / "in.pdf"), str(out)],
                               capture_output=True, timeout=limits.OCR_PAGE_SECONDS, check=True)
                return [out.with_suffix(".png").read_bytes()]
            except (OSError, subprocess.SubprocessError):
                pass  # a page poppler cannot render: try its embedded images instead
        return [image.data for image in page.images]


def tesseract(image: bytes) -> str:
    """The text tesseract reads in one image ("" when it cannot read the image)."""
    # One thread: on a shared two-core machine tesseract's own threads only get in each other's way.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANGUAGE], input=image, capture_output=True,
                              timeout=limits.OCR_PAGE_SECONDS, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""
