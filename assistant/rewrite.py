"""Follow-up questions made standalone, without an LLM.

A question that leans on the conversation ("En wat verwacht het zorgkantoor daarbij?") gets
the subject of the previous question attached. Deterministic and instant, so it works in every
answer mode; the LLM never sees an unresolved follow-up.
Not done here: coreference of more than one turn back (the last question carries the topic).
"""

from __future__ import annotations

import re

from .text import normalize_ws

_FOLLOW_UP_START = re.compile(
    r"^(en|maar|ook|dus|of|verder|daarnaast|and|but|also|what about|how about|"
    r"hoe zit het met|wat nog meer|en verder|wat betekent dat)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(daar\w*|hier\w*|er(bij|van|voor|in|over|mee|aan|op|uit)|deze|dit|ze|zij|hun|hem|"
    r"hij|(tussen|van|bij|in|over|voor|met|aan|op|uit|naar) (die|dat|deze|dit) \w+|dat concreet|it|they|them|this|that|these|those|its|their|welke daarvan|"
    r"de eerste|de tweede|de laatste|het eerste|het laatste|nog meer|andere)\b",
    re.IGNORECASE,
)
_QUESTION_WORDS = re.compile(r"^(wat|welke|hoe|wie|waarom|wanneer|waar|hoeveel|noem|geef|leg|what|which|how|who|why)\b", re.I)


def is_follow_up(question: str) -> bool:
    """Example: is_follow_up("En wat verwacht het zorgkantoor daarbij?") is True"""
    q = normalize_ws(question)
    words = q.split()
    if _FOLLOW_UP_START.match(q):
        return True
    if len(words) <= 4:
        return True
    return bool(_ANAPHORA.search(q)) and len(words) <= 14


def _topic(previous: str) -> str:
    """The previous question without its question word and mark."""
    topic = _QUESTION_WORDS.sub("", normalize_ws(previous)).strip(" ?")
    return topic or previous


TOPIC_MARK = " (over: "
TOPIC_WEIGHT = 0.3  # the earlier question's words in a follow-up, against its own words


def standalone(question: str, history: list[str] | None) -> str:
    """Attach the topic of the last question to a follow-up; other questions pass unchanged.

    Example: standalone("En wat verwacht het zorgkantoor daarbij?", ["Wat houdt Thuis als het kan in?"])
             == "En wat verwacht het zorgkantoor daarbij? (over: houdt Thuis als het kan in)"
    """
    question = normalize_ws(question)
    previous = [normalize_ws(h) for h in (history or []) if normalize_ws(h)]
    if not previous or not is_follow_up(question):
        return question
    return f"{question}{TOPIC_MARK}{_topic(previous[-1])})"


def split_topic(query: str) -> tuple[str, str]:
    """A standalone query back into the follow-up and the topic it was given.

    Example: split_topic("En daarbij? (over: Thuis als het kan)") == ("En daarbij?", "Thuis als het kan")
    """
    if query.endswith(")") and TOPIC_MARK in query:
        question, topic = query.rsplit(TOPIC_MARK, 1)
        return question, topic[:-1]
    return query, ""
