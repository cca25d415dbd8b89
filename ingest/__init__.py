"""Ingestion: files on disk -> structural blocks -> chunks -> the index.

- loaders.py   read PDF, DOCX, HTML, Markdown and TXT into blocks with metadata
- chunking.py  structure-aware, token-sized chunks (pure)
- sources.py   the corpus manifest (title, publisher, date, type)
- pipeline.py  incremental, content-hashed writes to the vector store and keyword index
"""
