"""Evaluation: question sets as data, deterministic scoring, a runner and a report.

- metrics.py    pure scoring functions (recall@k, MRR, keyword coverage, citation validity, ...)
- runner.py     runs a question set through the assistant (or a baseline) and writes JSONL
- baselines.py  the LangChain tutorial retriever and BM25 alone, for comparison
- report.py     Markdown report with a PNG chart
- calibrate.py  `zorgassistent calibrate`: fits the models with cross-validated scores per set; the
                labelled rows come from calibrate_data.py, the fits themselves from fitting.py
- questions_dev.jsonl  the development set (Dutch, written from the five seed documents)
- questions_extra.jsonl  a second set, written later to check that refusal rules carry over:
                         near misses (another region, organisation or age group than the
                         documents give) and plain questions about the same documents
- questions_browser.jsonl  a third set (stop 29): questions as a care manager types them in the
                         chat (short, loose, comparisons, follow-ups, contact details, laws
                         and topics the documents do not treat)
"""
