"""HTML pages: headings, paragraphs and list items from the tags; site chrome left out.

Navigation, headers, footers, forms, scripts and styles are skipped (a saved web page is mostly
menu), and so is any element that a site marks as such chrome by its role, or by a word of its
class or id (`<div class="breadcrumb">Home > Nieuws > ...</div>`, a cookie banner, a menu). The page
`<title>` becomes the document title. Deliberately not done: CSS (hidden
elements still count), tables as rows, encodings declared in `<meta charset>` (the bytes are
decoded by `decoding.decode_text`, which recognises UTF-8 and Windows-1252 itself).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant import messages as msg
from assistant.errors import UnreadableFileError
from assistant.records import Block
from assistant.text import normalize_ws

from .decoding import decode_text

_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "br", "tr", "td", "blockquote", "dd", "dt"})
_SKIP_TAGS = frozenset({"script", "style", "nav", "footer", "header", "noscript", "svg", "form"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_CHROME_WORDS = frozenset({"breadcrumb", "breadcrumbs", "kruimelpad", "cookie", "cookies", "cookiebar", "menu", "navbar",
                           "navigation", "navigatie", "skiplink", "footer", "sitemap"})
# Elements without an end tag, or whose end tag HTML lets a page leave out: marked as chrome, they
# would hide the rest of the page.
_NOT_CLOSED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                         "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"})


def _is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """An element the site marks as navigation or chrome: by its role, or a word of its class or id.

    Example: _is_chrome("div", [("class", "site-breadcrumb small")]) is True
    Example: _is_chrome("div", [("class", "menukaart")]) is False
    Example: _is_chrome("p", [("class", "cookie")]) is False
    """
    if tag in _NOT_CLOSED:
        return False
    values = dict(attrs)
    if (values.get("role") or "").lower() in _CHROME_ROLES:
        return True
    words = re.split(r"[\s_-]+", f"{values.get('class') or ''} {values.get('id') or ''}".lower())
    return bool(_CHROME_WORDS.intersection(words))


class _HTMLBlocks(HTMLParser):
    _BLOCK = _BLOCK_TAGS
    _SKIP = _SKIP_TAGS

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = "paragraph"
        self._level = 1
        self._skip = 0
        self._in_title = False
        self._chrome: list[list] = []  # [tag, depth] of each open chrome element (_is_chrome)

    def flush(self) -> None:
        text = normalize_ws("".join(self._buf))
        if text:
            self.blocks.append(Block(self._kind, text, level=self._level))  # type: ignore[arg-type]
        self._buf.clear()
        self._kind, self._level = "paragraph", 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] += 1
        elif _is_chrome(tag, attrs):
            self._chrome.append([tag, 1])
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self._kind, self._level = "heading", int(tag[1])
        elif tag == "li":
            self.flush()
            self._kind = "list_item"
        elif tag in self._BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] -= 1
            if not self._chrome[-1][1]:
                self._chrome.pop()
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK or tag in {"li", "ul", "ol"}:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip and not self._chrome:
            self._buf.append(data)


def load_html(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_html(b"<nav>Menu</nav><h1>Doel</h1><p>Tekst.</p>", "a.html")[0]
             == [Block("heading", "Doel"), Block("paragraph", "Tekst.")]
    """
    parser = _HTMLBlocks()
    try:
        parser.feed(decode_text(data, name))
        parser.close()
    except AssertionError as exc:  # html.parser's answer to a malformed `<![...[` section
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="HTML")) from exc
    parser.flush()
    title = normalize_ws(parser.title)
    return parser.blocks, {"title": title} if title else {}
