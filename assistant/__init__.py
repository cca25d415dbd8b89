"""Zorgassistent: a Dutch assistant over policy documents on hybrid care.

Where things live:
- settings.py      configuration, read from the environment once
- records.py       the dataclasses that flow between the parts (Block, Chunk, Hit, Answer)
- embeddings.py    the embedding seam (e5, USE, sentence-transformers, fake)
- store.py         the vector store seam (Chroma, embedded or over HTTP)
- keyword_index.py Dutch BM25
- fusion.py        reciprocal rank fusion
- glossary.py      acronyms and names for query expansion
- rewrite.py       follow-up questions made standalone
- retrieval.py     the hybrid retriever
- answer/          turning passages into a cited, verified Dutch answer
- cli.py           the command line
"""

__version__ = "0.1.0"
