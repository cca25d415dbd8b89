"""Hard-wrapped text: lines broken at a fixed width (e-mails, exports, `fmt`) joined into paragraphs.

A text file is read one paragraph per line. A text wrapped at 72 or 80 characters breaks its
paragraphs over several lines, so each line became a paragraph of its own, the short last ones and
those ending in a hyphenated half word ("multidiscipli-") even headings.

Whether a file is wrapped, and where, comes from one observation: a wrapping tool breaks a line
where the next word would not have fitted. A line is *full* when it plus the next line's first word
is longer than the file's width (its longest line of at most MAX_WIDTH characters). A file is
wrapped when at least MIN_BREAKS full lines are followed by more text and most of them stop in the
middle of a sentence; a text written one paragraph per line has lines longer than any wrapping
width, or full lines that end their sentence. In a wrapped file a line is joined to the next
(`lines.rejoin` repairs a hyphenated word) when it is full, or when its sentence goes on in lower
case on the next line (wrapped by hand, or narrower than the widest line); never to a next line
that starts a list item, is a field ("Eigenaar: ..."), a rule or laid out with runs of spaces.
"""

from __future__ import annotations

from .lines import FIELD_LINE, LIST_MARK, SENTENCE_END, has_letters, rejoin

MAX_WIDTH = 100  # no tool wraps wider; a file with longer lines holds a paragraph per line
LONG_SHARE = 0.05  # a few longer lines (a web address) do not make a file unwrapped
MIN_BREAKS = 3


def unwrap(lines: list[str]) -> list[str]:
    """The lines with each wrapped paragraph on one line; unchanged when the file is not wrapped.

    Example: unwrap(["De wijkverpleging belt", "elke ochtend.", "Doel"]) == ["De wijkverpleging belt", "elke ochtend.", "Doel"]
             (one break is too few to tell a wrapped file from short lines)
    """
    width = _width(lines)
    if not width:
        return lines
    breaks = [i for i in range(len(lines) - 1) if _full(lines[i], lines[i + 1], width)]
    within = [i for i in breaks if not lines[i].rstrip().endswith(SENTENCE_END)]
    if len(breaks) < MIN_BREAKS or len(within) * 2 <= len(breaks):
        return lines
    joins = set(breaks) | {i for i in range(len(lines) - 1) if _mid_sentence(lines[i], lines[i + 1])}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i - 1 in joins:
            out[-1] = rejoin(out[-1], line)
        else:
            out.append(line)
    return out


def _width(lines: list[str]) -> int:
    """The wrapping width: the longest line of running text of at most MAX_WIDTH characters; 0 when
    too many are longer. A rule of dashes or a line laid out with runs of spaces is drawn to a width
    of its own, not wrapped."""
    lengths = [len(line.rstrip()) for line in lines if _running(line)]
    if not lengths or sum(n > MAX_WIDTH for n in lengths) > LONG_SHARE * len(lengths):
        return 0
    return max((n for n in lengths if n <= MAX_WIDTH), default=0)


def _running(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and has_letters(stripped) and "  " not in stripped


def _full(line: str, following: str, width: int) -> bool:
    """`line` was broken because the next line's first word did not fit, and that next line continues it."""
    if not line.strip() or not has_letters(line) or not _continuation(following):
        return False
    return len(line.rstrip()) + 1 + len(following.split()[0]) > width


def _mid_sentence(line: str, following: str) -> bool:
    """A sentence that goes on: `line` does not end it and `following` opens in lower case."""
    return bool(line.strip()) and not line.rstrip().endswith(SENTENCE_END) and _continuation(following) and (
        following.lstrip()[0].islower())


def _continuation(line: str) -> bool:
    """A line that may continue the one above: running text, not a list item or a field."""
    return _running(line) and not LIST_MARK.match(line.strip()) and not FIELD_LINE.match(line.strip())

