"""Bytes of a text file (TXT, Markdown, HTML) to `str`, never silently into the wrong characters.

Deliberately not done here: guessing a code page for binary data (it is refused), or any
normalisation of the decoded text (the loaders decide that per format).
"""

from __future__ import annotations

import codecs
import re

from assistant import messages as msg
from assistant.errors import UnreadableFileError

# Dutch text in Windows-1252 is mostly ASCII (even in "één cliënt, coördinatie" only a
# fifth of the letters is not); more means another alphabet (Cyrillic, Greek) in some
# other code page, which is left to charset detection.
MAX_NON_ASCII_LETTER_SHARE = 0.25
# Text may hold the odd stray control character (an old DOS end-of-file mark), binary may not.
MAX_CONTROL_SHARE = 0.01

_BOMS = (  # UTF-32 first: its little-endian mark starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls, not whitespace
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file's bytes, never silently into the wrong characters.

    In order: a byte order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one; UTF-8; Windows-1252
    when it reads as Western text; charset-normalizer for the rest (other alphabets and code
    pages). Windows-1252 goes before detection on purpose: single-byte code pages cannot be told
    apart reliably on short Dutch texts (charset-normalizer reads "Café één" in cp1252 as
    mac_latin2). Binary content is refused instead of being decoded into junk.

    Example: decode_text("De cliënt krijgt zorg.".encode("cp1252"), "a.txt") == "De cliënt krijgt zorg."
    """
    if not data:
        return ""
    encoding = _bom_encoding(data) or _utf16_layout(data)
    if encoding is not None:
        text = _strict(data, encoding)
    elif _share(len(_CONTROL_BYTES.findall(data)), len(data)) > MAX_CONTROL_SHARE:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="tekst"))
    else:
        text = _strict(data, "utf-8") or _western(data) or _detected(data)
    if text is None:
        raise UnreadableFileError(msg.FILE_ENCODING.format(name=name))
    if _share(len(_CONTROL_CHARS.findall(text)), len(text)) > MAX_CONTROL_SHARE:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="tekst"))
    return text


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _bom_encoding(data: bytes) -> str | None:
    """Example: _bom_encoding(codecs.BOM_UTF16_LE + b"Z\\x00") == "utf-16" """
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _utf16_layout(data: bytes) -> str | None:
    """UTF-16 without byte order mark, recognised by NUL bytes in every other position (true
    for text that is mostly ASCII, such as Dutch); None when the data does not look like that.

    Example: _utf16_layout("Zorg thuis".encode("utf-16-be")) == "utf-16-be"
    """
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _western(data: bytes) -> str | None:
    """Windows-1252, when every byte is defined there and few letters are non-ASCII.

    Example: _western("De cliënt krijgt zorg.".encode("cp1252")) == "De cliënt krijgt zorg."
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return text if letters and non_ascii <= MAX_NON_ASCII_LETTER_SHARE * len(letters) else None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)
