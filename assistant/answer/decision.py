"""Answer or refuse: one fitted probability over a few named signals, with its reason (pure).

The signals describe how well the best passages and the extractive answer's own quotes cover
the question: the ranker's score for the best passage and its lead over the next, the dense
cosine (relative to the embedding model's own threshold), the share of the question's terms
in the passages and in the quoted paragraphs (each term weighted by how much its word tells in
general language, not by the corpus's idf; a verb counts in any of its regular forms, a word in a
compound that starts or ends with it), whether the question's rarest term occurs at all, whether the
quotes hold the kind of fact asked for in a sentence that, under its heading and title, names enough
of what is asked (NAMING_SHARE; and, with its own weight, whether one is asked and missing),
how many of the question's names the quotes leave out, and how many terms the question has (the
scale of its shares). A logistic regression fitted on labelled questions, each weight kept on the
side its signal's meaning gives it (`SIGNS`; `zorgassistent calibrate`,
`assistant/fitted/decide.json`), turns them into the probability
that the question is answerable from these passages; it answers at `CUTOFF` or more.
Without a fitted model, the calibrated rule of refusal.py decides (the same signals, fixed cut-offs).

The reason for a refusal is the signal that pulled the probability down most, in Dutch; a
refusal for a missing word names the most telling one no passage holds, not a common verb.
`judge` reads the signals off a question, its passages, its quotes and the corpus (idf); the
rest of this module is the arithmetic on them. How much each of the question's words tells, and
which one a refusal names: question_words.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import fitted
from .. import messages as msg
from ..compounds import compound_parts
from ..glossary import expand
from ..keyword_index import term_share, tokenize
from ..records import Citation, Hit
from ..rewrite import TOPIC_WEIGHT, split_topic
from ..text import lines_above, paragraph_of
from ..word_forms import apart_verbs
from .along import LINE_FACTS
from .extractive import ASKING_WORDS, particle_terms
from .fact_kinds import ABOUT_SUBJECT
from .facts import Fact, headed_by, supported
from .lists import ordinals_numbered
from .names import Cited, named, passage_about, unsupported_names
from .question_words import (
    HAPPENING,
    as_written,
    asked_term,
    informativeness,
    joined_verbs,
    missing_word,
    named_in_parts,
    rarest_term,
    split_verbs,
    without_fact_phrase,
    written_terms,
)
from .refusal import Evidence, assess

if TYPE_CHECKING:
    from ..corpus import Corpus

FEATURES = (
    "rank_top",        # the ranker's score of the best passage
    "rank_margin",     # its lead over the second passage
    "rank_spread",     # its lead over the mean of passages 2-10 (a flat ranking: nothing stands out)
    "dense_top",       # best dense cosine of the top 3, minus the model's relevance threshold
    "dense_spread",    # that cosine minus the mean cosine of the top 10
    "coverage",        # share of the question's terms in the top 3 passages, weighted by what each word tells (informativeness)
    "rarest_present",  # the question's rarest term is in the top 3 passages (1/0)
    "quote_coverage",  # the same share in the quoted paragraphs (and their headings)
    "fact_supported",  # the quotes hold the kind of fact asked for (+1), do not (-1), nothing asked (0)
    "fact_missing",    # a kind of fact is asked for and the quotes do not hold it (1/0): its own weight,
                       # as a held fact says less for an answer than a missing one says against it
    "names_missing",   # how many of the question's names and numbers the quotes leave out
    "question_terms",  # how many terms the question has: what a share means depends on it (one word
                       # missing of seven is a paraphrase more often than one of two)
)

# The direction in which each signal may move the probability (+1 towards answering, -1 towards
# refusing, 0 either way). The fit keeps every weight on its side: with a few hundred questions,
# correlated signals otherwise trade weights and one ends up pushing against its own meaning (a
# question's rarest word found, counted against answering).
SIGNS = {"rank_top": 1, "rank_margin": 1, "rank_spread": 1, "dense_top": 1, "dense_spread": 1, "coverage": 1,
         "rarest_present": 1, "quote_coverage": 1, "fact_supported": 1, "fact_missing": -1, "names_missing": -1,
         "question_terms": 0}

# The share of the question's terms (weighted as for coverage) that the sentence holding the fact
# asked for names, with its heading, title and publisher. Any one term was enough: the end of one
# programme's financiering answered a question about another's. 0.6 refused four answers in dev and
# browser whose count sits under a heading that says only part of the question; 0.4 none.
NAMING_SHARE = 0.4

# Answer when P(answerable) >= CUTOFF: a wrong answer and a wrong refusal cost the same (the
# model is fitted with balanced classes), so the cut-off is the middle.
CUTOFF = 0.5


@dataclass(frozen=True)
class Decision:
    answer: bool
    probability: float | None           # None: decided by the fallback rule
    reason: str                         # Dutch, for the user and the evaluation report
    kind: str                           # "beantwoord" | "namen" | "woord" | "feit" | "onderwerp" | "geen citaat" | "instructies"
    features: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"answer": self.answer, "probability": None if self.probability is None else round(self.probability, 3),
                "reason": self.reason, "kind": self.kind, "features": {k: round(v, 3) for k, v in self.features.items()}}


def row(rank_scores: Sequence[float], dense_scores: Sequence[float], min_dense: float, terms: Mapping[str, float],
        passage_tokens: set[str], quote_tokens: set[str], fact: str, fact_supported: bool,
        names_missing: int, rarest: str | None = None) -> list[float]:
    """The FEATURES of one question. `rank_scores` and `dense_scores`: of the top 10 passages, best
    first; `terms`: the question's stemmed terms with their weight for coverage (informativeness);
    `fact`: the kind asked ("" none); `rarest`: the term that must be found (default: `rarest_term(terms)`).

    Example: row([2.0, 0.5, 0.5], [0.75, 0.6, 0.6], 0.5, {"a": 1.0, "b": 3.0}, {"a", "b"}, {"a"}, "", False, 0)
             == [2.0, 1.5, 1.5, 0.25, 0.1, 1.0, 1.0, 0.25, 0.0, 0.0, 0.0, 2.0]
    """
    rarest = rarest_term(terms) if rarest is None else rarest
    dense_top = max(dense_scores[:3], default=0.0)
    return [
        rank_scores[0] if rank_scores else 0.0,
        rank_scores[0] - rank_scores[1] if len(rank_scores) > 1 else 0.0,
        rank_scores[0] - sum(rank_scores[1:10]) / len(rank_scores[1:10]) if len(rank_scores) > 1 else 0.0,
        dense_top - min_dense,
        dense_top - sum(dense_scores[:10]) / len(dense_scores[:10]) if dense_scores else 0.0,
        term_share(terms, passage_tokens),
        1.0 if rarest and rarest in passage_tokens else 0.0,
        term_share(terms, quote_tokens),
        0.0 if not fact else (1.0 if fact_supported else -1.0),
        1.0 if fact and not fact_supported else 0.0,
        float(names_missing),
        float(len(terms)),
    ]


def model(embedding: str) -> fitted.LinearModel | None:
    return fitted.load("decide", FEATURES, embedding)


def decide(values: list[float], names: list[str], absent_word: str, fact: str,
           model_: fitted.LinearModel | None, fallback: bool, elsewhere: Sequence[str] = ()) -> Decision:
    """The decision and its reason. `names`: the question's names the quotes leave out; `elsewhere`:
    those they name, but not with the fact asked for ("Hoeveel medewerkers heeft X?" with Y's count);
    `absent_word`: the question's most telling word that no passage holds ("" none, see missing_word);
    `fallback`: the rule's verdict when no model is fitted."""
    features = dict(zip(FEATURES, values))
    if model_ is None:
        probability, answer, pulls = None, fallback, features
        order = ["names_missing", "fact_supported", "rarest_present", "coverage"]
    else:
        probability = model_.probability(values)
        answer = probability >= CUTOFF
        pulls = model_.contributions(values)
        order = [f for f, v in sorted(pulls.items(), key=lambda kv: kv[1]) if v < 0]
    if answer:
        return Decision(True, probability, msg.DECISION_ANSWERED, "beantwoord", features)
    for name in order:
        if name == "names_missing" and names:
            return Decision(False, probability, msg.DECISION_NAMES.format(names=_quoted(names)), "namen", features)
        if name == "names_missing" and elsewhere and features["fact_supported"] >= 0:
            return Decision(False, probability, msg.DECISION_NAMES_ELSEWHERE.format(names=_quoted(elsewhere)), "namen", features)
        if name in ("fact_supported", "fact_missing") and features["fact_supported"] < 0:
            return Decision(False, probability, msg.DECISION_FACT.format(fact=msg.DECISION_FACT_WORDS.get(fact, fact)), "feit", features)
        if name in ("rarest_present", "coverage", "quote_coverage") and absent_word:
            return Decision(False, probability, msg.DECISION_WORD.format(word=absent_word), "woord", features)
    return Decision(False, probability, msg.DECISION_TOPIC, "onderwerp", features)


def _quoted(names: list[str]) -> str:
    shown = [f"'{n}'" for n in names[:3]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " of " + shown[-1]


# ---------------------------------------------------------------------- the signals of one question
def judge(question: str, query: str, english: bool, fact: Fact, hits: list[Hit], citations: list[Citation],
          passages: list[Hit], corpus: Corpus, min_dense: float, model_: fitted.LinearModel | None) -> Decision:
    """Answer or refuse `question` (as the user wrote it, words matched to the corpus; `query`: with
    the follow-up's topic) from the ranked `hits` and the extractive answer's `citations`,
    taken from `passages`. Without a fitted model the rule of refusal.py decides."""
    if not citations:
        return Decision(False, None, msg.DECISION_NO_QUOTE, "geen citaat")
    # A verb in a form the corpus lacks is measured in the form it has ("organiseerde": "organiseren").
    asked = expand(query) if english else corpus.vocabulary.corrected(query, verb_forms=True, short_verbs=True)
    terms = {t: w for t, w in corpus.idf(tokenize(without_fact_phrase(asked, fact))).items() if not english or corpus.knows(t)}
    # The terms of each passage, once: the top 3 for the signals, every passage read for the refusal's word.
    # A document's publisher is who its "wij" is: a question naming the publisher is covered by its documents.
    # A passage that writes "WZD" names the Wet zorg en dwang (glossary), and the other way round.
    chunks = {h.chunk.id: h.chunk for h in [*hits[:3], *passages]}
    particles = particle_terms(terms, asked)  # "aanleveren", written apart: "leveren ... aan"
    apart = apart_verbs(re.findall(r"[^\W\d_]+", asked.lower()))  # and the other way round: "los zit", "loszitten"
    written = {cid: written_terms(f"{c.search_text}\n{c.publisher}") | split_verbs(particles, c.text) | joined_verbs(apart, c.text)
               for cid, c in chunks.items()}
    passage_tokens = set().union(*(written[h.chunk.id] for h in hits[:3]))
    texts = {h.chunk.id: h.chunk.text for h in passages}
    paragraphs = [paragraph_of(texts.get(c.chunk_id, c.quote), c.quote) for c in citations]
    quote_tokens = set().union(*(written_terms(f"{p}\n{c.heading}\n{c.title}\n{c.publisher}") | split_verbs(particles, p) | joined_verbs(apart, p)
                                 for p, c in zip(paragraphs, citations)))
    # A Dutch compound holds its parts: a passage on the "Beeldzorgteam" names "beeldzorg".
    # A compound of the question written in parts counts only within what is quoted: over three passages its
    # parts are too easily found apart ("schoolboeken": "schoolarts" here, "boeken" there).
    passage_tokens |= compound_parts(terms, passage_tokens, short_heads=True) | named_in_parts(terms, passage_tokens)
    quote_tokens |= compound_parts(terms, quote_tokens, short_heads=True) | named_in_parts(terms, quote_tokens, asked)
    numbered = ordinals_numbered(asked, [c.quote for c in citations])  # "het tweede X" quoted as "2. ..."
    passage_tokens |= numbered
    quote_tokens |= numbered
    terms = {t: w for t, w in terms.items() if t not in HAPPENING or t in passage_tokens}
    dense = [h.dense_score for h in hits[:10] if h.dense_score is not None]
    # What the fact is about, without the question's names (whose fact it is, names_missing says) and
    # its asking words; a list, or what a subject is or does (which has_fact finds where the text
    # introduces the subject), is not tied to one sentence.
    weights = informativeness(asked, terms)
    names = set(tokenize(" ".join(word for name in named(question) for word in name))) | ASKING_WORDS
    about = {t: w for t, w in weights.items() if t not in names}
    namings = [_naming(about, asked, c, lines_above(texts.get(c.chunk_id, c.quote), c.quote) if fact.kind in LINE_FACTS else "")
               for c in citations]
    fact_held = (supported([c.quote for c in citations], fact) or any(headed_by(c.heading, fact) for c in citations)
                 if fact.kind == "opsomming" or fact.kind in ABOUT_SUBJECT
                 else any(supported([c.quote], fact, naming) for c, naming in zip(citations, namings)))
    # The names must be where the fact is: with the sentence that holds it and names what is asked,
    # not with another passage's sentence that happens to hold the same kind of fact.
    missing = unnamed(question, fact, citations, passages, english, corpus, namings)
    own_words, topic = split_topic(asked)
    own = set(tokenize(own_words)) - ASKING_WORDS
    rarest = asked_term(terms, own)
    if own and topic:  # a follow-up asks its own words; the earlier topic found the passages
        weights = {t: w * (1.0 if t in own else TOPIC_WEIGHT) for t, w in weights.items()}
    values = row([h.score for h in hits[:10]], dense, min_dense, weights, passage_tokens, quote_tokens,
                 fact.kind, fact_held, len(missing), rarest)
    # The word a refusal names is one that no passage the answer read holds (not only the top 3):
    # "Geen passage noemt 'huisarts'" must be true.
    read_tokens = set().union(*(written[h.chunk.id] for h in passages))
    read_tokens |= compound_parts(terms, read_tokens, short_heads=True) | named_in_parts(terms, read_tokens)
    word = missing_word(asked, weights, passage_tokens | quote_tokens | read_tokens, own)
    if word and word not in query:  # named as the user wrote it ("wijzigt", not the corpus's "gewijzigd")
        word = next((w for w in re.findall(r"[\w-]+", query) if corpus.vocabulary.correction(w, verb_forms=True, short_verbs=True) == word), word)
    rule = model_ is None and evidence(query, hits, english, corpus, min_dense).sufficient and fact_held and not missing
    # "Geen passage noemt X" only for a name that no passage read mentions; a name the passages say, but not
    # with the fact, is another reason ("Wat is het adres van X?": X is said, the address missing).
    absent = {as_written(question, n) for n in _unread(question, passages, english, corpus)} if missing else set()
    said = list(dict.fromkeys(as_written(question, n) for n in missing))
    return decide(values, [n for n in said if n in absent], word, fact.kind, model_, rule, [n for n in said if n not in absent])


def _naming(weights: Mapping[str, float], question: str, cited: Citation, above: str = "") -> Callable[[str], bool]:
    """Whether a sentence of the quote, read under its heading, title and publisher, names what the
    question asks about: at least NAMING_SHARE of its terms as coverage weighs them (`weights`), a
    term also in a compound. "Hoeveel kost X?" is not answered by the price of Y, nor "Wanneer loopt
    de financiering van X af?" by the end of another programme's financiering; a byline or phone line
    (along.LINE_FACTS) counts under the title of its document and the short lines `above` it (a
    signature: "Marieke Smit / Teamcoach / 06 12 34 56 78")."""
    around = f"{cited.heading}\n{cited.title}\n{cited.publisher}\n{above}"

    def names_enough(sentence: str) -> bool:
        words = written_terms(f"{sentence}\n{around}")
        return not weights or term_share(weights, words | compound_parts(weights, words, short_heads=True) | named_in_parts(weights, words, question)) >= NAMING_SHARE
    return names_enough


def unnamed(question: str, fact: Fact, citations: list[Citation], passages: list[Hit], english: bool,
            corpus: Corpus, namings: Sequence[Callable[[str], bool]] | None = None) -> list[tuple[str, ...]]:
    """The names and numbers of the question that the cited quotes leave out (see
    names.unsupported_names; `namings`: per citation, whether a sentence names what is asked);
    an English question only counts names the corpus knows."""
    texts = {h.chunk.id: h.chunk.text for h in passages}
    cited = [Cited(c.quote, paragraph_of(texts.get(c.chunk_id, c.quote), c.quote),
                   passage_about(question, c.heading, c.title, c.publisher)) for c in citations]
    return unsupported_names(question, fact, cited, known=_known(english, corpus), namings=namings)


def _unread(question: str, passages: list[Hit], english: bool, corpus: Corpus) -> list[tuple[str, ...]]:
    """The question's names that no passage read mentions, in its text, heading, title or publisher:
    what "Geen passage noemt ..." may say (a name only away from the fact is another reason)."""
    cited = [Cited(h.chunk.text, f"{h.chunk.text}\n{h.chunk.heading}\n{h.chunk.title}\n{h.chunk.publisher}", "") for h in passages]
    return unsupported_names(question, Fact(), cited, known=_known(english, corpus))


def _known(english: bool, corpus: Corpus) -> Callable[[str], bool] | None:
    """Which names count: all, or for an English question only words the corpus has (not "Dutch")."""
    return (lambda word: any(corpus.knows(t) for t in tokenize(word))) if english else None


def holds(question: str, fact: Fact, cited: list[Citation], passages: list[Hit], english: bool, corpus: Corpus) -> bool:
    """The quotes hold the fact asked for and name what the question names: a count for one
    organisation does not answer a question about another, nor a Dutch figure one about Belgium."""
    return supported([c.quote for c in cited], fact) and not unnamed(question, fact, cited, passages, english, corpus)


def evidence(query: str, hits: list[Hit], english: bool, corpus: Corpus, min_dense: float) -> Evidence:
    """How well the hits support an answer (the rule without a fitted model). An English question is
    measured by the words the corpus knows (its Dutch glossary terms included)."""
    if not english:
        return assess(query, hits, corpus.idf(tokenize(query)), min_dense)
    expanded = expand(query)
    return assess(expanded, hits, corpus.idf(tokenize(expanded)), min_dense, keep=corpus.knows)
