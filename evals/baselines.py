"""Baselines for comparison, scored by the same runner.

- "tutorial": the plain LangChain tutorial retriever: RecursiveCharacterTextSplitter(1000, 200)
  over the raw documents, dense only (the same e5 model), top-k from an in-memory vector store.
- "bm25": our Dutch BM25 alone over our chunks.
Both return retrieval only: no answer, never a refusal.
"""

from __future__ import annotations

import time

from assistant.settings import Settings


def make_baseline(settings: Settings, kind: str, k: int = 10):
    match kind:
        case "tutorial":
            return _tutorial(settings, k)
        case "bm25":
            return _bm25(settings, k)
        case _:
            raise ValueError(f"Onbekende vergelijkingsbasis {kind!r}. Kies uit: tutorial, bm25.")


def _result(item: dict, docs: list[tuple[str, str, str, float]], started: float, kind: str) -> dict:
    elapsed = (time.perf_counter() - started) * 1000
    return {
        "question": item["question"], "mode": kind, "answer": "", "refused": False, "citations": [],
        "contexts": [{"rank": i, "chunk_id": cid, "source": src, "text": text, "score": score}
                     for i, (cid, src, text, score) in enumerate(docs, start=1)],
        "latency_ms": elapsed, "retrieval_ms": elapsed,
    }


def _tutorial(settings: Settings, k: int):
    from langchain_core.documents import Document
    from langchain_core.vectorstores import InMemoryVectorStore
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.embeddings import make_embedder

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = []
    for path in sorted(settings.corpus_dir.glob("*.txt")):
        source = f"{settings.corpus_dir.name}/{path.name}"
        docs.append(Document(page_content=path.read_text(encoding="utf-8"), metadata={"source": source}))
    splits = splitter.split_documents(docs)
    store = InMemoryVectorStore(make_embedder(settings.embedding))
    ids = store.add_documents(splits)

    def run(item: dict) -> dict:
        started = time.perf_counter()
        found = store.similarity_search_with_score(item["question"], k=k)
        return _result(item, [(d.id or "", d.metadata["source"], d.page_content, float(s)) for d, s in found], started, "tutorial")

    del ids
    return run


def _bm25(settings: Settings, k: int):
    from assistant.index import open_index
    from assistant.retrieval import HybridRetriever

    retriever = HybridRetriever(open_index(settings))
    retriever.warm_up()

    def run(item: dict) -> dict:
        started = time.perf_counter()
        found = retriever._keyword.search(item["question"], k)  # noqa: SLF001 - baseline on purpose
        chunks = retriever.chunks
        return _result(item, [(cid, chunks[cid].source, chunks[cid].text, s) for cid, s in found], started, "bm25")

    return run
